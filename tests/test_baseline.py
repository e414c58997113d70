"""Baselines: `mesacheck baseline write FILE` and `mesacheck check --baseline FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.reporters.models import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"
REGISTRY = ["--claims", str(ROOT / "claims"), "--sources", str(ROOT / "sources")]
FILLER = [f"An inserted line of prose, number {w} of ten." for w in "abcdefghij"]


def write_baseline(baseline: Path, *paths: Path) -> int:
    return main(["baseline", "write", str(baseline), *map(str, paths), *REGISTRY])


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Report]:
    capsys.readouterr()
    code = main(["check", "--format", "json", *REGISTRY, *args])
    return code, Report.model_validate_json(capsys.readouterr().out)


def insert_after_front_matter(text: str, lines: list[str]) -> str:
    """The article with `lines` inserted at the top of its body (after the front matter,
    which must stay the first thing in the file)."""
    end = text.index("\n---\n", 4) + len("\n---\n")
    return text[:end] + "\n".join(lines) + "\n" + text[end:]


@pytest.fixture()
def article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    path = tmp_path / "article.md"
    path.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_baseline_hides_old_findings_through_line_shifts_and_shows_a_changed_figure(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = article.parent / "baseline.json"
    code, before = check(capsys, str(article))
    assert code == 1 and len(before.findings) > 20

    assert write_baseline(baseline, article) == 0
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert (code, report.findings) == (0, [])

    text = insert_after_front_matter(article.read_text(encoding="utf-8"), FILLER)
    article.write_text(text, encoding="utf-8")
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert (code, report.findings) == (0, [])

    # one figure changed: exactly its finding comes back, at its new place
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if "refused harmful queries 97%" in line)
    lines[i] = lines[i].replace("97%", "80%")
    article.write_text("\n".join(lines), encoding="utf-8")
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert code == 1
    assert [(f.code, f.line, f.figure) for f in report.findings] == [("MC002", i + 1, "80%")]


def test_a_changed_figure_brings_back_its_findings_only(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    lines = article.read_text(encoding="utf-8").split("\n")
    i = next(i for i, line in enumerate(lines) if "(2,500× disparity)" in line)
    lines[i] = lines[i].replace("2,500×", "2,600×")
    article.write_text("\n".join(lines), encoding="utf-8")
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert code == 1
    column = lines[i].index("2,600×") + 1
    assert report.findings  # MC002 against the claim, MC004 against its own operands
    assert {(f.line, f.column, f.figure) for f in report.findings} == {(i + 1, column, "2,600×")}


def test_moving_a_paragraph_keeps_its_findings_hidden(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    text = article.read_text(encoding="utf-8")
    start = text.index("Understanding mesa-optimization is crucial")
    end = text.index("\n\n", start) + 2
    paragraph = text[start:end]  # holds 2,500×, \$152B and \$100M, with findings
    rest = text[:start] + text[end:]
    at = rest.index("## The Mechanics of Mesa-Optimization")
    article.write_text(rest[:at] + paragraph + rest[at:], encoding="utf-8")
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert (code, report.findings) == (0, [])


def test_identical_findings_are_counted(article: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "Our own survey puts the share of worried readers at 45%."
    article.write_text(
        insert_after_front_matter(article.read_text(encoding="utf-8"), [sentence]),
        encoding="utf-8",
    )
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    text = article.read_text(encoding="utf-8")
    # the same sentence again, further down: a second, new finding with the same fingerprint
    article.write_text(text + "\n" + sentence + "\n", encoding="utf-8")
    code, report = check(capsys, str(article), "--baseline", str(baseline))
    assert code == 1
    assert [(f.code, f.figure) for f in report.findings] == [("MC001", "45%")]
    assert report.findings[0].line == len(text.split("\n")) + 1  # the new one, not the old

    assert write_baseline(baseline, article) == 0
    entries = [e for e in json.loads(baseline.read_text())["findings"] if e["figure"] == "45%"]
    assert len(entries) == 2
    assert entries[0]["fingerprint"] == entries[1]["fingerprint"]
    assert sorted(e["occurrence"] for e in entries) == [0, 1]


def test_baseline_file_is_deterministic_and_independent_of_line_numbers(
    article: Path,
) -> None:
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    first = baseline.read_bytes()
    assert write_baseline(baseline, article) == 0
    assert baseline.read_bytes() == first
    text = article.read_text(encoding="utf-8")
    article.write_text(insert_after_front_matter(text, FILLER), encoding="utf-8")
    assert write_baseline(baseline, article) == 0
    assert baseline.read_bytes() == first
    data = json.loads(first)
    assert data["version"] == 1
    entries = data["findings"]
    keys = [(e["path"], e["code"], e["fingerprint"], e["occurrence"]) for e in entries]
    assert keys == sorted(keys)
    assert {e["path"] for e in entries} == {"article.md"}  # relative to the baseline's folder
    assert all("line" not in e for e in entries)
    assert sorted(p.name for p in article.parent.iterdir()) == ["article.md", "baseline.json"]


def test_baseline_works_from_another_working_folder(
    article: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    monkeypatch.chdir(article.parent)
    code, report = check(capsys, "article.md", "--baseline", "baseline.json")
    assert (code, report.findings) == (0, [])


def test_text_report_says_how_many_findings_the_baseline_hid(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = article.parent / "baseline.json"
    _, report = check(capsys, str(article))
    assert write_baseline(baseline, article) == 0
    capsys.readouterr()
    code = main(["check", *REGISTRY, str(article), "--baseline", str(baseline)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"The baseline {baseline} hid {len(report.findings)} findings." in out


def test_baseline_entries_that_match_nothing_are_mentioned(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article) == 0
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Estimated 20-70%", "Estimated"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", *REGISTRY, str(article), "--baseline", str(baseline)]) == 0
    assert "match nothing any more (fixed)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON (line 1"),
        ('{"version": 1}', "is not a mesacheck baseline"),
        ('{"version": 99, "findings": []}', "has version 99"),
        ('{"version": 1, "findings": [{"code": "MC001"}]}', "entry 1 has no `fingerprint`"),
    ],
)
def test_a_missing_or_broken_baseline_is_an_error_naming_the_file(
    article: Path, capsys: pytest.CaptureFixture[str], content: str | None, says: str
) -> None:
    baseline = article.parent / "baseline.json"
    if content is not None:
        baseline.write_text(content, encoding="utf-8")
    capsys.readouterr()
    code = main(["check", *REGISTRY, str(article), "--baseline", str(baseline)])
    err = capsys.readouterr().err
    assert code == 2
    assert str(baseline) in err and says in err


def test_baseline_without_a_subcommand_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["baseline"]) == 2
    assert "baseline write FILE" in capsys.readouterr().err


def test_a_run_over_some_files_judges_only_their_entries(
    article: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pre-commit checks the changed files only: the other files' entries are not
    'fixed', and rewriting the baseline from such a run is not advised."""
    other = article.parent / "other.md"
    other.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    baseline = article.parent / "baseline.json"
    assert write_baseline(baseline, article, other) == 0
    entries = json.loads(baseline.read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} >= {"article.md", "other.md"}
    capsys.readouterr()
    assert main(["check", *REGISTRY, str(article), "--baseline", str(baseline)]) == 0
    out = capsys.readouterr().out
    assert "match nothing" not in out and "rewrite" not in out
    # a finding fixed in the file checked is counted, still without the advice
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Estimated 20-70%", "Estimated"), encoding="utf-8")
    assert main(["check", *REGISTRY, str(article), "--baseline", str(baseline)]) == 0
    out = capsys.readouterr().out
    assert "entries for the files checked match nothing any more (fixed)." in out
    assert "rewrite" not in out
    # over every file it records, the advice is given
    assert main(["check", *REGISTRY, str(article), str(other), "--baseline", str(baseline)]) == 0
    assert "rewrite it with `mesacheck baseline write" in capsys.readouterr().out
