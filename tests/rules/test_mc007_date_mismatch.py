"""MC007 date-mismatch: an event's date differs from the registry or from the same event
elsewhere in the files checked."""

from __future__ import annotations

from collections.abc import Callable

Check = Callable[..., list[dict]]


def test_a_date_against_the_claim_that_dates_its_event(check: Check) -> None:
    """The shipped registry dates the Nature paper January 2026; a year agrees with any
    month inside it."""
    article = """\
    A February 2025 Nature paper by Betley et al. demonstrated it.

    The Nature paper by Betley et al. was published in 2026.
    """
    found = check("MC007", {"a.md": article})
    assert [(f["line"], f["figure"], f["claim"], f["expected"]) for f in found] == [
        (1, "February 2025", "emergent-misalignment.nature-publication", "January 2026")
    ]
    assert found[0]["message"] == (
        "February 2025 dates an event that claim `emergent-misalignment.nature-publication` "
        "dates January 2026"
    )
    assert (found[0]["name"], found[0]["severity"]) == ("date-mismatch", "error")


def test_dates_of_the_same_event_without_a_registry(check: Check) -> None:
    """The same event is known by three shared names; each date is reported with the
    dates it conflicts with, and a year does not conflict with a month inside it."""
    article = """\
    The Zephyrine Quillon audit by Marbeck and Tolloway appeared in February 2025.

    Later notes: the Zephyrine Quillon audit by Marbeck and Tolloway appeared in January 2026.

    The Zephyrine Quillon audit by Marbeck and Tolloway came out in 2026.

    A February 2025 Nature paper by Betley et al. demonstrated it.

    The Nature paper by Betley et al. was published in 2026.
    """
    found = check("MC007", {"a.md": article}, claims="claims: []\n")
    got = [(f["line"], f["figure"], [r["line"] for r in f["related"]]) for f in found]
    assert got == [(1, "February 2025", [3, 5]), (3, "January 2026", [1]), (5, "2026", [1])]
    assert found[0]["message"] == (
        "February 2025 (published; Marbeck, Tolloway, Zephyrine Quillon) dates the same event "
        "as January 2026, 2026 (published; Marbeck, Tolloway, Zephyrine Quillon) (a.md:3, a.md:5)"
    )
    # Nature and Betley alone (two names) do not make lines 7 and 9 one event
