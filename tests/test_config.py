"""Configuration discovery and keys, file selection, and their effect on a run."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.config import ConfigError, load_config
from mesacheck.files import discover


def test_found_from_the_working_folder_upward(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.mesacheck]\nclaims = "registry/claims"\nfail-on = "error"\n', encoding="utf-8"
    )
    deep = tmp_path / "docs" / "guides"
    deep.mkdir(parents=True)
    cfg = load_config(cwd=deep)
    assert cfg.file == tmp_path / "pyproject.toml"
    assert cfg.claims == (tmp_path / "registry" / "claims").resolve()
    assert cfg.sources == tmp_path.resolve() / "sources" or cfg.sources == tmp_path / "sources"
    assert cfg.fail_on == "error"
    # a .mesacheck.toml nearer the working folder wins
    (deep / ".mesacheck.toml").write_text('kinds = ["percent"]\n', encoding="utf-8")
    cfg = load_config(cwd=deep)
    assert cfg.file == deep / ".mesacheck.toml" and cfg.kinds == {"percent"}


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n", "utf-8")
    assert load_config(cwd=tmp_path).file is None


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("claim = 'x'\n", "unknown key `claim`"),
        ("fail-on = 'fatal'\n", "fail-on"),
        ("select = ['MC999']\n", "unknown code"),
        ("kinds = ['percent', 'ratios']\n", "unknown kind"),
        ("severity = {MC001 = 'loud'}\n", "severity.MC001"),
        ("respect-gitignore = 'yes'\n", "true or false"),
        ("select = [\n", "does not parse"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, toml: str, says: str) -> None:
    (tmp_path / ".mesacheck.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(cwd=tmp_path)
    assert says in str(err.value) and ".mesacheck.toml" in str(err.value)


def test_bad_configuration_exits_2(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".mesacheck.toml").write_text("colour = true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    assert "unknown key `colour`" in capsys.readouterr().err


def test_settings_shape_the_findings(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "notes").mkdir()
    (tmp_path / "a.md").write_text("It rose 12% in 2024, a 3× jump.\n", encoding="utf-8")
    (tmp_path / "notes" / "b.md").write_text("Also 40% of them.\n", encoding="utf-8")
    (tmp_path / ".mesacheck.toml").write_text(
        'kinds = ["percent"]\n'
        '[severity]\nMC001 = "info"\n'
        '[per-file-ignores]\n"notes/*" = ["MC001"]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "json", "."])
    report = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["figure"], f["severity"]) for f in report["findings"]] == [
        ("a.md", "12%", "info")
    ]
    assert code == 0  # info is below the default fail-on (warning)


def test_excludes_hold_for_folders_and_for_named_files_only_when_forced(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text("1%\n", "utf-8")
    (tmp_path / "y.md").write_text("2%\n", "utf-8")
    files, _ = discover([str(tmp_path)], ["drafts"])
    assert [f.name for f in files] == ["y.md"]
    named = str(tmp_path / "drafts" / "x.md")
    assert [f.name for f in discover([named], ["drafts"])[0]] == ["x.md"]
    assert discover([named], ["drafts"], force_exclude=True)[0] == []


def test_gitignored_files_are_skipped_in_folders(tmp_path: Path) -> None:
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode:
        pytest.skip("needs git")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("build/\n", "utf-8")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.md").write_text("1%\n", "utf-8")
    (tmp_path / "doc.md").write_text("2%\n", "utf-8")
    files, _ = discover([str(tmp_path)])
    assert [f.name for f in files] == ["doc.md"]
    files, _ = discover([str(tmp_path)], respect_gitignore=False)
    assert sorted(f.name for f in files) == ["doc.md", "out.md"]
