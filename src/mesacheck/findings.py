"""Findings: what a rule reports. A rule module is the single source of its code, name and
default severity (`mesacheck.rules.CODES` is built from the modules); a finding carries
them as its rule gave them, so this module needs no table of codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesacheck.figures import DocFigure

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
    name: str = ""  # the rule's name, e.g. "value-mismatch"
    # the figure's sentence with its numbers masked, where a finding is on a figure: what a
    # baseline fingerprints, kept so that no one reads the file again to work it out
    context: str | None = None
    # how sure a consistency rule is that the figures compared are about the same thing
    # and disagree (0-1); `engine.lint` reports those at or above the configured threshold
    # and keeps the rest as `to_review`. None: a rule that does not grade its findings.
    confidence: float | None = None

    @classmethod
    def at_figure(
        cls,
        code: str,
        f: DocFigure,
        message: str,
        *,
        name: str = "",
        severity: str = "",
        claim: str | None = None,
        expected: str | None = None,
        suggestion: str | None = None,
        degree: str | None = None,
        related: Iterable[DocFigure] = (),
        confidence: float | None = None,
    ) -> Finding:
        """A finding on a figure of a document, pointing at its exact span; `name` and
        `severity` are the reporting rule's."""
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
            name=name,
            context=f.context,
            confidence=confidence,
        )

    @classmethod
    def at_line(
        cls,
        code: str,
        path: str,
        line: int,
        message: str,
        *,
        name: str = "",
        severity: str = "",
        claim: str | None = None,
        expected: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        """A finding on a whole line (registry files: the YAML line of a claim or field).
        Registry loading leaves `name` and `severity` to the rule that reports it."""
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
            severity=severity,
            name=name,
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
            self.name,
            self.context,
            self.confidence,
        )

    @classmethod
    def from_plain(cls, t: tuple | list) -> Finding:
        *head, related, name, context, confidence = t
        related = [tuple(r) for r in related]
        return cls(*head, related=related, name=name, context=context, confidence=confidence)  # type: ignore[misc]
