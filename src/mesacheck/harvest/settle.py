"""Settling: every draft checked with the resolver itself, in memory.

The drafts become the claim records the registry loader would produce (`Draft.claim`),
are added to a copy of the registry's claims, and `resolve.Index` is built over that;
nothing is written to disk. A draft that loses its own figure to another claim is
widened (`drafts.REACHES`); a draft that would take a figure from the sourced claim that
backs it drops the phrases found in that figure's sentence.

Between rounds only the drafts whose subject changed can change a figure's claim, and
only for the figures where one of their phrases (before or after) is a candidate: a
claim is a candidate for a figure only when every token of one of its phrases is among
the figure's `resolve.context_words`. Those figures alone are resolved again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from mesacheck.figures import DocFigure
from mesacheck.harvest.drafts import REACHES, Context, Draft
from mesacheck.registry import LoadedClaim, Registry
from mesacheck.resolve import Index, context_words, normalise, tokens

ROUNDS = 2 * len(REACHES)
_BATCH = 256  # figures resolved between two clearings of the index's memos


def phrase_tokens(phrase: str) -> frozenset[str]:
    """The tokens the resolver's index files a subject phrase under."""
    return frozenset(tokens(" ".join(normalise(phrase).split())))


@dataclass(slots=True)
class Settled:
    """What settling leaves: the drafts, and messages for those it could not settle."""

    drafts: list[Draft]
    unresolved: list[str] = field(default_factory=list)


class _Figures:
    """The figures settling watches (drafts' own, then the sourced ones), with who wins
    each, and which of them a phrase could be a candidate for."""

    def __init__(self, figures: list[DocFigure]) -> None:
        self.figures = figures
        self.words = [context_words(f) for f in figures]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, words in enumerate(self.words):
            for t in words:
                self.postings[t].append(i)
        self.winner: list[str | None] = [None] * len(figures)

    def touched_by(self, phrases: set[frozenset[str]]) -> set[int]:
        """The figures for which a phrase with one of these token sets is a candidate."""
        out: set[int] = set()
        for toks in phrases:
            if not toks:
                continue  # the index files no phrase without tokens
            rarest = min(toks, key=lambda t: len(self.postings.get(t, ())))
            out.update(i for i in self.postings.get(rarest, ()) if toks <= self.words[i])
        return out


def settle(
    drafts: list[Draft], registry: Registry, sourced: list[tuple[DocFigure, str]]
) -> Settled:
    """Check the drafts with the resolver against the registry and each other.

    `sourced` holds the figures that resolve to a sourced claim, with that claim's id: a
    draft must not take them. Returns the settled drafts (same order, subjects widened or
    narrowed where needed) and a message for each draft whose figure still resolves to
    another claim.
    """
    drafts = list(drafts)
    n = len(drafts)
    watched = _Figures([d.figure for d in drafts] + [f for f, _ in sourced])
    base: dict[str, LoadedClaim] = dict(registry.claims)
    claims = [d.claim() for d in drafts]
    new_ids = {d.id for d in drafts}
    banned: dict[str, set[str]] = {}
    # a sourced figure keeps the claim that backs it (the registry's index resolved it
    # so) unless a phrase of a draft is a candidate for it
    for j, (_f, backer) in enumerate(sourced):
        watched.winner[n + j] = backer
    pending = set(range(n)) | watched.touched_by(
        {phrase_tokens(p) for d in drafts for p in d.subject}
    )

    def refresh() -> None:
        """Build the index over the registry and the drafts as they are now, and resolve
        the pending figures with it."""
        if not pending:
            return
        every = dict(base)
        every.update((c.claim.id, c) for c in claims)
        index = Index(Registry(claims=every, sources=registry.sources))
        for k, i in enumerate(sorted(pending)):
            if k % _BATCH == 0:
                index.forget()  # a figure's candidates among thousands of drafts are many
            watched.winner[i] = index.match(watched.figures[i])[0]
        pending.clear()

    for _round in range(ROUNDS):
        refresh()
        losing = {d.id for i, d in enumerate(drafts) if watched.winner[i] != d.id}
        taking: dict[str, list[DocFigure]] = {}
        for j, (f, backer) in enumerate(sourced):
            w = watched.winner[n + j]
            if w in new_ids and w != backer:
                taking.setdefault(w, []).append(f)
        if not losing and not taking:
            break
        stepped = False
        changed: set[frozenset[str]] = set()  # the phrases of subjects that changed
        for i, d in enumerate(drafts):
            if d.id in taking and d.subject:
                # it would take a figure from the claim that backs it: drop the phrases
                # found in that figure's sentence (or else its farthest phrase)
                there = " ".join(normalise(f.sentence) for f in taking[d.id])
                drop = {p for p in d.subject if normalise(p) in there} or {d.subject[-1]}
                banned.setdefault(d.id, set()).update(drop)
                new = replace(d, subject=[p for p in d.subject if p not in drop])
            elif d.id in losing and d.reach + 1 < len(REACHES):
                wider = Context(d.figure).subject(d.reach + 1)
                wider = [p for p in wider if p not in banned.get(d.id, ())]
                new = replace(d, subject=wider or d.subject, reach=d.reach + 1)
            else:
                continue
            stepped = True
            if new.subject != d.subject:
                changed.update(phrase_tokens(p) for p in (*d.subject, *new.subject))
                claims[i] = new.claim()
            drafts[i] = new
        if not stepped:
            break
        pending.update(watched.touched_by(changed))
    refresh()
    out = Settled(drafts)
    for i, d in enumerate(drafts):
        w = watched.winner[i]
        if w != d.id and d.subject:  # (a draft without a subject is reported already)
            f = d.figure
            who = f"`{w}`" if w is not None else "no claim"
            out.unresolved.append(
                f"{f.path}:{f.line}:{f.column}: {f.text} resolves to {who} rather than its "
                f"draft `{d.id}`; name it in the article with <!-- claim: {d.id} -->"
            )
    return out
