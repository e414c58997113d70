"""MC101 registry-schema: a claims/ or sources/ file does not parse or validate."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ("retrained]", "retrained", 5, "does not parse"),
        ("    subject:", "    subjects:", 5, "unknown field"),
        ('value: "78%"', "value: 78", 4, "figure notation"),
        ('value: "78%"', 'value: "most cases"', 4, "not a figure"),
    ],
    ids=["yaml-syntax", "unknown-field", "number-not-string", "not-a-figure"],
)
def test_bad_registry_input(
    one_registry_finding: Callable[..., dict],
    good_claim: str,
    old: str,
    new: str,
    line: int,
    says: str,
) -> None:
    """One finding with file and line, and exit code 2: the registry did not load."""
    found = one_registry_finding(good_claim.replace(old, new), "MC101", line, 2, says)
    assert (found["name"], found["severity"]) == ("registry-schema", "error")
