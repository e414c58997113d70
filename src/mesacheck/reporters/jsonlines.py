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

from mesacheck.reporters import ReportInput, inert_json
from mesacheck.reporters.json import build


def render(report: ReportInput) -> str:
    built = build(report.findings, report.coverage)  # findings via json.finding_model
    lines = [model.model_dump_json() for model in built.findings]
    lines.append(json.dumps({"summary": built.summary.model_dump(mode="json")}, ensure_ascii=False))
    return inert_json("\n".join(lines)) + "\n"
