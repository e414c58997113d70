"""Drafting: the claim a person would keep for one figure (id, statement, value, subject).

* `id`: `draft.` + the content words nearest the figure + a hash of the figure and its
  sentence (other figures masked): the same figure gets the same id on every run and in
  every clone, whatever the file is called;
* `statement`: the figure's sentence (or table row);
* `value`: the figure as written, in figure notation (`\\$` unescaped), which the grammar
  parses back to the same values, unit and qualifier;
* `subject`: the words right before and after the figure, never reaching past another
  figure of the sentence nor nearer another figure than this one (distances measured
  with the resolver's own `resolve.distance`), widened step by step (`REACHES`) when
  another claim would win the figure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from mesacheck import grammar
from mesacheck.figures import DocFigure, masked_sentence
from mesacheck.registry import LoadedClaim
from mesacheck.registry_schema import Claim
from mesacheck.resolve import distance, normalise, tokens

_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’\-]*[A-Za-z0-9])?")
_JOIN = re.compile(r"[\s\-‐–—_/]+")  # what the resolver reads as one space
_STRONG = re.compile(r"[.;!?|\n]")  # a clause or cell boundary
_WEAK = frozenset(
    "a an and are as at be by for from has have in is it its of on or than that the their "
    "this to was were which with but not nor so then also only just into about after before "
    "between during while when where who whose these those they them we our you your he she "
    "his her can could would should may might will shall do does did been being per via vs "
    "versus like such more most less much many some any all each both either neither over "
    "under up down out off there here very what i e g eg ie etc".split()
)
# (content words on each side, may a phrase reach across a comma or parenthesis)
REACHES = ((3, False), (5, False), (5, True), (8, True))
# characters between the figure and a phrase of its subject: nearer than the resolver's
# reach (120), so that a draft's phrases count for much in its figure's score
SUBJECT_REACH = 80.0


@dataclass(slots=True)
class Draft:
    """A draft claim for one figure, as it will be written."""

    id: str
    statement: str
    value: str
    subject: list[str]
    notes: str
    figure: DocFigure
    reach: int = 0  # index into REACHES of the phrases chosen

    def claim(self) -> LoadedClaim:
        """The draft as the registry loader would read it back from its YAML entry."""
        data = Claim(
            id=self.id,
            statement=self.statement,
            value=self.value,
            subject=tuple(self.subject),
            sources=(),
            status="draft",
            notes=self.notes,
        )
        return LoadedClaim(data, grammar.parse_value(self.value), "<harvest>", 0, 0)


def collapse(text: str) -> str:
    """Whitespace runs as one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def value_of(fig: DocFigure) -> str | None:
    """The figure in registry notation, or None when it does not parse back the same."""
    text = collapse(fig.text).replace("\\$", "$")
    try:
        parsed = grammar.parse_value(text)
    except grammar.ValueError_:
        return None
    want = fig.parsed
    same = (parsed.kind, parsed.values, parsed.halfwidths, parsed.unit, parsed.qualifier) == (
        want.kind,
        want.values,
        want.halfwidths,
        want.unit,
        want.qualifier,
    )
    return text if same else None


def statement(fig: DocFigure) -> str:
    """The figure's sentence (or table row), on one line."""
    return collapse(fig.sentence).strip("| ")


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    nstart: int  # the same span in the resolver's normalised sentence
    nend: int
    content: bool


class Context:
    """The words of a figure's sentence, and the phrases around it that belong to it.

    Distances are measured as the resolver measures them (in its normalised sentence), and
    a phrase is kept only while it is at least as near this figure as any other figure of
    the sentence: the resolver gives an occurrence nearer another figure to that figure.
    """

    def __init__(self, fig: DocFigure) -> None:
        self.fig = fig
        s = fig.sentence
        self.a, self.b = fig.at, fig.at + len(fig.text)
        # a bare table cell is read with its row, whose other figures are not in `others`
        self.bare = fig.where == "cell" and bool(fig.row) and s == fig.row
        blocked = [(self.a, self.b), *fig.others]
        if self.bare:
            blocked += [(f.start, f.end) for f in grammar.scan(s) if not f.start <= self.a < f.end]

        n = _norm_offsets(s).__getitem__
        self.at = n(self.a)
        self.end = self.at + len(normalise(fig.text))
        self.others = [(n(x), n(y)) for x, y in fig.others]
        self.left: list[_Word] = []
        self.right: list[_Word] = []
        for m in _WORD.finditer(s):
            ws, we = m.span()
            if any(ws < y and x < we for x, y in blocked):
                continue
            content = m.group().lower() not in _WEAK and bool(tokens(m.group()))
            word = _Word(ws, we, m.group(), n(ws), n(we), content)
            (self.left if we <= self.a else self.right).append(word)
        self.left.reverse()  # nearest first

    def distance(self, nstart: int, nend: int) -> float | None:
        """The resolver's distance from this figure to a span, or None when the span is
        nearer another figure of the sentence (or too far to count much)."""
        return distance((nstart, nend), self.at, self.end, self.others, reach=SUBJECT_REACH)

    def phrase(self, words: list[_Word], side: str, content: int, loose: bool) -> str:
        """The run of words nearest the figure on one side, up to `content` content words."""
        s = self.fig.sentence
        run: list[_Word] = []
        for w in words:
            prev = run[-1] if run else None
            if prev is None:
                gap = s[w.end : self.a] if side == "left" else s[self.b : w.start]
                strong = _STRONG.search(gap.replace("|", "") if self.bare else gap)
                if strong or len(gap.strip(" |" if self.bare else " ")) > 3:
                    break
            else:
                gap = s[w.end : prev.start] if side == "left" else s[prev.end : w.start]
                if not _JOIN.fullmatch(gap) and not (
                    loose and not _STRONG.search(gap) and len(gap.strip()) <= 2
                ):
                    break
            run.append(w)
            kept = _trim(run)
            if kept and self.distance(kept[0].nstart, kept[-1].nend) is None:
                run.pop()
                break
            if sum(x.content for x in run) >= content:
                break
        kept = _trim(run)
        return collapse(s[kept[0].start : kept[-1].end]) if kept else ""

    def subject(self, reach: int) -> list[str]:
        """The phrases before and after the figure, at step `reach` of REACHES."""
        content, loose = REACHES[reach]
        out = []
        for side, words in (("left", self.left), ("right", self.right)):
            p = self.phrase(words, side, content, loose)
            if p and p not in out:
                out.append(p)
        return out

    def nearest(self, k: int = 3) -> list[str]:
        """The `k` content words nearest the figure that belong to it (for its id)."""
        near = []
        for w in self.left + self.right:
            d = self.distance(w.nstart, w.nend)
            if w.content and d is not None:
                near.append((d, w.start, w.text))
        out: list[str] = []
        for _d, _s, t in sorted(near):
            if t.lower() not in (o.lower() for o in out):
                out.append(t)
        return out[:k]


def _norm_offsets(s: str) -> list[int]:
    """For each offset i of `s`, len(normalise(s[:i])): where it lies in the resolver's text."""
    if len(normalise(s)) == len(s) or len(s) > 4000:
        return list(range(len(s) + 1))  # the resolver's normalisation keeps offsets
    return [len(normalise(s[:i])) for i in range(len(s) + 1)]  # a letter whose lower case grows


def _trim(run: list[_Word]) -> list[_Word]:
    """The run in reading order without weak words at its ends."""
    words = sorted(run, key=lambda w: w.start)
    while words and not words[-1].content:
        words.pop()
    while words and not words[0].content:
        words.pop(0)
    return words


def _slug(words: list[str]) -> str:
    parts = []
    for w in words:
        p = re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-")[:24].strip("-")
        if p:
            parts.append(p)
    return "-".join(parts)


def draft_id(fig: DocFigure, context: Context | None = None) -> str:
    """`draft.<nearest words>-<hash>`, the same for the same figure in the same sentence."""
    context = context or Context(fig)
    digest = hashlib.sha256(
        (masked_sentence(fig) + "\x1f" + collapse(fig.text)).encode("utf-8")
    ).hexdigest()[:8]
    slug = _slug(context.nearest())
    return f"draft.{slug}-{digest}" if slug else f"draft.{digest}"
