"""MC104 duplicate-id: two claims or two sources share an id."""

from __future__ import annotations

from collections.abc import Callable


def test_duplicate_id(one_registry_finding: Callable[..., dict], good_claim: str) -> None:
    claims = good_claim + good_claim.split("claims:\n", 1)[1]
    found = one_registry_finding(claims, "MC104", 9, 1, "already defined")
    assert (found["name"], found["severity"]) == ("duplicate-id", "error")
