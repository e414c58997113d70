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

Two figures are compared only when they are about the same thing (`about`): not two
rows or two columns of one table, not two times (the 2018 survey and the 2019 one), not
two lead-in cases ("Free tier:", "Paid tier:"), users and non-users, or a figure that is
part of a name; a point inside a range and overlapping hedged values agree. Each finding
carries a confidence: one article and a shared named entity raise it, another file
without one, a crowded list (a chart's distribution) or two tables' columns lower it;
below the run's threshold it is listed to review, not reported.

Every place is reported, each pointing at the others (up to 20 of them listed; the
message counts them all), each figure as written with what it is about.

Passing (the headline range spans the column it summarises):

    Expert estimates of the probability of mesa-optimization range 10-70%.

    ### Probability of Mesa-Optimization

    | Source           | Estimate |
    |------------------|----------|
    | High concern     | 40-70%   |
    | Moderate concern | 20-40%   |
    | Low concern      | 10-30%   |

Failing (the same table under a headline of 20-70%: the lowest row is 10-30%):

    Expert estimates of the probability of mesa-optimization range 20-70%.

    ### Probability of Mesa-Optimization

    | Source           | Estimate |
    |------------------|----------|
    | High concern     | 40-70%   |
    | Moderate concern | 20-40%   |
    | Low concern      | 10-30%   |

Fix: make the figures agree, or say why they measure different things.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from heapq import merge
from itertools import chain, combinations, islice

from mesacheck import about
from mesacheck.about import About
from mesacheck.context import CheckContext, RunContext
from mesacheck.figures import WORK, DocFigure
from mesacheck.findings import Finding
from mesacheck.grammar import RATE
from mesacheck.mention import Mention, MentionAbout, Shared, Words, words_of
from mesacheck.registry import Registry
from mesacheck.resolve import Resolution, content_words
from mesacheck.values import agrees, degree, shape

ID = "MC003"
NAME = "conflicting-figures"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "run"  # compares figures across the files of a run

_OVERLAP = 0.4  # shared words / words of the shorter context
_GENERIC = 40  # a word around more figures than this does not identify a subject
_MIN_SHARED = 3  # content words the two contexts must share


def _finding(
    f: Mention,
    others: list[Mention],
    message: str,
    claim: str | None,
    grade: str,
    confidence: float,
) -> Finding:
    return Finding.at_figure(
        ID,
        f,
        name=NAME,
        claim=claim,
        expected=None,
        message=message,
        severity="error" if grade == "gross" else "warning",
        degree=grade,
        related=others,
        confidence=round(confidence, 2),
    )


def _local(f: DocFigure) -> str:
    """The words right around a figure (six before, six after, within its sentence or
    cell), plus a table row's label.

    Linear: a figure's sentence and `others` are bounded (a window of a long sentence,
    at most 32 neighbours each side: see `figures`), so this reads a bounded amount."""
    sentence, at, row = f.sentence, f.at, f.row
    label = row.split(" | ", 1)[0] if row and row != sentence else ""
    end = at + len(f.text)
    start, stop = 0, len(sentence)  # not past another figure
    for a, b in f.others:
        if start < b <= at:
            start = b
        if end <= a < stop:
            stop = a
    WORK["MC003.local"] += len(f.others) + (at - start) + (stop - end)
    before = " ".join(sentence[start:at].rsplit(None, 6)[-6:])
    after_words = sentence[end:stop].split(None, 6)
    rate = RATE.search(f.text)  # "$75k per year": a rate is in the span; its words are
    if rate is not None:  # the first of the six after, as when it was not
        after_words = rate.group(0).split() + after_words
    after = " ".join(after_words[:6])
    return f"{label} {before} {after}".strip()


_content = lru_cache(maxsize=65536)(content_words)


def _near_words(f: DocFigure) -> frozenset[str]:
    """Content words right around the figure (see `_local`)."""
    return _content(_local(f))


def _around_words(f: DocFigure) -> frozenset[str]:
    """Content words of the figure's sentence and table row (bounded: see `_local`),
    each read once (the cells of a row share its words)."""
    WORK["MC003.around"] += len(f.sentence) + len(f.row)
    return _content(f.sentence) | _content(f.row)


def _near(f: Mention) -> Words:
    return f.words[0]


def _around(f: Mention) -> Words:
    return f.words[1]


_GROWTH_VERB = re.compile(r"doubl|tripl|quadrupl", re.IGNORECASE)


def _compared(r: Resolution, registry: Registry) -> bool:
    """Can any of the checks below read this figure: resolved to an unsourced claim
    (`_same_claim`), unresolved and not a count (`_same_subject`), or a range
    (`_summary_ranges`)? Dates never are, nor a growth verb left unresolved ("nearly
    doubling since last year"): it tells how something changed, not what it is, and two
    of them are about two changes unless a claim says they are one."""
    kind = r.figure.kind
    if kind == "date":
        return False
    if r.claim is None and kind == "multiplier" and _GROWTH_VERB.search(r.figure.text):
        return False
    if kind == "range":
        return True
    if r.claim is None:
        return kind != "count"
    return not registry.sourced(r.claim.claim.id)


def collect(ctx: CheckContext) -> tuple:
    """One file's share of the run: how many figures it has, how many of them have each
    word near them and around them (summed over the run, what makes a word too common to
    tell figures apart; dates count here, and are never compared), and a mention of
    each figure a check can compare, with the words that check reads: near words for an
    unresolved figure, around words for a range."""
    near: list[frozenset[str]] = []
    around: list[frozenset[str]] = []
    of_sentence: dict[tuple[str, str], frozenset[str]] = {}  # its figures share them
    mentions = []
    contexts: dict[str, str] = {}
    kept: dict[frozenset[str], Words] = {}
    for r in ctx.resolutions:
        if r.how == "pinned":  # a draft pinned to this one figure says nothing of others
            r = replace(r, claim=None, how=None)
        f = r.figure
        sentence = (f.sentence, f.row)
        got = of_sentence.get(sentence)
        if got is None:
            got = of_sentence[sentence] = _around_words(f)
        words = (_near_words(f), got)
        near.append(words[0])
        around.append(words[1])
        if not _compared(r, ctx.registry):
            continue
        mine = (
            words_of(words[0], kept) if r.claim is None else (),
            words_of(words[1], kept) if f.kind == "range" else (),
        )
        mention = Mention.of_resolution(r, mine, contexts).plain()
        mentions.append((mention, about.of(f).plain()))
    counts = (dict(Counter(chain.from_iterable(near))), dict(Counter(chain.from_iterable(around))))
    return (len(ctx.resolutions), *counts, mentions)


def _disagree(a: Mention, b: Mention) -> bool:
    """The values contradict each other: not equal under the rounding rule, and not a
    point inside a range, or overlapping hedged values (`about.consistent`)."""
    if agrees(a.parsed, b.parsed) or agrees(b.parsed, a.parsed):
        return False
    return not about.consistent(a.parsed, b.parsed)


class _Run:
    """What the run's files collected, summed and in file order: what `fold` folds."""

    def __init__(self) -> None:
        self.every = 0  # figures of the run, dates included
        self.near: Counter[str] = Counter()
        self.around: Counter[str] = Counter()
        self.mentions: list[Mention] = []
        self.entities: Counter[str] = Counter()  # how many files name each name
        self.files = 0
        self.shared = Shared()
        self._about: dict[tuple, About] = {}  # one About per distinct reading
        self._names: dict[tuple[str, ...], frozenset[str]] = {}  # an entity's words

    def add(self, record: tuple | list) -> None:
        every, near, around, mentions = record
        self.every += every
        self.files += 1 if mentions else 0
        names: set[str] = set()
        for counts, into in ((near, self.near), (around, self.around)):
            get = into.get
            for w, n in counts.items():
                into[w] = get(w, 0) + n
        for plain, read in mentions:
            m = MentionAbout.folded(plain, read, self.shared, self._about)
            self.mentions.append(m)
            entity = m.about.entity
            words = self._names.get(entity)
            if words is None:
                words = self._names[entity] = frozenset(
                    w.lower() for n in entity for w in n.split()
                )
            names |= words
        self.entities.update(names)

    def about(self, m: Mention) -> About:
        got = getattr(m, "about", None)  # a MentionAbout
        return got if got is not None else _NOTHING

    def common_entities(self) -> set[str]:
        """Names in so many of the files with compared figures that they tell no subject
        apart ("Rust" on a Rust blog)."""
        bar = max(3, self.files // 20)
        return {n for n, k in self.entities.items() if k > bar}


_NOTHING = About()


def fold(folded: _Run | None, record: tuple | list) -> _Run:
    """The run so far with one more file's record (see `context.gather`)."""
    run = folded if folded is not None else _Run()
    run.add(record)
    return run


def _same_claim(run: _Run, registry: Registry) -> Iterator[Finding]:
    """Figures resolved to the same unsourced claim whose values disagree.

    Compared by value shape, not pair by pair: a claim quoted on many pages costs one
    comparison per pair of distinct values, and each finding counts its partners."""
    by_claim: dict[str, list[Mention]] = defaultdict(list)
    for m in run.mentions:
        if m.claim is None:
            continue
        if registry.sourced(m.claim):
            continue  # MC002 judges figures against a sourced claim
        by_claim[m.claim].append(m)
    for claim_id, figs in by_claim.items():
        shapes: dict[tuple, list[tuple[int, Mention]]] = defaultdict(list)
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
                    _conflict(run, f, listed, count, "they quote the same claim"),
                    claim_id,
                    grade,
                    _SAME_CLAIM,
                )


_RELATED = 20  # places listed with a finding; the message counts all of them

# Confidence (see `_confidence`): what each piece of evidence that two figures state the
# same thing is worth. A finding below the run's threshold (config, default 0.7) is kept
# for review, not reported. Figures resolved to one claim are about the same thing.
_SAME_CLAIM = 0.9
_BASE = 0.55  # same kind, unit and uncommon words around them
_FLOOR = 0.05  # below this, not even listed to review: about different things
_NAMED = 0.2  # they share an uncommon named entity (in every part: not only a word)
_SAME_FILE = 0.15  # one article: the same writer, the same subject
_CROWDED = 4  # a sentence or cell with this many figures of the kind is a distribution
_CROWD_PENALTY = 0.3
_UNTIMED = 0.15  # across files, one of them says when and the other does not
_CROSS_FILE_CAP = 0.45  # across files without a shared named entity: never reported
_SUMMARY = 0.8  # a range over a column whose measure its sentence names
_SUMMARY_UNNAMED = 0.6  # … whose sentence shares only the section's words


def _same_subject(run: _Run) -> Iterator[Finding]:
    """Unresolved figures of one kind and unit whose surrounding words largely coincide.

    Two figures state the same thing when the words right around them share at least
    three uncommon words, covering at least 40% of the shorter context.

    Figures with the same value and the same words are one signature, compared once: a
    sentence repeated on many pages costs one comparison, and its findings are built
    from counts per signature, so ten times the pages is ten times the work (listing
    every pair of copies would be a hundred)."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for f in run.mentions:
        if f.claim is None and f.kind != "count":
            groups[(f.kind if f.kind != "percent" else "range", f.parsed.unit)].append(f)
    every = run.every
    # a word around many figures says little about which thing they state
    near = run.near
    common = {w for w, n in near.items() if n > max(4, min(_GENERIC, every // 8))}
    names = run.common_entities()
    for figs in groups.values():
        sigs: dict[tuple, list[Mention]] = defaultdict(list)
        for f in figs:
            uncommon = frozenset(w for w in _near(f) if w not in common)
            sigs[(f.parsed.values, f.parsed.qualifier, uncommon)].append(f)
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
            if _apart(run, sigs[kx][0], sigs[ky][0]):
                continue
            conflicts[x].append(y)
            conflicts[y].append(x)
        members = {x: _Group(sigs[keys[x]]) for x in conflicts}
        for x in sorted(conflicts):
            for f in members[x].figs:
                found = _partners(run, f, [members[y] for y in conflicts[x]], names)
                if found is not None:
                    yield found


def _apart(run: _Run, f: Mention, o: Mention) -> bool:
    """About different things whatever their words: different times (the 2018 survey
    and the 2019 one), different parallel cases in prose (two lead-in labels: "Free
    tier: 14%", "Paid tier: ~0%"; the rows of one table are `_confidence`'s), or a
    figure that is part of a name."""
    a, b = run.about(f), run.about(o)
    if about.times_differ(a, b) or a.named or b.named or a.negated != b.negated:
        return True
    return "cell" not in (f.where, o.where) and about.conditions_differ(a, b)


def _confidence(run: _Run, f: Mention, o: Mention, common: set[str]) -> float:
    """How sure the run is that f and o state the same thing (see the weights above)."""
    a, b = run.about(f), run.about(o)
    one_table = f.where == o.where == "cell" and f.path == o.path and f.headings == o.headings
    if one_table and (a.condition != b.condition or f.header != o.header):
        return 0.0  # one table: rows are different entities, columns different measures
    named = about.shared_entity(a, b, common)
    score = _BASE + (_NAMED if named else 0.0)
    if f.path == o.path:
        score += _SAME_FILE
    else:
        if not named:
            score = min(score, _CROSS_FILE_CAP)
        if bool(a.time) != bool(b.time):
            score -= _UNTIMED
    if max(a.crowded, b.crowded) >= _CROWDED:
        score -= _CROWD_PENALTY
    if f.where == o.where == "cell" and f.header != o.header:
        score -= 0.1  # two tables' columns: measures named differently
    return max(0.0, min(0.95, score))


def _separate(a: Mention, b: Mention) -> bool:
    """May a and b be compared: not one passage, not two rows of one table column."""
    if a.path != b.path:
        return True
    if a.passage == b.passage:
        return False
    return not (a.where == b.where == "cell" and a.header == b.header and a.headings == b.headings)


class _Group:
    """One signature's figures, indexed once for every figure compared with them."""

    def __init__(self, figs: list[Mention]) -> None:
        self.figs = figs
        self.by_path: dict[str, list[Mention]] = defaultdict(list)
        self.by_shape: dict[tuple, list[Mention]] = defaultdict(list)
        for o in figs:
            self.by_path[o.path].append(o)
            self.by_shape[shape(o.parsed)].append(o)


def _partners(run: _Run, f: Mention, groups: list[_Group], common: set[str]) -> Finding | None:
    """The finding on `f` against every figure of the conflicting signature groups; its
    confidence is the best of its pairs' (each group's first figure in f's file, else
    its first figure: a group shares value and words, so one stands for the others)."""
    listed: list[Mention] = []
    count = 0
    gross = False
    best = 0.0
    for group in groups:
        kept = len(group.figs) - sum(
            1 for o in group.by_path.get(f.path, ()) if not _separate(f, o)
        )
        if not kept:
            continue
        count += kept
        here = [o for o in group.by_path.get(f.path, ()) if _separate(f, o)]
        rep = here[0] if here else next(o for o in group.figs if _separate(f, o))
        best = max(best, _confidence(run, f, rep, common))
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
    if not count or best < _FLOOR:
        return None
    why = "they appear to state the same thing"
    return _finding(
        f,
        listed,
        _conflict(run, f, listed, count, why),
        None,
        "gross" if gross else "minor",
        best,
    )


def _conflict(run: _Run, f: Mention, listed: list[Mention], count: int, why: str) -> str:
    """The message: each figure as written with what it is about; three of the places
    named, all of them counted."""
    names = ", ".join(f"{o.text} ({_what(run, o)}{o.path}:{o.line})" for o in listed[:3])
    more = f" and {count - 3} more" if count > 3 else ""
    mine = about.describe(run.about(f))
    return f"{f.text}{f' ({mine})' if mine else ''} conflicts with {names}{more}: {why}"


def _what(run: _Run, m: Mention) -> str:
    said = about.describe(run.about(m))
    return f"{said}, " if said else ""


def _summary_ranges(run: _Run) -> Iterator[Finding]:
    """A range that summarises a table column of ranges but does not cover it.

    The summary shares an end with the column (it is meant to span it), stands outside
    that column, and its words share at least two uncommon words with the table's heading
    and column header.
    """
    columns: dict[tuple[str, tuple[str, ...], str, str], list[Mention]] = defaultdict(list)
    ranges: dict[tuple[str, str], list[Mention]] = defaultdict(list)  # by file and unit
    for f in run.mentions:
        if f.kind != "range":
            continue
        ranges[(f.path, f.parsed.unit)].append(f)
        if f.where == "cell" and f.header:
            columns[(f.path, f.headings, f.header, f.parsed.unit)].append(f)
    columns = {k: v for k, v in columns.items() if len(v) >= 2}
    in_columns = {id(f) for rows in columns.values() for f in rows}
    around = run.around
    common = {w for w, n in around.items() if n > max(3, run.every // 5)}
    for (path, headings, header, unit), rows in columns.items():
        lo = min(f.parsed.values[0] for f in rows)
        hi = max(f.parsed.values[1] for f in rows)
        named = _content(" ".join((headings[-1] if headings else "", header))) - common
        measure = _content(header) - common
        shapes = {r.parsed.values for r in rows}
        for f in ranges[(path, unit)]:
            if id(f) in in_columns:
                continue
            a, b = f.parsed.values
            h = f.parsed.halfwidths[0]
            if abs(a - lo) > h and abs(b - hi) > h:
                continue  # shares no end with the column: not a summary of it
            if len(named.intersection(_around(f)) - common) < 2:
                continue
            if a - h <= lo and b + h >= hi:
                continue
            if f.parsed.values in shapes:
                continue  # the value of one row: that row quoted, not a summary
            if any(about.times_differ(run.about(f), run.about(r)) for r in rows):
                continue  # another period than the table's
            # a summary that names the column's measure, not only the section's words
            sure = _SUMMARY if measure and measure <= set(_around(f)) else _SUMMARY_UNNAMED
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
                sure,
            )


def _fmt(v: float) -> str:
    return f"{v:g}"


_ITEM = 0.55  # a list item's share against the same item named in prose: to review


def _items(run: _Run) -> Iterator[Finding]:
    """A list's share of an item ("33.8% vscode" in a chart) against the same item's share
    in the article's prose ("VSCode adoption at 34.1%"). The words around the two
    differ, so the other checks miss it; graded for review: the prose may speak of
    another group or year."""
    lists: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    prose: list[tuple[str, Mention]] = []
    for m in run.mentions:
        a = run.about(m)
        if not a.item or m.claim is not None:
            continue
        if a.crowded >= 3:
            lists[(m.path, a.item)].append(m)
        else:
            prose.append((a.item, m))
    for item, m in prose:
        for o in lists.get((m.path, item), ()):
            if o.passage == m.passage or o.parsed.unit != m.parsed.unit or not _disagree(m, o):
                continue
            if _apart(run, m, o):
                continue
            yield _finding(
                m,
                [o],
                f"{m.text} ({item}) conflicts with {o.text} ({item}, a list item, "
                f"{o.path}:{o.line}): the same item's share, given twice",
                None,
                degree(m.parsed, o.parsed),
                _ITEM,
            )


def check(ctx: RunContext) -> Iterator[Finding]:
    run = ctx.collected if ctx.collected is not None else _Run()
    yield from _same_claim(run, ctx.registry)
    yield from _same_subject(run)
    yield from _summary_ranges(run)
    yield from _items(run)
