"""MC003 conflicting-figures: the same claim or subject quoted with different values in
the files checked, or a summary range that does not cover the ranges it summarises.

Figures that a sourced claim backs are judged against it (MC002); this rule compares the
others with each other, across files too:

* figures resolved to the same unsourced or draft claim whose values disagree;
* without a claim, figures of the same kind and unit in very similar sentences (or table
  rows) whose values disagree — "Apollo found scheming in 0.3-13% of frontier model runs"
  against "Frontier Models Scheming | Apollo Research | … 0.3-10% of runs";
* a range that summarises a table column of ranges but does not cover them: a headline
  "expert estimates range 20-70%" over rows of 40-70%, 20-40% and 10-30%.

Every place is reported, each pointing at the others (up to 20 of them listed; the
message counts them all).

Passing:

    Expert estimates range from 10-70% (see the table: 40-70%, 20-40%, 10-30%).

Failing:

    Expert estimates range 20-70%.   (the table's lowest row is 10-30%)

Fix: make the figures agree, or say why they measure different things.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from heapq import merge
from itertools import combinations, islice

from mesacheck.context import CheckContext
from mesacheck.figures import WORK, DocFigure
from mesacheck.findings import Finding
from mesacheck.resolve import tokens
from mesacheck.values import agrees, degree, shape

ID = "MC003"
NAME = "conflicting-figures"

_OVERLAP = 0.4  # shared words / words of the shorter context
_GENERIC = 40  # a word around more figures than this does not identify a subject
_MIN_SHARED = 3  # content words the two contexts must share


def _finding(
    f: DocFigure, others: list[DocFigure], message: str, claim: str | None, grade: str
) -> Finding:
    return Finding.at_figure(
        ID,
        f,
        claim=claim,
        expected=None,
        message=message,
        severity="error" if grade == "gross" else "warning",
        degree=grade,
        related=others,
    )


def _local(f: DocFigure) -> str:
    """The words right around a figure (six before, six after, within its sentence or
    cell), plus a table row's label.

    Linear: a figure's sentence and `others` are bounded (a window of a long sentence,
    at most 32 neighbours each side: see `figures`), so this reads a bounded amount."""
    label = f.row.split(" | ", 1)[0] if f.row and f.row != f.sentence else ""
    end = f.at + len(f.text)
    start = max([b for a, b in f.others if b <= f.at], default=0)  # not past another figure
    stop = min([a for a, b in f.others if a >= end], default=len(f.sentence))
    WORK["MC003.local"] += len(f.others) + (f.at - start) + (stop - end)
    before = " ".join(f.sentence[start : f.at].split()[-6:])
    after = " ".join(f.sentence[end:stop].split()[:6])
    return f"{label} {before} {after}".strip()


@lru_cache(maxsize=65536)
def _content(text: str) -> frozenset[str]:
    return frozenset(t for t in tokens(text) if len(t) > 2 and not t[0].isdigit())


def _near_words(f: DocFigure) -> frozenset[str]:
    """Content words right around the figure (see `_local`)."""
    return _content(_local(f))


def _around_words(f: DocFigure) -> frozenset[str]:
    """Content words of the figure's sentence and table row (bounded: see `_local`)."""
    WORK["MC003.around"] += len(f.sentence) + len(f.row)
    return _content(f.sentence + " " + f.row)


def _near(f: DocFigure) -> frozenset[str]:
    return f.feature("MC003.near", _near_words)


def _around(f: DocFigure) -> frozenset[str]:
    return f.feature("MC003.around", _around_words)


def features(f: DocFigure) -> None:
    """Worked out where the figure is extracted: in parallel, and cached with it. Dates
    are never compared here: their words only count towards `tallies`."""
    if f.kind != "date":
        _near(f)
        _around(f)


def tallies(figs: list[DocFigure]) -> dict[str, Counter[str]]:
    """For one file, how many figures have each word near them and around them: summed
    over the run, what makes a word too common to tell figures apart. Counted where the
    figures are extracted, so that the run keeps no word sets for dates."""
    near: Counter[str] = Counter()
    around: Counter[str] = Counter()
    for f in figs:  # a date's words are counted, not kept (see `features`)
        got = f.features.get("MC003.near")
        near.update(got if got is not None else _near_words(f))
        got = f.features.get("MC003.around")
        around.update(got if got is not None else _around_words(f))
    return {"MC003.near": near, "MC003.around": around}


def _tally(
    ctx: CheckContext, name: str, words: Callable[[DocFigure], frozenset[str]]
) -> Mapping[str, int]:
    """The run's count of `name` (see `tallies`), else counted over its figures."""
    if ctx.tallies is not None and name in ctx.tallies:
        return ctx.tallies[name]
    return _counts([words(r.figure) for r in ctx.resolutions])


def _disagree(a: DocFigure, b: DocFigure) -> bool:
    return not (agrees(a.parsed, b.parsed) or agrees(b.parsed, a.parsed))


def _same_claim(ctx: CheckContext) -> Iterator[Finding]:
    """Figures resolved to the same unsourced claim whose values disagree.

    Compared by value shape, not pair by pair: a claim quoted on many pages costs one
    comparison per pair of distinct values, and each finding counts its partners."""
    by_claim: dict[str, list[DocFigure]] = defaultdict(list)
    for r in ctx.resolutions:
        if r.claim is None or r.figure.kind == "date":
            continue
        if ctx.registry.sourced(r.claim.claim.id):
            continue  # MC002 judges figures against a sourced claim
        by_claim[r.claim.claim.id].append(r.figure)
    for claim_id, figs in by_claim.items():
        shapes: dict[tuple, list[tuple[int, DocFigure]]] = defaultdict(list)
        for i, f in enumerate(figs):
            shapes[shape(f.parsed)].append((i, f))
        firsts = {s: members[0][1] for s, members in shapes.items()}
        against = {
            s: [t for t in shapes if t != s and _disagree(firsts[s], firsts[t])] for s in shapes
        }
        for s, members in shapes.items():
            if not against[s]:
                continue
            others = [shapes[t] for t in against[s]]
            count = sum(len(o) for o in others)
            listed = [o for _, o in islice(merge(*others, key=lambda m: m[0]), _RELATED)]
            grade = (
                "gross"
                if any(degree(firsts[s].parsed, firsts[t].parsed) == "gross" for t in against[s])
                else "minor"
            )
            for _, f in members:
                yield _finding(
                    f,
                    listed,
                    _conflict(f, listed, count, "they quote the same claim"),
                    claim_id,
                    grade,
                )


_RELATED = 20  # places listed with a finding; the message counts all of them


def _same_subject(ctx: CheckContext) -> Iterator[Finding]:
    """Unresolved figures of one kind and unit whose surrounding words largely coincide.

    Two figures state the same thing when the words right around them share at least
    three uncommon words, covering at least 40% of the shorter context.

    Figures with the same value and the same words are one signature, compared once: a
    sentence repeated on many pages costs one comparison, and its findings are built
    from counts per signature, so ten times the pages is ten times the work (listing
    every pair of copies would be a hundred)."""
    groups: dict[tuple[str, str], list[DocFigure]] = defaultdict(list)
    for r in ctx.resolutions:
        f = r.figure
        if r.claim is None and f.kind not in ("date", "count"):
            groups[(f.kind if f.kind != "percent" else "range", f.parsed.unit)].append(f)
    every = len(ctx.resolutions)
    # a word around many figures says little about which thing they state
    near = _tally(ctx, "MC003.near", _near)
    common = {w for w, n in near.items() if n > max(4, min(_GENERIC, every // 8))}
    for figs in groups.values():
        sigs: dict[tuple, list[DocFigure]] = defaultdict(list)
        for f in figs:
            sigs[(f.parsed.values, f.parsed.qualifier, frozenset(_near(f) - common))].append(f)
        keys = list(sigs)
        by_word: dict[str, list[int]] = defaultdict(list)  # an index, not every pair
        for i, key in enumerate(keys):
            for w in key[2]:
                by_word[w].append(i)
        shared: dict[tuple[int, int], int] = defaultdict(int)
        for members in by_word.values():
            for x, y in combinations(members, 2):
                shared[(x, y)] += 1
        conflicts: dict[int, list[int]] = defaultdict(list)
        for (x, y), n in sorted(shared.items()):
            kx, ky = keys[x], keys[y]
            if n < _MIN_SHARED or n < _OVERLAP * min(len(kx[2]), len(ky[2])):
                continue
            if not _disagree(sigs[kx][0], sigs[ky][0]):
                continue
            conflicts[x].append(y)
            conflicts[y].append(x)
        members = {x: _Group(sigs[keys[x]]) for x in conflicts}
        for x in sorted(conflicts):
            for f in members[x].figs:
                found = _partners(f, [members[y] for y in conflicts[x]])
                if found is not None:
                    yield found


def _separate(a: DocFigure, b: DocFigure) -> bool:
    """May a and b be compared: not one passage, not two rows of one table column."""
    if a.path != b.path:
        return True
    if a.passage == b.passage:
        return False
    return not (a.where == b.where == "cell" and a.header == b.header and a.headings == b.headings)


class _Group:
    """One signature's figures, indexed once for every figure compared with them."""

    def __init__(self, figs: list[DocFigure]) -> None:
        self.figs = figs
        self.by_path: dict[str, list[DocFigure]] = defaultdict(list)
        self.by_shape: dict[tuple, list[DocFigure]] = defaultdict(list)
        for o in figs:
            self.by_path[o.path].append(o)
            self.by_shape[shape(o.parsed)].append(o)


def _partners(f: DocFigure, groups: list[_Group]) -> Finding | None:
    """The finding on `f` against every figure of the conflicting signature groups."""
    listed: list[DocFigure] = []
    count = 0
    gross = False
    for group in groups:
        kept = len(group.figs) - sum(
            1 for o in group.by_path.get(f.path, ()) if not _separate(f, o)
        )
        if not kept:
            continue
        count += kept
        for o in group.figs:
            if len(listed) >= _RELATED:
                break
            if _separate(f, o):
                listed.append(o)
        if not gross:
            gross = any(
                degree(f.parsed, alike[0].parsed) == "gross"
                for alike in group.by_shape.values()
                if any(_separate(f, o) for o in alike)
            )
    if not count:
        return None
    why = "they appear to state the same thing"
    return _finding(
        f, listed, _conflict(f, listed, count, why), None, "gross" if gross else "minor"
    )


def _conflict(f: DocFigure, listed: list[DocFigure], count: int, why: str) -> str:
    """The message: three of the places named, all of them counted."""
    names = ", ".join(f"{o.text} ({o.path}:{o.line})" for o in listed[:3])
    more = f" and {count - 3} more" if count > 3 else ""
    return f"{f.text} conflicts with {names}{more}: {why}"


def _summary_ranges(ctx: CheckContext) -> Iterator[Finding]:
    """A range that summarises a table column of ranges but does not cover it.

    The summary shares an end with the column (it is meant to span it), stands outside
    that column, and its words share at least two uncommon words with the table's heading
    and column header.
    """
    columns: dict[tuple[str, tuple[str, ...], str, str], list[DocFigure]] = defaultdict(list)
    ranges: dict[tuple[str, str], list[DocFigure]] = defaultdict(list)  # by file and unit
    for r in ctx.resolutions:
        f = r.figure
        if f.kind != "range":
            continue
        ranges[(f.path, f.parsed.unit)].append(f)
        if f.where == "cell" and f.header:
            columns[(f.path, f.headings, f.header, f.parsed.unit)].append(f)
    columns = {k: v for k, v in columns.items() if len(v) >= 2}
    in_columns = {id(f) for rows in columns.values() for f in rows}
    around = _tally(ctx, "MC003.around", _around)
    common = {w for w, n in around.items() if n > max(3, len(ctx.resolutions) // 5)}
    for (path, headings, header, unit), rows in columns.items():
        lo = min(f.parsed.values[0] for f in rows)
        hi = max(f.parsed.values[1] for f in rows)
        about = _content(" ".join((headings[-1] if headings else "", header))) - common
        for f in ranges[(path, unit)]:
            if id(f) in in_columns:
                continue
            a, b = f.parsed.values
            h = f.parsed.halfwidths[0]
            if abs(a - lo) > h and abs(b - hi) > h:
                continue  # shares no end with the column: not a summary of it
            if len((_around(f) - common) & about) < 2:
                continue
            if a - h <= lo and b + h >= hi:
                continue
            outside = [r for r in rows if r.parsed.values[0] < a - h or r.parsed.values[1] > b + h]
            listed = ", ".join(f"{r.text} ({r.path}:{r.line})" for r in outside)
            span = f"{_fmt(lo)}-{_fmt(hi)}{unit if unit == '%' else ' ' + unit}"
            yield _finding(
                f,
                outside,
                f"{f.text} summarises the '{header}' column under "
                f"'{headings[-1] if headings else ''}', which runs {span}: {listed} lies "
                "outside it",
                None,
                "minor",
            )


def _counts(sets: list[set[str]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for s in sets:
        for w in s:
            out[w] += 1
    return out


def _fmt(v: float) -> str:
    return f"{v:g}"


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from _same_claim(ctx)
    yield from _same_subject(ctx)
    yield from _summary_ranges(ctx)
