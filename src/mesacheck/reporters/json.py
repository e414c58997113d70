"""`json` output, built from pydantic models so its shape is a checked contract:
`{"version": 1, "summary": {...}, "findings": [...]}`."""

from __future__ import annotations

from pydantic import BaseModel

from mesacheck.engine import Coverage
from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput


class RelatedModel(BaseModel):
    """Another place the finding concerns (the other quotes of a conflicting figure)."""

    path: str
    line: int
    column: int
    end_column: int


class FindingModel(BaseModel):
    code: str
    name: str
    severity: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    figure: str
    claim: str | None
    expected: str | None
    message: str
    suggestion: str | None
    degree: str | None = None
    related: list[RelatedModel] = []


class UnreadableModel(BaseModel):
    path: str
    reason: str


class SummaryModel(BaseModel):
    files: int
    figures: int
    dates: int
    resolved: int
    unresolved: int
    unreadable: list[UnreadableModel]
    findings: int
    by_code: dict[str, int]
    by_severity: dict[str, int]


class Report(BaseModel):
    version: int = 1
    summary: SummaryModel
    findings: list[FindingModel]


def build(findings: list[Finding], coverage: Coverage) -> Report:
    by_code: dict[str, int] = {}
    by_sev: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
    summary = SummaryModel(
        files=coverage.files,
        figures=coverage.figures,
        dates=coverage.dates,
        resolved=coverage.resolved,
        unresolved=coverage.unresolved,
        unreadable=[UnreadableModel(path=p, reason=r) for p, r in coverage.unreadable],
        findings=len(findings),
        by_code=by_code,
        by_severity=by_sev,
    )
    models = [finding_model(f) for f in findings]
    return Report(summary=summary, findings=models)


def finding_model(f: Finding) -> FindingModel:
    return FindingModel(
        code=f.code,
        name=f.name,
        severity=f.severity,
        path=f.path,
        line=f.line,
        column=f.column,
        end_line=f.end_line,
        end_column=f.end_column,
        figure=f.figure,
        claim=f.claim,
        expected=f.expected,
        message=f.message,
        suggestion=f.suggestion,
        degree=f.degree,
        related=[
            RelatedModel(path=p, line=ln, column=c, end_column=e) for p, ln, c, e in f.related
        ],
    )


def render(report: ReportInput) -> str:
    return build(report.findings, report.coverage).model_dump_json(indent=2) + "\n"
