"""MC006 stale-claim: the figure quotes a claim that is deprecated, superseded or disputed."""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[..., list[dict]]

CLAIMS = """\
claims:
  - id: probes.auroc-2023
    statement: Linear probes detected defection with AUROC above 98%
    value: ">98%"
    subject: [linear probes]
    status: superseded
    superseded_by: probes.auroc
    sources:
      - source: macdiarmid-2024-simple-probes
  - id: probes.auroc
    statement: Simple probes detect sleeper agent defection with AUROC above 99%
    value: ">99%"
    subject: [simple probes]
    sources:
      - source: macdiarmid-2024-simple-probes
  - id: probes.accuracy
    statement: Probe accuracy on held-out defection prompts
    value: "95%"
    subject: [probe accuracy]
    status: deprecated
    sources:
      - source: macdiarmid-2024-simple-probes
"""

ARTICLE = """\
Linear probes achieve >98% AUROC on sleeper agents.

Simple probes achieve >99% AUROC on sleeper agents.

Their probe accuracy was 95% in tests.
"""


def test_a_superseded_claim_points_at_its_successor_and_a_deprecated_one_is_named(
    check: Check,
) -> None:
    found = check("MC006", {"a.md": ARTICLE}, claims=CLAIMS)
    got = [(f["line"], f["figure"], f["claim"], f["suggestion"]) for f in found]
    assert got == [(1, ">98%", "probes.auroc-2023", ">99%"), (5, "95%", "probes.accuracy", None)]
    assert found[0]["message"] == (
        ">98% quotes claim `probes.auroc-2023`, which is superseded: use `probes.auroc` (>99%) "
        "instead"
    )
    assert found[1]["message"] == "95% quotes claim `probes.accuracy`, which is deprecated"
    assert {(f["name"], f["severity"]) for f in found} == {("stale-claim", "warning")}


def test_a_disputed_claim_gives_the_first_sentence_of_its_notes(check: Check) -> None:
    """The shipped registry disputes the article's safety funding: no source has it."""
    found = check("MC006", {"a.md": "AI safety received approximately \\$100M in 2024.\n"})
    assert [(f["figure"], f["claim"]) for f in found] == [
        ("approximately \\$100M", "ai-safety-funding.safety-research-2024")
    ]
    message = found[0]["message"]
    assert "which is disputed: Amount not found in the cited source" in message
    assert message.endswith("no safety-funding total was seen in its text or summaries")
