"""MC201 unused-suppression: a mesacheck comment that silences nothing."""

from __future__ import annotations

import json

from mesacheck.cli import main

ARTICLE = """\
# Funding

Scheming fell 30× in tests. <!-- mesacheck: ignore MC001 -- from our own survey -->

<!-- mesacheck: ignore -->
Another 40% here and 50% there.

<!-- mesacheck: disable MC001 -->
Hidden 12% and 13%.

Still hidden: between 20% and 30%.
<!-- mesacheck: enable -->

Visible 14%.

<!-- mesacheck: ignore MC002 -->
Unused above 15%.

`<!-- mesacheck: disable -->` in code is not a comment: 16%.
"""


def run(tmp_path, capsys, monkeypatch, *args: str) -> tuple[int, list[dict], str]:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--format", "json", *args, "a.md"])
    out, err = capsys.readouterr()
    return code, json.loads(out)["findings"], err


def test_unused_suppressions_are_reported_when_selected(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = run(tmp_path, capsys, monkeypatch, "--select", "MC201")
    assert [(f["code"], f["line"]) for f in findings] == [("MC201", 16)]
    assert "suppresses nothing" in findings[0]["message"]


def test_off_by_default(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, findings, _ = run(tmp_path, capsys, monkeypatch)
    assert "MC201" not in {f["code"] for f in findings}
    _, findings, _ = run(tmp_path, capsys, monkeypatch, "--select", "MC001,MC201")
    assert ("MC201", 16) in {(f["code"], f["line"]) for f in findings}


def test_a_block_that_hides_nothing_is_reported_and_its_enable_is_not(check) -> None:  # type: ignore[no-untyped-def]
    article = """\
    <!-- mesacheck: disable MC002,MC003 -->
    Expert estimates put the probability at 20-70%.
    <!-- mesacheck: enable -->

    <!-- mesacheck: disable -->
    Expert estimates put the probability at 20-70%.
    <!-- mesacheck: enable -->

    <!-- mesacheck: ignore -- nothing follows -->
    """
    found = check("MC201", {"a.md": article})
    assert [(f["line"], f["column"], f["end_column"], f["message"]) for f in found] == [
        (1, 1, 40, "this mesacheck: disable (MC002, MC003) suppresses nothing; remove it"),
        (9, 1, 46, "this mesacheck: ignore (every code) suppresses nothing; remove it"),
    ]
    assert {(f["name"], f["severity"]) for f in found} == {("unused-suppression", "info")}


def test_explain_documents_it(capsys) -> None:  # type: ignore[no-untyped-def]
    """It used to say "not yet checked by this version": the rule lived in suppress.py."""
    assert main(["explain", "unused-suppression"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("MC201 unused-suppression: a mesacheck comment that silences nothing")
    assert out.endswith("\n\nDefault severity: info.\n") and "not yet checked" not in out
