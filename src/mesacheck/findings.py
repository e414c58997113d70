"""Findings: what a rule reports, and the table of codes, names and default severities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesacheck.figures import DocFigure

# code -> (name, default severity)
CODES: dict[str, tuple[str, str]] = {
    "MC001": ("unsourced-figure", "warning"),
    "MC002": ("value-mismatch", "error"),
    "MC003": ("conflicting-figures", "error"),
    "MC004": ("arithmetic-mismatch", "error"),
    "MC005": ("qualifier-mismatch", "warning"),
    "MC006": ("stale-claim", "warning"),
    "MC007": ("date-mismatch", "error"),
    "MC101": ("registry-schema", "error"),
    "MC102": ("unknown-source", "error"),
    "MC103": ("quote-mismatch", "error"),
    "MC104": ("duplicate-id", "error"),
    "MC105": ("formula-mismatch", "error"),
    "MC106": ("claim-without-source", "error"),
    "MC201": ("unused-suppression", "info"),
}
OFF_BY_DEFAULT = frozenset({"MC201"})
SEVERITIES = ("info", "warning", "error")


@dataclass(slots=True)
class Finding:
    """One problem at one place. Positions are 1-based; end_column is exclusive."""

    code: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    figure: str
    claim: str | None
    expected: str | None
    message: str
    suggestion: str | None = None
    severity: str = ""
    degree: str | None = None  # minor | gross, for value disagreements
    related: list[tuple[str, int, int, int]] = field(default_factory=list)  # other places
    # the figure's sentence with its numbers masked, where a finding is on a figure: what a
    # baseline fingerprints, kept so that no one reads the file again to work it out
    context: str | None = None

    def __post_init__(self) -> None:
        if not self.severity:
            self.severity = CODES[self.code][1]

    @property
    def name(self) -> str:
        return CODES[self.code][0]

    @classmethod
    def at_figure(
        cls,
        code: str,
        f: DocFigure,
        message: str,
        *,
        claim: str | None = None,
        expected: str | None = None,
        suggestion: str | None = None,
        severity: str = "",
        degree: str | None = None,
        related: Iterable[DocFigure] = (),
    ) -> Finding:
        """A finding on a figure of a document, pointing at its exact span."""
        return cls(
            code=code,
            path=f.path,
            line=f.line,
            column=f.column,
            end_line=f.end_line,
            end_column=f.end_column,
            figure=f.text,
            claim=claim,
            expected=expected,
            message=message,
            suggestion=suggestion,
            severity=severity,
            degree=degree,
            related=[(o.path, o.line, o.column, o.end_column) for o in related],
            context=f.context,
        )

    @classmethod
    def at_line(
        cls,
        code: str,
        path: str,
        line: int,
        message: str,
        *,
        claim: str | None = None,
        expected: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding on a whole line (registry files: the YAML line of a claim or field)."""
        return cls(
            code=code,
            path=path,
            line=line,
            column=1,
            end_line=line,
            end_column=1,
            figure="",
            claim=claim,
            expected=expected,
            message=message,
            suggestion=suggestion,
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def plain(self) -> tuple:
        """The finding as plain data (what the cache stores)."""
        return (
            self.code,
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.figure,
            self.claim,
            self.expected,
            self.message,
            self.suggestion,
            self.severity,
            self.degree,
            tuple(self.related),
            self.context,
        )

    @classmethod
    def from_plain(cls, t: tuple | list) -> Finding:
        *head, related, context = t
        return cls(*head, related=[tuple(r) for r in related], context=context)  # type: ignore[misc]
