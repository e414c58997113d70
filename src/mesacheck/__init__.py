"""mesacheck: a linter for the numbers in prose."""

__version__ = "0.2.0"
