"""The streamed JSON report is the text of the whole report model, piece by piece."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mesacheck.config import Config
from mesacheck.coverage import Coverage
from mesacheck.engine import check
from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, inert_json, stream
from mesacheck.reporters.models import build

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


def test_streamed_json_is_the_models_dump_on_a_run_with_confidences(registry) -> None:  # type: ignore[no-untyped-def]
    """The labelled Rust blog posts, checked without a registry: many unsourced figures,
    and consistency findings that carry a confidence (a float the models write)."""
    blog = ROOT.parent / "shared" / "corpora" / "rust-blog" / "content"
    posts = sorted(blog.glob("*[Ss]urvey*/index.md"))  # survey results: many figures
    posts.append(blog / "inside-rust" / "exploring-pgo-for-the-rust-compiler" / "index.md")
    if len(posts) < 5 or not all(p.is_file() for p in posts):
        pytest.skip(f"needs ../shared/corpora/rust-blog beside the repository (looked in {blog})")
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    result = check([*posts, ROOT / "examples" / "mesa-optimization.md"], cfg, registry)
    assert len(result.findings) > 500  # more than one batch
    assert any(f.confidence is not None for f in result.findings)
    report = _report(result.findings, result.coverage)
    whole = inert_json(build(result.findings, result.coverage).model_dump_json(indent=2)) + "\n"
    assert "".join(stream("json", report)) == whole


def _finding(**changes: object) -> Finding:
    base = Finding(
        code="MC001",
        path="docs/a.md",
        line=3,
        column=5,
        end_line=3,
        end_column=9,
        figure="12%",
        claim=None,
        expected=None,
        message="12% has no source",
        severity="warning",
        name="unsourced-figure",
    )
    return replace(base, **changes)


STRANGE = [
    _finding(path="docs/caf\udce9.md"),  # a file name's byte that is not UTF-8
    _finding(message="tab\there, bell \x07, escape \x1b[31m, DEL \x7f, NUL \x00"),
    _finding(figure="≈30×", message="“quoted” — non-ASCII \u2028 line separator"),
    _finding(message='a "quote" and a \\ backslash', suggestion="##[command] inert"),
    _finding(confidence=0.85, degree="gross", claim="c1", expected="12.5%"),
    _finding(confidence=1.0, related=[("docs/b\udcff.md", 1, 2, 3), ("docs/c.md", 4, 5, 6)]),
    _finding(confidence=1e-7),  # written with an exponent: the models write it
    _finding(confidence=0.30000000000000004),
    _finding(line=10**12, column=0),
]


@pytest.mark.parametrize("finding", STRANGE, ids=range(len(STRANGE)))
def test_streamed_json_is_the_models_dump_for_strings_made_to_differ(finding: Finding) -> None:
    cov = Coverage()
    cov.unreadable.append(("docs/\udcfe.md", "not UTF-8: byte 0xfe at 0"))
    for findings in ([finding], [finding, _finding()]):
        report = _report(findings, cov)
        whole = inert_json(build(findings, cov).model_dump_json(indent=2)) + "\n"
        assert "".join(stream("json", report)) == whole
