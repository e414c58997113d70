"""Harvest: draft claims for the figures that no sourced claim backs.

How an existing writing repo adopts mesacheck: `mesacheck harvest docs/ -o claims/drafts.yaml`
writes one `status: draft` claim per unsourced figure, which a writer then completes with
its source and quote. Each draft has an `id`, a `statement`, a `value` and a `subject`
(see `drafts`), `sources: []`, `status: draft`, and `notes` saying where the figure was
found and the link of its sentence or footnote, if any (see `links`).

Every draft is checked with the resolver itself against the registry and the other
drafts, in memory (see `settle`): the resolver picks each draft for its own figure, and
no draft takes a figure from the sourced claim that backs it, so harvesting adds no
finding. With `-o FILE` the drafts are merged into FILE as text (see `merge`): existing
entries stay as they are, comments and all, and running harvest again changes nothing.

The resolutions arrive one file at a time (`plan` and `run` take an iterable of per-file
lists, or a flat stream which they group by consecutive path); what is kept between
files is the drafts and the figures that sourced claims back, never every figure.

Modules: `drafts` (one figure's draft), `links` (the link near a figure), `settle` (the
in-memory check against the resolver), `merge` (YAML text and the atomic write).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby
from pathlib import Path
from typing import IO, cast

from mesacheck.figures import DocFigure
from mesacheck.harvest import settle
from mesacheck.harvest.drafts import Context, Draft, draft_id, statement, value_of
from mesacheck.harvest.links import Links
from mesacheck.harvest.merge import HEADER, HarvestError, entry_lines, merge, render, write
from mesacheck.registry import Registry
from mesacheck.resolve import Resolution
from mesacheck.values import agrees

__all__ = [
    "HEADER",
    "Draft",
    "Harvest",
    "HarvestError",
    "by_file",
    "draft_id",
    "entry_lines",
    "merge",
    "plan",
    "render",
    "run",
    "value_of",
]

FRONT_MATTER = ("description", "summary", "llmSummary")


@dataclass(slots=True)
class Harvest:
    drafts: list[Draft] = field(default_factory=list)
    sourced: int = 0  # figures already backed by a sourced claim
    drafted: int = 0  # figures that already resolve to an agreeing draft
    unsourced_claims: list[str] = field(default_factory=list)  # claims that need a source
    dates: int = 0
    problems: list[str] = field(default_factory=list)  # figures that got no draft, and why
    unresolved: list[str] = field(default_factory=list)  # drafts the resolver would not pick


def by_file(
    resolutions: Iterable[Sequence[Resolution]] | Iterable[Resolution],
) -> Iterator[Sequence[Resolution]]:
    """Per-file lists of resolutions: as given, or a flat stream grouped by consecutive
    path (the order a check produces them in)."""
    it = iter(resolutions)
    first = next(it, None)
    if first is None:
        return
    if isinstance(first, Resolution):
        flat = cast(Iterator[Resolution], chain([first], it))
        for _path, group in groupby(flat, key=lambda r: r.figure.path):
            yield list(group)
    else:
        yield from cast(Iterator[Sequence[Resolution]], chain([first], it))


def plan(
    resolutions: Iterable[Sequence[Resolution]] | Iterable[Resolution],
    registry: Registry,
    front_matter_fields: tuple[str, ...] = FRONT_MATTER,
) -> Harvest:
    """Drafts for the figures that no sourced claim backs, settled against the registry."""
    out = Harvest()
    links = Links(front_matter_fields)
    by_id: dict[str, Draft] = {}
    sourced: list[tuple[DocFigure, str]] = []
    for found in by_file(resolutions):
        for r in found:
            _take(r, registry, out, by_id, sourced, links)
        links.forget()
    settled = settle.settle(list(by_id.values()), registry, sourced)
    out.drafts = settled.drafts
    out.unresolved = settled.unresolved
    return out


def _take(
    r: Resolution,
    registry: Registry,
    out: Harvest,
    by_id: dict[str, Draft],
    sourced: list[tuple[DocFigure, str]],
    links: Links,
) -> None:
    """Count one resolution, or draft a claim for its figure."""
    fig = r.figure
    if fig.kind == "date":
        out.dates += 1
        return
    if r.claim is not None:
        c = r.claim.claim
        if registry.sourced(c.id):
            out.sourced += 1
            sourced.append((fig, c.id))  # a draft must not take it
            return
        if c.status != "draft":
            out.unsourced_claims.append(c.id)
            return
        if agrees(fig.parsed, r.claim.parsed):
            out.drafted += 1
            return
    where = f"{fig.path}:{fig.line}:{fig.column}"
    value = value_of(fig)
    if value is None:
        out.problems.append(f"{where}: {fig.text} does not read back as a value; skipped")
        return
    ctx = Context(fig)
    cid = r.unknown_marker or draft_id(fig, ctx)
    if cid in by_id or cid in registry.claims:
        return
    subject = ctx.subject(0)
    if not subject:
        out.problems.append(
            f"{where}: no words around {fig.text} to recognise it by; name its draft in "
            f"the article with <!-- claim: {cid} -->"
        )
    notes = f"harvested from {fig.path}:{fig.line}"
    url = links.near(fig)
    if url:
        notes += f"; link in its sentence: {url}"
    by_id[cid] = Draft(cid, statement(fig), value, subject, notes, fig)


def run(
    resolutions: Iterable[Sequence[Resolution]] | Iterable[Resolution],
    registry: Registry,
    output: Path | None,
    front_matter_fields: tuple[str, ...] = FRONT_MATTER,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """`mesacheck harvest`: print the drafts, or merge them into `output`. Exit code."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if registry.load_failed:
        for p in registry.problems:
            if p.code == "MC101":
                print(f"{p.path}:{p.line}: {p.code} {p.message}", file=stderr)
        print(
            "mesacheck: the registry did not load cleanly (MC101 above); fix it before "
            "harvesting, or drafts would duplicate the claims it could not read",
            file=stderr,
        )
        return 2
    h = plan(resolutions, registry, front_matter_fields)
    for p in h.problems + h.unresolved:
        print(f"mesacheck: {p}", file=stderr)
    if output is None:
        stdout.write(render(h.drafts))
        added = len(h.drafts)
        where = "printed"
    else:
        try:
            new = write(output, h.drafts)
        except HarvestError as e:
            print(f"mesacheck: {e}", file=stderr)
            return 2
        except OSError as e:
            print(f"mesacheck: cannot write {output}: {e.strerror or e}", file=stderr)
            return 2
        added = len(new)
        kept = len(h.drafts) - added
        where = f"added to {output}" + (f" ({kept} already there)" if kept else "")
    print(_summary(h, added, where), file=stderr)
    return 0


def _summary(h: Harvest, added: int, where: str) -> str:
    s = "" if added == 1 else "s"
    line = f"mesacheck: {added} draft claim{s} {where}; {h.sourced} figures already sourced"
    if h.drafted:
        line += f", {h.drafted} already drafted"
    if h.unsourced_claims:
        line += (
            f", {len(h.unsourced_claims)} quote claims that need a source "
            f"({', '.join(sorted(set(h.unsourced_claims)))})"
        )
    return line + f"; {h.dates} dates skipped."
