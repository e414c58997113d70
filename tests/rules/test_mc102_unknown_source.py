"""MC102 unknown-source: a claim cites a source id that does not exist."""

from __future__ import annotations

from collections.abc import Callable


def test_unknown_source(one_registry_finding: Callable[..., dict], good_claim: str) -> None:
    claims = good_claim.replace("source: greenblatt-2024", "source: greenblat-2024")
    found = one_registry_finding(claims, "MC102", 7, 1, "greenblat-2024-alignment-faking")
    assert found["claim"] == "alignment-faking.after-rl-rate"
    assert (found["name"], found["severity"]) == ("unknown-source", "error")


def test_a_known_source_is_not_reported(registry_check, good_claim: str) -> None:  # type: ignore[no-untyped-def]
    assert registry_check(good_claim) == (0, [], "")
