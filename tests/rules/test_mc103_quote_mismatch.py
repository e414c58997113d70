"""MC103 quote-mismatch: a claim's quote does not contain its value."""

from __future__ import annotations

from collections.abc import Callable


def test_quote_without_value(one_registry_finding: Callable[..., dict], good_claim: str) -> None:
    claims = good_claim.replace('value: "78%"', 'value: "74%"')
    found = one_registry_finding(claims, "MC103", 8, 1, "does not contain")
    assert (found["claim"], found["expected"]) == ("alignment-faking.after-rl-rate", "74%")
    assert (found["name"], found["severity"]) == ("quote-mismatch", "error")


def test_every_shipped_quote_contains_its_value(registry) -> None:  # type: ignore[no-untyped-def]
    from mesacheck.values import quote_contains

    quoted = [
        (lc.claim.id, s.quote)
        for lc in registry.claims.values()
        for s in lc.claim.sources
        if s.quote
    ]
    assert len(quoted) >= 10
    for cid, quote in quoted:
        assert quote_contains(quote, registry.claims[cid].parsed), cid
