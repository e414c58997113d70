"""Fuzz target: the registry loader (registry.load of a claims/ folder holding one YAML
file with the input's bytes: registry_yaml, registry_schema, formulas).

Property (properties.check_registry): MC101/MC104 problems at a line of the file, never
an exception; the registry survives its plain (cached) form.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck"]):
    import properties

from _harness import fuzz

if __name__ == "__main__":
    fuzz(properties.check_registry)
