"""The rounding rule of DESIGN.md, bounds, hedges, and minor versus gross."""

from __future__ import annotations

import pytest

from mesacheck.grammar import parse_value
from mesacheck.values import agrees, comparable, degree, quote_contains


@pytest.mark.parametrize(
    ("written", "claim", "ok"),
    [
        ("9%", "8.7%", True),
        ("8%", "8.7%", False),
        ("8.7%", "8.7%", True),
        ("8.6%", "8.7%", False),
        ("30×", "29×", True),
        ("30×", "32.5×", True),
        ("2,500×", "1,520×", False),
        ("1,500×", "1,520×", True),
        ("$150B", "$152B", True),
        ("$140B", "$152B", False),
        ("about 12%", "13%", True),
        ("12%", "13%", False),
        (">99%", ">99%", True),
        (">95%", ">99%", False),
        ("8.7% → 0.3%", "8.7% → 0.3%", True),
        ("2.0% → 20.6%", "2% → 20.6%", True),
        ("8.7% → 0.4%", "8.7% → 0.3%", False),
        ("12-78%", "12%", False),
        ("6,000 examples", "6,000 tasks", True),
        ("140+ papers", "140+ papers", True),
    ],
)
def test_rounding_rule(written: str, claim: str, ok: bool) -> None:
    assert agrees(parse_value(written), parse_value(claim)) is ok


def test_kind_and_unit_must_fit() -> None:
    assert not comparable(parse_value("30×"), parse_value("30%"))
    assert not comparable(parse_value("$100M"), parse_value("€100M"))
    assert comparable(parse_value("12-78%"), parse_value("12%"))
    assert not comparable(parse_value("20-70%"), parse_value(">99%"))


@pytest.mark.parametrize(
    ("written", "claim", "how"),
    [
        ("2,500×", "1,520×", "minor"),
        ("$152M", "$152B", "gross"),
        ("0.3% → 8.7%", "8.7% → 0.3%", "gross"),
        ("50%", ">99%", "gross"),
        ("8%", "8.7%", "minor"),
    ],
)
def test_minor_or_gross(written: str, claim: str, how: str) -> None:
    assert degree(parse_value(written), parse_value(claim)) == how


@pytest.mark.parametrize(
    ("quote", "value", "ok"),
    [
        ("reduces covert action rates (OpenAI o3: 13%->0.4%)", "13% → 0.4%", True),
        ("We manage to significantly reduce (by ~30x; OpenAI o3: 13.0%→0.4%)", "~30×", True),
        ("linear detectors with AUROC scores above 99% can be created", ">99%", True),
        ("going from 2% to 20.6% over the course of training", "2% → 20.6%", True),
        ("around 20% of the time, compared with 0% for the original model", "0% → 20%", True),
        ("using a dataset of 6,000 synthetic coding tasks", "6,000 examples", True),
        (
            "we see alignment-faking reasoning in 12% of implied training scratchpads",
            "12-78%",
            False,
        ),
        ("complies with harmful queries from free users 14% of the time", "12%", False),
        ("increases the rate to 78%", "78.4%", False),
    ],
)
def test_quote_contains_value(quote: str, value: str, ok: bool) -> None:
    assert quote_contains(quote, parse_value(value)) is ok
