"""MC005 qualifier-mismatch: the bound or the metric differs from the claim or from the
same figure elsewhere."""

from __future__ import annotations

from pathlib import Path

from mesacheck import engine
from mesacheck.config import Config
from mesacheck.findings import Finding
from mesacheck.registry import Registry

ROOT = Path(__file__).resolve().parents[2]


def run(paths: list[Path], registry: Registry) -> list[Finding]:
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    return engine.check(paths, cfg, registry).findings


def test_qualifier_against_registry(tmp_path, registry) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.md"
    doc.write_text(
        "Linear probes achieve 99% AUROC on sleeper agent defection.\n\n"
        "Linear probes achieve >99% accuracy on sleeper agent defection.\n\n"
        "Linear probes achieve >99% AUROC on sleeper agent defection.\n",
        encoding="utf-8",
    )
    got = [(f.code, f.line) for f in run([doc], registry) if f.code == "MC005"]
    assert got == [("MC005", 1), ("MC005", 3)]


def test_minority_metric_counts_every_place_and_lists_twenty(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The same value with another metric on 2 pages against 25: each of the 2 findings
    counts all 25 places and lists the first 20 in order; the majority is not reported.
    Across files a metric is graded below the default threshold (listed to review), so
    this run lowers the threshold to see the findings."""
    import json

    from mesacheck.cli import main

    usual = "Simple probes detect Brellis sleeper agents with >99% AUROC in Quorvant tests.\n"
    other = "Simple probes detect Brellis sleeper agents with >99% accuracy in Quorvant tests.\n"
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mesacheck]\nconfidence-threshold = 0.5\n", encoding="utf-8"
    )
    for i in range(25):
        (tmp_path / f"auroc{i:02}.md").write_text(usual, encoding="utf-8")
    for i in range(2):
        (tmp_path / f"accuracy{i}.md").write_text(other, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--format", "json", "--select", "MC005", "."])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert sorted(f["path"] for f in findings) == ["accuracy0.md", "accuracy1.md"]
    for f in findings:
        assert "is AUROC in 25 other place(s), e.g. auroc00.md:1" in f["message"]
        assert [r["path"] for r in f["related"]] == [f"auroc{i:02}.md" for i in range(20)]
