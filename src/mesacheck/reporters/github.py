"""`github` output: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message` puts the
finding on the figure in the pull request's diff. The runner decodes `%25`, `%0D` and
`%0A` in a command's message, and also `%3A` and `%2C` in its properties, so every `%`
must be escaped: nearly every figure mesacheck reports is a percentage, and an unescaped
"12-78%" would be mangled. Info findings become `::notice`.

GitHub shows only ten annotations of each level per step, so when `$GITHUB_STEP_SUMMARY`
is set the report — coverage, counts per code and the findings — is also appended to the
job summary as Markdown. GitHub refuses a step summary over 1 MiB, so the table of
findings stops before that (most severe first) with a line saying how many it leaves
out; the coverage line and the counts per code are always whole. The coverage line closes
the log as a plain line: a `::notice` would spend one of the ten notice annotations on it.

Nothing a document or a file name holds can become a command of its own: an annotation's
message and properties are escaped as the runner decodes them (a newline is `%0A`, so it
stays inside the annotation), a byte of a file name that is not UTF-8 is shown as `\xff`,
and a plain line (the coverage line here, notes on stderr) goes through `escape_line`,
which writes every newline, control character and GitHub's older `##[` command prefix as
a visible escape, so no line of the log can begin a workflow command but ours.
"""

from __future__ import annotations

import os
import re
import sys

from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, safe_text

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub refuses a step summary of more than 1 MiB; leave room for other steps' lines
SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024
_RANK = {"error": 0, "warning": 1, "info": 2}
_SURROGATE = re.compile("[\ud800-\udfff]")

escape_line = safe_text  # a plain line of the log: one line, inert (see the docstring)


def escape_data(text: str) -> str:
    text = _SURROGATE.sub(lambda m: safe_text(m.group()), text)  # encodable: `\xff`
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    props = [("file", f.path), ("line", str(f.line))]
    if f.figure:  # registry findings are a whole YAML line: no columns
        props += [
            ("col", str(f.column)),
            ("endLine", str(f.end_line)),
            ("endColumn", str(f.end_column)),
        ]
    props.append(("title", f"{f.code} {f.name}"))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = f.message + (f" [fix: {f.suggestion}]" if f.suggestion else "")
    return f"::{COMMANDS.get(f.severity, 'warning')} {head}::{escape_data(message)}"


def render(report: ReportInput) -> str:
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        try:
            used = os.path.getsize(summary_path) if os.path.exists(summary_path) else 0
            with open(summary_path, "a", encoding="utf-8", errors="replace") as out:
                out.write(step_summary(report, SUMMARY_LIMIT - used))
        except OSError as e:
            print(f"mesacheck: cannot write $GITHUB_STEP_SUMMARY: {e}", file=sys.stderr)
    lines = [annotation(f) for f in report.findings]
    lines.append(escape_line(report.coverage_line))
    return "\n".join(lines) + "\n"


def _cell(text: str | None) -> str:
    """Text safe in a Markdown table cell: no pipes, newlines or raw HTML (a message that
    mentions `<!-- claim: id -->` must not open a comment that hides the rest)."""
    if not text:
        return ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return safe_text(text)


def step_summary(report: ReportInput, limit: int = SUMMARY_LIMIT) -> str:
    """The job summary: coverage, a table of counts per code, and a table of the findings,
    errors first, as many as fit in `limit` bytes (UTF-8) with a line for the rest."""
    out = ["## mesacheck", "", _cell(report.coverage_line), ""]
    if not report.findings:
        out += ["No findings.", ""]
        return "\n".join(out) + "\n"
    counts: dict[str, dict[str, int]] = {}
    for f in report.findings:
        by = counts.setdefault(f.code, {})
        by[f.severity] = by.get(f.severity, 0) + 1
    names = {f.code: f.name for f in report.findings}
    out += [
        "| code | name | findings | errors | warnings | info |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for code in sorted(counts):
        by = counts[code]
        cells = [str(sum(by.values()))] + [str(by.get(s, 0)) for s in ("error", "warning", "info")]
        out.append(f"| {code} | {names[code]} | " + " | ".join(cells) + " |")
    out += [
        "",
        "| where | code | severity | figure | message | suggestion |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    head = "\n".join(out) + "\n"
    budget = limit - len(head.encode("utf-8")) - 400  # room for the closing line
    rows: list[str] = []
    ordered = sorted(report.findings, key=lambda f: _RANK.get(f.severity, 1))
    for f in ordered:
        where = _cell(f"{f.path}:{f.line}")
        cells = [
            where,
            f.code,
            f.severity,
            _cell(f.figure),
            _cell(f.message),
            _cell(f.suggestion),
        ]
        row = "| " + " | ".join(cells) + " |\n"
        size = len(row.encode("utf-8"))
        if size > budget:
            break
        budget -= size
        rows.append(row)
    shown = len(rows)
    tail = ""
    if shown < len(ordered):
        tail = (
            f"\n{len(ordered) - shown:,} more findings are not listed here (GitHub takes at "
            f"most 1 MiB of step summary); the counts above are complete, and "
            f"`mesacheck check --format json` lists every finding.\n"
        )
    return head + "".join(rows) + tail + "\n"
