"""`concise` output: one line per finding, `path:line:col: CODE message` (see `text`)."""

from __future__ import annotations

from mesacheck.reporters import ReportInput
from mesacheck.reporters.text import render_concise


def render(report: ReportInput) -> str:
    return render_concise(report)
