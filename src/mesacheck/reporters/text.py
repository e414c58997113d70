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
    return out.getvalue()


def render_concise(report: ReportInput) -> str:
    """`concise`: one line per finding, always (the default under pre-commit)."""
    out = io.StringIO()
    write(report.findings, report.coverage_line, out, report.colour, concise=True)
    return out.getvalue()


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
        stream.write(f"{where} {code} {safe_text(msg)}\n")
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


def statistics(findings: list[Finding], stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    for code in sorted(counts):
        name = next(f.name for f in findings if f.code == code)
        stream.write(f"{counts[code]:>5}  {code}  {name}\n")
