"""Harvest: draft claims for the figures that no sourced claim backs.

How an existing writing repo adopts mesacheck: `mesacheck harvest docs/` writes, for
each article, `claims/drafts/<article path>.yaml` with one `status: draft` claim per
figure that no claim backs, which a writer then completes with its source and quote.
Each draft has an id a person keeps (`<article-slug>.<subject-words>`), a `statement`
(the sentence, or "<row header> — <column header>: <value>" for a table cell), the
`value` as written, a `subject`, the link of its sentence or footnote as a source `url`,
and `scope`/`anchor`, which pin it to its own figure (mesacheck.pin): a draft never
resolves a figure of another article, so harvesting adds no finding.

The work never gets lost: where the drafts go is checked to be writable before any file
is read; each article's drafts are written (atomically, merged into what is there:
existing entries stay byte for byte) as soon as its figures are resolved, so memory holds
one article at a time; a figure that cannot be drafted is reported with its file and line
and skipped, and so is an article whose drafting fails. Running harvest again changes no
file: each figure then resolves to its draft.

`-o FILE.yaml` puts every draft in one file instead; `-o -` prints them.

Modules: `drafts` (one figure's draft), `links` (the link near a figure), `settle` (an
article's drafts checked against its figures), `merge` (YAML text and the atomic write).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, groupby
from pathlib import Path
from typing import IO, cast

from mesacheck import pin
from mesacheck.harvest.drafts import Context, Draft, article_slug, draft_id, make, value_of
from mesacheck.harvest.links import Links
from mesacheck.harvest.merge import HEADER, HarvestError, entry_lines, merge, render, writable
from mesacheck.harvest.merge import write as write_file
from mesacheck.harvest.settle import Pinned, settle
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
    "target_of",
    "value_of",
]

FRONT_MATTER = ("description", "summary", "llmSummary")


@dataclass(slots=True)
class Harvest:
    drafts: list[Draft] = field(default_factory=list)  # (only what `plan` keeps)
    added: int = 0
    files_written: int = 0
    sourced: int = 0  # figures already backed by a sourced claim
    drafted: int = 0  # figures that already resolve to an agreeing draft
    unsourced_claims: set[str] = field(default_factory=set)  # claims that need a source
    dates: int = 0
    problems: list[str] = field(default_factory=list)  # figures that got no draft, and why


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


def scope_of(path: str, root: Path) -> str:
    """An article's path as its drafts' `scope`: relative to `root` (the folder that holds
    the claims folder), with forward slashes (absolute when the article is outside it)."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.path.abspath(root))
    return pin.scope_key(full if rel.startswith("..") else rel)


def target_of(output: Path, scope: str) -> Path:
    """The drafts file of an article in the folder `output`."""
    return output / (scope.lstrip("/") + ".yaml")


class _Harvester:
    """Drafts one article at a time; keeps between articles only counts and ids."""

    def __init__(self, registry: Registry, root: Path, fields: tuple[str, ...]) -> None:
        self.registry = registry
        self.root = root
        self.links = Links(fields)
        self.taken: set[str] = set(registry.claims)
        self.pinned: dict[str, list[Pinned]] = {}  # article → the registry's pinned claims
        for lc in registry.claims.values():
            c = lc.claim
            if c.scope:
                self.pinned.setdefault(lc.pinned_to, []).append(
                    Pinned(c.id, c.anchor or "", lc.parsed)
                )
        self.out = Harvest()

    def article(self, found: Sequence[Resolution]) -> tuple[str, list[Draft]]:
        """The scope of one article and its new drafts (settled)."""
        if not found:
            return "", []
        path = found[0].figure.path
        scope = scope_of(path, self.root)
        slug = article_slug(scope)
        drafts: list[Draft] = []
        try:
            for r in found:
                try:
                    d = self._take(r, scope, slug)
                except Exception as e:  # a figure that breaks drafting is reported, skipped
                    f = r.figure
                    self.out.problems.append(
                        f"{f.path}:{f.line}:{f.column}: {f.text} could not be drafted "
                        f"({type(e).__name__}: {e}); skipped"
                    )
                    continue
                if d is not None:
                    drafts.append(d)
                    self.taken.add(d.id)
            full = os.path.normpath(os.path.abspath(path))
            drafts, dropped = settle(found, self.pinned.get(full, []), drafts)
            self.out.problems.extend(dropped)
        finally:
            self.links.forget()
        return scope, drafts

    def _take(self, r: Resolution, scope: str, slug: str) -> Draft | None:
        """Count one resolution, or the draft for its figure."""
        out, fig = self.out, r.figure
        if fig.kind == "date":
            out.dates += 1
            return None
        where = f"{fig.path}:{fig.line}:{fig.column}"
        if r.claim is not None:
            c = r.claim.claim
            if self.registry.sourced(c.id):
                out.sourced += 1
            elif c.status != "draft":
                out.unsourced_claims.add(c.id)
            elif agrees(fig.parsed, r.claim.parsed):
                out.drafted += 1
            else:  # the check reports it (MC002); a second draft would hide that
                out.problems.append(
                    f"{where}: {fig.text} disagrees with its draft `{c.id}` "
                    f"({c.value}); fix one of them"
                )
            return None
        value = value_of(fig)
        if value is None:
            out.problems.append(f"{where}: {fig.text} does not read back as a value; skipped")
            return None
        ctx = Context(fig)
        marker = r.unknown_marker
        if not marker or marker in self.taken:
            marker = draft_id(slug, fig, ctx, self.taken)
        cid = marker
        return make(fig, value, cid, scope, ctx, self.links.near(fig))


def plan(
    resolutions: Iterable[Sequence[Resolution]] | Iterable[Resolution],
    registry: Registry,
    front_matter_fields: tuple[str, ...] = FRONT_MATTER,
    root: Path | None = None,
) -> Harvest:
    """Every draft of the files, in memory (small runs: tests and scripts)."""
    h = _Harvester(registry, root or Path.cwd(), front_matter_fields)
    for found in by_file(resolutions):
        _scope, drafts = h.article(found)
        h.out.drafts.extend(drafts)
    return h.out


def run(
    resolutions: Iterable[Sequence[Resolution]] | Iterable[Resolution],
    registry: Registry,
    output: Path,
    front_matter_fields: tuple[str, ...] = FRONT_MATTER,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    root: Path | None = None,
) -> int:
    """`mesacheck harvest`: write each article's drafts into the folder `output` (or all
    into one `.yaml` file, or print them with `-`). Exit code."""
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
    mode = "file" if output.suffix in (".yaml", ".yml") else "dir"
    mode = "print" if str(output) == "-" else mode
    if mode != "print":
        why = writable(output)
        if why:
            print(f"mesacheck: {why}; nothing was harvested", file=stderr)
            return 2
    h = _Harvester(registry, root or Path.cwd(), front_matter_fields)
    kept: list[Draft] = []
    try:
        for found in by_file(resolutions):
            scope, drafts = h.article(found)
            if not drafts:
                continue
            if mode == "dir":
                new = write_file(target_of(output, scope), drafts)
                h.out.added += len(new)
                h.out.files_written += bool(new)
            elif mode == "print":
                stdout.write("\n".join("\n".join(entry_lines(d)) for d in drafts) + "\n\n")
                h.out.added += len(drafts)
            else:
                kept.extend(replace(d, figure=None) for d in drafts)  # type: ignore[arg-type]
        if mode == "file":
            new = write_file(output, kept)
            h.out.added, h.out.files_written = len(new), int(bool(new))
    except HarvestError as e:
        _problems(h.out, stderr)
        print(f"mesacheck: {e}", file=stderr)
        return 2
    except OSError as e:
        _problems(h.out, stderr)
        print(f"mesacheck: cannot write drafts: {e.strerror or e} ({e.filename})", file=stderr)
        return 2
    _problems(h.out, stderr)
    print(_summary(h.out, output, mode), file=stderr)
    return 0


def _problems(h: Harvest, stderr: IO[str]) -> None:
    for p in h.problems:
        print(f"mesacheck: {p}", file=stderr)


def _summary(h: Harvest, output: Path, mode: str) -> str:
    s = "" if h.added == 1 else "s"
    if mode == "print":
        where = "printed"
    elif mode == "file":
        where = f"added to {output}"
    else:
        n = h.files_written
        shown = str(output)
        if output.is_absolute() and not os.path.relpath(output).startswith(".."):
            shown = os.path.relpath(output)
        where = f"written to {n} file{'' if n == 1 else 's'} in {shown}/"
    line = f"mesacheck: {h.added} draft claim{s} {where}; {h.sourced} figures already sourced"
    if h.drafted:
        line += f", {h.drafted} already drafted"
    if h.unsourced_claims:
        line += (
            f", {len(h.unsourced_claims)} claims that need a source "
            f"({', '.join(sorted(h.unsourced_claims)[:10])}"
            f"{', …' if len(h.unsourced_claims) > 10 else ''})"
        )
    if h.problems:
        line += f", {len(h.problems)} figures not drafted (above)"
    return line + f"; {h.dates} dates skipped."
