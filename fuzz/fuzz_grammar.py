"""Fuzz target: the figure grammar (grammar.scan, grammar.parse_value).

Property (properties.check_grammar): exact, ordered spans; finite values; anchored and
unanchored scans agree; parse_value gives a figure or ValueError_.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck"]):
    import properties

from _harness import fuzz, text

if __name__ == "__main__":
    fuzz(lambda data: properties.check_grammar(text(data)))
