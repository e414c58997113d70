"""MC004 arithmetic-mismatch: a stated ratio or change that its operands do not give.

Within one sentence or table row, mesacheck recomputes what the writer's own numbers
imply and compares it with the stated result at the result's written precision (the
rounding rule, as statcheck does for p-values):

* a multiplier against the two amounts it relates: `$100M vs $152B (2,500×)` gives
  152B / 100M = 1,520×;
* a multiplier against a change: `8.7% → 0.3% (30× reduction)` gives 8.7 / 0.3 = 29×;
* a percentage reduction or increase against a change: `13% → 0.4%, a 97% reduction`;
* a difference in percentage points against a change: `20% → 30% (+10 pp)`;
* parts against their stated total: `30%, 30% and 30%, a total of 100%` gives 90%;
* a table column's rows against its total row (a row headed "Total");
* a remainder against its whole: `more than 80% … the remaining 20%` (the rest is under
  20%), `70% … the remaining 40%`;
* a share against its base: `1,130 of the 3,588 total respondents, 31.5%` (graded lower
  when the base is stated in another sentence: a question may have had fewer answers).

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

from mesacheck.about import clause
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


Candidate = tuple[float, str, int, tuple[DocFigure, ...]]  # value, how, distance, operands


def _candidates(m: DocFigure, passage: list[DocFigure]) -> list[Candidate]:
    """(implied value, how it is computed, distance, operands) for a multiplier."""
    out: list[Candidate] = []
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
                    (
                        hi.parsed.values[0] / lo.parsed.values[0],
                        f"{hi.text} / {lo.text}",
                        dist,
                        (a, b),
                    )
                )
    for c in passage:
        if c.kind != "change":
            continue
        x, y = c.parsed.values
        hi, lo = max(x, y), min(x, y)
        if lo > 0:
            how = f"{c.text}: {_num(hi)} / {_num(lo)}"
            out.append((hi / lo, how, abs(c.offset - m.offset), (c,)))
    return out


def _num(v: float) -> str:
    return f"{v:g}"


def _percent_candidates(p: DocFigure, passage: list[DocFigure]) -> list[Candidate]:
    """Implied values for a percentage that names a change in its passage."""
    if not any(c.kind == "change" for c in passage):
        return []  # (most percentages: the words around them need not be read)
    window = p.sentence[max(0, p.at - 30) : p.at + len(p.text) + 30]
    down, up = _DOWN.search(window), _UP.search(window)
    out: list[Candidate] = []
    for c in passage:
        WORK["MC004.candidates"] += 1
        if c.kind != "change" or c.parsed.unit not in ("%", "pp"):
            continue
        x, y = c.parsed.values
        dist = abs(c.offset - p.offset)
        if p.parsed.values[0] < 0:  # a signed figure ("−3.3 pp", "-97%") states y − x
            if p.parsed.unit == "pp":
                out.append((y - x, f"{c.text}: {_num(y)} − {_num(x)}", dist, (c,)))
            elif x > 0:
                how = f"{c.text}: ({_num(y)} − {_num(x)}) / {_num(x)}"
                out.append(((y - x) / x * 100, how, dist, (c,)))
            continue
        if p.parsed.unit == "pp":
            out.append((abs(y - x), f"{c.text}: {_num(y)} − {_num(x)}", dist, (c,)))
        elif ((down and y < x) or (up and y > x)) and x > 0:
            how = f"{c.text}: |{_num(y)} − {_num(x)}| / {_num(x)}"
            out.append((abs(y - x) / x * 100, how, dist, (c,)))
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

# Confidence: operands of the result's own clause or table row are its operands; those of
# another clause of the sentence may be another comparison's.
_OWN_CLAUSE = 0.85
_OTHER_CLAUSE = 0.5


def _same_clause(f: DocFigure, o: DocFigure) -> bool:
    """Is operand `o` in the clause of `f` (any cell of its table row counts)?"""
    if f.where == "cell" or o.where == "cell":
        return f.where == o.where == "cell"
    if o.sentence is not f.sentence and o.sentence != f.sentence:
        return False
    lo, hi = clause(f.sentence, f.at, f.at + len(f.text))
    return lo <= o.at and o.at + len(o.text) <= hi


_TOTAL_BEFORE = re.compile(
    r"\b(?:a |the |for a |with a )?(?:total(?:ling|ing)?(?: of)?|in all|sum(?:s|med)? to|"
    r"add(?:s|ing)? up to|altogether|combined)\s*[:=]?\s*$",
    re.IGNORECASE,
)
_TOTAL_ROW = re.compile(r"^\W*(?:total|sum|all|overall)\b", re.IGNORECASE)
_TOTALS = 0.8  # parts listed with their total in one sentence, or a column and its total row
_PARTS = ("percent", "currency", "count")  # what adds up to a total


def _summable(f: DocFigure, like: DocFigure) -> bool:
    p = f.parsed
    return (
        f.kind == like.kind
        and p.unit == like.parsed.unit
        and len(p.values) == 1
        and p.qualifier in ("eq", "approx")
    )


def _total_finding(total: DocFigure, parts: list[DocFigure], where: str) -> Finding | None:
    """A finding when the parts do not add up to their stated total at the written
    precision (each part's rounding and the total's are allowed for)."""
    got = sum(p.parsed.values[0] for p in parts)
    slack = sum(p.parsed.halfwidths[0] for p in parts) + total.parsed.halfwidths[0]
    stated = total.parsed.values[0]
    if abs(got - stated) <= slack + 1e-9 or any(p.parsed.qualifier == "approx" for p in parts):
        return None
    implied = render_like(total.parsed, got)
    listed = " + ".join(p.text for p in parts)
    if "\\$" in listed:
        implied = implied.replace("$", "\\$")  # as the writer escapes it
    grade = degree(total.parsed, _point(total.parsed, got))
    return Finding.at_figure(
        ID,
        total,
        name=NAME,
        claim=None,
        expected=implied,
        message=f"{total.text} is stated as the total of {where}, but {listed} = {implied} "
        f"({grade} difference)",
        suggestion=implied,
        severity="error" if grade == "gross" else "warning",
        degree=grade,
        related=parts,
        confidence=_TOTALS,
    )


def _stated_totals(figs: list[DocFigure]) -> Iterator[Finding]:
    """A sentence listing parts and then their total ("30%, 30% and 30%, a total of 100%")."""
    for t in figs:
        if t.where == "cell" or t.kind not in _PARTS or len(t.parsed.values) != 1:
            continue
        if not _TOTAL_BEFORE.search(t.sentence[max(0, t.at - 24) : t.at]):
            continue
        parts = [p for p in figs if p is not t and p.at < t.at and p.sentence is t.sentence]
        parts = [p for p in parts if _summable(p, t)]
        if len(parts) >= 2 and len(parts) == sum(1 for p in figs if p.at < t.at):
            found = _total_finding(t, parts, "the parts before it")
            if found is not None:
                yield found


def _total_rows(figs: list[DocFigure]) -> Iterator[Finding]:
    """A table column's rows against the column's cell in a row headed "Total"."""
    columns: dict[tuple, list[DocFigure]] = defaultdict(list)
    for f in figs:
        if f.where == "cell" and f.header and f.kind in _PARTS:
            columns[(f.headings, f.header)].append(f)
    for (_, header), cells in columns.items():
        cells.sort(key=lambda f: f.offset)
        start = 0
        for i, t in enumerate(cells):
            if not _TOTAL_ROW.match(t.row.split(" | ", 1)[0].strip(" *_")):
                continue
            rows = cells[start:i]
            start = i + 1
            by_row: dict[int, list[DocFigure]] = defaultdict(list)
            for c in rows:
                by_row[c.passage].append(c)
            if len(by_row) < 2 or any(len(v) != 1 for v in by_row.values()):
                continue  # one figure a row, or the column is not a list of parts
            parts = [v[0] for v in by_row.values()]
            if not all(_summable(p, t) for p in parts):
                continue
            found = _total_finding(t, parts, f"the '{header}' column above it")
            if found is not None:
                yield found


_REMAINING = re.compile(r"\b(?:remaining|rest of|other|leftover|remainder of)\s*(?:the\s*)?$", re.I)
_BOUNDS = {
    "gt": "less than",
    "gte": "at most",
    "plus": "at most",
    "lt": "more than",
    "lte": "at least",
}
_REMAINDER_BOUND = 0.5  # "more than 80% … the remaining 20%": loose wording more than a mistake
_REMAINDER = 0.8
_OF_BASE = re.compile(r"^\s+of\s+(?:the\s+|all\s+)?(?:[\d,]+\s+)?(?:total\s+)?respon", re.I)
_PEOPLE = ("respondents", "responses")
_SHARE_SAME_SENTENCE = 0.85
_SHARE_OTHER_SENTENCE = 0.5


def _remainders(figs: list[DocFigure]) -> Iterator[Finding]:
    """ "The remaining Y%" after X% in one sentence: X and Y make the whole."""
    for t in figs:
        if t.kind != "percent" or t.parsed.unit != "%" or len(t.parsed.values) != 1:
            continue
        if not _REMAINING.search(t.sentence[max(0, t.at - 24) : t.at]):
            continue
        before = [p for p in figs if p.at < t.at and p.sentence is t.sentence]
        if len(before) != 1 or before[0].kind != "percent" or len(before[0].parsed.values) != 1:
            continue
        x = before[0]
        rest = 100 - x.parsed.values[0]
        slack = x.parsed.halfwidths[0] + t.parsed.halfwidths[0]
        q = x.parsed.qualifier
        if q in _BOUNDS and t.parsed.qualifier in ("eq", "approx"):
            if abs(rest - t.parsed.values[0]) > slack:
                continue
            expected = f"{_BOUNDS[q]} {t.text}"
            message = (
                f"{t.text} is the remainder of {x.text}, so it is {expected}, not exactly {t.text}"
            )
            sure = _REMAINDER_BOUND
        elif q in ("eq", "approx") and t.parsed.qualifier in ("eq", "approx"):
            if abs(rest - t.parsed.values[0]) <= slack or "approx" in (q, t.parsed.qualifier):
                continue
            expected = render_like(t.parsed, rest)
            message = f"{t.text} is the remainder of {x.text}: 100% − {x.text} = {expected}"
            sure = _REMAINDER
        else:
            continue
        yield Finding.at_figure(
            ID,
            t,
            name=NAME,
            claim=None,
            expected=expected,
            message=message,
            suggestion=expected,
            severity="warning",
            degree="minor",
            related=[x],
            confidence=sure,
        )


def _shares(every: list[DocFigure]) -> Iterator[Finding]:
    """ "N of the responses … P%" against the file's one stated total of respondents."""
    bases = {
        f.parsed.values[0]: f
        for f in every
        if f.kind == "count" and f.parsed.unit in _PEOPLE and "total" in f.text.lower()
    }
    if len(bases) != 1:
        return  # no stated total, or several (a question's base is not the survey's)
    ((base_value, base),) = bases.items()
    by_sentence: dict[int, list[DocFigure]] = defaultdict(list)  # percents, in order
    for f in every:
        if f.kind in ("percent", "change") and f.parsed.unit == "%":
            by_sentence[id(f.sentence)].append(f)
    for c in every:
        if c.kind != "count" or c.parsed.unit not in _PEOPLE or c is base:
            continue
        v = c.parsed.values[0]
        if not 0 < v < base_value or not _OF_BASE.match(c.sentence[c.at + len(c.text) :]):
            continue
        after = [f for f in by_sentence.get(id(c.sentence), ()) if f.at > c.at]
        if not after:
            continue
        p = after[0]
        stated, half = p.parsed.values[-1], p.parsed.halfwidths[-1]
        share = v / base_value * 100
        if abs(share - stated) <= half + 0.05 or p.parsed.qualifier != "eq":
            continue
        implied = f"{share:.1f}%"
        same = base.sentence is c.sentence
        yield Finding.at_figure(
            ID,
            p,
            name=NAME,
            claim=None,
            expected=implied,
            message=f"{p.text} does not follow from {c.text} of {base.text} (line {base.line}): "
            f"{c.text} / {base.text.split()[0]} = {implied}",
            suggestion=None,
            severity="warning",
            degree="minor",
            related=[c, base],
            confidence=_SHARE_SAME_SENTENCE if same else _SHARE_OTHER_SENTENCE,
        )


def check(ctx: CheckContext) -> Iterator[Finding]:
    every = [r.figure for r in ctx.resolutions if r.figure.kind in _PARTS]
    yield from _total_rows(every)
    yield from _shares([r.figure for r in ctx.resolutions if r.figure.kind != "date"])
    by_sentence: dict[tuple[int, str], list[DocFigure]] = defaultdict(list)
    for f in every:
        if f.where != "cell":
            by_sentence[(f.passage, f.sentence)].append(f)
    for figs in by_sentence.values():
        if len(figs) >= 3:
            yield from _stated_totals(figs)
        if len(figs) >= 2:
            yield from _remainders(figs)
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
            if not cands or any(agrees(f.parsed, _point(f.parsed, c[0])) for c in cands):
                continue
            # operands of its own clause (or table row) first: another clause's numbers
            # may relate to something else ("22% to 12%, and hours from 8.2 to 5.3 (35%)")
            own = [c for c in cands if all(_same_clause(f, o) for o in c[3])]
            value, how, _, _ = min(own or cands, key=lambda c: c[2])
            sure = _OWN_CLAUSE if own else _OTHER_CLAUSE
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
                confidence=sure,
            )
