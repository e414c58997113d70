"""`mesacheck audit` on the shipped example: every figure with DESIGN.md's fields, exact
positions, a status that agrees with `check`, and the unread numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck.audit import STATUSES, AuditReport
from mesacheck.cli import main

FIGURE_FIELDS = [
    "path",
    "line",
    "column",
    "end_column",
    "text",
    "kind",
    "value",
    "unit",
    "qualifier",
    "status",
    "claim",
    "sources",
]


@pytest.fixture()
def in_root(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    return root


def audit_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["audit", "--no-cache", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_audit_json_of_the_example(in_root: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, data = audit_json(["examples/mesa-optimization.md"], capsys)
    assert code == 0
    assert list(data) == ["version", "figures", "to_review", "unread", "summary"]
    AuditReport.model_validate(data)
    lines = (in_root / "examples/mesa-optimization.md").read_text(encoding="utf-8").split("\n")
    figs = data["figures"]
    for f in figs:
        assert list(f)[: len(FIGURE_FIELDS)] == FIGURE_FIELDS  # then the evidence (issue 15)
        assert lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] == f["text"]
        assert f["status"] in STATUSES
        assert isinstance(f["value"], (int, float)) or (
            isinstance(f["value"], list) and len(f["value"]) == 2
        )
    # the figures are those check counts: 65 figures and 67 dates
    main(["check", "--no-cache", "--format", "json", "examples/mesa-optimization.md"])
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert len(figs) == summary["figures"] + summary["dates"] == data["summary"]["figures"]
    assert sum(f["kind"] == "date" for f in figs) == summary["dates"]
    # every 2,500× is a mismatch with the disparity claim, which gives its source
    gap = [f for f in figs if f["text"] == "2,500×"]
    assert len(gap) == 3
    for f in gap:
        assert (f["status"], f["claim"], f["value"]) == (
            "mismatch",
            "ai-safety-funding.disparity",
            2500,
        )
    # a backed figure carries its sources: title and the quote that backs it
    resolved = [f for f in figs if f["status"] == "resolved" and f["kind"] != "date"]
    assert len(resolved) >= 30
    for f in resolved:
        assert f["claim"] and f["sources"]
        assert all(s["source"] and s["title"] for s in f["sources"])
    assert any(s["quote"] for f in resolved for s in f["sources"])
    # a range's value is both ends, never its first
    ranges = [f for f in figs if f["text"] == "12-78%"]
    assert ranges and all(f["value"] == [12, 78] for f in ranges)
    # unresolved figures of the check are unsourced (or worse) here, never resolved
    unsourced = [f for f in figs if f["kind"] != "date" and f["claim"] is None]
    assert all(f["status"] != "resolved" for f in unsourced)
    assert data["summary"]["unread"] == len(data["unread"])
    assert data["summary"]["numbers"] >= len(figs)


def test_audit_lists_unread_numbers_with_positions(in_root, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    # real sentences: vision-doc-survey.md:14, roadmap@2.md:35 (the grammar now reads the
    # earlier ones, "Over **1,900** people" and "almost 23,000!")
    doc = tmp_path / "post.md"
    doc.write_text(
        "Rust turns **10** this year, giving us 40% more.\n\n"
        "We've now grown to over 100 — that's bigger! Rust 1.80 is out (RFC 2119).\n",
        encoding="utf-8",
    )
    code, data = audit_json([str(doc)], capsys)
    assert code == 0
    lines = doc.read_text(encoding="utf-8").split("\n")
    got = [(u["line"], u["column"], u["text"], u["why"]) for u in data["unread"]]
    assert got == [
        (1, 14, "10", "number before an unknown word"),
        (3, 25, "100", "bare number, no unit"),
    ]
    for u in data["unread"]:
        assert list(u) == ["path", "line", "column", "text", "why"]
        assert lines[u["line"] - 1][u["column"] - 1 :].startswith(u["text"])
    assert data["summary"]["classified"] == {"identifier": 1, "version": 1}
    assert [(f["text"], f["status"]) for f in data["figures"]] == [("40%", "unsourced")]


def test_audit_table_in_the_terminal(in_root, capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["audit", "--no-cache", "examples/mesa-optimization.md"])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    # grouped by the editor's status (issue 15): one row per figure under each group
    assert out[0] == "backed (67)" and out[1].split() == [
        "line",
        "figure",
        "claim",
        "source",
        "quote",
    ]
    rows = [r for r in out if r[:3] == "  " + r[2:3] and r[2:3].isdigit()]
    assert len(rows) == 132
    assert any(
        "2,500×" in r and "ai-safety-funding.disparity" in r
        for r in out[out.index("disagrees (12)") :]
    )
    assert out[-1].startswith("Checked 1 file: 65 figures")
