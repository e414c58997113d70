"""MC002 value-mismatch: the context names a claim, and the value disagrees with it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.reporters.models import Report
from mesacheck.rules.mc002_value_mismatch import suggestion

Check = Callable[..., list[dict]]

CLAIMS = """\
claims:
  - id: scheming.covert-rate
    statement: o4-mini took covert actions in 8.7% of test runs
    value: "8.7%"
    subject: [covert actions]
    sources:
      - source: openai-2025-detecting-reducing-scheming
  - id: funding.safety
    statement: Safety research funding
    value: "$152M"
    subject: [safety funding]
    sources:
      - source: fli-2025-ai-safety-index-summer
"""


def test_the_rounding_rule_decides_and_the_degree_sets_the_severity(check: Check) -> None:
    article = """\
    Before training, o4-mini took covert actions in 9% of runs.

    Before training, o4-mini took covert actions in 8% of runs.

    Before training, o4-mini took covert actions in 87% of runs.

    Safety funding reached \\$160M last year.
    """
    found = check("MC002", {"a.md": article}, claims=CLAIMS)
    got = [(f["line"], f["figure"], f["degree"], f["severity"], f["suggestion"]) for f in found]
    assert got == [
        # 9% stands for 8.5-9.5%, which holds 8.7%: not reported
        (3, "8%", "minor", "warning", "8.7%"),
        (5, "87%", "gross", "error", "8.7%"),  # ten times the claim
        (7, "\\$160M", "minor", "warning", "\\$152M"),  # the writer's escaped dollar kept
    ]
    assert found[0]["message"] == (
        "8% disagrees with claim `scheming.covert-rate`, which says 8.7% (minor difference)"
    )
    assert {(f["claim"], f["expected"]) for f in found[:2]} == {("scheming.covert-rate", "8.7%")}


def test_the_suggestion_is_written_in_the_writers_notation() -> None:
    assert suggestion("\\$2,500M", "$1,520M") == "\\$1,520M"
    assert suggestion("$2,500M", "$1,520M") == "$1,520M"
    assert suggestion("30×", "29x") == "29×"
    assert suggestion("30x", "29x") == "29x"


@pytest.fixture()
def in_root(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    return root


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, Report]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, Report.model_validate_json(out)


def test_fixture_gives_the_same_mc002_by_claim(in_root, shared, capsys) -> None:  # type: ignore[no-untyped-def]
    _, example = run_json(["examples/mesa-optimization.md"], capsys)
    _, fixture = run_json([str(shared / "mesa-optimization.md")], capsys)

    def by_claim(r: Report) -> list[tuple[str | None, str]]:
        return sorted((f.claim, f.figure) for f in r.findings if f.code == "MC002")

    assert by_claim(example) == by_claim(fixture)
    assert len(by_claim(fixture)) == 8


RANGE_CLAIMS = """\
claims:
  - id: compute.spend
    statement: Spending on compute
    value: "$2B"
    subject: [compute spending]
    sources:
      - source: fli-2025-ai-safety-index-summer
  - id: safety.spend
    statement: Spending on safety
    value: "$2-5B"
    subject: [safety spending]
    sources:
      - source: fli-2025-ai-safety-index-summer
"""


def test_a_currency_range_is_not_its_first_end_and_is_suggested_as_written(
    check: Check,
) -> None:
    article = """\
    Compute spending is estimated at $2-5B/year.

    Safety spending is estimated at \\$2-5B/year.

    Safety spending is estimated at \\$3-6B/year.
    """
    found = check("MC002", {"a.md": article}, claims=RANGE_CLAIMS)
    # "$2-5B/year" is no longer read as "$2" (a gross mismatch with "$2B"); a range does
    # not quote a single currency value, so it is not compared with it at all
    got = [(f["line"], f["figure"], f["degree"], f["suggestion"]) for f in found]
    assert got == [(5, "\\$3-6B/year", "minor", "\\$2-5B/year")]
