"""Exit codes CI can tell apart: 0 clean, 1 findings (an unreadable file is one), 2 usage,
configuration, registry or a missing path, 3 mesacheck itself failed."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesacheck.cli import main

GOOD = "Alignment faking appeared in 12% of monitored cases.\n"


def test_a_missing_path_is_exit_2_and_the_others_are_still_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    assert main(["check", "--no-cache", "good.md", "gone.md"]) == 2
    out, err = capsys.readouterr()
    assert "gone.md: no such file or folder" in err
    assert "good.md:1:" in out  # reported all the same


def test_a_crash_has_its_own_exit_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("mesacheck.engine.Session.check", broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    assert main(["check", "--no-cache", "good.md"]) == 3
    err = capsys.readouterr().err
    assert "RuntimeError: a bug" in err and "internal error (exit 3)" in err


def test_clean_and_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "plain.md").write_text("No numbers here.\n", encoding="utf-8")
    assert main(["check", "--no-cache", "plain.md"]) == 0
    assert main(["check", "--no-cache", "good.md"]) == 1


@pytest.mark.parametrize(
    "raw",
    [b"Rate 5% \xff here.\n", b"Rate 5%\x00 here.\n", "Rate 5% here.\n".encode("utf-16")],
    ids=["invalid-byte", "nul", "utf-16"],
)
def test_a_file_ci_could_not_read_fails_the_run(
    raw: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """The issue's reproduction: one unreadable `.md` among clean ones used to exit 0 with
    the file named only in the coverage line. Now it is an MC008 error (exit 1), the other
    file is still checked, and the run stays small (tracemalloc)."""
    import tracemalloc

    monkeypatch.chdir(tmp_path)
    (tmp_path / "hidden.md").write_bytes(raw)
    (tmp_path / "plain.md").write_text("No numbers here.\n", encoding="utf-8")
    tracemalloc.start()
    try:
        code = main(["check", "--no-cache", "hidden.md", "plain.md"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    out, err = capsys.readouterr()
    assert code == 1 and "Traceback" not in err
    assert "hidden.md:1:1: MC008 [error] hidden.md was not checked" in out
    assert "Checked 2 files" in out
    assert peak < 64 * 2**20
