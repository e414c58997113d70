"""`json` output: `{"version": 1, "summary": {...}, "findings": [...]}`, indented by 2.

The shape is `reporters.models.Report`, the pydantic model that is the format's contract
(its schema, its validation, the audit's findings). This module writes the very text of
`Report.model_dump_json(indent=2)` with the standard library, without building a model per
finding or importing pydantic: a warm run over a large folder is mostly this report, and
both cost more than the rest of such a run. `tests/test_json_stream.py` holds the two to
the same text, on real findings and on strings made to differ (a file name's stray byte,
control characters, `##[`).

What the models' validation adds, `utf8` on every string, is done once on each batch's
text (JSON writes a lone surrogate as it is, and `utf8` replaces each one alone); a float
that pydantic would write in another notation than Python's `repr` (an exponent, a value
that is not finite) sends its batch through the models instead.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from typing import Any

from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, inert_json, utf8
from mesacheck.reporters.fields import finding_dict, summary_dict


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


# Python's `json` encodes in C only without `indent`: a finding's text is made of flat
# objects encoded in C, their separators carrying the newline and the indent of their depth
# in the report (a finding 4 spaces in, its fields 6, a related place's fields 10)
_FIELDS = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": ")).encode
_PLACE = json.JSONEncoder(ensure_ascii=False, separators=(",\n          ", ": ")).encode


def _finding_text(f: Finding) -> str:
    """A finding as it stands in the report's list (`Report.model_dump_json(indent=2)`)."""
    d = finding_dict(f)
    related = d.pop("related")
    confidence = d.pop("confidence", None)
    text = "    {\n      " + _FIELDS(d)[1:-1] + ',\n      "related": '
    if related:
        places = ",\n".join(
            "        {\n          " + _PLACE(r)[1:-1] + "\n        }" for r in related
        )
        text += "[\n" + places + "\n      ]"
    else:
        text += "[]"
    if confidence is not None:
        text += ',\n      "confidence": ' + _FIELDS(confidence)
    return text + "\n    }"


def _plain_float(x: float | None) -> bool:
    """Whether Python writes `x` as pydantic does: a finite float in plain notation."""
    return x is None or (math.isfinite(x) and "e" not in repr(x))


def _batch_text(findings: list[Finding]) -> str:
    """A batch of findings as they stand in the report's list, joined by `,\\n`."""
    if all(_plain_float(f.confidence) for f in findings):
        return utf8(",\n".join(_finding_text(f) for f in findings))
    from pydantic import TypeAdapter

    from mesacheck.reporters.models import FindingModel, finding_model

    models = [finding_model(f) for f in findings]
    text = TypeAdapter(list[FindingModel]).dump_json(models, indent=2).decode("utf-8")
    return "  " + text[2:-2].replace("\n", "\n  ")  # "[\n  {…}\n]": its items, one level in


_BATCH = 500  # findings dumped at once: one call per batch, never the whole report


def stream(report: ReportInput) -> Iterator[str]:
    """The report in pieces of `_BATCH` findings, never the whole text at once."""
    summary = utf8(_dumps(summary_dict(report.findings, report.coverage)).replace("\n", "\n  "))
    yield inert_json(f'{{\n  "version": 1,\n  "summary": {summary},\n  "findings": ')
    if not report.findings:
        yield "[]\n}\n"
        return
    yield "["
    findings = report.findings
    for start in range(0, len(findings), _BATCH):
        items = _batch_text(findings[start : start + _BATCH])
        yield ("\n" if start == 0 else ",\n") + inert_json(items)
    yield "\n  ]\n}\n"
