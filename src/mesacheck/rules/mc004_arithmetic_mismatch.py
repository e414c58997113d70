"""MC004 arithmetic-mismatch: a stated ratio or change that its operands do not give.

Within one sentence or table row, mesacheck recomputes what the writer's own numbers
imply and compares it with the stated result at the result's written precision (the
rounding rule, as statcheck does for p-values):

* a multiplier against the two amounts it relates: `$100M vs $152B (2,500×)` gives
  152B / 100M = 1,520×;
* a multiplier against a change: `8.7% → 0.3% (30× reduction)` gives 8.7 / 0.3 = 29×;
* a percentage reduction or increase against a change: `13% → 0.4%, a 97% reduction`;
* a difference in percentage points against a change: `20% → 30% (+10 pp)`.

A multiplier with several candidate operand pairs in its passage is fine when any of
them gives it. No registry is needed.

Passing:

    Deliberative alignment reduced scheming 30× (8.7% → 0.3%).

Failing (152B / 100M is 1,520×):

    AI safety received \\$100M vs \\$152B industry investment (2,500× disparity).

Fix: write the computed value (the suggestion), or correct the operand that is wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.figures import WORK, DocFigure
from mesacheck.findings import Finding
from mesacheck.grammar import Figure
from mesacheck.values import agrees, degree, render_like

ID = "MC004"
NAME = "arithmetic-mismatch"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "file"  # judges each figure or passage on its own

_DOWN = re.compile(
    r"\b(reduc\w*|decreas\w*|drop\w*|declin\w*|fell|fall\w*|cut\w*|lower\w*|"
    r"less)\b",
    re.IGNORECASE,
)
_UP = re.compile(
    r"\b(increas\w*|ris(e|es|ing)|rose|grow\w*|growth|higher|more|up)\b", re.IGNORECASE
)


def _point(fig: Figure, value: float) -> Figure:
    return Figure(fig.kind, (value,), (0.0,), fig.unit, "eq")


def _candidates(m: DocFigure, passage: list[DocFigure]) -> list[tuple[float, str, int]]:
    """(implied value, how it is computed, distance) for a multiplier in its passage."""
    out: list[tuple[float, str, int]] = []
    amounts = [f for f in passage if f.kind == "currency"]
    WORK["MC004.candidates"] += len(passage) + len(amounts) * (len(amounts) - 1) // 2
    for i, a in enumerate(amounts):
        for b in amounts[i + 1 :]:
            if a.parsed.unit != b.parsed.unit:
                continue
            hi, lo = sorted((a, b), key=lambda f: f.parsed.values[0], reverse=True)
            if lo.parsed.values[0] > 0 and hi.parsed.values[0] != lo.parsed.values[0]:
                dist = min(abs(a.offset - m.offset), abs(b.offset - m.offset))
                out.append(
                    (hi.parsed.values[0] / lo.parsed.values[0], f"{hi.text} / {lo.text}", dist)
                )
    for c in passage:
        if c.kind != "change":
            continue
        x, y = c.parsed.values
        hi, lo = max(x, y), min(x, y)
        if lo > 0:
            out.append((hi / lo, f"{c.text}: {_num(hi)} / {_num(lo)}", abs(c.offset - m.offset)))
    return out


def _num(v: float) -> str:
    return f"{v:g}"


def _percent_candidates(p: DocFigure, passage: list[DocFigure]) -> list[tuple[float, str, int]]:
    """Implied values for a percentage that names a change in its passage."""
    if not any(c.kind == "change" for c in passage):
        return []  # (most percentages: the words around them need not be read)
    window = p.sentence[max(0, p.at - 30) : p.at + len(p.text) + 30]
    down, up = _DOWN.search(window), _UP.search(window)
    out: list[tuple[float, str, int]] = []
    for c in passage:
        WORK["MC004.candidates"] += 1
        if c.kind != "change" or c.parsed.unit not in ("%", "pp"):
            continue
        x, y = c.parsed.values
        dist = abs(c.offset - p.offset)
        if p.parsed.values[0] < 0:  # a signed figure ("−3.3 pp", "-97%") states y − x
            if p.parsed.unit == "pp":
                out.append((y - x, f"{c.text}: {_num(y)} − {_num(x)}", dist))
            elif x > 0:
                out.append(
                    ((y - x) / x * 100, f"{c.text}: ({_num(y)} − {_num(x)}) / {_num(x)}", dist)
                )
            continue
        if p.parsed.unit == "pp":
            out.append((abs(y - x), f"{c.text}: {_num(y)} − {_num(x)}", dist))
        elif ((down and y < x) or (up and y > x)) and x > 0:
            out.append(
                (abs(y - x) / x * 100, f"{c.text}: |{_num(y)} − {_num(x)}| / {_num(x)}", dist)
            )
    return out


def _near(figs: list[DocFigure], offsets: list[int], at: int) -> list[DocFigure]:
    """The operands of a passage (`figs`, in order, at `offsets`) near a figure at `at`:
    within `_REACH` characters, and at most `_OPERANDS` on each side."""
    lo = bisect_left(offsets, at - _REACH)
    mid = bisect_left(offsets, at)
    hi = bisect_right(offsets, at + _REACH)
    return figs[max(lo, mid - _OPERANDS) : min(hi, mid + _OPERANDS)]


# Linear: a multiplier or a percentage is checked against the operands near it, not all
# of its passage: those within `_REACH` characters and at most `_OPERANDS` of each kind
# on each side, found by bisection. Real sentences and rows are under 700 characters,
# with at most 13 figures, so every operand of a real passage is near; a line of
# thousands of figures costs a bounded number of candidates per figure.
_REACH = 3000
_OPERANDS = 8


def check(ctx: CheckContext) -> Iterator[Finding]:
    passages: dict[tuple[str, int], list[DocFigure]] = defaultdict(list)
    for r in ctx.resolutions:
        if r.figure.kind != "date":
            passages[(r.figure.path, r.figure.passage)].append(r.figure)
    for figs in passages.values():
        if len(figs) < 2:
            continue
        multiplied = any(o.kind == "multiplier" for o in figs)
        # the operands of the passage by kind, in order (passed on in place of the
        # passage: the candidates are built from amounts and changes only)
        amounts = sorted((f for f in figs if f.kind == "currency"), key=lambda f: f.offset)
        changes = sorted((f for f in figs if f.kind == "change"), key=lambda f: f.offset)
        amount_at = [f.offset for f in amounts]
        change_at = [f.offset for f in changes]
        for f in figs:
            if f.kind == "multiplier":
                near = _near(amounts, amount_at, f.offset) + _near(changes, change_at, f.offset)
                cands = _candidates(f, near)
            elif f.kind == "percent" and not multiplied:
                cands = _percent_candidates(f, _near(changes, change_at, f.offset))
            else:
                continue
            if not cands or any(agrees(f.parsed, _point(f.parsed, v)) for v, _, _ in cands):
                continue
            value, how, _ = min(cands, key=lambda c: c[2])
            implied = render_like(f.parsed, value)
            grade = degree(f.parsed, _point(f.parsed, value))
            yield Finding.at_figure(
                ID,
                f,
                name=NAME,
                claim=None,
                expected=implied,
                message=f"{f.text} does not follow from its own numbers: {how} = {implied} "
                f"({grade} difference)",
                suggestion=implied.replace("$", "\\$") if "\\$" in how else implied,
                severity="error" if grade == "gross" else "warning",
                degree=grade,
            )
