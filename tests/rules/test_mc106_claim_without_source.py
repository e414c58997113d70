"""MC106 claim-without-source: a claim has no source."""

from __future__ import annotations

from collections.abc import Callable


def test_no_source(one_registry_finding: Callable[..., dict], good_claim: str) -> None:
    claims = good_claim.split("    sources:")[0]
    found = one_registry_finding(claims, "MC106", 2, 1, "has no source")
    assert (found["name"], found["severity"]) == ("claim-without-source", "error")


def test_a_derived_or_draft_claim_needs_none(registry_check, good_claim: str) -> None:  # type: ignore[no-untyped-def]
    """A formula's claim is sourced through its operands; a draft waits for its source."""
    claims = good_claim + (
        "  - id: alignment-faking.after-rl-draft\n"
        "    statement: Rate after RL, as a draft\n"
        '    value: "78%"\n'
        "    status: draft\n"
        "  - id: alignment-faking.after-rl-double\n"
        "    statement: Twice the rate after RL\n"
        '    value: "156%"\n'
        "    formula: alignment-faking.after-rl-rate * 2\n"
    )
    assert registry_check(claims) == (0, [], "")
