"""Consistency without and with a registry: arithmetic, dates, metrics, ranges (issue 3).

The reference is the `discrepancies` list of the fixture labels: the article's own
internal inconsistencies, with the figures involved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck import engine
from mesacheck.config import Config
from mesacheck.findings import Finding
from mesacheck.registry import Registry, load

ROOT = Path(__file__).resolve().parent.parent
CONSISTENCY = ("MC002", "MC003", "MC004", "MC005", "MC007")

PINNED = [
    ("MC002", 4, 194, "12-78%", "alignment-faking.monitored-rate"),
    ("MC001", 4, 502, "20-70%", None),
    ("MC003", 4, 502, "20-70%", None),
    ("MC002", 13, 90, "12-78%", "alignment-faking.monitored-rate"),
    ("MC001", 16, 35, "20-70%", None),
    ("MC003", 16, 35, "20-70%", None),
    ("MC001", 16, 108, "0.3-13%", None),
    ("MC001", 17, 36, "1-5 years", None),
    ("MC006", 19, 67, "approximately \\$100M", "ai-safety-funding.safety-research-2024"),
    ("MC006", 19, 91, "\\$152B", "ai-investment.industry-2024"),
    ("MC002", 19, 127, "2,500×", "ai-safety-funding.disparity"),
    ("MC004", 19, 127, "2,500×", None),
    ("MC002", 42, 15, "2,500×", "ai-safety-funding.disparity"),
    ("MC004", 42, 15, "2,500×", None),
    ("MC006", 42, 64, "\\$152B", "ai-investment.industry-2024"),
    ("MC006", 43, 2, "\\$100M", "ai-safety-funding.safety-research-2024"),
    ("MC001", 53, 30, "20-70%", None),
    ("MC002", 176, 149, "12-78%", "alignment-faking.monitored-rate"),
    ("MC007", 253, 36, "February 2025", "emergent-misalignment.nature-publication"),
    ("MC001", 278, 30, "40-70%", None),
    ("MC001", 279, 27, "20-40%", None),
    ("MC001", 280, 29, "10-30%", None),
    ("MC001", 387, 176, "0.3-13%", None),
    ("MC001", 387, 220, "2-5 years", None),
    ("MC002", 388, 185, "12-78%", "alignment-faking.monitored-rate"),
    ("MC005", 389, 72, "greater than 99%", "simple-probes.sleeper-agent-auroc"),
    ("MC001", 389, 261, "1-3 years", None),
    ("MC001", 390, 237, "3-10 years", None),
    ("MC001", 392, 194, "1-3 years", None),
    ("MC001", 397, 81, "0.3-13%", None),
    ("MC001", 399, 86, "33%", None),
    ("MC007", 417, 3, "2023", "induction-heads.publication"),
    ("MC002", 420, 168, "12-78%", "alignment-faking.monitored-rate"),
    ("MC005", 422, 146, "greater than 99%", "simple-probes.sleeper-agent-auroc"),
    ("MC006", 427, 108, "\\$100M", "ai-safety-funding.safety-research-2024"),
    ("MC006", 427, 125, "\\$152B", "ai-investment.industry-2024"),
    ("MC002", 427, 153, "2,500×", "ai-safety-funding.disparity"),
    ("MC004", 427, 153, "2,500×", None),
]


def run(paths: list[Path], registry: Registry) -> list[Finding]:
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    return engine.check(paths, cfg, registry).findings


@pytest.fixture(scope="module")
def empty_registry(tmp_path_factory) -> Registry:  # type: ignore[no-untyped-def]
    empty = tmp_path_factory.mktemp("empty")
    return load(empty / "claims", empty / "sources", empty)


def _found(findings: list[Finding], labels: dict) -> dict[str, list[str]]:
    """For each labelled discrepancy, the codes reported at its figures."""
    pos = {f["id"]: (f["line"], f["column"]) for f in labels["figures"]}
    at: dict[tuple[int, int], set[str]] = {}
    for f in findings:
        if f.code in CONSISTENCY:
            at.setdefault((f.line, f.column), set()).add(f.code)
    out = {}
    for d in labels["discrepancies"]:
        codes = sorted({c for fid in d["figure_ids"] for c in at.get(pos[fid], set())})
        if codes:
            out[d["id"]] = codes
    return out


def test_discrepancies_found_without_and_with_registry(
    shared,
    labels,
    registry,  # type: ignore[no-untyped-def]
    empty_registry,
) -> None:
    article = shared / "mesa-optimization.md"
    without = _found(run([article], empty_registry), labels)
    with_reg = _found(run([article], registry), labels)
    total = len(labels["discrepancies"])
    print(f"\ndiscrepancies found without a registry: {len(without)}/{total} {without}")
    print(f"discrepancies found with the shipped registry: {len(with_reg)}/{total} {with_reg}")
    for found in (without, with_reg):
        assert {"D01", "D02", "D03", "D04"} <= set(found)
    assert "D05" in without  # Apollo's 0.3-13% against its own 0.3-10% row
    assert "D06" in with_reg  # "12-78% of monitored cases" against the 12% monitored rate


def test_no_registry_reports_the_four_internal_mistakes(shared, empty_registry) -> None:  # type: ignore[no-untyped-def]
    article = shared / "mesa-optimization.md"
    findings = run([article], empty_registry)
    lines = article.read_text(encoding="utf-8").split("\n")
    by_code: dict[str, list[Finding]] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    # 2,500× against $152B / $100M, at every place it is quoted
    mc004 = by_code["MC004"]
    places = [(i + 1, line.index("2,500×") + 1) for i, line in enumerate(lines) if "2,500×" in line]
    assert sorted((f.line, f.column) for f in mc004) == places
    assert {f.expected for f in mc004} == {"1,520×"}
    assert all("152B" in f.message and "100M" in f.message for f in mc004)
    # the Nature paper: February 2025 and January 2026
    dated = {(f.line, f.figure) for f in by_code["MC007"]}
    assert (175, "February 2025") in dated and (299, "2026 Jan") in dated
    # AUROC against accuracy
    assert (293, "greater than 99%") in {(f.line, f.figure) for f in by_code["MC005"]}
    # the 20-70% headline against the 10-30% row
    mc003 = [f for f in by_code["MC003"] if f.figure == "20-70%"]
    assert mc003 and all(
        (str(article.name), 190) in {(Path(p).name, ln) for p, ln, _, _ in f.related} for f in mc003
    )
    # no arithmetic false positives: 8.7% → 0.3% with 30×, 13% → 0.4% with 30×, 2% → 20.6%
    assert all(f.figure == "2,500×" for f in mc004)


def test_pinned_findings_on_the_example(registry) -> None:  # type: ignore[no-untyped-def]
    findings = run([ROOT / "examples" / "mesa-optimization.md"], registry)
    got = [
        (f.code, f.line, f.column, f.figure, f.claim)
        for f in sorted(findings, key=Finding.sort_key)
    ]
    assert got == sorted(PINNED, key=lambda r: (r[1], r[2], r[0]))


def test_repeated_conflicts_are_counted_not_listed_pair_by_pair(
    tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A sentence repeated on many pages against another repeated one: every copy gets
    its finding, which counts all the other side and lists at most 20 of them."""

    from mesacheck.cli import main

    article = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    for i in range(3):  # enough other figures that the repeated words stay uncommon
        (tmp_path / f"article{i}.md").write_text(article, encoding="utf-8")
    low = "Quorvant Labs found scheming in 0.3-13% of Brellis frontier model runs.\n"
    high = "Quorvant Labs found scheming in 0.3-10% of Brellis frontier model runs.\n"
    early = "The Zephyrine Quillon audit by Marbeck and Tolloway appeared in February 2025.\n"
    late = "The Zephyrine Quillon audit by Marbeck and Tolloway appeared in January 2026.\n"
    # the same names on 27 pages tell no subject apart: graded below the default threshold
    (tmp_path / "pyproject.toml").write_text(
        "[tool.mesacheck]\nconfidence-threshold = 0.0\n", encoding="utf-8"
    )
    for i in range(2):
        (tmp_path / f"low{i}.md").write_text(low + "\n" + early, encoding="utf-8")
    for i in range(25):
        (tmp_path / f"high{i:02}.md").write_text(high + "\n" + late, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "--format", "json", "--select", "MC003,MC007", "."])
    findings = json.loads(capsys.readouterr().out)["findings"]
    mine = [f for f in findings if f["path"].startswith(("low", "high"))]
    # MC003 names three in its message and counts the rest; MC007 names those it lists
    for code, figure, more in (
        ("MC003", "0.3-13%", "and 22 more"),
        ("MC007", "February 2025", "and 5 more"),
    ):
        on_low = [f for f in mine if f["code"] == code and f["figure"] == figure]
        assert len(on_low) == 2, (code, on_low)
        for f in on_low:
            assert len(f["related"]) == 20  # listed
            assert f["message"].endswith(more) or f"{more}:" in f["message"]  # counted
        on_high = [f for f in mine if f["code"] == code and f["path"].startswith("high")]
        assert len(on_high) == 25
        assert all(len(f["related"]) == 2 for f in on_high)


@pytest.mark.parametrize("with_registry", [False, True])
def test_a_run_rule_sees_only_what_each_file_collected(
    tmp_path: Path, empty_registry: Registry, registry: Registry, with_registry: bool
) -> None:
    """Each run rule compares what its `collect` kept of each file, as plain data (what
    the cache and the workers hand back: marshal), folded file by file with the rule's
    own `fold`: collected, folded and checked once, the findings are those of the run."""
    import marshal

    from mesacheck.context import CheckContext, run_context
    from mesacheck.rules import RUN_RULES

    reg = registry if with_registry else empty_registry
    article = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    paths = []
    for i, (old, new) in enumerate([("", ""), ("12-78%", "12-87%"), ("0.3-13%", "0.3-10%")]):
        path = tmp_path / f"a{i}.md"
        path.write_text(article.replace(old, new) if old else article, encoding="utf-8")
        paths.append(path)
    cfg = Config(root=tmp_path, claims=tmp_path / "claims", sources=tmp_path / "sources")
    run = engine.check(paths, cfg, reg).findings
    per_file = [engine.resolve_files([p], cfg, reg) for p in paths]
    for rule in RUN_RULES:
        got = [f for f in run if f.code == rule.ID]
        records = [
            marshal.loads(marshal.dumps(rule.collect(CheckContext(reg, found))))
            for found in per_file
        ]
        again = list(rule.check(run_context(rule, reg, records)))
        assert [f.plain() for f in again] == [f.plain() for f in got], rule.ID
    assert len([f for f in run if f.code == "MC003"]) > 3
    if with_registry:  # findings of every run rule, against the registry and across files
        assert {f.code for f in run} >= {"MC003", "MC005", "MC007"}
