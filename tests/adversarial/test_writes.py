"""Issue 11, item 8: writes keep what they replace.

`harvest -o` merged drafts into a CRLF claims file and wrote it back as LF, and replaced
a symlinked output with a regular file. Both through the public command, on the shipped
registry and sentences of the shipped article.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from mesacheck import atomic
from mesacheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
# a sentence of the shipped article whose figure no claim of the shipped registry backs
UNSOURCED = "Apollo Research found scheming in 0.3-13% of frontier model runs (2024-2025).\n"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped registry with one claims file written with CRLF, and one article."""
    article = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    assert UNSOURCED.split(" (")[0] in article
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "scheming.md").write_text(UNSOURCED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _harvest(output: str, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["harvest", "docs", "-o", output])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 0, err
    assert "1 draft claim added to" in err
    return err


def _registry_claims(capsys: pytest.CaptureFixture[str]) -> int:
    """How many claims `registry check` loads (it must load cleanly)."""
    assert main(["registry", "check", "--format", "concise"]) == 0
    line = capsys.readouterr().out.splitlines()[-1]
    assert line.startswith("Checked the registry: ")
    return int(line.split()[3])


def _crlf(path: Path) -> bytes:
    data = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    path.write_bytes(data)
    return data


def test_harvest_keeps_the_crlf_line_endings_of_the_file_it_merges_into(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = work / "claims" / "simple-probes.yaml"
    before = _crlf(target)
    claims = _registry_claims(capsys)
    _harvest("claims/simple-probes.yaml", capsys)
    after = target.read_bytes()
    assert after.startswith(before)  # what was there is kept byte for byte
    assert b"\n" not in after.replace(b"\r\n", b"")  # no bare LF: every line is CRLF
    entries = yaml.safe_load(after)["claims"]
    assert entries[0]["id"] == "simple-probes.sleeper-agent-auroc"
    assert entries[-1]["status"] == "draft" and entries[-1]["scope"]  # the new, pinned draft
    # and the registry still loads, with the draft in it, as a later check reads it
    assert _registry_claims(capsys) == claims + 1


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_harvest_writes_through_a_symlinked_output(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = work / "shared-claims"
    shared.mkdir()
    real = shared / "drafts.yaml"
    real.write_bytes(b"# drafts shared between sites\r\nclaims: []\r\n")
    link = work / "claims" / "drafts.yaml"
    link.symlink_to(os.path.relpath(real, link.parent))
    _harvest("claims/drafts.yaml", capsys)
    assert link.is_symlink() and link.resolve() == real.resolve()  # still a link
    merged = real.read_bytes()
    assert merged.startswith(b"# drafts shared between sites\r\nclaims:\r\n")
    assert b"\n" not in merged.replace(b"\r\n", b"")
    assert b"0.3-13%" in merged
    # the temporary file was made beside the target, and nothing was left in either folder
    assert sorted(p.name for p in shared.iterdir()) == ["drafts.yaml"]
    assert not [p for p in (work / "claims").iterdir() if p.name.startswith(".")]


def test_atomic_writes_bytes_as_given_and_text_as_the_file_it_replaces(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    atomic.write_bytes(path, b"a\r\nb\nc\r")
    assert path.read_bytes() == b"a\r\nb\nc\r"  # bytes: never translated
    atomic.write_text(path, "x\ny\n")  # text read with universal newlines: CRLF restored
    assert path.read_bytes() == b"x\r\ny\r\n"
    atomic.write_text(path, "x\r\ny\n")  # text that holds a CR is written as given
    assert path.read_bytes() == b"x\r\ny\n"
    fresh = tmp_path / "fresh.yaml"
    atomic.write_text(fresh, "x\ny\n")
    assert fresh.read_bytes() == b"x\ny\n"
    atomic.write_text(fresh, "x\ny\n", newline="\r\n")
    assert fresh.read_bytes() == b"x\r\ny\r\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_output_file_into_a_pipe_writes_into_it_and_keeps_it_a_pipe(work: Path) -> None:
    """`--output-file /dev/null` (or a FIFO) once replaced the device with a regular
    file: the atomic rename put a file where the device was. Tried on a FIFO, not on
    /dev/null, so that a failure cannot break the machine's /dev/null."""
    import stat
    import threading

    fifo = work / "report.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    code = main(["check", "docs", "--format", "concise", "--output-file", str(fifo)])
    reader.join(timeout=30)
    assert code == 1  # the unsourced figure
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not a regular file
    assert b"MC001" in got[0] and b"0.3-13%" in got[0]
    assert not [p for p in work.iterdir() if p.name.startswith(".report.fifo.")]
