"""Fuzz target: the Markdown front end (segments.parse + figures.extract, both backends).

Property (properties.check_markdown): no exception, and every figure's text is the exact
source slice `line[column-1:end_column-1]` of its line.
"""

import atheris

with atheris.instrument_imports(include=["mesacheck", "markdown_it"]):
    import properties

from _harness import fuzz, text

if __name__ == "__main__":
    fuzz(lambda data: properties.check_markdown(text(data)))
