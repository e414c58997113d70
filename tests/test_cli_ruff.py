"""The command line as a ruff user expects it (issue 14, item 6), on the shipped example
article and registry: `--statistics`, `--output-file`, `--exit-zero`, `-q`,
`--extend-select`, `-` with `--stdin-filename`, the severity in text output, the closing
"Found N findings" line, and `mesacheck rules`."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from mesacheck.cli import main
from mesacheck.rules import ALL, CODES

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "examples/mesa-optimization.md"


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example with its registry and configuration; the working folder."""
    for part in ("claims", "sources", "examples"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    main([*args, "--format", "json"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


def test_text_shows_severity_and_closes_with_found_then_coverage(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = _json(["check", ARTICLE], capsys)["summary"]
    assert main(["check", ARTICLE]) == 1
    lines = capsys.readouterr().out.splitlines()
    findings = [line for line in lines if line.startswith(ARTICLE)]
    assert len(findings) == summary["findings"]
    for line in findings:
        code, level = line.split(": ", 1)[1].split(" ")[:2]
        assert code in CODES and level in ("[error]", "[warning]", "[info]")
    by = summary["by_severity"]
    errors, warnings = by.get("error", 0), by.get("warning", 0)
    assert lines[-2] == (
        f"Found {summary['findings']} findings ({errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)})."
    )
    assert lines[-1].startswith("Checked 1 file: ")  # coverage still ends the report


def test_statistics_prints_only_the_counts(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_code = _json(["check", ARTICLE], capsys)["summary"]["by_code"]
    assert main(["check", ARTICLE, "--statistics"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert not [line for line in out if line.startswith(ARTICLE)]  # no finding printed
    counts = {line.split()[1]: int(line.split()[0]) for line in out[:-2]}
    assert counts == by_code
    assert out[-2].startswith("Found ") and out[-1].startswith("Checked 1 file")
    # as JSON: a list of {code, name, count}, nothing else on stdout
    main(["check", ARTICLE, "--statistics", "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert {r["code"]: r["count"] for r in rows} == by_code
    assert all(r["name"] == CODES[r["code"]][0] for r in rows)


def test_output_file_exit_zero_and_quiet(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", ARTICLE, "--format", "json", "-o", "out/report.json"]) == 1
    assert capsys.readouterr().out == ""
    written = json.loads((repo / "out" / "report.json").read_text(encoding="utf-8"))
    assert written["summary"]["findings"] > 10

    assert main(["check", ARTICLE, "--exit-zero"]) == 0
    assert "Found " in capsys.readouterr().out
    # --exit-zero is about findings only: a missing path is still an error
    assert main(["check", ARTICLE, "nope.md", "--exit-zero"]) == 2
    capsys.readouterr()

    assert main(["check", ARTICLE, "-q", "--format", "concise"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out and all(line.startswith(ARTICLE + ":") for line in out)
    assert len(out) == written["summary"]["findings"]


def test_extend_select_adds_to_the_default_selection(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = repo / "examples" / "mesa-optimization.md"
    doc.write_text(
        doc.read_text(encoding="utf-8") + "\nNo figure here. <!-- mesacheck: ignore MC002 -->\n",
        encoding="utf-8",
    )
    plain = _json(["check", ARTICLE], capsys)["summary"]["by_code"]
    extended = _json(["check", ARTICLE, "--extend-select", "MC201"], capsys)["summary"]["by_code"]
    assert "MC201" not in plain and extended.pop("MC201") == 1
    assert extended == plain  # added, nothing taken away (as --select MC201 would)
    only = _json(["check", ARTICLE, "--select", "MC201"], capsys)["summary"]["by_code"]
    assert only == {"MC201": 1}


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_stdin_is_checked_under_its_given_name(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = (repo / ARTICLE).read_bytes()
    from_file = _json(["check", ARTICLE], capsys)
    cached = sorted((repo / ".mesacheck_cache").rglob("*"))
    _stdin(monkeypatch, raw)
    name = "examples/mesa-optimization.md"
    from_stdin = _json(["check", "-", "--stdin-filename", name], capsys)
    assert from_stdin["findings"] == from_file["findings"]
    assert from_stdin["summary"] == from_file["summary"]
    assert sorted((repo / ".mesacheck_cache").rglob("*")) == cached  # stdin is never cached
    # SARIF names it too, its fingerprints reading the lines from stdin, not the disk
    (repo / ARTICLE).write_text("Replaced on disk.\n", encoding="utf-8")
    _stdin(monkeypatch, raw)
    main(["check", "-", "--stdin-filename", "notes/draft.md", "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"notes/draft.md"} and len(results) == from_file["summary"]["findings"]
    # per-file ignores and --force-exclude apply to the given name
    (repo / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\nexclude = ["drafts/"]\n'
        '[per-file-ignores]\n"notes/" = ["MC001"]\n',
        encoding="utf-8",
    )
    _stdin(monkeypatch, raw)
    got = _json(["check", "-", "--stdin-filename", "notes/draft.md"], capsys)["summary"]
    assert "MC001" not in got["by_code"] and got["findings"] > 0
    _stdin(monkeypatch, raw)
    got = _json(["check", "-", "--stdin-filename", "drafts/a.md", "--force-exclude"], capsys)
    assert got["summary"]["files"] == 0
    _stdin(monkeypatch, raw)
    assert main(["check", "-", ARTICLE]) == 2
    assert "cannot be given with other paths" in capsys.readouterr().err


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["code", "name", "severity", "enabled"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert list(rows) == list(ALL)
    for code, rule in ALL.items():
        assert rows[code] == [rule.NAME, rule.SEVERITY, "yes" if rule.ENABLED else "no"]
    assert rows["MC201"][2] == "no"  # off by default
    assert main(["rules", "--format", "json"]) == 0
    as_json = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in as_json] == list(ALL)
    assert all(r["summary"] for r in as_json)
