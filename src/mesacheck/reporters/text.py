"""`text` and `concise` output: `path:line:col: CODE message`, like ruff and flake8.

On a terminal, `text` also shows the source line with a caret under the figure and
colours; piped or under pre-commit it prints plain lines. `concise` is one line per
finding, always.

File names, messages and source lines are shown through `safe_text`: a document or a file
name cannot send the terminal an escape sequence, split a line, reorder the text with
bidirectional overrides, or start a CI workflow command. A line never begins with `::`
(GitHub's command syntax): a file name that does is shown as `./::…`.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from typing import TextIO

from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, safe_span, safe_text

_COLOURS = {"error": "31", "warning": "33", "info": "36", "code": "1", "path": "1", "dim": "2"}


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _painter(on: bool) -> Callable[[str, str], str]:
    def paint(text: str, what: str) -> str:
        return f"\x1b[{_COLOURS[what]}m{text}\x1b[0m" if on else text

    return paint


def render(report: ReportInput) -> str:
    """`text`: a line per finding, and on a terminal the source line with a caret."""
    out = io.StringIO()
    sources = report.sources if report.colour else None
    write(report.findings, report.coverage_line, out, report.colour, sources=sources)
    return _closing(report, out.getvalue())


def render_concise(report: ReportInput) -> str:
    """`concise`: one line per finding, always (the default under pre-commit)."""
    out = io.StringIO()
    write(report.findings, report.coverage_line, out, report.colour, concise=True)
    return _closing(report, out.getvalue())


def _closing(report: ReportInput, written: str) -> str:
    """The report with "Found N findings (…)" before its coverage line (ruff's closing
    count; the coverage line stays last, so "no findings" is never read without it), or,
    with `quiet`, the findings alone."""
    head, _, coverage = written.rstrip("\n").rpartition("\n")
    head = head + "\n" if head else ""
    if report.quiet:
        return head
    return head + found_line(report.findings) + "\n" + coverage + "\n"


def found_line(findings: list[Finding]) -> str:
    """`Found 17 findings (3 errors, 14 warnings).`, info counted when there is any."""
    by = {s: 0 for s in ("error", "warning", "info")}
    for f in findings:
        by[f.severity] = by.get(f.severity, 0) + 1
    n = len(findings)
    parts = [_plural(by["error"], "error"), _plural(by["warning"], "warning")]
    if by["info"]:
        parts.append(f"{by['info']} info")
    return f"Found {_plural(n, 'finding')} ({', '.join(parts)})."


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def write(
    findings: list[Finding],
    coverage_line: str,
    stream: TextIO,
    colour: bool,
    concise: bool = False,
    sources: dict[str, list[str]] | None = None,
) -> None:
    paint = _painter(colour)
    show_source = colour and not concise
    for f in findings:
        where = paint(f"{shown_path(f.path)}:{f.line}:{f.column}:", "path")
        code = paint(f.code, f.severity)
        msg = f.message
        if f.suggestion and not concise:
            msg += f" [fix: {f.suggestion}]"
        level = paint(f"[{f.severity}]", f.severity)
        stream.write(f"{where} {code} {level} {safe_text(msg)}\n")
        if show_source and sources and f.path in sources and f.figure:
            lines = sources[f.path]
            if 0 < f.line <= len(lines):
                raw = lines[f.line - 1]
                end = f.end_column if f.end_line == f.line else f.column + 1
                start, stop = safe_span(raw, f.column - 1, max(end, f.column + 1) - 1)
                src = safe_text(raw).replace("\t", " ")  # a tab: one column, as counted
                stream.write(f"  {paint(str(f.line).rjust(4), 'dim')} | {src}\n")
                caret = paint("^" * max(1, stop - start), f.severity)
                stream.write("       | " + " " * start + caret + "\n")
    stream.write(safe_text(coverage_line) + "\n")


def shown_path(path: str) -> str:
    """A file name as a line may begin with it: escaped, and never starting `::`."""
    shown = safe_text(path)
    return "./" + shown if shown.lstrip().startswith("::") else shown


def counts(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """(code, name, count) per code, most frequent first (as ruff sorts them)."""
    by: dict[str, tuple[str, int]] = {}
    for f in findings:
        name, n = by.get(f.code, (f.name, 0))
        by[f.code] = (name, n + 1)
    rows = [(code, name, n) for code, (name, n) in by.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0]))


def statistics(findings: list[Finding], stream: TextIO | None = None) -> None:
    """`--statistics`: a line per code, `count  CODE  name`."""
    stream = stream or sys.stdout
    rows = counts(findings)
    width = max((len(f"{n:,}") for *_, n in rows), default=1)
    for code, name, n in rows:
        stream.write(f"{n:>{width},}  {code}  {name}\n")


def statistics_report(report: ReportInput, as_json: bool = False) -> str:
    """The whole `--statistics` report: the counts, then (unless quiet) the "Found" and
    coverage lines; or, as JSON, a list of {code, name, count}."""
    if as_json:
        import json

        rows = [{"code": c, "name": name, "count": n} for c, name, n in counts(report.findings)]
        return json.dumps(rows, indent=2) + "\n"
    out = io.StringIO()
    statistics(report.findings, out)
    if not report.quiet:
        out.write(found_line(report.findings) + "\n" + safe_text(report.coverage_line) + "\n")
    return out.getvalue()
