"""MC005 qualifier-mismatch: the bound or the metric differs from the claim or from the
same figure elsewhere.

">99%" is not "99%", "at least 20" is not "up to 20", and an AUROC is not an accuracy.
A figure that resolves to a claim must keep the claim's bound (a point, a lower bound
">", "at least", "+", or an upper bound "<", "up to") and, when the claim names its
`metric`, the same metric. Without a registry, the same value quoted with a different
metric or bound in a similar sentence is reported against the majority reading (up to
20 of its places listed, all of them counted).

Passing (the claim is ">99%", metric AUROC):

    Linear probes achieve greater than 99% AUROC on sleeper agents.

Failing:

    Anthropic demonstrates "Simple Probes" can detect sleeper agents with greater than
    99% accuracy.

Fix: use the claim's metric and bound ("greater than 99% AUROC").
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from heapq import merge
from itertools import islice
from typing import ClassVar

from mesacheck.context import CheckContext, RunContext
from mesacheck.figures import DocFigure
from mesacheck.findings import Finding
from mesacheck.mention import Mention, Shared, Words, context_of, words_of
from mesacheck.resolve import content_words

ID = "MC005"
NAME = "qualifier-mismatch"
SEVERITY = "warning"  # default severity
ENABLED = True
SCOPE = "run"  # compares figures across the files of a run

_BOUND = {
    "eq": "point",
    "approx": "point",
    "gt": "lower",
    "gte": "lower",
    "plus": "lower",
    "lt": "upper",
    "lte": "upper",
}
_BOUND_WORDS = {"point": "an exact value", "lower": "a lower bound", "upper": "an upper bound"}
_METRIC_ALIASES = {
    "auc": "AUROC",
    "auroc": "AUROC",
    "accuracy": "accuracy",
    "detection": "detection (unspecified)",
    "precision": "precision",
    "recall": "recall",
    "f1": "f1",
    "error rate": "error rate",
    "percentage points": "percentage points",
}
_RELATED = 20  # places listed with a finding; the message counts all of them

# Confidence: against a claim, the claim says what the figure is; between figures, a
# metric named differently in one article (AUROC here, accuracy there) is likely one
# result misreported; a bound ("over 30%" against "30%") is how a writer rounds, and
# across files the same value in a similar sentence is rarely the same result.
_AGAINST_CLAIM = 0.9
_METRIC_SAME_FILE = 0.8
_METRIC_ACROSS = 0.5
_BOUND_SAME_FILE = 0.5
_BOUND_ACROSS = 0.35
_METRIC_WORDS = re.compile(r"\b(auroc|auc|accuracy|detection|precision|recall|f1)\b", re.I)


def _metric(name: str | None) -> str | None:
    if not name:
        return None
    return _METRIC_ALIASES.get(name.strip().lower(), name.strip().lower())


def _finding(
    f: DocFigure | Mention,
    message: str,
    claim: str | None,
    expected: str | None,
    related: list[Mention] | None = None,
    confidence: float = _AGAINST_CLAIM,
) -> Finding:
    return Finding.at_figure(
        ID,
        f,
        name=NAME,
        severity=SEVERITY,
        claim=claim,
        expected=expected,
        message=message,
        related=related or (),
        confidence=confidence,
    )


def _against_registry(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.resolutions:
        if r.claim is None or r.figure.kind == "date":
            continue
        f, c, claim_fig = r.figure, r.claim.claim, r.claim.parsed
        doc_bound, claim_bound = _BOUND[f.parsed.qualifier], _BOUND[claim_fig.qualifier]
        if doc_bound != claim_bound:
            yield _finding(
                f,
                f"{f.text} is {_BOUND_WORDS[doc_bound]} where claim `{c.id}` is "
                f"{_BOUND_WORDS[claim_bound]} ({c.value})",
                c.id,
                c.value,
            )
            continue
        want, got = _metric(c.metric), _metric(f.metric)
        if want in _METRIC_ALIASES.values() and got is not None and got != want:
            yield _finding(
                f,
                f"{f.text} is given as {got} where claim `{c.id}` measures {want}",
                c.id,
                f"{c.value} {c.metric}",
            )


@lru_cache(maxsize=16384)
def _sentence_words(sentence: str) -> frozenset[str]:
    return content_words(_METRIC_WORDS.sub(" ", sentence))


def _context_words(f: Mention | _Point) -> Words:
    return f.words[0]


def _plain(f: DocFigure) -> bool:
    """A figure with no metric and no bound: most figures. It can differ from the others
    of its value only by being a point, so the run keeps no full mention of it."""
    return f.metric is None and _BOUND[f.parsed.qualifier] == "point"


def collect(ctx: CheckContext) -> tuple:
    """One file's share: its findings against the registry and where they are (offsets);
    then each figure that may be compared with others, in order, with its sentence's
    words: a full mention of a figure with a metric or a bound, and of a plain figure
    (`_plain`) only what a finding on it or a list of its peers reads."""
    found = list(_against_registry(ctx))
    at: dict[tuple[int, int], DocFigure] = {}
    for r in ctx.resolutions if found else ():
        at.setdefault((r.figure.line, r.figure.column), r.figure)
    offsets = [at[(x.line, x.column)].offset for x in found]
    contexts: dict[str, str] = {}
    kept: dict[frozenset[str], Words] = {}
    mentions = []
    for r in ctx.resolutions:
        f = r.figure
        if f.kind in ("date", "count"):
            continue
        words = (words_of(_sentence_words(f.sentence), kept),)
        if not _plain(f):
            mentions.append(Mention.of(f, None, words, contexts).plain())
            continue
        p = f.parsed
        where = (f.line, f.column, f.end_line, f.end_column, f.offset)
        context = context_of(f, contexts)
        mentions.append((p.kind, p.unit, p.values, *where, f.text, context, words))
    path = ctx.resolutions[0].figure.path if ctx.resolutions else ""
    return [x.plain() for x in found], offsets, path, mentions


@dataclass(slots=True, eq=False)
class _Point:
    """A plain figure as the run keeps it: where it is, its text and its words (its
    group — kind, unit, values — is the key it is filed under)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    text: str
    context: str
    words: tuple[Words, ...]
    metric: ClassVar[None] = None


_POINT = 11  # the length of a plain figure's record (a full mention's is longer)


class _Run:
    """The run's figures so far by group (kind, unit, values), in order, and the
    findings against the registry; what `fold` folds."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.done: set[tuple[str, int]] = set()  # (path, offset) of those findings
        self.groups: dict[tuple, list[Mention | _Point]] = defaultdict(list)
        self.shared = Shared()

    def add(self, record: tuple | list) -> None:
        found, offsets, path, mentions = record
        for plain, offset in zip(found, offsets, strict=True):
            finding = Finding.from_plain(plain)
            self.done.add((finding.path, offset))
            self.findings.append(finding)
        shared, groups, intern = self.shared, self.groups, sys.intern
        path = intern(path)
        for t in mentions:
            if len(t) != _POINT:
                m = Mention.from_plain(t, shared)
                groups[(m.kind, m.parsed.unit, m.parsed.values)].append(m)
                continue
            kind, unit, values, line, column, end_line, end_column, offset, text, context, words = t
            group = (kind, unit, values if isinstance(values, tuple) else tuple(values))
            figs = groups.get(group)
            if figs is None:  # (the group's key, held once for the run)
                figs = groups[(intern(kind), intern(unit), shared.values(values))] = []
            figs.append(
                _Point(
                    path,
                    line,
                    column,
                    line if end_line == line else end_line,
                    end_column,
                    offset,
                    intern(text),
                    intern(context),
                    shared.groups(words),
                )
            )


def fold(folded: _Run | None, record: tuple | list) -> _Run:
    """The run so far with one more file's record (see `context.gather`)."""
    run = folded if folded is not None else _Run()
    run.add(record)
    return run


def _reading(f: Mention | _Point, attr: str) -> str | None:
    if isinstance(f, _Point):
        return None if attr == "metric" else "point"
    if attr == "metric":
        return _metric(f.metric)
    return _BOUND[f.parsed.qualifier]


def _between_figures(run: _Run) -> Iterator[Finding]:
    """The same value with another metric or bound in a similar sentence.

    The majority's figures are grouped by their context words: a figure is compared with
    each distinct context once, not with every copy of it (a sentence repeated on many
    pages), and its finding lists the first places and counts them all."""
    done = run.done
    as_set: dict[Words, frozenset[str]] = {}
    for figs in run.groups.values():
        if len(figs) < 2:
            continue
        for attr in ("metric", "bound"):
            readings = [_reading(f, attr) for f in figs]
            counted: dict[str, int] = defaultdict(int)
            for x in readings:
                if x is not None:
                    counted[x] += 1
            if len(counted) < 2:
                continue
            majority = max(counted, key=lambda k: (counted[k], k == "AUROC"))
            by_words: dict[Words, list[tuple[int, Mention | _Point]]] = defaultdict(list)
            for i, (o, x) in enumerate(zip(figs, readings, strict=True)):
                if x == majority:
                    by_words[_context_words(o)].append((i, o))
            for w in by_words:
                if w not in as_set:
                    as_set[w] = frozenset(w)
            for f, mine in zip(figs, readings, strict=True):
                if mine is None or mine == majority or (f.path, f.offset) in done:
                    continue
                words = frozenset(_context_words(f))
                alike = [m for w, m in by_words.items() if len(as_set[w] & words) >= 2]
                if not alike:
                    continue
                count = sum(len(m) for m in alike)
                peers = [o for _, o in islice(merge(*alike, key=lambda m: m[0]), _RELATED)]
                done.add((f.path, f.offset))
                here = any(o.path == f.path for o in peers)
                if attr == "metric":
                    sure = _METRIC_SAME_FILE if here else _METRIC_ACROSS
                else:
                    sure = _BOUND_SAME_FILE if here else _BOUND_ACROSS
                what = mine if attr == "metric" else _BOUND_WORDS[mine]
                usual = majority if attr == "metric" else _BOUND_WORDS[majority]
                yield _finding(
                    f,
                    f"{f.text} is given as {what}, but the same figure is {usual} in "
                    f"{count} other place(s), e.g. {peers[0].path}:{peers[0].line}",
                    None,
                    None,
                    peers,
                    sure,
                )


def check(ctx: RunContext) -> Iterator[Finding]:
    run: _Run = ctx.collected if ctx.collected is not None else _Run()
    yield from run.findings
    yield from _between_figures(run)
