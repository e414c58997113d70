"""MC007 date-mismatch: an event's date differs from the registry or from the same event
elsewhere in the files checked.

Dates are an optional class of figure ("February 2025", "2024 Dec", "(2019)", "mid-2025").
A date that resolves to a registry claim carrying a date is checked against it: a year
agrees with any month inside it, a month must match. Without such a claim, two dates of
the same event disagree: the same event is recognised by the names around the dates —
at least three shared proper names or title words, as in "A February 2025 Nature paper"
(under "Emergent Misalignment Discovery:") and "2026 Jan | Emergent Misalignment
published in Nature". Two events of one thing never conflict (a preprint and its journal
version, a trial that began and a sentence), nor do a year that is part of a name ("GSoC
2024"), two versions ("Quill 1.0", "Quill 2.0") or the dates of a recurring event
(meetings). Across files, only dates that both say the same one-off event reach the
default confidence. Unresolved years alone are never reported as unsourced. Each date is
reported with the dates it conflicts with (up to 20 listed, the rest counted), and what
each dates.

Passing:

    The December 2024 paper "Alignment Faking in Large Language Models" …

Failing (the Nature paper appeared in January 2026; February 2025 was the preprint):

    A February 2025 Nature paper by Betley et al. demonstrated …

Fix: write the date the source gives, or say which event you mean (the preprint).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from heapq import merge
from itertools import combinations

from mesacheck import about
from mesacheck.about import About
from mesacheck.context import CheckContext, RunContext
from mesacheck.figures import DocFigure
from mesacheck.findings import Finding
from mesacheck.grammar import Figure
from mesacheck.mention import Mention, MentionAbout, Shared, Words, words_of
from mesacheck.values import agrees, shape

ID = "MC007"
NAME = "date-mismatch"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "run"  # compares figures across the files of a run

_PROPER = re.compile(r"\b[A-Z][A-Za-z0-9\-]{2,}\b")
_COMMON = frozenset(
    "The This That These Those There Then When While With Without From Into Over Under After "
    "Before During Since Until Anthropic's Research Paper Papers Study Studies Review Timeline "
    "Date Event Year Years January February March April May June July August September "
    "October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Source "
    "Sources Key Finding Findings Current Evidence Using AI".split()
)
_MIN_SHARED = 3
_LISTED = 20  # dates listed in a finding; the message counts the rest


def _names_in(text: str) -> frozenset[str]:
    """Proper names and quoted title words of a text: what identifies an event."""
    words = {w.lower() for w in _PROPER.findall(text) if w not in _COMMON}
    for quoted in re.findall(r"[\"“]([^\"”]{3,80})[\"”]", text):
        words |= {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]{3,}", quoted)}
    return frozenset(words)


def _names(f: Mention) -> Words:
    """Proper names and quoted title words around a date (its lead-in and sentence)."""
    return f.words[0]


def collect(ctx: CheckContext) -> tuple:
    """One file's share: its dates' findings against the registry; how many other dates
    it has and how many of them each name is around (what makes a name too common to
    identify an event); a mention of each date with at least `_MIN_SHARED` names (no
    other can share that many with another date), with its names; and, for the passages
    of those, the distinct shapes of the passage's other dates (`_dated_nearby`)."""
    found = []
    dates: list[tuple[DocFigure, frozenset[str]]] = []
    names: dict[tuple[str, str], frozenset[str]] = {}
    for r in ctx.resolutions:
        f = r.figure
        if f.kind != "date":
            continue
        if r.claim is not None and r.claim.parsed.kind == "date":
            if not agrees(f.parsed, r.claim.parsed):
                c = r.claim.claim
                message = f"{f.text} dates an event that claim `{c.id}` dates {c.value}"
                found.append(_finding(f, message, c.id, c.value, []).plain())
            continue
        key = (f.lead, f.sentence)
        if key not in names:
            names[key] = _names_in(" ".join(key))
        dates.append((f, names[key]))
    counts: Counter[str] = Counter(n for _, found_names in dates for n in found_names)
    contexts: dict[str, str] = {}
    kept: dict[frozenset[str], Words] = {}
    mentions = []
    passages: set[int] = set()
    for f, found_names in dates:
        if len(found_names) >= _MIN_SHARED:
            m = Mention.of(f, None, (words_of(found_names, kept),), contexts).plain()
            mentions.append((m, about.of(f).plain()))
            passages.add(f.passage)
    mates = list(
        dict.fromkeys(
            (f.passage, shape(f.parsed))
            for f, found_names in dates
            if len(found_names) < _MIN_SHARED and f.passage in passages
        )
    )
    return found, len(dates), dict(counts), mentions, mates


class _Dates:
    """The run's dates so far, folded file by file (`fold`)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []  # against the registry, in file order
        self.dates = 0  # dates resolved to no dated claim
        self.df: Counter[str] = Counter()  # of those, how many each name is around
        self.linkable: list[Mention] = []
        self.by_passage: dict[tuple[str, int], list[Mention]] = {}
        self._about: dict[tuple, About] = {}  # one About per distinct reading
        self.mates: dict[tuple[str, int], list[Figure]] = {}  # the passage's other dates
        self.shared = Shared()

    def add(self, record: tuple | list) -> None:
        found, dates, counts, mentions, mates = record
        self.findings.extend(Finding.from_plain(f) for f in found)
        self.dates += dates
        df = self.df
        for n, k in counts.items():
            df[n] = df.get(n, 0) + k
        for plain, read in mentions:
            m = MentionAbout.folded(plain, read, self.shared, self._about)
            self.linkable.append(m)
            self.by_passage.setdefault((m.path, m.passage), []).append(m)
        if mates:
            path = self.linkable[-1].path  # a file with mates has a linkable date
            for passage, fig in mates:
                self.mates.setdefault((path, passage), []).append(self.shared.figure(fig))


def fold(folded: _Dates | None, record: tuple | list) -> _Dates:
    """The run's dates so far with one more file's record (see `context.gather`)."""
    dates = folded if folded is not None else _Dates()
    dates.add(record)
    return dates


# Confidence: a date against a dated claim is sure (the claim says which event); two
# dates of one article whose names agree and whose events agree (or are not said) are
# likely one event; across files, only when both say the same one-off event.
_AGAINST_CLAIM = 0.9
_SAME_FILE = 0.8
_SAME_FILE_UNSAID = 0.75  # one of them does not say what happened
_ACROSS_FILES = 0.75  # both say the same one-off event
_ACROSS_FILES_UNSAID = 0.45


def _confidence(mine: About, a: Mention, others: list[tuple[About, Mention]]) -> float:
    best = 0.0
    for theirs, o in others:
        said = bool(mine.event and theirs.event)
        if o.path == a.path:
            score = _SAME_FILE if said else _SAME_FILE_UNSAID
        else:
            score = _ACROSS_FILES if said else _ACROSS_FILES_UNSAID
        best = max(best, score)
    return best


def _about_of(m: Mention) -> About:
    got = getattr(m, "about", None)  # a MentionAbout
    return got if got is not None else About()


def _event(a: About) -> str:
    """What a date dates, in a few words: the event and the names around it."""
    names = ", ".join(a.entity[:3])
    return "; ".join(p for p in (a.event, names) if p)


def _finding(
    f: DocFigure | Mention,
    message: str,
    claim: str | None,
    expected: str | None,
    related: list[Mention],
    confidence: float = _AGAINST_CLAIM,
) -> Finding:
    return Finding.at_figure(
        ID,
        f,
        name=NAME,
        claim=claim,
        expected=expected,
        message=message,
        suggestion=expected,
        severity=SEVERITY,
        related=related,
        confidence=confidence,
    )


def _dated_nearby(a: Mention, b: Mention, run: _Dates) -> bool:
    """Another date in a's passage already agrees with b: a dates something else."""
    where = (a.path, a.passage)
    return any(o is not a and agrees(o.parsed, b.parsed) for o in run.by_passage[where]) or any(
        agrees(o, b.parsed) for o in run.mates.get(where, ())
    )


def check(ctx: RunContext) -> Iterator[Finding]:
    run: _Dates = ctx.collected if ctx.collected is not None else _Dates()
    # 1. against the registry (worked out file by file, in `collect`)
    yield from run.findings
    # 2. the same event dated differently in the files checked
    df = run.df
    too_common = max(3, min(40, run.dates // 4))  # a name on many dates is no event
    # one signature per date value and set of names: repeated dates are compared once
    sigs: dict[tuple, list[Mention]] = {}
    for f in run.linkable:
        a = _about_of(f)
        if a.named or a.event in about.RECURRING:
            continue  # part of a name ("GSoC 2024"), or one of a series (a meeting)
        uncommon = frozenset(n for n in _names(f) if df[n] <= too_common)
        versions = tuple(n for n in a.entity if n[:1] == "v" and n[1:2].isdigit())
        sigs.setdefault((f.parsed.values, uncommon, a.event, versions), []).append(f)
    keys = list(sigs)
    by_name: dict[str, list[int]] = {}  # candidate pairs share a name: an index
    for i, key in enumerate(keys):
        for n in key[1]:
            by_name.setdefault(n, []).append(i)
    shared_count: Counter[tuple[int, int]] = Counter()
    for members in by_name.values():
        for x, y in combinations(members, 2):
            shared_count[(x, y)] += 1
    links: dict[int, list[int]] = {}  # signatures whose dates disagree
    for (x, y), shared in sorted(shared_count.items()):
        if shared < _MIN_SHARED:
            continue
        if agrees(sigs[keys[x]][0].parsed, sigs[keys[y]][0].parsed):
            continue
        if keys[x][2] and keys[y][2] and keys[x][2] != keys[y][2]:
            continue  # two events of one thing (a preprint and its journal version)
        if keys[x][3] and keys[y][3] and not set(keys[x][3]) & set(keys[y][3]):
            continue  # two versions of one thing ("Quill 1.0", "Quill 2.0")
        links.setdefault(x, []).append(y)
        links.setdefault(y, []).append(x)
    # each figure against whole signature groups, from per-group counts: a date repeated
    # on many pages is not compared copy by copy (ten times the pages, ten times the work)
    groups = {x: sigs[keys[x]] for x in links}
    open_to: dict[tuple[tuple, int], _Open] = {}
    for x in sorted(links):
        for a in groups[x]:
            listed: list[Mention] = []
            count = 0
            for y in links[x]:
                key = (shape(a.parsed), y)
                if key not in open_to:  # y's dates whose own passage does not date a's event
                    open_to[key] = _Open([b for b in groups[y] if not _dated_nearby(b, a, run)])
                got = open_to[key]
                dated = {s for s, b in got.rep.items() if _dated_nearby(a, b, run)}
                here = [b for b in got.by_passage.get((a.path, a.passage), ()) if b.path == a.path]
                count += sum(n for s, n in got.count.items() if s not in dated)
                count -= sum(1 for b in here if shape(b.parsed) not in dated)
                if len(listed) < _LISTED:  # the first open dates, in order, by shape
                    open_shapes = [m for s, m in got.by_shape.items() if s not in dated]
                    for _, b in merge(*open_shapes):
                        if len(listed) >= _LISTED:
                            break
                        if not (b.passage == a.passage and b.path == a.path):
                            listed.append(b)
            if not count:
                continue
            texts = ", ".join(o.text for o in listed)
            where = ", ".join(f"{o.path}:{o.line}" for o in listed)
            more = f" and {count - len(listed)} more" if count > len(listed) else ""
            mine = _about_of(a)
            what = _event(mine)
            theirs = _event(_about_of(listed[0])) if listed else ""
            said = f" ({what})" if what else ""
            other = f" ({theirs})" if theirs else ""
            yield _finding(
                a,
                f"{a.text}{said} dates the same event as {texts}{other} ({where}){more}",
                None,
                None,
                listed,
                _confidence(mine, a, [(_about_of(o), o) for o in listed]),
            )


class _Open:
    """The dates of a signature group open to comparison, counted by shape and passage."""

    def __init__(self, dates: list[Mention]) -> None:
        self.rep: dict[tuple, Mention] = {}
        self.count: Counter[tuple] = Counter()
        self.by_passage: dict[tuple[str, int], list[Mention]] = {}
        self.by_shape: dict[tuple, list[tuple[int, Mention]]] = {}  # in order
        for i, b in enumerate(dates):
            key = shape(b.parsed)
            self.rep.setdefault(key, b)
            self.count[key] += 1
            self.by_shape.setdefault(key, []).append((i, b))
            self.by_passage.setdefault((b.path, b.passage), []).append(b)
