"""`json` output: `{"version": 1, "summary": {...}, "findings": [...]}`, indented by 2.

The shape is `reporters.models.Report`, the pydantic model that is the format's contract
(its schema, its validation, the audit's findings). This module writes the very text of
`Report.model_dump_json(indent=2)` with the standard library, without building a model per
finding or importing pydantic: a warm run over a large folder is mostly this report, and
both cost more than the rest of such a run. `tests/test_json_stream.py` holds the two to
the same text, on real findings and on strings made to differ (a file name's stray byte,
control characters, `##[`).

What the models' validation adds to a finding's fields, `utf8` on every string, is done
here; a float that pydantic would write in another notation than Python's `repr` (an
exponent, a non-finite value) sends its batch through the models instead.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from mesacheck.coverage import Coverage
from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, inert_json, utf8


def _opt(text: str | None) -> str | None:
    return None if text is None else utf8(text)


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as `FindingModel` dumps it: the same keys, in the same order."""
    out: dict[str, Any] = {
        "code": utf8(f.code),
        "name": utf8(f.name),
        "severity": utf8(f.severity),
        "path": utf8(f.path),
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "figure": utf8(f.figure),
        "claim": _opt(f.claim),
        "expected": _opt(f.expected),
        "message": utf8(f.message),
        "suggestion": _opt(f.suggestion),
        "degree": _opt(f.degree),
        "related": [
            {"path": utf8(p), "line": ln, "column": c, "end_column": e} for p, ln, c, e in f.related
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
        "unreadable": [{"path": utf8(p), "reason": utf8(r)} for p, r in coverage.unreadable],
        "findings": len(findings),
        "by_code": {utf8(k): v for k, v in by_code.items()},
        "by_severity": {utf8(k): v for k, v in by_sev.items()},
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _plain_float(x: float | None) -> bool:
    """Whether Python writes `x` as pydantic does: a finite float in plain notation."""
    return x is None or (math.isfinite(x) and "e" not in repr(x))


def _batch_text(findings: list[Finding]) -> str:
    """A batch of findings as a dumped list writes them, without its brackets."""
    if all(_plain_float(f.confidence) for f in findings):
        text = _dumps([finding_dict(f) for f in findings])
    else:
        from pydantic import TypeAdapter

        from mesacheck.reporters.models import FindingModel, finding_model

        models = [finding_model(f) for f in findings]
        adapter = TypeAdapter(list[FindingModel])
        text = adapter.dump_json(models, indent=2).decode("utf-8")
    return text[2:-2]  # "[\n  {…},\n  {…}\n]" → its items


_BATCH = 500  # findings dumped at once: one call per batch, never the whole report


def stream(report: ReportInput) -> Iterator[str]:
    """The report in pieces of `_BATCH` findings, never the whole text at once."""
    summary = _dumps(summary_dict(report.findings, report.coverage)).replace("\n", "\n  ")
    yield inert_json(f'{{\n  "version": 1,\n  "summary": {summary},\n  "findings": ')
    if not report.findings:
        yield "[]\n}\n"
        return
    yield "["
    findings = report.findings
    for start in range(0, len(findings), _BATCH):
        items = _batch_text(findings[start : start + _BATCH])  # one level deeper here
        yield ("\n" if start == 0 else ",\n") + inert_json("  " + items.replace("\n", "\n  "))
    yield "\n  ]\n}\n"
