"""Fuzz target: derived-claim formulas (formula.references, evaluate, steps).

Property (properties.check_formula): a float or FormulaError; the claims asked for are
the formula's references, in order.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck"]):
    import properties

from _harness import fuzz, text

if __name__ == "__main__":
    fuzz(lambda data: properties.check_formula(text(data)))
