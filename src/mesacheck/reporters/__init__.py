"""Reporters: findings → text for people or machines. One module per format.

Every machine format is a module here with `render(report: ReportInput) -> str`; `text`
and `concise` write to a stream themselves (they colour and show source on a terminal).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesacheck.engine import Coverage
    from mesacheck.findings import Finding
    from mesacheck.registry import Registry

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "junit")
_MODULES = {
    "json": "json",
    "json-lines": "jsonlines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


@dataclass
class ReportInput:
    """Everything a reporter may need about one run."""

    findings: list[Finding]
    coverage: Coverage
    coverage_line: str
    registry: Registry
    files: list[str] = field(default_factory=list)  # the documents checked, as displayed
    command: str = "check"

    @cached_property
    def sources(self) -> dict[str, list[str]]:
        """Lines of every file a finding points at (documents and registry YAML)."""
        out: dict[str, list[str]] = {}
        for path in {f.path for f in self.findings}:
            try:
                text = Path(path).read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue
            # the engine's reading: BOM dropped, CR normalised, lines split on "\n" only
            out[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return out


def render(fmt: str, report: ReportInput) -> str:
    module = importlib.import_module(f"mesacheck.reporters.{_MODULES[fmt]}")
    return module.render(report)
