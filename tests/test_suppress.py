"""Inline suppressions: ignore (this or the next line with figures), disable … enable,
reasons after `--` (MC201, for a suppression that silences nothing, is tested with the
rules)."""

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


def test_suppressions_silence_what_they_say(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, findings, _ = run(tmp_path, capsys, monkeypatch)
    assert [(f["code"], f["line"], f["figure"]) for f in findings] == [
        ("MC001", 14, "14%"),
        ("MC001", 17, "above 15%"),
        ("MC001", 19, "16%"),
    ]
    assert code == 1


def test_unreadable_mesacheck_comment_is_said_on_stderr(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "b.md").write_text("It rose 12%. <!-- mesacheck: silence -->\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "concise", "b.md"])
    err = capsys.readouterr().err
    assert "b.md:1: cannot read this mesacheck comment" in err
