"""The models of the JSON formats, in pydantic: their shape is the checked contract of
`json` (`{"version": 1, "summary": {...}, "findings": [...]}`), of each line of
`json-lines`, and of the audit's findings. `reporters.json` writes the same text without
building them (a large report has tens of thousands of findings); the tests hold the two
to the same text.

Every string is `Text`: valid UTF-8 whatever the file name (a byte that is not UTF-8
becomes U+FFFD). JSON escapes control characters itself; `inert_json` also writes the
`[` of GitHub's older `##[command]` syntax as `\\u005b` (the same string to a JSON
reader), so a report printed into a CI log cannot carry a workflow command.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from mesacheck.coverage import Coverage
from mesacheck.findings import Finding
from mesacheck.reporters import utf8
from mesacheck.reporters.fields import finding_dict, summary_dict

Text = Annotated[str, AfterValidator(utf8)]


class RelatedModel(BaseModel):
    """Another place the finding concerns (the other quotes of a conflicting figure)."""

    path: Text
    line: int
    column: int
    end_column: int


class FindingModel(BaseModel):
    code: Text
    name: Text
    severity: Text
    path: Text
    line: int
    column: int
    end_line: int
    end_column: int
    figure: Text
    claim: Text | None
    expected: Text | None
    message: Text
    suggestion: Text | None
    degree: Text | None = None
    related: list[RelatedModel] = []
    confidence: float | None = None  # consistency findings only: written when set

    @model_serializer(mode="wrap")
    def _drop_unset_confidence(self, handler: SerializerFunctionWrapHandler) -> dict:
        out = handler(self)
        if out.get("confidence", 0) is None:
            del out["confidence"]
        return out


class UnreadableModel(BaseModel):
    path: Text
    reason: Text


class SummaryModel(BaseModel):
    files: int
    figures: int
    dates: int
    resolved: int
    unresolved: int
    unread: int
    unreadable: list[UnreadableModel]
    findings: int
    by_code: dict[str, int]
    by_severity: dict[str, int]


class Report(BaseModel):
    version: int = 1
    summary: SummaryModel
    findings: list[FindingModel]


def build(findings: list[Finding], coverage: Coverage) -> Report:
    """The whole report as one model (what the JSON schema test validates)."""
    models = [finding_model(f) for f in findings]
    return Report(summary=summary_model(findings, coverage), findings=models)


def finding_model(f: Finding) -> FindingModel:
    """The finding's model, from the fields `reporters.json` writes (one list of them)."""
    return FindingModel(**finding_dict(f))


def summary_model(findings: list[Finding], coverage: Coverage) -> SummaryModel:
    return SummaryModel(**summary_dict(findings, coverage))
