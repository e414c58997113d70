"""MC008 unreadable-file: a file CI could not read fails the run, and the others are
still reported."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mesacheck.cli import main

GOOD = "Alignment faking appeared in 12% of monitored cases.\n"


def _check(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, dict]:
    code = main(["check", "--no-cache", "--format", "json", *paths])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"It rose 12% \xff in 2024.\n", "not UTF-8 (line 1"),
        (b"It rose 12%\x00.\n", "binary file"),
        (GOOD.encode("utf-16"), "binary file"),
    ],
    ids=["invalid-byte", "nul", "utf-16"],
)
def test_a_file_that_is_not_utf8_text_is_an_error_and_the_rest_is_checked(
    raw: bytes, why: str, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.md").write_bytes(raw)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    code, report = _check(capsys, "bad.md", "good.md")
    assert code == 1  # with nothing else wrong, the unreadable file alone fails the run
    mc008 = [f for f in report["findings"] if f["code"] == "MC008"]
    assert [(f["path"], f["severity"]) for f in mc008] == [("bad.md", "error")]
    assert why in mc008[0]["message"]
    assert any(f["path"] == "good.md" for f in report["findings"])
    assert report["summary"]["files"] == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_reported_not_read(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "x.md")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    code, report = _check(capsys, ".")
    mc008 = [f for f in report["findings"] if f["code"] == "MC008"]
    assert code == 1 and [f["path"] for f in mc008] == ["x.md"]
    assert "not a regular file: a FIFO" in mc008[0]["message"]


def test_a_failure_inside_one_file_is_that_files_finding(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """An exception, or a BaseException such as a Rust parser's panic, while analysing one
    file becomes its MC008 with the reason; the run goes on for the others."""
    from mesacheck import pipeline

    real = pipeline.analyse

    class Panic(BaseException):  # pyo3's PanicException derives from BaseException
        pass

    def analyse(display: str, raw: bytes, settings, resolver):  # type: ignore[no-untyped-def]
        if display.startswith("boom"):
            raise Panic("index out of bounds")
        return real(display, raw, settings, resolver)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    monkeypatch.setattr("mesacheck.engine.analyse", analyse)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boom.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    code, report = _check(capsys, "boom.md", "good.md")
    mc008 = [f for f in report["findings"] if f["code"] == "MC008"]
    assert code == 1 and [f["path"] for f in mc008] == ["boom.md"]
    assert "mesacheck failed on this file (Panic: index out of bounds)" in mc008[0]["message"]
    assert any(f["path"] == "good.md" and f["code"] == "MC001" for f in report["findings"])


def test_it_can_be_made_a_warning_like_any_rule(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".mesacheck.toml").write_text('[severity]\nMC008 = "info"\n', "utf-8")
    (tmp_path / "bad.md").write_bytes(b"\xff\xfe")
    code, report = _check(capsys, "bad.md")
    assert code == 0
    assert [f["severity"] for f in report["findings"]] == ["info"]
