"""Segments → figures: every figure of a document, placed and put in context.

Context is what resolution reads to decide which claim a figure quotes: the sentence
(or table cell) around it, the rest of the table row, the column header and the heading
path. An explicit marker `<!-- claim: some.id -->` right after a figure names its claim.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mesacheck import grammar
from mesacheck.grammar import Figure
from mesacheck.segments import Comment, Document, Segment

_MARKER_RE = re.compile(r"<!--\s*claim\s*:\s*(?P<id>[a-z0-9][a-z0-9.\-]*)\s*-->", re.IGNORECASE)
# A sentence ends at . ! ? followed by space and a capital, quote or digit; or at a blank line.
# (the leading lookahead lets `re` skip to candidate characters in C)
_SENTENCE_END = re.compile(
    r"(?=[\"'”’)\s])(?:(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“(\[0-9*])|\n\s*\n|(?<=[;:])\s+(?=[A-Z]))"
)
_WS = re.compile(r"\s+")
_ABBREV = re.compile(r"(?:\b(?:al|e\.g|i\.e|etc|vs|Dr|Mr|Ms|Fig|No|approx|cf)\.)$")
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
_METRIC_RE = re.compile(
    r"(?=[apredf])\b(" + "|".join(re.escape(m) for m in _METRICS) + r")\b", re.IGNORECASE
)


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
    # what rules compare across files, worked out per figure where the figure is
    # extracted (in parallel, and cached with it) by each rule's `features(figure)`
    features: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.parsed.text

    def feature(self, name: str, compute: Callable[[DocFigure], Any]) -> Any:
        """A rule's per-figure feature, computed on first use and kept with the figure."""
        got = self.features.get(name)
        if got is None:
            got = self.features[name] = compute(self)
        return got

    @property
    def kind(self) -> str:
        return self.parsed.kind


class _Sentences:
    """Where the sentences of one text end, found once for all its figures; whether an
    end follows an abbreviation ("et al.") is checked only for the ends a figure asks about."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self.starts_at = [a for a, _ in self.ends]
        self.stops_at = [b for _, b in self.ends]
        self._valid: dict[int, bool] = {}

    def _real(self, j: int) -> bool:
        ok = self._valid.get(j)
        if ok is None:
            a = self.ends[j][0]
            ok = self._valid[j] = not _ABBREV.search(self.text[max(0, a - 6) : a])
        return ok

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence that holds [start, end)."""
        s, e = 0, len(self.text)
        for j in range(bisect.bisect_right(self.stops_at, start) - 1, -1, -1):
            if self._real(j):
                s = self.ends[j][1]
                break
        for j in range(bisect.bisect_left(self.starts_at, end), len(self.ends)):
            if self._real(j):
                e = self.ends[j][0]
                break
        return s, e


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` that holds [start, end), as extraction reads sentences
    (for a single span; `extract` finds a text's sentence ends once for all figures)."""
    return _Sentences(text).around(start, end)


def _lead_in(text: str, sentence_start: int) -> str:
    """The previous sentence when it is a short lead-in ending in a colon."""
    before = text[:sentence_start].rstrip()
    if not before.endswith(":"):
        return ""
    start = max(before.rfind(". "), before.rfind("\n\n"), -1) + 1
    lead = re.sub(r"\s+", " ", before[start:]).strip()
    return lead if len(lead.split()) <= 8 else ""


def _metric_near(sentence: str, at: int, length: int) -> str | None:
    """The metric word nearest the figure (≤ 40 characters away), e.g. AUROC vs accuracy."""
    return _nearest_metric(_metrics_in(sentence), at, length)


def _metrics_in(sentence: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(1).lower()) for m in _METRIC_RE.finditer(sentence)]


def _nearest_metric(metrics: list[tuple[int, int, str]], at: int, length: int) -> str | None:
    best: tuple[int, str] | None = None
    for start, end, name in metrics:
        d = start - (at + length) if start >= at else at - end
        if d <= 40 and (best is None or d < best[0]):
            best = (d, name)
    return best[1] if best else None


def _marker_after(comments: list[Comment], source: str, end: int) -> str | None:
    for c in comments:
        if c.offset >= end and source[end : c.offset].strip() == "":
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


def _segment_figures(doc: Document, seg: Segment, dates: bool) -> list[DocFigure]:
    found = grammar.scan(seg.text, base=seg.offset, dates=dates)
    if not found:
        return []
    result: list[DocFigure] = []
    text, base = seg.text, seg.offset
    sentences = _Sentences(text)
    # what the figures of one sentence share, worked out once: the sentence with its
    # whitespace collapsed, where its text starts, the other figures in it (collapsed
    # spans), its metric words and its lead-in
    shared: dict[tuple[int, int], tuple[str, int, list[tuple[Figure, tuple[int, int]]]]] = {}
    metrics: dict[str, list[tuple[int, int, str]]] = {}
    leads: dict[int, str] = {}
    for fig in found:
        rel_s = fig.start - base
        s, e = sentences.around(rel_s, fig.end - base)
        got = shared.get((s, e))
        if got is None:
            raw = text[s:e]
            first = s + len(raw) - len(raw.lstrip())

            def collapsed_at(rel: int, first: int = first) -> int:
                return len(_WS.sub(" ", text[first:rel]))

            inside = [
                (o, (collapsed_at(o.start - base), collapsed_at(o.start - base) + len(o.text)))
                for o in found
                if o.kind != "date" and s <= o.start - base and o.end - base <= e
            ]
            # the figure starts on a non-space, so collapsing the two sides of it apart
            # (as it once was) and the whole sentence at once come to the same text
            got = shared[(s, e)] = (_WS.sub(" ", text[first:e]).rstrip(), first, inside)
        sentence, first, inside = got
        at = len(_WS.sub(" ", text[first:rel_s]))
        others = tuple(span for o, span in inside if o is not fig)
        if (
            seg.kind == "cell"
            and seg.row
            and not re.search(r"[A-Za-z]{2}", sentence.replace(fig.text, " "))
        ):
            # a bare cell ("2026 Jan", "40-70%"): its row says what it is about
            row_at = seg.row.find(fig.text)
            if row_at >= 0:
                sentence, at, others = seg.row, row_at, ()
        near = metrics.get(sentence)
        if near is None:
            near = metrics[sentence] = _metrics_in(sentence)
        line, col = doc.position(fig.start)
        end_line, end_col = doc.position(fig.end)
        result.append(
            DocFigure(
                path=doc.path,
                line=line,
                column=col,
                end_line=end_line,
                end_column=end_col,
                offset=fig.start,
                parsed=fig,
                sentence=sentence,
                at=at,
                row=seg.row,
                header=seg.header,
                headings=seg.headings,
                where=seg.kind,
                marker=_marker_after(seg.comments, doc.source, fig.end),
                metric=_nearest_metric(near, at, len(fig.text)),
                others=others,
                passage=seg.row_key if seg.kind == "cell" else seg.offset + s,
                lead=leads[s] if s in leads else leads.setdefault(s, _lead_in(text, s)),
            )
        )
    return result


def masked_sentence(fig: DocFigure, numbers: bool = False) -> str:
    """The figure's sentence with every figure in it (its own included) as "#", and with
    `numbers` every other number too, whitespace collapsed: what stays the same when a
    figure of the sentence is corrected (harvest ids, baseline fingerprints)."""
    out, pos = [], 0
    for a, b in sorted([(fig.at, fig.at + len(fig.text)), *fig.others]):
        if a < pos:
            continue
        out.append(fig.sentence[pos:a] + "#")
        pos = b
    out.append(fig.sentence[pos:])
    text = "".join(out)
    if numbers:
        text = re.sub(r"\d+", "#", text)
    return re.sub(r"\s+", " ", text).strip()
