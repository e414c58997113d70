"""Fuzz target: the two Markdown backends agree on figures and their places.

Property (properties.check_parsers_agree); not in `--target all` (issue 11 item 7 is open
work: run it with `--target parsers`).
"""

import atheris

with atheris.instrument_imports(include=["mesacheck", "markdown_it"]):
    import properties

from _harness import fuzz, text

if __name__ == "__main__":
    fuzz(lambda data: properties.check_parsers_agree(text(data)))
