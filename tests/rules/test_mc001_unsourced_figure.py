"""MC001 unsourced-figure: a figure that resolves to no claim with a source."""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[..., list[dict]]

ARTICLE = """\
Expert estimates put the probability at 20-70%.

A February 2025 Nature paper by Betley et al. demonstrated it.

Expert estimates put the probability at 20-70% <!-- claim: expert.no-such-claim -->.

Deliberative alignment reduced scheming 30× in o4-mini.
"""


def test_figures_no_sourced_claim_backs_are_reported_and_dates_are_not(check: Check) -> None:
    found = check("MC001", {"a.md": ARTICLE})
    assert [(f["line"], f["column"], f["figure"]) for f in found] == [
        (1, 41, "20-70%"),
        (5, 41, "20-70%"),
    ]  # not the date of line 3, nor the 30× the shipped registry backs
    assert "has no sourced claim" in found[0]["message"]
    assert (
        "marked as claim `expert.no-such-claim`, which the registry does not define"
        in (found[1]["message"])
    )
    assert {(f["name"], f["severity"]) for f in found} == {("unsourced-figure", "warning")}


def test_a_claim_that_cites_no_known_source_or_is_a_draft_does_not_source(check: Check) -> None:
    claims = """\
    claims:
      - id: probes.auroc
        statement: Linear probes detect sleeper agent defection
        value: ">99%"
        subject: [linear probes]
        sources:
          - source: no-such-source
      - id: scheming.rate
        statement: Frontier models schemed in some of their runs
        value: "0.3-13%"
        subject: [frontier model runs]
        status: draft
    """
    article = """\
    Linear probes achieve >99% AUROC on sleeper agents.

    Apollo found scheming in 0.3-13% of frontier model runs.
    """
    found = check("MC001", {"a.md": article}, claims=claims)
    assert [(f["line"], f["claim"]) for f in found] == [(1, "probes.auroc"), (3, "scheming.rate")]
    assert "which cites no known source: add a source" in found[0]["message"]
    assert "which is a draft: add a source" in found[1]["message"]


def test_the_shipped_example_has_no_unsourced_backed_figure(check: Check, root) -> None:  # type: ignore[no-untyped-def]
    """On the shipped article, the figures MC001 reports are exactly those no sourced claim
    backs: none of them names a claim, and every one is a figure the registry lacks."""
    text = (root / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    found = check("MC001", {"article.md": text})
    assert len(found) == 15  # the coverage line's "15 unresolved"
    assert all(f["claim"] is None for f in found)
    assert {f["figure"] for f in found} >= {"20-70%", "0.3-13%", "1-5 years", "33%"}
