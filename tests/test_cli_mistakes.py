"""Mistakes said, not swallowed (issue 14, item 7): a registry folder named but missing,
paths that give nothing to check, gitignore-style patterns, and patterns relative to the
configuration file's folder when mesacheck runs from a subfolder."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mesacheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    main([*args, "--format", "json"])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return report


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writing repository: the example's registry, docs/ with the article, and
    docs/examples/ and drafts/ with copies of it."""
    for part in ("claims", "sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    for where in ("docs/guide.md", "docs/examples/copy.md", "drafts/next.md"):
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLE, tmp_path / where)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_registry_folder_named_but_missing_is_an_error(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "docs", "--claims", "nope"]) == 2
    err = capsys.readouterr().err
    assert "nope: no such folder" in err and "--claims" in err
    assert main(["registry", "check", "--claims", "nope"]) == 2
    assert "nope: no such folder" in capsys.readouterr().err
    assert main(["check", "docs", "--sources", "claims/ai-safety-funding.yaml"]) == 2
    assert "not a folder" in capsys.readouterr().err
    # named in the configuration: the message names the file and key
    (site / ".mesacheck.toml").write_text('claims = "registry/claims"\n', encoding="utf-8")
    assert main(["check", "docs"]) == 2
    err = capsys.readouterr().err
    assert "registry/claims: no such folder" in err and ".mesacheck.toml" in err
    # not named: no registry is a normal start, as before (every figure unsourced)
    (site / ".mesacheck.toml").unlink()
    shutil.rmtree(site / "claims")
    shutil.rmtree(site / "sources")
    assert main(["check", "docs"]) == 1
    assert "No registry found" in capsys.readouterr().out


def test_paths_that_give_nothing_to_check_are_warned_about(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (site / "assets").mkdir()
    (site / "assets" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    assert main(["check", "assets"]) == 0
    captured = capsys.readouterr()
    assert "warning: assets: no Markdown files (.md, .markdown, .mdx) in it" in captured.err
    assert "Checked 0 files" in captured.out
    # a folder wholly excluded says so, and a folder with files does not warn
    assert main(["check", "drafts", "docs", "--exclude", "drafts/"]) == 1
    err = capsys.readouterr().err
    assert "drafts: nothing left to check: 1 excluded by the exclude patterns" in err
    assert "docs:" not in err
    # -q keeps it quiet
    main(["check", "assets", "-q"])
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git on PATH")
def test_a_folder_wholly_ignored_by_git_is_warned_about(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    (site / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    assert main(["check", "drafts"]) == 0
    captured = capsys.readouterr()
    assert "warning: drafts: nothing left to check: 1 ignored by git" in captured.err
    assert "Checked 0 files" in captured.out


def test_gitignore_style_patterns_in_exclude_and_per_file_ignores(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = _json(["check", "docs"], capsys)["summary"]
    assert every["files"] == 2
    (site / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\nextend-exclude = ["examples/"]\n',
        encoding="utf-8",
    )
    assert _json(["check", "docs"], capsys)["summary"]["files"] == 1
    (site / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\n[per-file-ignores]\n"examples/" = ["MC001"]\n',
        encoding="utf-8",
    )
    got = _json(["check", "docs"], capsys)
    paths = {f["path"] for f in got["findings"] if f["code"] == "MC001"}
    assert paths == {"docs/guide.md"}
    # an anchored pattern matches from the configuration's folder, not at any depth
    (site / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\nextend-exclude = ["/examples"]\n',
        encoding="utf-8",
    )
    assert _json(["check", "docs"], capsys)["summary"]["files"] == 2
    (site / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\nextend-exclude = ["docs/**/copy.md"]\n',
        encoding="utf-8",
    )
    assert _json(["check", "docs"], capsys)["summary"]["files"] == 1


def test_patterns_hold_when_run_from_a_subfolder(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / ".mesacheck.toml").write_text(
        'claims = "claims"\nsources = "sources"\nexclude = ["docs/examples"]\n'
        'include = ["docs"]\n[per-file-ignores]\n"docs/guide.md" = ["MC001"]\n',
        encoding="utf-8",
    )
    from_root = _json(["check", "docs"], capsys)
    assert from_root["summary"]["files"] == 1
    assert "MC001" not in from_root["summary"]["by_code"]
    monkeypatch.chdir(site / "docs")
    here = _json(["check", "."], capsys)
    assert here["summary"]["files"] == 1
    assert "MC001" not in here["summary"]["by_code"]
    assert {f["path"] for f in here["findings"]} == {"guide.md"}
    # `include` is the configuration's folder's docs/, wherever mesacheck runs from
    monkeypatch.chdir(site / "drafts")
    assert _json(["check"], capsys)["summary"]["files"] == 1
    monkeypatch.chdir(site / "docs")
    # a file named explicitly under --force-exclude (pre-commit) is excluded from here too
    named = _json(["check", "--force-exclude", "examples/copy.md"], capsys)
    assert named["summary"]["files"] == 0
    # the command line's own patterns are relative to the working folder
    assert _json(["check", ".", "--extend-exclude", "guide.md"], capsys)["summary"]["files"] == 0


def test_baseline_write_takes_paths_after_an_option(tmp_path: Path) -> None:
    """`baseline write FILE --claims X PATHS` (an option between FILE and PATHS) writes the
    baseline of PATHS, as `check --claims X PATHS` would check them."""

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "b.json"
    args = ["--claims", str(root / "claims"), "--sources", str(root / "sources")]
    code = main(["baseline", "write", str(out), *args, str(root / "examples")])
    assert code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["findings"]) == 38
