"""Findings: what a rule reports, and the table of codes, names and default severities."""

from __future__ import annotations

from dataclasses import dataclass, field

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

    def __post_init__(self) -> None:
        if not self.severity:
            self.severity = CODES[self.code][1]

    @property
    def name(self) -> str:
        return CODES[self.code][0]

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
