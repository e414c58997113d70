"""Mentions: what a cross-file rule keeps of a figure once the figure's file is done.

A rule that compares figures across files (MC003, MC005, MC007) cannot hold every figure
of a run: a figure carries its sentence, table row and headings, and a large run has
hundreds of thousands of them. Its `collect` turns each figure it may compare into a
`Mention` — where the figure is, what it says, which claim it resolved to, the context
words that rule compares — and the run keeps only those. A mention is plain data on its
way to the cache (`plain` / `from_plain`), so that a cached file answers without being
parsed again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesacheck.figures import DocFigure, masked_sentence
from mesacheck.grammar import Figure

if TYPE_CHECKING:
    from mesacheck.resolve import Resolution


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
    parsed: Figure
    passage: int
    where: str
    header: str
    headings: tuple[str, ...]
    metric: str | None
    claim: str | None  # the claim the figure resolved to, if any
    context: str  # its sentence with every number masked: what a baseline fingerprints
    words: tuple[frozenset[str], ...] = ()  # the collecting rule's own context words

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @classmethod
    def of(
        cls,
        fig: DocFigure,
        claim: str | None = None,
        words: tuple[frozenset[str], ...] = (),
        contexts: dict[str, str] | None = None,
    ) -> Mention:
        """The mention of `fig`; `contexts` shares one masked sentence between the
        figures of a sentence (give the same dict for every figure of a file)."""
        context = masked_sentence(fig, numbers=True)
        if contexts is not None:
            context = contexts.setdefault(context, context)
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
        words: tuple[frozenset[str], ...] = (),
        contexts: dict[str, str] | None = None,
    ) -> Mention:
        return cls.of(r.figure, r.claim.claim.id if r.claim else None, words, contexts)

    def plain(self) -> tuple:
        p = self.parsed
        return (
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.offset,
            self.text,
            (
                p.kind,
                p.values,
                p.halfwidths,
                p.unit,
                p.qualifier,
                p.start,
                p.end,
                p.text,
                p.decimals,
            ),
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
    def from_plain(cls, t: tuple | list) -> Mention:
        (path, line, column, end_line, end_column, offset, text, fig, *rest) = t
        passage, where, header, headings, metric, claim, context, words = rest
        return cls(
            path,
            line,
            column,
            end_line,
            end_column,
            offset,
            text,
            Figure(*fig),
            passage,
            where,
            header,
            tuple(headings),
            metric,
            claim,
            context,
            tuple(words),
        )
