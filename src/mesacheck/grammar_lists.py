"""Numbers read with their siblings: a list item `Label: N` among others alike, and a
cross-tabulation's bare counts.

- `listed`: a list item `Label: N` among three or more alike (`* Cargo: 600`, `* Lang
  triage: 604`, `* Libs: 705`; `- Completed: 9`, `- Some progress: 9`) is a count its
  list leaves unnamed (unit ""), as a chart's value (LABELS.md: a noun "named by the
  sibling items of the same list or chart", or by the list's lead); never in a list with
  a label that names a product or system (`iOS: 10` is a version), nor a dotted number.
  `figures` asks it of a paragraph the grammar read nothing in, with the source around.
- `row_unit`: a cross-tabulation's row, a label of words then two or more bare counts
  under a header of words (`Aspiration | 6 | 2 | 2` under `No Plan`), counts its label
  in the plural (aspirations); `grammar_units.cell` asks it when the column header names
  no unit.
"""

from __future__ import annotations

import re

from mesacheck.grammar_groups import _YEAR, Form, _count
from mesacheck.lazy_re import lazy

# a cross-tabulation's row: a label of words, then counts only ("| Aspiration | 6 | 2 | 2 |")
_ROW_LABEL = re.compile(r"[A-Z][a-z]+(?: [A-Za-z][a-z]+){0,3}")
_ROW_COUNT = re.compile(r"\d{1,4}")
_WORDS_HEADER = re.compile(r"[A-Za-z][A-Za-z ]{1,40}")


def row_unit(row: str, header: str) -> str | None:
    """What the bare counts of a cross-tabulation's row count, its label in the plural
    ("Concrete Initiative | 4 | 2 | 3" under "No Specific Goals": concrete initiatives),
    or None: the row holds two counts or more and nothing else, its column header is
    words (no unit, no number), no cell is a year."""
    label, *cells = (c.strip() for c in row.split("|"))
    if (
        len(cells) < 2
        or _ROW_LABEL.fullmatch(label) is None
        or _WORDS_HEADER.fullmatch(header.strip()) is None
        or not all(_ROW_COUNT.fullmatch(c) and not re.fullmatch(_YEAR, c) for c in cells)
    ):
        return None
    low = label.lower()
    return low if low.endswith("s") else low + "s"


# a list item that is a label, a colon and a whole number, and its siblings alike
_LISTED = lazy(r"[ \t]*(?P<label>[A-Za-z][\w .'/-]{0,40}?):[ \t]+(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s*")
_SIBLING = lazy(r"[ \t]*[*+-][ \t]+(?P<label>[A-Za-z][\w .'/-]{0,40}?):[ \t]+\d[\d,.]*k?[ \t]*")
# labels that name a product or system, whose number is a version ("iOS: 10")
_VERSIONED = lazy(
    r"(?i:\w*os|android|windows|linux|python|rust|rustc|llvm|gcc|clang|glibc|kernel|node|"
    r"java|version|edition|msrv|api(?: level)?)"
)


def _sibling(source: str, start: int, end: int) -> bool:
    """Whether the line [start, end) of `source` is a list item `Label: N` whose label
    names no product."""
    m = _SIBLING.fullmatch(source, start, end)
    return m is not None and _VERSIONED.fullmatch(m.group("label").strip()) is None


def listed(text: str, source: str, base: int) -> Form | None:
    """A list item `Label: N` (`text`, a segment at offset `base` of `source`) in a list
    of three items or more alike ("* Cargo: 600", "* Lang triage: 604", "* Libs: 705";
    "- Completed: 9", "- Some progress: 9", "- No progress: 4"): N is a count whose noun
    the list leaves out (its lead's or its siblings', as a chart's values; unit ""). Never
    in a list with a label that names a product or system (its number is a version), nor
    a number with a dot."""
    m = _LISTED.fullmatch(text)
    if m is None:
        return None
    start = source.rfind("\n", 0, base + m.start("n")) + 1
    end = source.find("\n", start)
    end = end if end >= 0 else len(source)
    if not _sibling(source, start, end):
        return None
    run, up, down = 1, start, end
    while up > 0 and run < 3:  # the siblings above it, then below it
        j = source.rfind("\n", 0, up - 1) + 1
        if not _sibling(source, j, up - 1):
            break
        run, up = run + 1, j
    while down < len(source) and run < 3:
        j = source.find("\n", down + 1)
        j = j if j >= 0 else len(source)
        if not _sibling(source, down + 1, j):
            break
        run, down = run + 1, j
    if run < 3:
        return None
    return _count(m.group("n"), "", "", m.start("n"), m.end("n"))
