"""Segments → figures: every figure of a document, placed and put in context.

Context is what resolution reads to decide which claim a figure quotes: the sentence
(or table cell) around it, the rest of the table row, the column header and the heading
path. An explicit marker `<!-- claim: some.id -->` right after a figure names its claim.

Why one module of more than 400 lines: placing a figure (its exact source span through
the segment's view) and bounding its context (the windows that keep a line of N figures
linear, see `_contexts`) read and write the same per-sentence structures; split, each
half would need the other's internals. Where sentences end, and their lead-ins, are
`sentences`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from mesacheck import grammar, grammar_lists, grammar_units
from mesacheck.grammar import Figure
from mesacheck.grammar_anchor import WordSearch
from mesacheck.segments import Comment, Document, Segment
from mesacheck.sentences import Sentences, lead_in
from mesacheck.sentences import sentence_bounds as sentence_bounds  # (harvest reads it here)

_MARKER_RE = re.compile(r"<!--\s*claim\s*:\s*(?P<id>[a-z0-9][a-z0-9.\-]*)\s*-->", re.IGNORECASE)
_WS_SHRINKS = re.compile(r"\s\s+")  # a run that collapsing shortens (one space stays one)
_METRICS = (
    "auroc",
    "auc",
    "accuracy",
    "precision",
    "recall",
    "f1",
    "percentage points",
    "detection",
    "error rate",
)
_METRIC_WORDS = WordSearch((re.escape(m) for m in _METRICS), r"\b")
_WORD_CELL = re.compile(r"[A-Za-z]{2}")


@dataclass
class DocFigure:
    """A figure found in a document: where it is, what it says, and what is around it."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    parsed: grammar.Figure
    sentence: str  # the sentence or table cell holding the figure
    at: int  # offset of the figure inside `sentence`
    row: str = ""
    header: str = ""
    headings: tuple[str, ...] = ()
    where: str = "paragraph"
    marker: str | None = None  # claim id named by an explicit marker
    metric: str | None = None
    others: tuple[tuple[int, int], ...] = ()  # spans of the other figures in `sentence`
    passage: int = 0  # sentence or table row: figures in one passage are checked together
    lead: str = ""  # a short lead-in before the sentence ("Emergent Misalignment Discovery:")

    @property
    def text(self) -> str:
        return self.parsed.text

    @property
    def context(self) -> str:
        """The sentence with every number masked: what a baseline fingerprints (the same
        for the figures of a sentence, so worked out once for them)."""
        spans = tuple(sorted([(self.at, self.at + len(self.text)), *self.others]))
        return _masked(self.sentence, spans, True)

    @property
    def kind(self) -> str:
        return self.parsed.kind


_METRIC_REACH = 40  # a metric word this far from a figure or nearer names its metric


def _metric_near(sentence: str, at: int, length: int) -> str | None:
    """The metric word nearest the figure (≤ 40 characters away), e.g. AUROC vs accuracy."""
    return _nearest_metric(_metrics_in(sentence), at, length)


def _metrics_in(sentence: str) -> list[tuple[int, int, str]]:
    """The metric words of a sentence, each with its span. (Most sentences have none: in
    ASCII text, where case is only A-Z, a look for each in the lowercase copy says so.)"""
    if sentence.isascii():
        low = sentence.lower()
        if not any(m in low for m in _METRICS):
            return []
    return [(a, b, sentence[a:b].lower()) for a, b in _METRIC_WORDS.spans(sentence)]


def _nearest_metric(metrics: list[tuple[int, int, str]], at: int, length: int) -> str | None:
    """Linear: the metric words (in order, not overlapping) are bisected to those within
    reach of the figure, not all read for each figure of a sentence full of them."""
    lo = bisect.bisect_left(metrics, at - _METRIC_REACH, key=lambda m: m[1])
    hi = bisect.bisect_right(metrics, at + length + _METRIC_REACH, key=lambda m: m[0])
    best: tuple[int, str] | None = None
    for start, end, name in metrics[lo:hi]:
        WORK["metric"] += 1
        d = start - (at + length) if start >= at else at - end
        if d <= _METRIC_REACH and (best is None or d < best[0]):
            best = (d, name)
    return best[1] if best else None


_BLANK = re.compile(r"\s*")


def _marker_after(comments: list[Comment], source: str, end: int) -> str | None:
    """The claim id of a marker comment after `end` with only whitespace between.

    Linear: `comments` are in source order; the first at or after `end` is found by
    bisection, and a gap that is not blank ends the search (every later gap holds it);
    the blank run after a figure is read once, and runs after two figures never meet.
    """
    i = bisect.bisect_left(comments, end, key=lambda c: c.offset)
    blank_to = -1
    for c in comments[i:]:
        if blank_to < 0:
            blank_to = _BLANK.match(source, end).end()
        if blank_to < c.offset:
            break
        m = _MARKER_RE.fullmatch(c.text)
        if m:
            return m.group("id").lower()
    return None


def extract(doc: Document, dates: bool = True) -> list[DocFigure]:
    """All figures of a parsed document, in source order."""
    out: list[DocFigure] = []
    for seg in doc.segments:
        out.extend(_segment_figures(doc, seg, dates))
    out.sort(key=lambda f: f.offset)
    return out


# Context is bounded, so that a line of N figures costs O(N) time and memory, not O(N²):
# a sentence up to `_LONG` characters (whitespace collapsed) is every figure's context
# whole (the longest in the fixtures, the bench corpus and 750 Rust blog posts is under
# 500); a longer one is cut into blocks of `_BLOCK`, and a figure's context is its block
# with the blocks either side (shared by the figures of a block: one string each, not
# one per figure), so it keeps at least `_BLOCK` characters either side. `others` lists
# at most `_NEIGHBOURS` figures either side of the figure (real sentences hold at most
# 13 figures); rules look at most 120 characters away.
_BLOCK = 1000
_LONG = 3 * _BLOCK
_NEIGHBOURS = 32

# Work done on context, by kind: characters of sentence text collapsed, characters of
# context windows cut, spans listed in `others`, metric words compared; the rules add
# their own. Always on (an addition per step), read by the linear-growth test.
WORK: Counter[str] = Counter()


@dataclass(slots=True)
class _Sentence:
    """What the figures of one sentence share, worked out once for all of them."""

    text: str  # whitespace collapsed
    first: int  # where its text starts in the segment
    run_ends: list[int]  # where each whitespace run of two or more ends in the segment…
    shrunk: list[int]  # …and how many characters collapsing it and those before saved
    spans: list[tuple[int, int]]  # where its figures (not dates) are in `text`
    starts: list[int]  # the spans' starts, for bisection
    index: dict[int, int]  # id(figure) → its place in `spans`
    windows: dict[int, tuple[str, int, list[tuple[int, int]], list[int]]]

    def collapsed(self, rel: int) -> int:
        """Where offset `rel` of the segment (not in a whitespace run) is in `text`."""
        i = bisect.bisect_right(self.run_ends, rel) - 1
        return rel - self.first - (self.shrunk[i] if i >= 0 else 0)

    def window(self, k: int) -> tuple[str, int, list[tuple[int, int]], list[int]]:
        """Block k of a long sentence with the blocks either side: its text, where it
        starts in the sentence, and the spans (and their starts) of the figures in it."""
        got = self.windows.get(k)
        if got is None:
            text = self.text
            a, b = max(0, (k - 1) * _BLOCK), (k + 2) * _BLOCK
            if a > 0:  # cut between words when one ends nearby
                space = text.rfind(" ", a - 64, a)
                a = space + 1 if space >= 0 else a
            space = text.find(" ", b, b + 64)
            b = space if space >= 0 else b
            lo, hi = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
            spans = [(x - a, y - a) for x, y in self.spans[lo:hi] if y <= b]
            got = self.windows[k] = (text[a:b], a, spans, [x for x, _ in spans])
            WORK["window"] += len(got[0]) + len(spans)
        return got


def _sentence(
    text: str, base: int, s: int, e: int, found: list[Figure], starts: list[int]
) -> _Sentence:
    """The sentence [s, e) of a segment's `text` (at file offset `base`), in one pass."""
    body = text[s:e].lstrip()
    first = e - len(body)
    collapsed = " ".join(body.split())
    run_ends: list[int] = []
    shrunk: list[int] = []
    # Collapsing shortens the body by what each run of spaces saves (a run of one saves
    # nothing) and by its trailing run: the runs are looked for only when it shortens
    # it by more than one trailing space (most sentences have none).
    cut = len(body) - len(collapsed)
    if cut > 1 or (cut == 1 and not body[-1].isspace()):
        saved = 0
        for m in _WS_SHRINKS.finditer(text, first, e):
            saved += m.end() - m.start() - 1
            run_ends.append(m.end())
            shrunk.append(saved)
    got = _Sentence(collapsed, first, run_ends, shrunk, [], [], {}, {})
    WORK["sentence"] += e - s
    # its figures, found by bisection (`found` is in order); a figure starts on a
    # non-space, so its place in the collapsed sentence is its offset less what the
    # whitespace runs before it saved
    for o in found[bisect.bisect_left(starts, s) : bisect.bisect_left(starts, e)]:
        if o.kind != "date" and o.end - base <= e:
            at = got.collapsed(o.start - base)
            got.index[id(o)] = len(got.spans)
            got.spans.append((at, at + len(o.text)))
            got.starts.append(at)
    return got


def _others(
    spans: list[tuple[int, int]], starts: list[int], own: int | None, at: int
) -> tuple[tuple[int, int], ...]:
    """The spans of the other figures of a context: all of them, or when there are many,
    the `_NEIGHBOURS` nearest either side (`own` is the figure's place in `spans`)."""
    if own is None:  # a date: not among the spans
        p = q = bisect.bisect_left(starts, at)
    else:
        p, q = own, own + 1
    if len(spans) > 2 * _NEIGHBOURS + 1:
        got = (*spans[max(0, p - _NEIGHBOURS) : p], *spans[q : q + _NEIGHBOURS])
    else:
        got = (*spans[:p], *spans[q:])
    WORK["others"] += len(got)
    return got


def _scan(doc: Document, seg: Segment, dates: bool) -> list[Figure]:
    """The figures of a segment, each with its exact source span and its source text.

    The grammar reads the segment's view (markup a reader does not see left out), so a
    figure may run over emphasis (`**90**%`, `between **20** and **70** percent`): its
    span then covers the markup and its text is the source as written, never the
    masked copy."""
    source = doc.source
    if not seg.view:
        found = grammar.scan(seg.text, base=seg.offset, dates=dates)
        if not found and seg.header and seg.kind == "cell":
            found = _cell(seg.text, seg.header, seg.offset, seg.row)
        elif not found and ":" in seg.text and seg.kind == "paragraph":
            found = _listed(seg.text, source, seg.offset)
        # (a count cut short after a word qualifier keeps the longer text: "less than
        # 500 downloads since its"; its span is right)
        return [
            f if f.text == source[f.start : f.end] else _placed(f, f.start, f.end, source)
            for f in found
        ]
    found = []
    figs = grammar.scan(seg.view, dates=dates)
    if not figs and seg.header and seg.kind == "cell":
        figs = _cell(seg.view, seg.header, 0, seg.row)
    elif not figs and ":" in seg.text and seg.kind == "paragraph":
        return _listed(seg.text, source, seg.offset)
    for fig in figs:
        start, end = seg.file_offset(fig.start), seg.file_offset(fig.end - 1) + 1
        found.append(_placed(fig, start, end, source))
    return found


def _placed(fig: Figure, start: int, end: int, source: str) -> Figure:
    """`fig` at [start, end) of the file, its text the source there (what
    `dataclasses.replace` makes, at a third of the cost: it runs for most figures)."""
    f = fig
    return Figure(
        f.kind,
        f.values,
        f.halfwidths,
        f.unit,
        f.qualifier,
        start,
        end,
        source[start:end],
        f.decimals,
        f.ends,
    )


def _cell(text: str, header: str, base: int, row: str = "") -> list[Figure]:
    """A cell that is a bare number, when its column header names what it counts
    (`grammar_units.cell`: "| Views |" → "13 564" views) or its row says it is a
    speedup ("| speedup | 2.648 |")."""
    form = grammar_units.cell(text, header, row)
    if form is None:
        return []
    kind, values, halves, unit, _, s, e, dec = form
    return [Figure(kind, values, halves, unit, "eq", s + base, e + base, text[s:e], dec)]


def _listed(text: str, source: str, base: int) -> list[Figure]:
    """A list item `Label: N` among three or more alike (`grammar_lists.listed`)."""
    form = grammar_lists.listed(text, source, base)
    if form is None:
        return []
    kind, values, halves, unit, _, s, e, dec = form
    return [Figure(kind, values, halves, unit, "eq", s + base, e + base, text[s:e], dec)]


def _with_figures(seg: Segment, found: list[Figure]) -> str:
    """The segment's text with each figure's span as the figure's text (the source), so
    that a sentence holds its figures as written; the same length, the same offsets."""
    text, base = seg.text, seg.offset
    if not seg.view:
        return text
    parts, pos = [], 0
    for fig in found:
        a, b = fig.start - base, fig.end - base
        if text[a:b] != fig.text and a >= pos:
            parts += [text[pos:a], fig.text]
            pos = b
    return "".join(parts) + text[pos:] if parts else text


def _contexts(
    text: str, base: int, found: list[Figure]
) -> Iterator[tuple[Figure, int, str, int, tuple[tuple[int, int], ...]]]:
    """Each figure of a segment's `text` (at file offset `base`; `found` in order) with
    its sentence's start, its context, its place in it and the spans of the others.

    Linear in the segment: sentence ends are found once (`sentences.Sentences`); each sentence is
    collapsed once and its figures placed in it by bisection (`_sentence`); a figure's
    context is its sentence, or in a sentence longer than `_LONG` a window of three
    blocks shared by the figures of a block (`_Sentence.window`), so that each figure
    reads a bounded amount of text and lists a bounded number of others (`_others`).
    """
    starts = [f.start - base for f in found]
    sentences = Sentences(text)
    shared: dict[tuple[int, int], _Sentence] = {}
    for fig in found:
        rel_s = fig.start - base
        s, e = sentences.around(rel_s, fig.end - base)
        got = shared.get((s, e))
        if got is None:
            got = shared[(s, e)] = _sentence(text, base, s, e, found, starts)
        at = got.collapsed(rel_s)
        own = got.index.get(id(fig))
        if len(got.text) <= _LONG:
            yield fig, s, got.text, at, _others(got.spans, got.starts, own, at)
            continue
        sentence, a, spans, span_starts = got.window(at // _BLOCK)
        at -= a
        if own is not None:  # its place among the window's spans
            own = bisect.bisect_left(span_starts, at)
            if own == len(spans) or span_starts[own] != at:
                own = None  # (longer than a block: not wholly inside)
        yield fig, s, sentence, at, _others(spans, span_starts, own, at)


def _segment_figures(doc: Document, seg: Segment, dates: bool) -> list[DocFigure]:
    """The figures of one segment, each with its context (`_contexts`), metric word,
    marker and lead-in: metric words and markers are found by bisection, a lead-in within
    a bounded reach, so each figure costs a bounded amount of work."""
    found = _scan(doc, seg, dates)
    if not found:
        return []
    result: list[DocFigure] = []
    text = _with_figures(seg, found)
    comments = sorted(seg.comments, key=lambda c: c.offset) if seg.comments else None
    metrics: dict[str, list[tuple[int, int, str]]] = {}
    leads: dict[int, str] = {}
    row, cell, position = seg.row, seg.kind == "cell", doc.position
    for fig, s, sentence, at, others in _contexts(text, seg.offset, found):
        if cell and row and not _WORD_CELL.search(sentence.replace(fig.text, " ")):
            # a bare cell ("2026 Jan", "40-70%"): its row says what it is about
            row_at = row.find(fig.text)
            if row_at >= 0:
                sentence, at, others = row, row_at, ()
        near = metrics.get(sentence)
        if near is None:
            near = metrics[sentence] = _metrics_in(sentence)
        line, col = position(fig.start)
        end_line, end_col = position(fig.end)
        lead = leads.get(s)
        if lead is None:
            lead = leads[s] = lead_in(text, s)
        # (the fields in order, by position: by keyword, the call costs three times as
        # much; tests/test_extraction.py checks the order)
        result.append(
            DocFigure(
                doc.path,
                line,
                col,
                end_line,
                end_col,
                fig.start,  # offset
                fig,  # parsed
                sentence,
                at,
                row,
                seg.header,
                seg.headings,
                seg.kind,  # where
                _marker_after(comments, doc.source, fig.end) if comments else None,
                _nearest_metric(near, at, len(fig.text)) if near else None,  # metric
                others,
                seg.row_key if cell else seg.offset + s,  # passage
                lead,
            )
        )
    return result


def masked_sentence(fig: DocFigure, numbers: bool = False) -> str:
    """The figure's sentence with every figure in it (its own included) as "#", and with
    `numbers` every other number too, whitespace collapsed: what stays the same when a
    figure of the sentence is corrected (harvest ids, baseline fingerprints)."""
    spans = tuple(sorted([(fig.at, fig.at + len(fig.text)), *fig.others]))
    return _masked(fig.sentence, spans, numbers)


@lru_cache(maxsize=4096)
def _masked(sentence: str, spans: tuple[tuple[int, int], ...], numbers: bool) -> str:
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(sentence[pos:a] + "#")
        pos = b
    out.append(sentence[pos:])
    text = "".join(out)
    if numbers:
        text = re.sub(r"\d+", "#", text)
    return " ".join(text.split())  # whitespace collapsed
