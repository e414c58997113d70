"""The evidence behind every figure of an audit: what an editor checks a figure against.

`audit.build` gives each figure its status, claim id and the sources' titles and quotes.
`enrich` adds, from the registry and the check's findings, everything a reader needs to
judge the figure without opening `claims/` or `sources/`:

- `id` (`f1`, `f2`, … in report order; the HTML page's `data-figure-id`) and `end_line`;
- `group`: the editor's status, one of `GROUPS` — backed, unsourced, disagrees
  (the registry says otherwise: MC002, MC005, MC007 on a claim), inconsistent (the
  article contradicts itself: MC003, MC004, MC007 without a claim), stale (MC006),
  to-review (a consistency candidate below the threshold, on a figure that is
  otherwise backed or unsourced);
- `evidence`: the claim in full (statement, value, status, as_of, formula and its
  computed value with the operand claims, notes, where it is written) and each source's
  title, authors, year, url, locator and quote, with the span of the value in the quote;
- `findings`: every finding on the figure (message, expected value, suggestion), with the
  ids of the other figures it concerns.

`FullAuditReport` is the shape of `audit --format json`; `audit_schema.json` is its
JSON Schema (`schema_text`; a test keeps the shipped file up to date).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, Field

from mesacheck import engine, grammar
from mesacheck.audit import (
    AuditReport,
    AuditSummary,
    FigureModel,
    ReviewModel,
    SourceModel,
    source_fields,
)
from mesacheck.findings import Finding
from mesacheck.registry import LoadedClaim, Registry
from mesacheck.reporters.models import Text

# the editor's statuses, in the order the terminal and the page list them
GROUPS = ("backed", "unsourced", "disagrees", "inconsistent", "stale", "to-review")
GROUP_LABEL = {
    "backed": "backed",
    "unsourced": "unsourced",
    "disagrees": "disagrees",
    "inconsistent": "internally inconsistent",
    "stale": "stale",
    "to-review": "to review",
}
_GROUP_OF = {
    "resolved": "backed",
    "unsourced": "unsourced",
    "mismatch": "disagrees",
    "qualifier-mismatch": "disagrees",
    "arithmetic-mismatch": "inconsistent",
    "conflicting": "inconsistent",
    "stale": "stale",
    "to-review": "to-review",
}
_SHOWN_CODES = {"MC001", "MC002", "MC003", "MC004", "MC005", "MC006", "MC007"}


def group_of(status: str, claim: str | None) -> str:
    """The editor's status of a figure whose audit status is `status`."""
    if status == "date-mismatch":
        return "disagrees" if claim else "inconsistent"
    return _GROUP_OF.get(status, "to-review")  # a status added later: look at it


class SourceEvidence(SourceModel):
    """A source a claim cites, in full: `mark` is the value's span in `quote` (code
    points, end exclusive), when the quote contains it."""

    authors: list[Text] = Field(default_factory=list)
    kind: Text | None = None
    published: Text | None = None
    mark: list[int] | None = None


class ClaimEvidence(BaseModel):
    id: Text
    statement: Text
    value: Text
    status: Text
    as_of: Text | None = None
    tolerance: Text = "rounding"
    formula: Text | None = None
    computed: float | None = None  # a derived claim's formula, computed
    superseded_by: Text | None = None
    notes: Text | None = None
    path: Text  # where the claim is written
    line: int
    sources: list[SourceEvidence] = []
    operands: list[ClaimEvidence] = []  # a derived claim's operand claims


class FindingNote(BaseModel):
    code: Text
    name: Text
    severity: Text
    message: Text
    expected: Text | None = None
    suggestion: Text | None = None
    degree: Text | None = None
    related: list[Text] = []  # ids of the other figures the finding concerns


class AuditFigure(FigureModel):
    id: Text
    end_line: int
    group: Text
    sources: list[SourceEvidence]
    evidence: ClaimEvidence | None = None
    findings: list[FindingNote] = Field(default_factory=list)


class ReviewItem(ReviewModel):
    figure_id: Text | None = None  # the figure the candidate is on
    related_ids: list[Text] = Field(default_factory=list)  # the figures it may conflict with


class FullSummary(AuditSummary):
    by_group: dict[str, int]


class FullAuditReport(AuditReport):
    figures: list[AuditFigure]
    to_review: list[ReviewItem]
    summary: FullSummary


def enrich(report: AuditReport, outcome: engine.Outcome, registry: Registry) -> FullAuditReport:
    """`report` with each figure's evidence, group and findings (see the module doc)."""
    ids: dict[tuple[str, int, int], str] = {}
    for n, f in enumerate(report.figures, 1):
        ids.setdefault((f.path, f.line, f.column), f"f{n}")
    on: dict[tuple[str, int, int], list[Finding]] = {}
    for x in outcome.findings:
        if x.code in _SHOWN_CODES:
            on.setdefault((x.path, x.line, x.column), []).append(x)
    reviewed = {(r.path, r.line, r.column) for r in report.to_review}
    claims: dict[str, ClaimEvidence | None] = {}
    figures = []
    for n, f in enumerate(report.figures, 1):
        key = (f.path, f.line, f.column)
        if f.claim is not None and f.claim not in claims:
            claims[f.claim] = claim_evidence(f.claim, registry)
        evidence = claims.get(f.claim) if f.claim else None
        group = group_of(f.status, f.claim)
        if key in reviewed and group in ("backed", "unsourced"):
            group = "to-review"  # a candidate conflict says more than "unsourced"
        figures.append(
            AuditFigure(
                **f.model_dump(exclude={"sources"}),
                id=f"f{n}",
                end_line=f.line + f.text.count("\n"),
                group=group,
                sources=evidence.sources if evidence else [],
                evidence=evidence,
                findings=[_note(x, ids) for x in on.get(key, [])],
            )
        )
    reviews = [
        ReviewItem(
            **r.model_dump(),
            figure_id=ids.get((r.path, r.line, r.column)),
            related_ids=[i for i in (ids.get((o.path, o.line, o.column)) for o in r.related) if i],
        )
        for r in report.to_review
    ]
    counts = {g: 0 for g in GROUPS}
    for f in figures:
        counts[f.group] = counts.get(f.group, 0) + 1
    summary = FullSummary(**report.summary.model_dump(), by_group=counts)
    return FullAuditReport(
        version=report.version,
        figures=figures,
        to_review=reviews,
        unread=report.unread,
        summary=summary,
    )


def claim_evidence(claim_id: str, registry: Registry, depth: int = 0) -> ClaimEvidence | None:
    """The claim `claim_id` in full, with its sources (and operands, one level deep)."""
    lc = registry.claims.get(claim_id)
    if lc is None:
        return None
    c = lc.claim
    operands: list[ClaimEvidence] = []
    if c.formula and depth == 0:
        for other in _operands(c.formula, registry):
            got = claim_evidence(other, registry, depth + 1)
            if got is not None:
                operands.append(got)
    return ClaimEvidence(
        id=c.id,
        statement=c.statement,
        value=c.value,
        status=c.status,
        as_of=c.as_of,
        tolerance=c.tolerance,
        formula=c.formula,
        computed=lc.computed,
        superseded_by=c.superseded_by,
        notes=c.notes,
        path=lc.path,
        line=lc.line,
        sources=source_evidence(lc, registry),
        operands=operands,
    )


def source_evidence(lc: LoadedClaim, registry: Registry) -> list[SourceEvidence]:
    out = []
    for cited in lc.claim.sources:
        fields, src = source_fields(cited, registry)
        out.append(
            SourceEvidence(
                **fields,
                authors=list(src.authors) if src else [],
                kind=src.kind if src else None,
                published=src.published if src else None,
                mark=value_span(cited.quote, lc.parsed) if cited.quote else None,
            )
        )
    return out


def value_span(quote: str, value: grammar.Figure) -> list[int] | None:
    """The span of the figure in `quote` that gives `value` (within the quote's own
    rounding), or None: what the page marks in the quote."""
    try:
        found = grammar.scan(quote)
    except Exception:  # a quote is any text; never let marking it stop an audit
        return None
    for fig in found:
        if fig.kind == "date" and value.kind != "date":
            continue
        if len(fig.values) != len(value.values):
            continue
        if all(
            abs(a - b) <= max(h, 1e-9 * abs(b))
            for a, b, h in zip(fig.values, value.values, fig.halfwidths, strict=True)
        ):
            return [fig.start, fig.end]
    return None


def _operands(formula: str, registry: Registry) -> Iterable[str]:
    seen: list[str] = []
    for word in formula.replace("(", " ").replace(")", " ").split():
        if word in registry.claims and word not in seen:
            seen.append(word)
    return seen


def _note(x: Finding, ids: dict[tuple[str, int, int], str]) -> FindingNote:
    return FindingNote(
        code=x.code,
        name=x.name,
        severity=x.severity,
        message=x.message,
        expected=x.expected,
        suggestion=x.suggestion,
        degree=x.degree,
        related=[i for i in (ids.get((p, ln, c)) for p, ln, c, _e in x.related) if i],
    )


def schema_text() -> str:
    """The JSON Schema of `audit --format json`, as the package ships it."""
    schema: dict[str, Any] = FullAuditReport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://mesacheck.invalid/audit_schema.json"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
