"""`json-lines` output: one finding per line, then one summary line.

Each finding line is exactly a `FindingModel` of the `json` format, so a consumer reads
either format with one schema. The summary comes last because it is only known once
every finding has been counted: a tool streaming a large run can write each finding as it
has it and close with the totals, and a reader can process findings line by line (grep,
`jq -c`, a log shipper) and still tell, from the final `{"summary": …}` line, that the
output is complete — a cut-off stream has no summary.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from mesacheck.reporters import ReportInput, inert_json
from mesacheck.reporters.models import finding_model, summary_model


def stream(report: ReportInput) -> Iterator[str]:
    """A line per finding as it is rendered, then the summary line."""
    for f in report.findings:
        yield inert_json(finding_model(f).model_dump_json()) + "\n"
    summary = summary_model(report.findings, report.coverage).model_dump(mode="json")
    yield inert_json(json.dumps({"summary": summary}, ensure_ascii=False)) + "\n"


def render(report: ReportInput) -> str:
    return "".join(stream(report))
