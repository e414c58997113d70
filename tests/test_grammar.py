"""The figure grammar: every kind of DESIGN.md, what is not a figure, and registry values."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from mesacheck.grammar import Figure, ValueError_, parse_value, scan


def one(text: str):  # type: ignore[no-untyped-def]
    figs = [f for f in scan(text) if f.kind != "date"]
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize(
    ("text", "kind", "values", "unit", "qualifier", "span"),
    [
        ("rose to 12% of runs", "percent", (12,), "%", "eq", "12%"),
        ("a 97 percent refusal rate", "percent", (97,), "%", "eq", "97 percent"),
        ("AUROC greater than 99% on", "percent", (99,), "%", "gt", "greater than 99%"),
        ("about ~30% of", "percent", (30,), "%", "approx", "~30%"),
        ("a rise of 3 percentage points", "percent", (3,), "pp", "eq", "3 percentage points"),
        ("in 12-78% of cases", "range", (12, 78), "%", "eq", "12-78%"),
        ("in 12–78% of cases", "range", (12, 78), "%", "eq", "12–78%"),
        ("from 12% to 78% of", "change", (12, 78), "%", "eq", "from 12% to 78%"),
        (
            "between 20 and 70 percent likely",
            "range",
            (20, 70),
            "%",
            "eq",
            "between 20 and 70 percent",
        ),
        ("within 1-5 years", "range", (1, 5), "years", "eq", "1-5 years"),
        ("reduced it 30× in", "multiplier", (30,), "×", "eq", "30×"),
        ("reduced it 30x in", "multiplier", (30,), "×", "eq", "30x"),
        ("a 2,500× gap", "multiplier", (2500,), "×", "eq", "2,500×"),
        ("a 30-fold drop", "multiplier", (30,), "×", "eq", "30-fold"),
        ("industry spent $152B on", "currency", (152e9,), "USD", "eq", "$152B"),
        ("industry spent \\$100M on", "currency", (100e6,), "USD", "eq", "\\$100M"),
        ("raised $1.5 billion in", "currency", (1.5e9,), "USD", "eq", "$1.5 billion"),
        (
            "USD 2bn a year",
            "currency",
            (2e9,),
            "USD",
            "eq",
            "USD 2bn a year",
        ),  # LABELS: rate in span
        ("cost €40M and", "currency", (40e6,), "EUR", "eq", "€40M"),
        ("cost £3.2m and", "currency", (3.2e6,), "GBP", "eq", "£3.2m"),
        (
            "approximately \\$100M vs",
            "currency",
            (100e6,),
            "USD",
            "approx",
            "approximately \\$100M",
        ),
        ("scheming fell 8.7% → 0.3% after", "change", (8.7, 0.3), "%", "eq", "8.7% → 0.3%"),
        ("scheming fell 8.7%->0.3% after", "change", (8.7, 0.3), "%", "eq", "8.7%->0.3%"),
        ("went from 8.7% to 0.3% after", "change", (8.7, 0.3), "%", "eq", "from 8.7% to 0.3%"),
        ("GPT-4o: 0% → 20% misaligned", "change", (0, 20), "%", "eq", "0% → 20%"),
        ("trained on 6,000 examples of code", "count", (6000,), "examples", "eq", "6,000 examples"),
        ("documents 140+ papers in", "count", (140,), "papers", "plus", "140+ papers"),
        ("across 16 frontier models found", "count", (16,), "models", "eq", "16 frontier models"),
        ("at least 20 labs", "count", (20,), "labs", "gte", "at least 20 labs"),
        ("up to 40% of", "percent", (40,), "%", "lte", "up to 40%"),
    ],
)
def test_design_kinds(
    text: str, kind: str, values: tuple, unit: str, qualifier: str, span: str
) -> None:
    f = one(text)
    assert (f.kind, f.values, f.unit, f.qualifier) == (
        kind,
        tuple(map(float, values)),
        unit,
        qualifier,
    )
    assert text[f.start : f.end] == span == f.text


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4o and o3 and o4-mini were tested",
        "Claude 3.5 Sonnet and Llama 3.1 405B",
        "ran on Python 3.11 with 2 of the models",
        "colour #FF6B6B and id s41586-025-09937-5",
        "the two-level problem has three parts",
    ],
)
def test_not_figures(text: str) -> None:
    assert [f for f in scan(text) if f.kind != "date"] == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a date is the middle of its period: February 2025 is 2025 + 1.5/12
        ("February 2025", (2025 + 1.5 / 12,)),
        ("2026 Jan", (2026 + 0.5 / 12,)),
        ("(2019)", (2019.5,)),
        ("mid-2025", (2025.5,)),
        ("2024-2025", (2024.5, 2025.5)),
        ("Published Dec 18, 2024", (2024 + 11.5 / 12,)),
        ("6th December 2024", (2024 + 11.5 / 12,)),
        ("2019-06-05", (2019 + 5.5 / 12,)),
    ],
)
def test_dates(text: str, values: tuple) -> None:
    figs = scan(text)
    assert len(figs) == 1 and figs[0].kind == "date"
    assert figs[0].values == pytest.approx(values)


def test_written_precision() -> None:
    assert one("8.7%").halfwidths == (0.05,)
    assert one("9%").halfwidths == (0.5,)
    assert one("30×").halfwidths == (5.0,)  # trailing zeros of an integer are not significant
    assert one("2,500×").halfwidths == (50.0,)
    assert one("20%").halfwidths == (0.5,)  # percentages are read to the last written digit
    assert one("$152B").halfwidths == (0.5e9,)


@pytest.mark.parametrize(
    "value",
    [
        "12%",
        "12-78%",
        "30×",
        "~30×",
        "$152B",
        "8.7% → 0.3%",
        ">99%",
        "6,000 examples",
        "140+ papers",
        "1,520×",
        "twelve percent",  # a number word is read in prose, so in the registry (issue 12)
    ],
)
def test_registry_values_parse_with_the_same_grammar(value: str) -> None:
    f = parse_value(value)
    assert f.text == value


@pytest.mark.parametrize("value", ["twelve percentage", "12% and 14%", "see the paper", ""])
def test_registry_values_that_are_not_figures(value: str) -> None:
    with pytest.raises(ValueError_, match="not a figure"):
        parse_value(value)


@pytest.mark.parametrize(
    "line",
    [
        "1-" * 50_000 + "x",
        "9" * 100_000 + "%",
        ("12, " * 30_000) + "%",
        "$" + "1," * 40_000,
        "from " + "1 to " * 20_000,
        "greater than " * 20_000 + "99",
        "1." * 50_000,
        "2024-" * 20_000,
        "1 " * 50_000 + "examples",
        # digit groups, ratios, scientific notation, signs, doubling words, bounds whose
        # noun the siblings name: each read once, not again from every group or figure
        # ("1,000,000,…" of 20,000 groups took minutes before groups were bounded)
        "1" + ",000" * 20_000,
        "1" + " 000" * 20_000,
        "1:" * 20_000,
        "1e" * 20_000,
        "-1" * 20_000,
        "100:1 and 5% " * 5_000,
        "5 crates, over 100, " * 5_000,
        "doubling " * 20_000,
        "2.1×10^" * 10_000,
    ],
)
def test_pathological_lines_finish(line: str) -> None:
    """Lines built to make a regex backtrack still scan (the suite would hang if not)."""
    scan(line)


def test_anchored_scanning_finds_the_same_figures(shared, root) -> None:  # type: ignore[no-untyped-def]
    for path in (shared / "mesa-optimization.md", root / "examples" / "mesa-optimization.md"):
        text = path.read_text(encoding="utf-8")
        assert scan(text) == scan(text, anchored=False)


def test_figure_init_takes_the_fields_in_order() -> None:
    """`Figure.__init__` is written out (for speed): it takes every field, in order, with
    its default, and sets each."""
    fields = dataclasses.fields(Figure)
    params = list(inspect.signature(Figure.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]
    fig = Figure("range", (1.0, 2.0), (0.5, 0.5), "%", "gt", 3, 9, "1-2%", (0, 0), ((1, 2),))
    assert [getattr(fig, f.name) for f in fields] == [
        "range",
        (1.0, 2.0),
        (0.5, 0.5),
        "%",
        "gt",
        3,
        9,
        "1-2%",
        (0, 0),
        ((1, 2),),
    ]
    assert list(vars(fig)) == [f.name for f in fields]
    assert dataclasses.replace(fig, start=4) == Figure(
        *[getattr(fig, f.name) for f in fields][:5], 4, 9, "1-2%", (0, 0), ((1, 2),)
    )
