"""MC003 conflicting-figures: the same claim or subject quoted with different values in
the files checked, or a summary range that does not cover the ranges it summarises."""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[..., list[dict]]

TABLE = """\

### Probability of Mesa-Optimization

| Source           | Estimate |
|------------------|----------|
| High concern     | 40-70%   |
| Moderate concern | 20-40%   |
| Low concern      | 10-30%   |
"""


def _places(found: list[dict]) -> list[tuple[str, int, str, list[tuple[str, int]]]]:
    return [
        (f["path"], f["line"], f["figure"], [(r["path"], r["line"]) for r in f["related"]])
        for f in found
    ]


def test_the_same_subject_with_another_value_in_another_file(check: Check) -> None:
    """D05 of the fixture: Apollo's 0.3-13% in prose against its own 0.3-10% table row."""
    found = check(
        "MC003",
        {
            "prose.md": "Apollo Research found scheming in 0.3-13% of frontier model runs.\n",
            "table.md": "| Risk | Source | Finding |\n|---|---|---|\n"
            "| Frontier Models Scheming | Apollo Research | 0.3-10% of runs |\n",
        },
    )
    assert _places(found) == [
        ("prose.md", 1, "0.3-13%", [("table.md", 3)]),
        ("table.md", 3, "0.3-10%", [("prose.md", 1)]),
    ]
    # each figure as written, with what it is about (its names; the row's label and column)
    assert found[0]["message"] == (
        "0.3-13% (Apollo Research) conflicts with 0.3-10% (frontier models scheming; "
        "finding; Apollo Research, table.md:3): they appear to state the same thing"
    )
    assert all(f["confidence"] >= 0.7 for f in found)
    assert {(f["name"], f["severity"], f["degree"]) for f in found} == {
        ("conflicting-figures", "warning", "minor")
    }


def test_figures_that_quote_the_same_unsourced_claim_must_agree(check: Check) -> None:
    claims = """\
    claims:
      - id: scheming.rate
        statement: Frontier models schemed in some of their runs
        value: "0.3-13%"
        subject: [frontier model runs]
        status: draft
    """
    article = """\
    Scheming appeared in 0.3-13% <!-- claim: scheming.rate --> of runs.

    Elsewhere the same rate reads 0.3-10% <!-- claim: scheming.rate --> of runs.
    """
    found = check("MC003", {"a.md": article}, claims=claims)
    assert _places(found) == [
        ("a.md", 1, "0.3-13%", [("a.md", 3)]),
        ("a.md", 3, "0.3-10%", [("a.md", 1)]),
    ]
    assert all(f["claim"] == "scheming.rate" for f in found)
    assert all(f["message"].endswith(": they quote the same claim") for f in found)


def test_a_summary_range_must_cover_the_column_it_summarises(check: Check) -> None:
    head = "Expert estimates of the probability of mesa-optimization range {}.\n"
    assert check("MC003", {"covering.md": head.format("10-70%") + TABLE}) == []
    found = check("MC003", {"narrow.md": head.format("20-70%") + TABLE})
    assert _places(found) == [("narrow.md", 1, "20-70%", [("narrow.md", 9)])]
    assert found[0]["message"] == (
        "20-70% summarises the 'Estimate' column under 'Probability of Mesa-Optimization', "
        "which runs 10-70%: 10-30% (narrow.md:9) lies outside it"
    )


def test_a_range_that_shares_no_end_with_the_column_is_no_summary_of_it(check: Check) -> None:
    head = "Expert estimates of the probability of mesa-optimization range 25-60%.\n"
    assert check("MC003", {"a.md": head + TABLE}) == []
