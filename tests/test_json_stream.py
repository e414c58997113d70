"""The streamed JSON report is the text of the whole report model, piece by piece."""

from __future__ import annotations

from pathlib import Path

from mesacheck.config import Config
from mesacheck.coverage import Coverage
from mesacheck.engine import check
from mesacheck.reporters import ReportInput, inert_json, stream
from mesacheck.reporters.json import build

ROOT = Path(__file__).resolve().parent.parent


def _report(findings: list, coverage: Coverage) -> ReportInput:
    return ReportInput(findings, coverage, coverage.line(), None)


def test_streamed_json_is_the_models_dump(registry) -> None:  # type: ignore[no-untyped-def]
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    result = check([ROOT / "examples" / "mesa-optimization.md"], cfg, registry)
    assert len(result.findings) > 10
    for findings in (result.findings, []):
        report = _report(findings, result.coverage)
        whole = inert_json(build(findings, result.coverage).model_dump_json(indent=2)) + "\n"
        pieces = list(stream("json", report))
        assert "".join(pieces) == whole
        assert len(pieces) == (3 + -(-len(findings) // 500) if findings else 2)  # a batch a piece
