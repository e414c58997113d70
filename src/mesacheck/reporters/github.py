"""`github` output: GitHub Actions workflow commands, one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message` puts the
finding on the figure in the pull request's diff. The runner decodes `%25`, `%0D` and
`%0A` in a command's message, and also `%3A` and `%2C` in its properties, so every `%`
must be escaped: nearly every figure mesacheck reports is a percentage, and an unescaped
"12-78%" would be mangled. Info findings become `::notice`.

GitHub shows only ten annotations of each level per step, so when `$GITHUB_STEP_SUMMARY`
is set the whole report — coverage, counts per code and every finding — is also appended
to the job summary as Markdown. The coverage line closes the log as a plain line: a
`::notice` would spend one of the ten notice annotations on it.

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
            with open(summary_path, "a", encoding="utf-8", errors="replace") as out:
                out.write(step_summary(report))
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


def step_summary(report: ReportInput) -> str:
    """The job summary: coverage, a table of counts per code, a table of every finding."""
    out = ["## mesacheck", "", _cell(report.coverage_line), ""]
    if not report.findings:
        out += ["No findings.", ""]
        return "\n".join(out) + "\n"
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    names = {f.code: f.name for f in report.findings}
    out += ["| code | name | findings |", "| --- | --- | ---: |"]
    out += [f"| {code} | {names[code]} | {counts[code]} |" for code in sorted(counts)]
    out += [
        "",
        "| where | code | figure | message | suggestion |",
        "| --- | --- | --- | --- | --- |",
    ]
    for f in report.findings:
        where = _cell(f"{f.path}:{f.line}")
        cells = [where, f.code, _cell(f.figure), _cell(f.message), _cell(f.suggestion)]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n\n"
