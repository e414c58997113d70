"""A finding and a run's summary as the JSON formats write them: plain dicts with the keys
of `reporters.models` in its order. `reporters.json` encodes them as they are; the models
are built from them (`finding_model`, `summary_model`), so the fields are listed once."""

from __future__ import annotations

from typing import Any

from mesacheck.coverage import Coverage
from mesacheck.findings import Finding


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as `FindingModel` dumps it: the same keys, in the same order (its strings
    as they are: `utf8` is the caller's)."""
    out: dict[str, Any] = {
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "figure": f.figure,
        "claim": f.claim,
        "expected": f.expected,
        "message": f.message,
        "suggestion": f.suggestion,
        "degree": f.degree,
        "related": [
            {"path": p, "line": ln, "column": c, "end_column": e} for p, ln, c, e in f.related
        ],
    }
    if f.confidence is not None:  # written only when set, as the model's serializer does
        out["confidence"] = f.confidence
    return out


def summary_dict(findings: list[Finding], coverage: Coverage) -> dict[str, Any]:
    """The summary as `SummaryModel` dumps it."""
    by_code: dict[str, int] = {}
    by_sev: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
        by_sev[f.severity] = by_sev.get(f.severity, 0) + 1
    return {
        "files": coverage.files,
        "figures": coverage.figures,
        "dates": coverage.dates,
        "resolved": coverage.resolved,
        "unresolved": coverage.unresolved,
        "unread": coverage.unread,
        "unreadable": [{"path": p, "reason": r} for p, r in coverage.unreadable],
        "findings": len(findings),
        "by_code": by_code,
        "by_severity": by_sev,
    }
