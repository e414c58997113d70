"""Issue 11, item 6 and "Other": output that a document or a file name cannot inject into.

Each test is a reproduction from the issue, run through the command line as a user runs
it, on sentences of the shipped article: no traceback, the documented output and exit
code, and the other files of the run still reported.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mesacheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
# two real sentences of the shipped article, each with one unsourced figure
PROBES = "Linear probes achieve greater than 99% AUROC on known deceptive behaviors.\n"
APOLLO = "Apollo Research found scheming in 13% of frontier model runs.\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # our own colours, and nothing else, may reach a terminal


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder as the working folder, with no registry (every figure: MC001)."""
    assert "99% AUROC" in ARTICLE and "scheming in 0.3-13% of frontier model runs" in ARTICLE
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    for name in ("FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "plain.md").write_text(APOLLO, encoding="utf-8")
    return tmp_path


def _assert_no_foreign_command(text: str) -> list[str]:
    """Every line of `text` that starts a workflow command (the runner trims leading space)
    is one of ours: an annotation on a file that exists, once its properties are decoded as
    the runner decodes them; no other line holds GitHub's older `##[` syntax, which the
    runner looks for anywhere in a line that is not a `::` command. The annotations."""
    lines = text.splitlines()
    commands = [line for line in lines if line.lstrip().startswith("::")]
    for command in commands:
        m = re.match(r"::(error|warning|notice) file=([^,:]*),line=\d+", command)
        assert m, command
        name = m.group(2)
        for escaped, raw in (
            ("%0A", "\n"),
            ("%0D", "\r"),
            ("%3A", ":"),
            ("%2C", ","),
            ("%25", "%"),
        ):
            name = name.replace(escaped, raw)
        assert Path(name).is_file(), command
    assert not [line for line in lines if "##[" in line and line not in commands]
    return commands


# -- github: a file name with a newline and a workflow command -----------------------------


def test_github_output_keeps_a_workflow_command_in_a_file_name_as_data(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = work / "docs"
    # unreadable (not UTF-8), so its name lands in the coverage line
    (docs / "x\n::error file=README.md,line=1::pwned\n.md").write_bytes(b"Rate 5%\n\xff\n")
    # a comment mesacheck cannot read: its name lands in a note on stderr, and it is checked
    (docs / "n\n::error::note ##[error]x.md").write_text(
        PROBES + "<!-- mesacheck: frobnicate -->\n", encoding="utf-8"
    )
    code, out, err = run(["check", "--no-cache", "--format", "github", "docs"], capsys)
    assert code == 1  # the findings below
    assert _assert_no_foreign_command(err) == []
    # the odd file is still annotated, its name escaped as the runner decodes properties
    annotated = {line.split(",", 1)[0] for line in _assert_no_foreign_command(out)}
    assert {
        "::warning file=docs/n%0A%3A%3Aerror%3A%3Anote ##[error]x.md",
        "::warning file=docs/plain.md",
    } <= annotated
    # the coverage line and the note show the names with visible escapes
    coverage = out.splitlines()[-1]
    assert coverage.startswith("Checked 3 files")
    assert "docs/x\\n::error file=README.md,line=1::pwned\\n.md" in coverage
    assert "docs/n\\n::error::note ##\\x5berror]x.md:2: cannot read this mesacheck comment" in err


def test_github_escapes_keep_command_syntax_inside_a_value() -> None:
    """The escaping of the annotation, unit by unit: what a file name may hold stays in it."""
    from mesacheck.reporters.github import escape_data, escape_line, escape_property

    assert escape_property("a\n::error::b,c%") == "a%0A%3A%3Aerror%3A%3Ab%2Cc%25"
    assert escape_data("50%\r\n::error::x") == "50%25%0D%0A::error::x"
    line = escape_line("Checked x\r\n::error::y ##[warning]z \x1b]0;t\x07")
    assert line == "Checked x\\r\\n::error::y ##\\x5bwarning]z \\x1b]0;t\\x07"
    assert "\n" not in line and "\r" not in line


# -- text on a terminal: escape sequences in the source, file names ------------------------


def _blocks(out: str) -> list[tuple[str, int, str, int, int]]:
    """(finding line, source line number, source line, caret start, caret width) of each
    finding of `text` output on a terminal, colours removed."""
    lines = ANSI.sub("", out).splitlines()[:-2]  # "Found N findings" and coverage close it
    out_blocks = []
    for head, source, caret in zip(lines[::3], lines[1::3], lines[2::3], strict=True):
        number, _, shown = source.partition(" | ")
        marks = caret.partition(" | ")[2]
        start = marks.index("^")
        out_blocks.append((head, int(number), shown, start, marks.count("^")))
    return out_blocks


def _assert_carets_match_json(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """Run `text` on a terminal and `json` on the same files: every finding's header,
    line and caret stand where the JSON places it. The text output, for more checks."""
    from mesacheck.reporters import safe_text

    monkeypatch.setenv("FORCE_COLOR", "1")  # what a terminal gets: colours, source lines
    code, out, _ = run(["check", "--no-cache", *args], capsys)
    assert code == 1
    monkeypatch.delenv("FORCE_COLOR")
    findings = json.loads(run(["check", "--no-cache", "--format", "json", *args], capsys)[1])
    blocks = _blocks(out)
    assert len(blocks) == len(findings["findings"]) > 0
    for f, (head, number, shown, start, width) in zip(findings["findings"], blocks, strict=True):
        assert head.startswith(f"{safe_text(f['path'])}:{f['line']}:{f['column']}: {f['code']}")
        assert number == f["line"]
        assert shown[start : start + width] == safe_text(f["figure"]), (shown, start, f)
    return out


def test_terminal_text_shows_escape_sequences_instead_of_running_them(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = (
        "Linear probes \x1b]0;pwned\x07achieve greater than 99% AUROC\x1b[2J\x1b[H on "
        "known\x9b31m deceptive \u202ebehaviors\u202c\x7f, 13% of runs.\n"
    )
    (work / "docs" / "probes.md").write_text(hostile, encoding="utf-8")
    (work / "docs" / "t\x1b]0;title\x07\u202eitle.md").write_text(PROBES, encoding="utf-8")
    out = _assert_carets_match_json(["docs"], capsys, monkeypatch)
    without_colours = ANSI.sub("", out)
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\x7f"):
        assert raw not in without_colours, repr(raw)
    assert "\\x1b]0;pwned\\x07achieve" in out and "\\x1b[2J\\x1b[H on" in out
    assert "\\u202ebehaviors\\u202c\\x7f" in out and "known\\x9b31m" in out
    assert "docs/t\\x1b]0;title\\x07\\u202eitle.md:1:" in out
    assert "docs/plain.md:1:" in out


def test_concise_escapes_file_names_and_never_starts_a_line_with_a_command(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (work / "::error file=README.md::x.md").write_text(PROBES, encoding="utf-8")
    (work / "docs" / "bell\x07\x1b[31m.md").write_text(PROBES, encoding="utf-8")
    for fmt in ("concise", "text"):
        code, out, _ = run(["check", "--no-cache", "--format", fmt, "."], capsys)
        assert code == 1
        assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]
        assert "./::error file=README.md::x.md:1:" in out
        assert "docs/bell\\x07\\x1b[31m.md:1:" in out
        assert "docs/plain.md:1:" in out
        assert "\x1b" not in out and "\x07" not in out


def test_caret_stands_on_the_line_the_engine_counts_with_form_feed_and_u2028(
    work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # \f and U+2028 are not line breaks to the engine (nor to CommonMark): one line each
    text = "Rate\f limits: 13% of runs.\nLinear probes\u2028achieve 99% AUROC.\n" + APOLLO
    (work / "docs" / "breaks.md").write_text(text, encoding="utf-8")
    out = _assert_carets_match_json(["docs/breaks.md"], capsys, monkeypatch)
    assert [b[1] for b in _blocks(out)] == [1, 2, 3]
    assert "Rate\\x0c limits" in out and "probes\\u2028achieve" in out


# -- a file name that is not UTF-8, in every format ----------------------------------------


@pytest.mark.parametrize(
    "fmt", ["text", "concise", "json", "json-lines", "sarif", "github", "junit"]
)
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(
    fmt: str, work: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = work / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    name = os.fsdecode(b"docs/probes-\xff.md")
    Path(name).write_text(PROBES, encoding="utf-8")
    code, out, _ = run(["check", "--no-cache", "--format", fmt, "docs"], capsys)
    assert code == 1
    assert out.encode("utf-8")  # what reaches stdout is UTF-8
    shown = {
        "text": "docs/probes-\\xff.md:1:",
        "concise": "docs/probes-\\xff.md:1:",
        "github": "::warning file=docs/probes-\\xff.md,line=1,",
        "json": '"path": "docs/probes-\ufffd.md"',
        "json-lines": '"path":"docs/probes-\ufffd.md"',
        "sarif": '"uri": "docs/probes-%FF.md"',  # the name's own bytes, percent-encoded
        "junit": 'name="docs/probes-\ufffd.md"',
    }[fmt]
    assert shown in out
    assert "plain.md" in out
    if fmt == "json":
        assert json.loads(out)["summary"]["findings"] == 2
    elif fmt == "json-lines":
        assert [json.loads(line) for line in out.splitlines()][-1]["summary"]["findings"] == 2
    elif fmt == "sarif":
        assert len(json.loads(out)["runs"][0]["results"]) == 2
    elif fmt == "junit":
        assert ET.fromstring(out).find("testsuite").get("failures") == "2"  # type: ignore[union-attr]
    elif fmt == "github":
        assert "docs/probes-\\xff.md:1" in summary.read_text(encoding="utf-8")


# -- git must not run configuration from a scanned folder ----------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_scanned_repository_cannot_make_git_run_its_fsmonitor(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = work / "stranger"
    repo.mkdir()
    _git(repo, "init", "-q")
    marker = work / "fsmonitor-ran"
    hook = work / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch '{marker}'\n", encoding="utf-8")
    hook.chmod(0o755)
    _git(repo, "config", "core.fsmonitor", str(hook))
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    (repo / "build").mkdir()
    (repo / "build" / "out.md").write_text(PROBES, encoding="utf-8")
    (repo / "post.md").write_text(PROBES, encoding="utf-8")
    _git(repo, "add", ".gitignore", "post.md")  # an index: what makes git ask fsmonitor
    # the trap is armed: plain git runs the folder's fsmonitor
    subprocess.run(
        ["git", "check-ignore", "post.md"], cwd=repo, capture_output=True, check=False, timeout=60
    )
    assert marker.exists()
    marker.unlink()

    code, out, _ = run(["check", "--no-cache", "--format", "concise", "stranger", "docs"], capsys)
    assert not marker.exists()
    assert code == 1
    assert "stranger/post.md:1:" in out and "docs/plain.md:1:" in out
    assert "build/out.md" not in out  # the repository's .gitignore still holds
