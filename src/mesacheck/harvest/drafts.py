"""Drafting: the claim a person would keep for one figure (id, statement, value, subject).

* `id`: `<article-slug>.<subject-words>` (`rust-2023-survey.adoption-grew`): the article's
  file name (its folder's for `index.md`), then the content words nearest the figure
  (for a table cell, its row and column headers); `-2`, `-3` … when taken;
* `statement`: the figure's sentence, or for a table cell
  "<row header> — <column header>: <value>";
* `value`: the figure as written, in figure notation (`\\$` unescaped), which the grammar
  parses back to the same values, unit and qualifier;
* `subject`: the words right before and after the figure, never reaching past another
  figure of the sentence nor nearer another figure than this one (distances measured
  with the resolver's own `resolve.distance`); for a table cell, its row and column headers;
* `scope` and `anchor`: the article and the words around the figure that pin the draft
  to it (see mesacheck.pin); the link of its sentence or footnote is its source `url`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mesacheck import grammar, pin
from mesacheck.figures import DocFigure
from mesacheck.registry import LoadedClaim
from mesacheck.registry_schema import Claim, ClaimSource
from mesacheck.resolve import distance, normalise, tokens

_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’\-]*[A-Za-z0-9])?")
_JOIN = re.compile(r"[\s\-‐–—_/]+")  # what the resolver reads as one space
_LETTER = re.compile(r"[^\W\d_]")
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
    scope: str
    anchor: str
    figure: DocFigure | None  # (None once written: a run keeps no figure it is done with)
    url: str | None = None

    def claim(self) -> LoadedClaim:
        """The draft as the registry loader would read it back from its YAML entry."""
        data = Claim(
            id=self.id,
            statement=self.statement,
            value=self.value,
            subject=tuple(self.subject),
            sources=(ClaimSource(url=self.url),) if self.url else (),
            status="draft",
            scope=self.scope,
            anchor=self.anchor,
        )
        return LoadedClaim(data, grammar.parse_value(self.value), "<harvest>", 0, 0)


def collapse(text: str) -> str:
    """Whitespace runs as one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


_MARKUP = re.compile(r"\*\*|__|[*`\[\]]|(?<!\w)_|_(?!\w)")


def value_of(fig: DocFigure) -> str | None:
    """The figure in registry notation, or None when it does not parse back the same: as
    written; else without the Markdown markup its span crosses (`14** different languages`,
    `over [100 PRs`); else, for a number whose noun only its column or list names (a bare
    table cell), the number with that noun (`3` under "PRs merged" → `3 PRs merged`)."""
    text = collapse(fig.text).replace("\\$", "$")
    plain = collapse(_MARKUP.sub("", text))
    tries = [text, plain]
    if fig.kind == "count" and fig.parsed.unit and fig.parsed.unit not in plain:
        tries.append(f"{plain} {fig.parsed.unit}")
    want = fig.parsed
    for candidate in dict.fromkeys(tries):
        try:
            parsed = grammar.parse_value(candidate)
        except grammar.ValueError_:
            continue
        same = (parsed.kind, parsed.values, parsed.halfwidths, parsed.unit, parsed.qualifier) == (
            want.kind,
            want.values,
            want.halfwidths,
            want.unit,
            want.qualifier,
        )
        if same:
            return candidate
    return None


def row_header(fig: DocFigure) -> str:
    """The first cell of a table cell's row ("" when the figure is in that cell)."""
    first = fig.row.split("|", 1)[0]
    return "" if fig.text in first else collapse(first)


def statement(fig: DocFigure, value: str) -> str:
    """The figure's sentence on one line, or "<row header> — <column header>: <value>"."""
    if pin.bare_cell(fig):
        head, col = row_header(fig), collapse(fig.header)
        if head or col:
            label = " — ".join(x for x in (head, col) if x)
            return f"{label}: {value}"
    text = collapse(fig.sentence).strip("| ")
    return re.sub(r"\s+([.,;:!?])(?=\s|$)", r"\1", text)  # "the survey ." (a link's text)


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
            if w.content and d is not None and _LETTER.search(w.text):
                near.append((d, w.start, w.text))
        out: list[tuple[int, str]] = []
        for _d, start, t in sorted(near):
            if t.lower() not in (o.lower() for _s, o in out):
                out.append((start, t))
        return [t for _s, t in sorted(out[:k])]  # the nearest k, in reading order


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


def slug(words: list[str]) -> str:
    """Words as an id part: lower case, `-` between, [a-z0-9-] only."""
    parts = []
    for w in words:
        p = re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-")[:24].strip("-")
        if p:
            parts.append(p)
    return "-".join(parts)


_GENERIC_STEMS = frozenset({"index", "_index", "readme", "main", "content"})


def article_slug(path: str) -> str:
    """The id part for an article: its file name without extension (its folder's name
    for `index.md` and the like)."""
    parts = [p for p in re.split(r"[\\/]+", path) if p not in ("", ".", "..")]
    stem = parts[-1].rsplit(".", 1)[0] if parts else "article"
    if stem.lower() in _GENERIC_STEMS and len(parts) > 1:
        stem = parts[-2]
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:48].strip("-") or "article"


def subject_words(fig: DocFigure, context: Context) -> list[str]:
    """The words an id names a figure by: a cell's row and column headers, or the
    content words nearest the figure."""
    if pin.bare_cell(fig):
        words = _WORD.findall(f"{row_header(fig)} {fig.header}")
        words = [w for w in words if w.lower() not in _WEAK and _LETTER.search(w)][:4]
        if words:
            return words
    return [w for w in context.nearest(3) if _LETTER.search(w)]


def draft_id(article: str, fig: DocFigure, context: Context, taken: set[str]) -> str:
    """`<article-slug>.<subject-words>`, with `-2`, `-3` … when the id is taken."""
    words = slug(subject_words(fig, context)) or fig.kind
    base = f"{article}.{words}"
    cid, n = base, 2
    while cid in taken:
        cid, n = f"{base}-{n}", n + 1
    return cid


def make(
    fig: DocFigure, value: str, cid: str, scope: str, context: Context, url: str | None
) -> Draft:
    """The draft for one figure."""
    if pin.bare_cell(fig):
        subject = [x for x in (row_header(fig), collapse(fig.header)) if x]
    else:
        subject = [p for p in context.subject(0) if _LETTER.search(p)]
    return Draft(cid, statement(fig, value), value, subject, scope, pin.anchor(fig), fig, url)
