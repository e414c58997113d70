"""Fuzz target: the baseline reader (baseline.load of a file with the input's bytes).

Property (properties.check_baseline): a Counter of fingerprints or BaselineError.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck"]):
    import properties

from _harness import fuzz

if __name__ == "__main__":
    fuzz(properties.check_baseline)
