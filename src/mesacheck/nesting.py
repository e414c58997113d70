"""Bounds on Markdown nesting, checked before a parser sees the text.

Both parsers are recursive. markdown-it-py stops nesting at its `maxNesting` and drops
what lies deeper; markdown-it-pyrs (0.4) has no limit: 100,000 levels of `>`, `- `,
`* `, `*` or `![` overflow its stack and the process dies with a segmentation fault,
which no `try` can catch. So the text is measured first, in one linear pass:

- **Block nesting.** A line can sit inside no more containers (block quotes, list
  items) than its prefix opens or continues: each `>` and each list marker (`-`, `*`,
  `+`, `1.`, `1)` followed by a space) is one level, and every two further columns of
  indentation at most one more (a nested list item is indented by at least two). A
  line estimated deeper than `MAX_NESTING` is blanked (same length, so every offset of
  the file stays put) and reported as a problem with its line; the rest of the file is
  read as usual. Real documents nest a handful of levels.
- **Inline nesting.** Emphasis, links and images nest through their delimiters, which
  a line prefix does not show. A block (text between blank lines) holding more than
  `MAX_INLINE_DELIMITERS` of `*`, `_`, `~` and `[` is given to markdown-it-py, whose
  `maxNesting` bounds it, rather than to the Rust parser (which is also quadratic in
  nested emphasis: 50,000 `*a ` openers take over a minute). The result is the same.
"""

from __future__ import annotations

import re

MAX_NESTING = 32
"""Deepest container nesting read, in levels (block quotes and list items)."""

MAX_INLINE_DELIMITERS = 2000
"""Most `*`, `_`, `~` and `[` in one block before the Rust parser is not trusted with it."""

PY_MAX_NESTING = 2 * MAX_NESTING + 10
"""markdown-it-py's `maxNesting` (it counts a list and its item as two levels): deep
enough that it drops nothing the check lets through, so both parsers read the same."""

# a line whose prefix of container characters is long enough to be deep (a tab counts
# two levels at most, so half of MAX_NESTING characters can reach it)
_CANDIDATE = re.compile(rf"[ \t>*+\-0-9.)]{{{MAX_NESTING // 2},}}")
# the same after a newline: a pattern that starts with one is tried only at newlines, where
# one that starts with `^` is tried at every character
_CANDIDATE_NEXT = re.compile(rf"\n{_CANDIDATE.pattern}")
_MARKER = re.compile(r"[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_DELIMITERS = "*_~["


def depth(line: str) -> int:
    """An upper estimate of the container levels of one line (stops past MAX_NESTING)."""
    levels = columns = pos = 0
    while levels + columns // 2 <= MAX_NESTING:
        m = _MARKER.match(line, pos)
        if m is None or m.end() == pos:
            break
        marker = m.group()
        indent = marker[: len(marker) - len(marker.lstrip(" \t"))]
        # a tab is four columns; the one space a list marker needs is part of the marker
        columns += max(0, len(indent) + 3 * indent.count("\t") - (levels > 0))
        levels += 1
        pos = m.end()
    return levels + columns // 2


def bound_block_nesting(source: str) -> tuple[str, list[tuple[int, str]]]:
    """`source` with every line nested deeper than MAX_NESTING blanked, and one problem
    (line, message) naming the first such line and how many there are."""
    deep: list[tuple[int, int]] = []
    starts = [0] if _CANDIDATE.match(source) else []
    starts += [m.start() + 1 for m in _CANDIDATE_NEXT.finditer(source)]
    for start in starts:
        end = source.find("\n", start)
        end = len(source) if end < 0 else end
        if depth(source[start:end]) > MAX_NESTING:
            deep.append((start, end))
    if not deep:
        return source, []
    parts, prev = [], 0
    for start, end in deep:
        parts.append(source[prev:start])
        parts.append(" " * (end - start))
        prev = end
    parts.append(source[prev:])
    first = source.count("\n", 0, deep[0][0]) + 1
    more = f" (and {len(deep) - 1} more lines)" if len(deep) > 1 else ""
    message = (
        f"nested more than {MAX_NESTING} levels deep (block quotes or lists){more}: "
        "not read, so its figures are not checked"
    )
    return "".join(parts), [(first, message)]


def dense_inline(source: str) -> bool:
    """Whether a block of `source` holds more than MAX_INLINE_DELIMITERS delimiters."""
    if sum(source.count(c) for c in _DELIMITERS) <= MAX_INLINE_DELIMITERS:
        return False
    return any(
        sum(block.count(c) for c in _DELIMITERS) > MAX_INLINE_DELIMITERS
        for block in _BLANK_LINE.split(source)
    )
