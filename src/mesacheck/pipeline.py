"""One file, start to end: bytes → text → Document → figures → resolutions → what the
rules find in it and what the run rules collect from it.

Plain functions with typed results. Nothing here knows of caches, processes or other
files: the runner (`runner.py`) decides where and when each file is analysed and keeps
what comes back; the engine (`engine.py`) runs the rules that compare files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mesacheck import figures, segments, suppress
from mesacheck.context import CheckContext
from mesacheck.figures import DocFigure
from mesacheck.findings import Finding
from mesacheck.registry import Registry
from mesacheck.resolve import Resolution, Resolver
from mesacheck.rules import FILE_RULES, RUN_RULES
from mesacheck.unread import Unread, find_unread

MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(slots=True, frozen=True)
class Settings:
    """What shapes a file's analysis besides its bytes and the registry."""

    front_matter_fields: tuple[str, ...]
    kinds: frozenset[str]
    backend: str

    def salt(self) -> str:
        return repr((self.front_matter_fields, sorted(self.kinds), self.backend))


@dataclass(slots=True)
class FileResult:
    """What one file gives a run: its own findings, what each run rule collected from it,
    its suppressions, and its counts for the coverage line."""

    path: str
    unreadable: str | None = None  # why the file could not be read or analysed
    findings: list[Finding] = field(default_factory=list)  # of the file rules
    collected: dict[str, Any] = field(default_factory=dict)  # run rule ID → its record
    suppressions: list[suppress.Suppression] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    figures: int = 0
    dates: int = 0
    resolved: int = 0  # to a claim with a source
    unresolved: int = 0
    unread: list[Unread] = field(default_factory=list)  # numbers in prose not read
    numbers: int = 0  # numbers in prose, read, classified or unread
    classified: dict[str, int] = field(default_factory=dict)  # non-figures, by class

    def plain(self) -> tuple:
        return (
            self.path,
            self.unreadable,
            [f.plain() for f in self.findings],
            self.collected,
            [s.plain() for s in self.suppressions],
            self.notes,
            (self.figures, self.dates, self.resolved, self.unresolved),
            ([u.plain() for u in self.unread], self.numbers, self.classified),
        )

    @classmethod
    def from_plain(cls, t: tuple | list) -> FileResult:
        path, unreadable, findings, collected, sups, notes, counts, numbers = t
        unread_, n, classified = numbers
        return cls(
            path,
            unreadable,
            [Finding.from_plain(f) for f in findings],
            collected,
            [suppress.Suppression.from_plain(s) for s in sups],
            list(notes),
            *counts,
            [Unread.from_plain(u) for u in unread_],
            n,
            dict(classified),
        )


def decode(raw: bytes) -> str:
    """Text as mesacheck reads it: UTF-8 (BOM dropped), newlines normalised."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(display: str, raw: bytes) -> tuple[str | None, str | None]:
    """(text, None), or (None, why the bytes are not a document mesacheck can read)."""
    if len(raw) > MAX_FILE_BYTES:
        return None, f"larger than {MAX_FILE_BYTES // 2**20} MB"
    if b"\x00" in raw[:8192]:
        return None, "binary file"
    try:
        return decode(raw), None
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, f"not UTF-8 (line {line}, byte {e.start})"


def document_figures(
    display: str, text: str, settings: Settings
) -> tuple[segments.Document, list[DocFigure]]:
    """The parsed document and its figures of the kinds asked for, in source order."""
    doc = segments.parse(display, text, settings.front_matter_fields, settings.backend)
    figs = figures.extract(doc, dates="date" in settings.kinds)
    return doc, [f for f in figs if f.kind in settings.kinds]


def resolve_all(resolver: Resolver, figs: list[DocFigure]) -> list[Resolution]:
    return [resolver.resolve(f) for f in figs]


def analyse(display: str, raw: bytes, settings: Settings, resolver: Resolver) -> FileResult:
    """Everything the run needs of one file."""
    text, why = read_text(display, raw)
    if text is None:
        return FileResult(display, unreadable=why)
    doc, figs = document_figures(display, text, settings)
    resolutions = resolve_all(resolver, figs)
    out = FileResult(display)
    registry = resolver.registry
    ctx = CheckContext(registry, resolutions)
    for rule in FILE_RULES:
        out.findings.extend(rule.check(ctx))
    for rule in RUN_RULES:
        out.collected[rule.ID] = rule.collect(ctx)
    if doc.comments:
        out.suppressions, out.notes = suppress.parse(doc, [f.line for f in figs])
    # what the front end could not read as asked: a line nested too deep, front matter
    # that does not parse, a parser that failed on the file (read with the other one)
    out.notes.extend(f"{display}:{line}: {why}" for line, why in doc.problems)
    out.notes.extend(f"{display}: {note}" for note in doc.notes)
    _count(out, resolutions, registry)
    tally = find_unread(doc, figs)  # one regex pass over the prose, less the figures' spans
    out.unread, out.numbers, out.classified = tally.unread, tally.numbers, dict(tally.classified)
    return out


def _count(out: FileResult, resolutions: list[Resolution], registry: Registry) -> None:
    for r in resolutions:
        if r.figure.kind == "date":
            out.dates += 1
            continue
        out.figures += 1
        if r.claim is not None and registry.sourced(r.claim.claim.id):
            out.resolved += 1
        else:
            out.unresolved += 1
