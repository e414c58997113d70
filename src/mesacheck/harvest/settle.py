"""Settling: one article's new drafts checked against its figures, in memory.

A draft is pinned to its article (mesacheck.pin), so it can only change how the figures of
that article resolve, and only those that no claim of the ordinary index resolves. For
each such figure the pinned claims of the article (those the registry holds and the new
drafts) are matched as the resolver matches them: a new draft that would win a figure
that is not its own and whose value it does not say exactly (a figure that got no draft
of its own, or a near-copy of another's words) could add a finding, so it is dropped and
the figure reported. Nothing
is written and no index is built: the work is per article, whatever the registry's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mesacheck import pin
from mesacheck.grammar import Figure
from mesacheck.harvest.drafts import Draft
from mesacheck.resolve import Resolution


@dataclass(slots=True)
class Pinned:
    """A claim pinned to an article: id, anchor and parsed value."""

    id: str
    anchor: str
    parsed: Figure


def settle(
    found: Sequence[Resolution], existing: list[Pinned], drafts: list[Draft]
) -> tuple[list[Draft], list[str]]:
    """The drafts that add no finding to their article, and a message for each dropped."""
    drafts = list(drafts)
    dropped: list[str] = []
    watched = [r for r in found if r.claim is None or r.how == "pinned"]
    while drafts:
        pool = existing + [Pinned(d.id, d.anchor, d.claim().parsed) for d in drafts]
        new = {d.id: d for d in drafts}
        own = {id(d.figure): d.id for d in drafts}
        bad: dict[str, Resolution] = {}
        lost: set[str] = set()
        for r in watched:
            fig = r.figure
            doc = fig.parsed
            got = pin.best(
                fig,
                [(p.anchor, i) for i, p in enumerate(pool)],
                lambda i, pool=pool: pool[i].parsed,
            )
            mine = own.get(id(fig))
            if got is None:
                if mine is not None:
                    lost.add(mine)  # it would not pin its own figure: drafted every run
                continue
            winner = pool[got[0]]
            if winner.id in new and winner.id != mine and not pin.same(doc, winner.parsed):
                bad.setdefault(winner.id, r)  # (a bound against an exact value: MC005)
        for cid in lost - set(bad):
            f = new[cid].figure
            if f is not None:
                dropped.append(
                    f"{f.path}:{f.line}:{f.column}: {f.text} cannot be pinned by its words; skipped"
                )
        drafts = [d for d in drafts if d.id not in lost]
        if not bad:
            break
        for cid, r in bad.items():
            f = r.figure
            dropped.append(
                f"{f.path}:{f.line}:{f.column}: no draft `{cid}`: its words are also those of "
                f"{f.text} here, which says something else"
            )
        drafts = [d for d in drafts if d.id not in bad]
    return drafts, dropped
