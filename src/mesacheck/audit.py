"""`mesacheck audit PATHS`: every figure of the documents with its status, claim and
sources, the consistency candidates below the threshold (`to_review`), and every unread
number with why it was not read (DESIGN.md, `mesacheck audit`).

`--format json` writes one object, built from pydantic models like the `json` reporter:
`{"version": 1, "figures": [...], "to_review": [...], "unread": [...], "summary": {...}}`.
Without it, a plain terminal table: one row per figure, then the unread numbers and the
coverage line.

A figure's status comes from the check's findings at its place (the worst one wins, in
`_STATUS_OF` order) and else from its resolution: `resolved` when it resolves to a claim
with a source, `unsourced` when not.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from mesacheck import engine
from mesacheck.findings import Finding
from mesacheck.pipeline import document_figures, read_text
from mesacheck.registry import Registry
from mesacheck.reporters.models import FindingModel, Text, finding_model
from mesacheck.resolve import Resolution
from mesacheck.unread import Unread, find_unread

# a finding's code → the status of the figure it is on, worst first
_STATUS_OF = {
    "MC002": "mismatch",
    "MC005": "qualifier-mismatch",
    "MC004": "arithmetic-mismatch",
    "MC003": "conflicting",
    "MC007": "date-mismatch",
    "MC006": "stale",
    "MC001": "unsourced",
}
_ORDER = list(_STATUS_OF)
STATUSES = (*_STATUS_OF.values(), "to-review", "resolved")


class SourceModel(BaseModel):
    """One source a claim cites, with the quote the claim gives from it."""

    source: Text
    title: Text | None = None
    url: Text | None = None
    year: int | None = None
    quote: Text | None = None
    locator: Text | None = None


class FigureModel(BaseModel):
    path: Text
    line: int
    column: int
    end_column: int
    text: Text
    kind: Text
    value: int | float | list[int | float]
    unit: Text
    qualifier: Text
    status: Text
    claim: Text | None
    sources: list[SourceModel]


class ReviewModel(FindingModel):
    confidence: float | None = None


class UnreadModel(BaseModel):
    path: Text
    line: int
    column: int
    text: Text
    why: Text


class AuditSummary(BaseModel):
    files: int
    figures: int  # all figures listed, dates included
    by_status: dict[str, int]
    by_kind: dict[str, int]
    numbers: int  # numbers in prose: read, classified or unread
    unread: int
    classified: dict[str, int]  # numbers that are no figures, by class
    to_review: int
    unreadable: list[dict[str, str]]


class AuditReport(BaseModel):
    version: int = 1
    figures: list[FigureModel]
    to_review: list[ReviewModel]
    unread: list[UnreadModel]
    summary: AuditSummary


def build(session: engine.Session, files: list[Path]) -> tuple[AuditReport, engine.Outcome]:
    """The audit of `files`: the check's outcome, and each figure with its status."""
    outcome = engine.lint(session, files)
    worst = _worst_finding(outcome.findings)
    reviewed = {(f.path, f.line, f.column) for f in outcome.to_review}
    figures: list[FigureModel] = []
    unread: list[Unread] = []
    numbers = 0
    classified: dict[str, int] = {}
    registry = session.registry
    for path in files:
        display = engine.display_name(path)
        try:
            text, _why = read_text(display, path.read_bytes())
        except OSError:
            continue  # the check reported it (MC008)
        if text is None:
            continue
        doc, figs = document_figures(display, text, session.settings)
        for r in (session.resolver.resolve(f) for f in figs):
            key = (r.figure.path, r.figure.line, r.figure.column)
            figures.append(_figure(r, registry, worst.get(key), key in reviewed))
        tally = find_unread(doc, figs)
        unread.extend(tally.unread)
        numbers += tally.numbers
        for cls, n in tally.classified.items():
            classified[cls] = classified.get(cls, 0) + n
    summary = AuditSummary(
        files=outcome.coverage.files,
        figures=len(figures),
        by_status=_count(f.status for f in figures),
        by_kind=_count(f.kind for f in figures),
        numbers=numbers,
        unread=len(unread),
        classified=dict(sorted(classified.items())),
        to_review=len(outcome.to_review),
        unreadable=[{"path": p, "reason": r} for p, r in outcome.coverage.unreadable],
    )
    report = AuditReport(
        figures=figures,
        to_review=[_review(f) for f in outcome.to_review],
        unread=[UnreadModel(**_unread_fields(u)) for u in unread],
        summary=summary,
    )
    return report, outcome


def run(session: engine.Session, files: list[Path], fmt: str, out: IO[str]) -> int:
    """`mesacheck audit`: write the audit; 2 when the registry did not load, else 0."""
    report, outcome = build(session, files)
    if fmt == "json":
        out.write(report.model_dump_json(indent=2) + "\n")
    else:
        out.write(table(report, outcome.coverage_line))
    return 2 if outcome.registry_failed else 0


def table(report: AuditReport, coverage_line: str) -> str:
    """The plain terminal table: one row per figure, then the unread numbers."""
    rows = [("place", "figure", "kind", "status", "claim")]
    for f in report.figures:
        rows.append(
            (f"{f.path}:{f.line}:{f.column}", _cell(f.text), f.kind, f.status, f.claim or "-")
        )
    widths = [min(60, max(len(r[i]) for r in rows)) for i in range(4)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4]
        for r in rows
    ]
    lines = [line.rstrip() for line in lines]
    if report.unread:
        lines += ["", f"Unread numbers ({len(report.unread)}):"]
        lines += [f"{u.path}:{u.line}:{u.column}: {_cell(u.text)} ({u.why})" for u in report.unread]
    if report.to_review:
        lines += ["", f"To review ({len(report.to_review)}):"]
        lines += [
            f"{f.path}:{f.line}:{f.column}: {f.code} {_cell(f.message)}" for f in report.to_review
        ]
    lines += ["", coverage_line]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """One line of text for a table cell: whitespace runs and control characters as one
    space."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _worst_finding(findings: list[Finding]) -> dict[tuple[str, int, int], str]:
    worst: dict[tuple[str, int, int], str] = {}
    for f in findings:
        if f.code not in _STATUS_OF:
            continue
        key = (f.path, f.line, f.column)
        old = worst.get(key)
        if old is None or _ORDER.index(f.code) < _ORDER.index(old):
            worst[key] = f.code
    return worst


def _figure(r: Resolution, registry: Registry, code: str | None, review: bool) -> FigureModel:
    fig = r.figure
    parsed = fig.parsed
    claim = r.claim
    sourced = claim is not None and registry.sourced(claim.claim.id)
    if code is not None:
        status = _STATUS_OF[code]
    elif review:
        status = "to-review"
    else:
        status = "resolved" if sourced else "unsourced"
    values = [_plain_number(v) for v in parsed.values]
    return FigureModel(
        path=fig.path,
        line=fig.line,
        column=fig.column,
        end_column=fig.end_column,
        text=fig.text,
        kind=parsed.kind,
        value=values[0] if len(values) == 1 else values,
        unit=parsed.unit,
        qualifier=parsed.qualifier,
        status=status,
        claim=claim.claim.id if claim is not None else None,
        sources=_sources(claim.claim.sources, registry) if claim is not None else [],
    )


def _sources(cited: Iterable[Any], registry: Registry) -> list[SourceModel]:
    return [SourceModel(**source_fields(c, registry)[0]) for c in cited]


def source_fields(cited: Any, registry: Registry) -> tuple[dict[str, Any], Any]:
    """A claim's cited source as `SourceModel`'s fields (the registry's source filling
    what the citation leaves out), and the registry's source (None when unknown)."""
    loaded = registry.sources.get(cited.source)
    src = loaded.source if loaded is not None else None
    fields = {
        "source": cited.source,
        "title": src.title if src else None,
        "url": cited.url or (src.url if src else None),
        "year": src.year if src else None,
        "quote": cited.quote,
        "locator": cited.locator,
    }
    return fields, src


def _plain_number(v: float) -> float:
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else v


def _review(f: Finding) -> ReviewModel:
    """A candidate below the threshold: the finding's fields, its confidence always given."""
    return ReviewModel(**{**finding_model(f).model_dump(), "confidence": f.confidence})


def _unread_fields(u: Unread) -> dict[str, Any]:
    return {"path": u.path, "line": u.line, "column": u.column, "text": u.text, "why": u.why}


def _count(items: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i] = out.get(i, 0) + 1
    return dict(sorted(out.items()))
