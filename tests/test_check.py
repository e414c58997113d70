"""`mesacheck check` on the shipped example and on the fixture article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.reporters.models import Report


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Report]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, Report.model_validate_json(out)


@pytest.fixture()
def in_root(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    return root


def test_example_reports_every_2500x_and_nothing_the_registry_backs(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    code, report = run_json(["examples/mesa-optimization.md"], capsys)
    assert code == 1
    mc002 = [f for f in report.findings if f.code == "MC002"]
    lines = (in_root / "examples/mesa-optimization.md").read_text(encoding="utf-8").split("\n")
    quoted_2500 = [
        (i + 1, line.index("2,500×") + 1) for i, line in enumerate(lines) if "2,500×" in line
    ]
    assert len(quoted_2500) == 3
    got_2500 = [(f.line, f.column) for f in mc002 if f.figure == "2,500×"]
    assert got_2500 == quoted_2500
    for f in mc002:
        if f.figure == "2,500×":
            assert (f.claim, f.expected, f.suggestion) == (
                "ai-safety-funding.disparity",
                "1,520×",
                "1,520×",
            )
    # the only other MC002s are the conflated "12-78%" (the source gives 12% monitored)
    others = {(f.figure, f.claim) for f in mc002 if f.figure != "2,500×"}
    assert others == {("12-78%", "alignment-faking.monitored-rate")}
    # figures the registry backs are not reported: 30× with 8.7% → 0.3%, >99% AUROC, …
    backed = {
        "30×",
        "8.7% → 0.3%",
        "13% → 0.4%",
        ">99%",
        "greater than 99%",
        "78%",
        "97%",
        "12%",
        "6,000 examples",
        "120 examples",
        "140+ papers",
        "16 frontier models",
    }
    assert not [
        f for f in report.findings if f.figure in backed and f.code in ("MC002", "MC003", "MC004")
    ]
    assert report.summary.figures == 65


def test_json_positions_point_at_the_figure(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    _, report = run_json(["examples/mesa-optimization.md"], capsys)
    lines = (in_root / "examples/mesa-optimization.md").read_text(encoding="utf-8").split("\n")
    assert report.version == 1 and report.findings
    for f in report.findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.figure
        assert f.name and f.severity in ("error", "warning", "info") and f.message


def test_text_and_concise_end_with_coverage(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    for fmt in ("text", "concise"):
        code = main(["check", "--format", fmt, "examples/mesa-optimization.md"])
        out = capsys.readouterr().out.strip().split("\n")
        assert code == 1
        assert out[0].startswith("examples/mesa-optimization.md:")
        assert out[-1].startswith("Checked 1 file: 65 figures (")
        assert "\x1b[" not in "".join(out)  # no colours when not on a terminal


def test_no_registry_still_runs(tmp_path, capsys, monkeypatch, root) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.md"
    doc.write_text("Scheming fell 30× in tests.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "a.md"])
    out = capsys.readouterr().out
    assert code == 1
    assert "a.md:1:15: MC001" in out
    assert "No registry found" in out


def test_select_ignore_fail_on(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    code, report = run_json(["--select", "MC002", "examples/mesa-optimization.md"], capsys)
    assert {f.code for f in report.findings} == {"MC002"}
    code, report = run_json(["--ignore", "MC0", "examples/mesa-optimization.md"], capsys)
    assert report.findings == [] and code == 0
    code, _ = run_json(
        ["--select", "MC001", "--fail-on", "error", "examples/mesa-optimization.md"], capsys
    )
    assert code == 0  # MC001 is a warning


def test_unreadable_files_are_reported_and_the_run_goes_on(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.md").write_bytes("caf\xe9 12%".encode("latin-1"))
    (tmp_path / "ok.md").write_text("It rose 12% in 2024.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _code, report = run_json(["."], capsys)
    assert report.summary.files == 3 and report.summary.figures == 1
    assert sorted(u.path for u in report.summary.unreadable) == ["bin.md", "latin.md"]
    assert "line 1" in {u.path: u.reason for u in report.summary.unreadable}["latin.md"]


def test_usage_errors_exit_2(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "--select", "MC999"]) == 2
    assert main(["check", "no-such-file.md"]) == 2
    assert main(["explain", "MC999"]) == 2
    capsys.readouterr()


def test_explain_prints_rule_docs(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["explain", "MC002"]) == 0
    out = capsys.readouterr().out
    assert "value-mismatch" in out and "Passing" in out and "Failing" in out


def test_python_dash_m(root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mesacheck", "explain", "unsourced-figure"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert proc.returncode == 0 and "MC001" in proc.stdout
