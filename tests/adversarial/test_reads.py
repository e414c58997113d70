"""Issue 11, item 2: reads are bounded and typed.

Only regular files are read; a FIFO, a device or a socket is reported, never opened in a
way that blocks; every read stops at a bound even when the file's size says 0. Also the
baseline reader's nesting (issue 11, "Other").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.files import Unreadable, read_document

ROOT = Path(__file__).resolve().parents[2]
# sentences of the shipped article (examples/mesa-optimization.md)
PROBES = "Linear probes achieve greater than 99% AUROC on known deceptive behaviors.\n"
APOLLO = "Apollo Research found scheming in 13% of frontier model runs.\n"
needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev")


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plain.md").write_text(APOLLO, encoding="utf-8")
    return tmp_path


@needs_posix
def test_a_symlink_to_dev_zero_is_reported_quickly_in_bounded_memory(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "docs" / "notes.md").symlink_to("/dev/zero")
    tracemalloc.start()
    try:
        code = main(["check", "--no-cache", "--format", "json", "docs"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert peak < 64 * 2**20, peak  # the old read grew to gigabytes
    report = json.loads(out)
    assert report["summary"]["unreadable"] == [
        {"path": "docs/notes.md", "reason": "not a regular file: a character device"}
    ]
    assert "docs/plain.md" in [f["path"] for f in report["findings"]]
    assert code == 1


def test_the_bound_holds_when_the_size_is_a_lie(tmp_path: Path) -> None:
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file that says it is empty")
    text = read_document(status, 1 << 20)
    assert len(text) > 100 and b"Name:" in text  # a regular file of size 0 is still read
    with pytest.raises(Unreadable, match="larger than 100 bytes"):
        read_document(status, 100)
    big = tmp_path / "big.md"
    with big.open("wb") as fh:  # sparse: a size the bound refuses before reading
        fh.truncate(2 * 2**20 + 1)
    with pytest.raises(Unreadable, match="larger than 2 MB"):
        read_document(big, 2 * 2**20)


def _mesacheck(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process of its own: a hang fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "mesacheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net only: the assertions are on the messages
        check=False,
    )


@needs_posix
@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_fifos_among_documents_and_claims_do_not_hang(work: Path, cache: bool) -> None:
    os.mkfifo(work / "docs" / "x.md")
    os.mkfifo(work / "named.md")
    (work / "claims").mkdir()
    os.mkfifo(work / "claims" / "f.yaml")
    (work / "sources").mkdir()
    args = ["check", "--format", "concise", "docs", "named.md"]
    proc = _mesacheck([*args, *([] if cache else ["--no-cache"])], work)
    assert "Traceback" not in proc.stderr
    assert "claims/f.yaml:1:1: MC101 [error] cannot read: not a regular file: a FIFO" in proc.stdout
    assert "docs/plain.md:1:" in proc.stdout  # the other document is still checked
    coverage = proc.stdout.splitlines()[-1]
    assert "docs/x.md (not a regular file: a FIFO)" in coverage
    assert "named.md (not a regular file: a FIFO)" in coverage  # named, not "missing"
    assert proc.returncode == 2  # the registry did not load (documented for MC101)


@needs_posix
def test_read_document_refuses_devices_and_sockets_and_follows_links_to_files(
    tmp_path: Path,
) -> None:
    import socket

    with pytest.raises(Unreadable, match="a character device"):
        read_document("/dev/null", 100)
    with pytest.raises(Unreadable, match="a folder"):
        read_document(tmp_path, 100)
    sock_path = tmp_path / "s.md"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(Unreadable, match="a socket"):
            read_document(sock_path, 100)
    article = tmp_path / "a.md"
    article.write_bytes(PROBES.encode())
    (tmp_path / "link.md").symlink_to(article)
    assert read_document(tmp_path / "link.md", 1000) == PROBES.encode()
    with pytest.raises(FileNotFoundError):
        read_document(tmp_path / "missing.md", 100)


def test_a_deeply_nested_baseline_is_a_clear_error(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    code = main(["check", "--no-cache", "--baseline", "deep.json", "docs"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "RecursionError" not in err
    assert code == 2
    assert "mesacheck: baseline deep.json is nested too deeply" in err
    # a baseline written by mesacheck still reads: the limit is on nesting, not size
    assert main(["baseline", "write", "base.json", "docs"]) == 0
    assert main(["check", "--no-cache", "--baseline", "base.json", "docs"]) == 0
    assert "The baseline base.json hid 1 finding." in capsys.readouterr().out
