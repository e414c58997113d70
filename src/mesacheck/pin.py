"""Pinned claims: a claim that holds for one place of one article (what harvest drafts).

A claim with `scope: <article path>` and `anchor: <the words around its figure>` is not
resolved by its subject phrases like other claims: it can only be quoted by a figure of
that article, and only by the figure whose own words (its `anchor`) are the nearest to
the claim's anchor, fuzzily (rapidfuzz), so that the claim still pins its figure after
the sentence around it is edited. A pinned claim never resolves a figure of another
article, and never takes a figure that a claim of the ordinary index resolves.

An anchor is the figure's sentence with the figure as `@` and every other number as `#`,
lower-cased, in words, at most `WINDOW` words on each side of the figure; for a table
cell of its own, the row's first cell and the column header: "serde | share | @".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from mesacheck.figures import DocFigure
from mesacheck.grammar import Figure
from mesacheck.values import agrees, comparable

WINDOW = 8  # words either side of the figure
CUTOFF = 72.0  # the least similarity (0-100) at which an anchor still pins its figure
TIE = 6.0  # candidates this close to the best count as tied: the one that agrees wins
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[#@]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def anchor(fig: DocFigure) -> str:
    """The words around `fig` that pin it (see the module's docstring)."""
    if bare_cell(fig):
        first = fig.row.split("|", 1)[0]
        return _anchor(_words(first)[:WINDOW], ["|", *_words(fig.header)[:WINDOW], "|"], [])
    s = fig.sentence
    a, b = fig.at, fig.at + len(fig.text)
    left = _words(_masked(s[:a], fig.others, 0))[-WINDOW:]
    right = _words(_masked(s[b:], fig.others, b))[:WINDOW]
    return _anchor(left, [], right)


def bare_cell(fig: DocFigure) -> bool:
    """Is the figure a table cell of its own (not a sentence written in a cell)? Such a
    cell is known by its row's first cell and its column's header."""
    return fig.where == "cell" and bool(fig.row) and fig.sentence == fig.row


def _anchor(left: list[str], middle: list[str], right: list[str]) -> str:
    return " ".join([*left, *middle, "@", *right])


def _masked(text: str, others: Iterable[tuple[int, int]], base: int) -> str:
    """`text` (which starts at `base` of the sentence) with the other figures as `#`."""
    out, pos = [], 0
    for x, y in sorted(others):
        x, y = x - base, y - base
        if y <= 0 or x >= len(text) or x < pos:
            continue
        out.append(text[pos : max(x, 0)] + " # ")
        pos = y
    out.append(text[pos:])
    return "".join(out)


@lru_cache(maxsize=4096)
def _words(text: str) -> list[str]:
    return _WORD.findall(_NUMBER.sub(" # ", text.lower().replace("@", " ")))


def scope_key(path: str) -> str:
    """A scope as harvest writes it: normalised, with forward slashes."""
    return os.path.normpath(path).replace(os.sep, "/")


class Pins:
    """The pinned claims of a registry, by their article's absolute path."""

    def __init__(self) -> None:
        self.by_path: dict[str, list[tuple[str, int]]] = {}  # path → [(anchor, claim index)]
        self._full: dict[str, str] = {}  # a figure's path as given → absolute

    def add(self, pinned_to: str, anchor_text: str, index: int) -> None:
        self.by_path.setdefault(pinned_to, []).append((anchor_text, index))

    def __bool__(self) -> bool:
        return bool(self.by_path)

    def plain(self) -> list:
        return [[k, [list(e) for e in v]] for k, v in self.by_path.items()]

    @classmethod
    def from_plain(cls, data: list) -> Pins:
        pins = cls()
        pins.by_path = {k: [(a, i) for a, i in v] for k, v in data}
        return pins

    def candidates(self, path: str) -> list[tuple[str, int]]:
        """(anchor, claim index) of the claims pinned to the file at `path`."""
        full = self._full.get(path)
        if full is None:
            if len(self._full) > 4096:
                self._full.clear()
            full = self._full[path] = os.path.normpath(os.path.abspath(path))
        return self.by_path.get(full, [])


def same(doc: Figure, claim: Figure) -> bool:
    """Does the figure say exactly what the claim says (no finding of any rule)?"""
    return (doc.kind, doc.values, doc.unit, doc.qualifier) == (
        claim.kind,
        claim.values,
        claim.unit,
        claim.qualifier,
    )


def fits(doc: Figure, claim: Figure) -> bool:
    """Can the figure quote a pinned claim of this value? As for any claim, or when kind
    and unit are the same (a bounded range, "up to 3-7%", pins itself)."""
    return comparable(doc, claim) or (doc.kind == claim.kind and doc.unit == claim.unit)


def similarity(a: str, b: str, ratio: Callable[[str, str], float]) -> float:
    """How alike two anchors are (0-100): the words before the figure compared with the
    words before, and after with after, weighted by their length, so that two figures of
    one sentence ("@ faster and tests # slower" against "# faster and tests @ slower")
    are told apart."""
    la, _, ra = a.partition("@")
    lb, _, rb = b.partition("@")
    total = 0.0
    score = 0.0
    for x, y in ((la.strip(), lb.strip()), (ra.strip(), rb.strip())):
        n = len(x) + len(y)
        if n:
            total += n
            score += n * (ratio(x, y) if x and y else 0.0)
    return score / total if total else 100.0


def best(
    fig: DocFigure,
    candidates: list[tuple[str, int]],
    value: Callable[[int], Figure],
) -> tuple[int, float] | None:
    """The candidate (claim index, score) whose anchor is nearest the figure's own, or
    None when none reaches CUTOFF. Among near-ties (within TIE of the best), one whose
    value is the figure's own wins, then one the figure agrees with ("90 minutes" agrees
    with 86 under rounding, but a list of "online for 86/90/107 minutes" pins each its own)."""
    from rapidfuzz import fuzz

    doc = fig.parsed
    mine = anchor(fig)
    scored = []
    for text, i in candidates:
        if not fits(doc, value(i)):
            continue
        score = 100.0 if text == mine else similarity(text, mine, fuzz.ratio)
        if score >= CUTOFF - TIE:
            scored.append((score, i))
    if not scored:
        return None
    top = max(s for s, _i in scored)
    if top < CUTOFF:
        return None
    tied = [(s, i) for s, i in scored if s >= top - TIE]

    def rank(item: tuple[float, int]) -> tuple[int, float, int]:
        s, i = item
        v = value(i)
        return (2 if same(doc, v) else 1 if agrees(doc, v) else 0, s, -i)

    s, i = max(tied, key=rank)
    if rank((s, i))[0] == 0:  # none agrees: the nearest, which the check reports against
        s, i = max(tied, key=lambda item: (item[0], -item[1]))
    return i, s
