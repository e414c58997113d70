"""Mentions: what a cross-file rule keeps of a figure once the figure's file is done.

A rule that compares figures across files (MC003, MC005, MC007) cannot hold every figure
of a run: a figure carries its sentence, table row and headings, and a large run has
hundreds of thousands of them. Its `collect` turns each figure it may compare into a
`Mention` — where the figure is, what it says, which claim it resolved to, the context
words that rule compares — and the run keeps only those. A mention is plain data on its
way to the cache and back from a worker (`plain` / `from_plain`), so that a cached file
answers without being parsed again.

What a mention keeps is small, and shared where the run repeats itself:

* of its parsed figure only the `shape` that `values.agrees`, `degree` and `comparable`
  read (kind, values, half-widths, unit, qualifier): one `Figure` per distinct shape for
  the whole run, not one per mention (`Shared.figure`);
* its words as a tuple of interned strings (a frozenset costs several times as much),
  the same string object for a word in every file and every rule;
* its masked sentence and short labels interned, so that a sentence repeated across pages
  (boilerplate) is held once.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesacheck.about import About
from mesacheck.figures import DocFigure, masked_sentence
from mesacheck.grammar import Figure
from mesacheck.values import shape

if TYPE_CHECKING:
    from mesacheck.resolve import Resolution

Words = tuple[str, ...]


@dataclass(slots=True, eq=False)
class Mention:
    """A figure as a cross-file rule compares it: no sentence, a few words of context."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    text: str
    parsed: Figure  # its shape only: no span, text or decimals (see `values.shape`)
    passage: int
    where: str
    header: str
    headings: tuple[str, ...]
    metric: str | None
    claim: str | None  # the claim the figure resolved to, if any
    context: str  # its sentence with every number masked: what a baseline fingerprints
    words: tuple[Words, ...] = ()  # the collecting rule's own context words

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @classmethod
    def of(
        cls,
        fig: DocFigure,
        claim: str | None = None,
        words: tuple[Words, ...] = (),
        contexts: dict[str, str] | None = None,
    ) -> Mention:
        """The mention of `fig`; `contexts` shares one masked sentence between the
        figures of a sentence (give the same dict for every figure of a file)."""
        context = context_of(fig, contexts)
        return cls(
            fig.path,
            fig.line,
            fig.column,
            fig.end_line,
            fig.end_column,
            fig.offset,
            fig.text,
            fig.parsed,
            fig.passage,
            fig.where,
            fig.header,
            fig.headings,
            fig.metric,
            claim,
            context,
            words,
        )

    @classmethod
    def of_resolution(
        cls,
        r: Resolution,
        words: tuple[Words, ...] = (),
        contexts: dict[str, str] | None = None,
    ) -> Mention:
        return cls.of(r.figure, r.claim.claim.id if r.claim else None, words, contexts)

    def plain(self) -> tuple:
        return (
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.offset,
            self.text,
            shape(self.parsed),
            self.passage,
            self.where,
            self.header,
            self.headings,
            self.metric,
            self.claim,
            self.context,
            self.words,
        )

    @classmethod
    def from_plain(cls, t: tuple | list, shared: Shared | None = None) -> Mention:
        """The mention again; with `shared`, its figure, words and labels are the run's
        shared objects (what a rule's `fold` passes, so the run holds each once)."""
        (path, line, column, end_line, end_column, offset, text, fig, *rest) = t
        passage, where, header, headings, metric, claim, context, words = rest
        s = shared if shared is not None else Shared()
        return cls(
            s.text(path),
            line,
            column,
            line if end_line == line else end_line,  # one int object, not two
            end_column,
            offset,
            s.text(text),
            s.figure(fig),
            passage,
            s.text(where),
            s.text(header),
            s.headings(headings),
            None if metric is None else s.text(metric),
            None if claim is None else s.text(claim),
            s.text(context),
            s.groups(words),
        )


@dataclass(slots=True, eq=False)
class MentionAbout(Mention):
    """A mention with what its figure is about (`about.About`), for the rules that read
    it (MC003, MC007): set once the mention is folded, one shared object per distinct
    reading, and not part of `plain` (the rule's record carries it beside the mention)."""

    about: About | None = None

    @classmethod
    def folded(
        cls, plain: tuple | list, read: tuple | list, shared: Shared, readings: dict[tuple, About]
    ) -> MentionAbout:
        """A mention and its reading as a run rule's record carries them, as objects again:
        the run's shared figure, words and heading path, and one `About` per distinct
        reading (`readings`, by the reading as the record carries it)."""
        m = cls.from_plain(plain, shared)
        key = read if isinstance(read, tuple) else tuple(read)
        try:
            a = readings.get(key)
        except TypeError:  # lists inside: a key of tuples
            key = tuple(tuple(x) if isinstance(x, list) else x for x in key)
            a = readings.get(key)
        if a is None:
            a = readings[key] = About.from_plain((shared.headings(read[0]), *read[1:]))
        m.about = a
        return m  # type: ignore[return-value]


def context_of(fig: DocFigure, contexts: dict[str, str] | None = None) -> str:
    """A mention's `context`: its sentence with every number masked, one string for the
    figures of a sentence when `contexts` (one dict for a file's figures) is given."""
    context = masked_sentence(fig, numbers=True)
    return context if contexts is None else contexts.setdefault(context, context)


def words_of(found: frozenset[str], shared: dict[frozenset[str], Words]) -> Words:
    """A word set as a mention keeps it: sorted, one tuple per distinct set of a file
    (`shared`), so that the figures of a sentence pickle one tuple between them."""
    got = shared.get(found)
    if got is None:
        got = shared[found] = tuple(sorted(found))
    return got


class Shared:
    """The objects a run's mentions share: one `Figure` per shape, one tuple per word
    list and heading path, one string per word or label (`sys.intern`)."""

    __slots__ = ("_figures", "_tuples")

    def __init__(self) -> None:
        self._figures: dict[tuple, Figure] = {}
        self._tuples: dict[tuple, tuple] = {}

    def figure(self, fig: tuple | list) -> Figure:
        try:
            got = self._figures.get(fig)  # type: ignore[arg-type]
        except TypeError:  # a list, or lists inside: a key of tuples
            got = None
        if got is not None:
            return got
        kind, values, halfwidths, unit, qualifier = fig
        key = (kind, tuple(values), tuple(halfwidths), unit, qualifier)
        got = self._figures.get(key)
        if got is None:
            values, halfwidths = self.values(values), self._tuple(tuple(halfwidths))
            got = self._figures[key] = Figure(
                sys.intern(kind), values, halfwidths, sys.intern(unit), sys.intern(qualifier)
            )
        return got

    def words(self, words: tuple | list) -> Words:
        return self._known(words) or self._tuple(tuple(map(sys.intern, words)))

    def groups(self, groups: tuple | list) -> tuple[Words, ...]:
        """A mention's word lists (`words`), the outer tuple shared too."""
        return self._known(groups) or self._tuple(tuple(map(self.words, groups)))

    def values(self, values: tuple | list) -> tuple[float, ...]:
        return self._tuple(tuple(values))

    def headings(self, headings: tuple | list) -> tuple[str, ...]:
        return self._known(headings) or self._tuple(tuple(map(sys.intern, headings)))

    def _known(self, t: tuple | list) -> tuple | None:
        """The run's own tuple equal to `t`, if it has one (most lists a run's mentions
        carry repeat: one dictionary look-up, no string interned again)."""
        try:
            return self._tuples.get(t)  # type: ignore[arg-type]
        except TypeError:  # a list (or a tuple of lists): not a key
            return None

    def _tuple(self, t: tuple) -> tuple:
        return self._tuples.setdefault(t, t)

    @staticmethod
    def text(s: str) -> str:
        return sys.intern(s)
