"""The grammar table: sentences as writers type them → every figure's span, kind, values,
unit and qualifier; the same table drives registry values (`parse_value`) and rendering a
value back in the writer's notation (`values.render_like`).

This is issue 12's first step: currency ranges (the magnitude on one end or both, the
symbol repeated or not, a Markdown escape, rates) and their neighbours, with negative
cases (two figures that are not a range, dates, percent ranges, names). The issue's table
of 300 cases over every form is not written yet.
"""

from __future__ import annotations

import pytest

from mesacheck.grammar import Figure, ValueError_, parse_value, range_notation, scan
from mesacheck.values import render_like

B, M, K, T = 1e9, 1e6, 1e3, 1e12

# (text, kind, values, unit, qualifier)
Fig = tuple[str, str, tuple[float, ...], str, str]

TABLE: list[tuple[str, list[Fig]]] = [
    # currency ranges: one figure, in the currency's units, never the first end alone
    (
        "spending is estimated at $2-5B/year.",
        [("$2-5B/year", "range", (2 * B, 5 * B), "USD", "eq")],
    ),
    (
        "revenue of $700M-1.25B in 2024",
        [
            ("$700M-1.25B", "range", (700 * M, 1.25 * B), "USD", "eq"),
            ("2024", "date", (2024.5,), "year", "eq"),
        ],
    ),
    ("a budget of €3–4 billion for", [("€3–4 billion", "range", (3 * B, 4 * B), "EUR", "eq")]),
    (
        "markets worth $100-300B+ by then",
        [("$100-300B+", "range", (100 * B, 300 * B), "USD", "plus")],
    ),
    ("a $2.6-4.4T opportunity", [("$2.6-4.4T", "range", (2.6 * T, 4.4 * T), "USD", "eq")]),
    ("salaries of $750K-\\$2M are", [("$750K-\\$2M", "range", (750 * K, 2 * M), "USD", "eq")]),
    ("rounds of \\$750K-\\$2M are", [("\\$750K-\\$2M", "range", (750 * K, 2 * M), "USD", "eq")]),
    ("costs $2B–$5B a year", [("$2B–$5B a year", "range", (2 * B, 5 * B), "USD", "eq")]),
    ("capex of $2B - $5B in", [("$2B - $5B", "range", (2 * B, 5 * B), "USD", "eq")]),
    (
        "capex of $65 billion to $72 billion this year",
        [("$65 billion to $72 billion", "range", (65 * B, 72 * B), "USD", "eq")],
    ),
    ("fees of £3-4m per year apply", [("£3-4m per year", "range", (3 * M, 4 * M), "GBP", "eq")]),
    ("about $2-5B per year", [("about $2-5B per year", "range", (2 * B, 5 * B), "USD", "approx")]),
    ("~$10-20M/yr in grants", [("~$10-20M/yr", "range", (10 * M, 20 * M), "USD", "approx")]),
    ("up to $1-2bn of", [("up to $1-2bn", "range", (1 * B, 2 * B), "USD", "lte")]),
    ("prizes of $10-20 each", [("$10-20", "range", (10, 20), "USD", "eq")]),
    ("€3 to 4 billion in", [("€3 to 4 billion", "range", (3 * B, 4 * B), "EUR", "eq")]),
    ("US$3–4 billion a year", [("US$3–4 billion a year", "range", (3 * B, 4 * B), "USD", "eq")]),
    ("USD 2-3bn in", [("USD 2-3bn", "range", (2 * B, 3 * B), "USD", "eq")]),
    # a change between currencies: "from … to …"
    (
        "grew from $65 billion to $72 billion",
        [("from $65 billion to $72 billion", "change", (65 * B, 72 * B), "USD", "eq")],
    ),
    ("rose from $2M to $5M", [("from $2M to $5M", "change", (2 * M, 5 * M), "USD", "eq")]),
    ("fell from $5-2B", [("$5", "currency", (5,), "USD", "eq")]),
    # plain currency, rates and bounds: one figure, the rate in its span
    ("industry spent $152B on", [("$152B", "currency", (152 * B,), "USD", "eq")]),
    ("spent $5B/year on", [("$5B/year", "currency", (5 * B,), "USD", "eq")]),
    ("paid $300,000/year to", [("$300,000/year", "currency", (300 * K,), "USD", "eq")]),
    ("at $300M+/year now", [("$300M+/year", "currency", (300 * M,), "USD", "plus")]),
    ("costs $5 per month", [("$5 per month", "currency", (5,), "USD", "eq")]),
    ("exceeds $100B today", [("exceeds $100B", "currency", (100 * B,), "USD", "gt")]),
    ("raised $5B a year ago", [("$5B", "currency", (5 * B,), "USD", "eq")]),
    ("raised $5B a year later", [("$5B", "currency", (5 * B,), "USD", "eq")]),
    # two currency figures that are not a range
    (
        "$1 and $2 coins",
        [("$1", "currency", (1,), "USD", "eq"), ("$2", "currency", (2,), "USD", "eq")],
    ),
    (
        "$5M, $10M and $20M",
        [
            ("$5M", "currency", (5 * M,), "USD", "eq"),
            ("$10M", "currency", (10 * M,), "USD", "eq"),
            ("$20M", "currency", (20 * M,), "USD", "eq"),
        ],
    ),
    (
        "$5 to 10 people",
        [("$5", "currency", (5,), "USD", "eq"), ("10 people", "count", (10,), "people", "eq")],
    ),
    ("$3-€4 swap", [("$3", "currency", (3,), "USD", "eq")]),
    (
        "from $5M in 2023 it grew",
        [("$5M", "currency", (5 * M,), "USD", "eq"), ("2023", "date", (2023.5,), "year", "eq")],
    ),
    # neighbours: percent ranges, multipliers, dates, counts
    ("in 12-78% of cases", [("12-78%", "range", (12, 78), "%", "eq")]),
    ("in 12–78% of cases", [("12–78%", "range", (12, 78), "%", "eq")]),
    ("from 12% to 78% of", [("from 12% to 78%", "change", (12, 78), "%", "eq")]),
    ("a 100-600x gain", [("100-600x", "range", (100, 600), "×", "eq")]),
    ("between 2023-2024 we", [("2023-2024", "date", (2023.5, 2024.5), "year", "eq")]),
    ("in 2023–24 the", [("2023–24", "date", (2023.5, 2024.5), "year", "eq")]),
    ("on 2024-12 the", [("2024-12", "date", (2024 + 11.5 / 12,), "month", "eq")]),
    ("within 1-5 years", [("1-5 years", "range", (1, 5), "years", "eq")]),
    ("trained on 6,000 examples of code", [("6,000 examples", "count", (6000,), "examples", "eq")]),
    # not figures: versions and model names
    ("Python 3.11 users", []),
    ("GPT-4o and o3 were", []),
    ("see section $ 5", []),
    # numbers in names (DESIGN.md "Not figures"): a capitalised or hyphenated name joined
    # to the number, a word that names an identifier, a dotted version before a release word
    ("Rust 1.80 ships", []),
    ("Rust 1.94.1 ships today", []),
    ("RFC 2119 conventions", []),
    ("ISO 9001 certificates", []),
    ("DALL-E 3 images", []),
    ("PaLM 2 models", []),
    ("Claude 3.5 models", []),
    ("H100 GPUs", []),
    ("PR 4567 fixes", []),
    ("Article 50 requires", []),
    ("section 2.3 shows", []),
    ("Figure 3 shows", []),
    ("Tier 3 targets are", []),
    ("for tier 2 platforms", []),
    ("by LLVM 19 then your options", []),
    ("the Ryzen 1700X processor", []),
    ("CVE-2024-1234 affects", []),
    ("the stage 0 bootstrapping sequence works", []),
    ("The 1.13 release includes", []),
    ("1.2 beta includes our", []),
    ("with the 3.0 pre-releases and", []),
    ("The 1.2 release also\nintroduces support", []),
    # a range of a counted noun; a change "up to"/"down to", or after "last year's"; minus
    (
        "46.3% 1000 to 10000 lines, 14.2%",
        [
            ("46.3%", "percent", (46.3,), "%", "eq"),
            ("1000 to 10000 lines", "range", (1000, 10000), "lines", "eq"),
            ("14.2%", "percent", (14.2,), "%", "eq"),
        ],
    ),
    (
        "in the 10,000-100,000 lines range",
        [("10,000-100,000 lines", "range", (1e4, 1e5), "lines", "eq")],
    ),
    ("about 2-3 crates", [("about 2-3 crates", "range", (2, 3), "crates", "approx")]),
    ("5-3 wins", []),
    (
        "36.5% less 1000 lines",
        [
            ("36.5%", "percent", (36.5,), "%", "eq"),
            ("less 1000 lines", "count", (1000,), "lines", "lt"),
        ],
    ),
    ("no less than 5 users", [("no less than 5 users", "count", (5,), "users", "gte")]),
    ("Tier 1-2 targets", []),
    (
        "range from 39.7% up to 52.6%.",
        [("from 39.7% up to 52.6%", "change", (39.7, 52.6), "%", "eq")],
    ),
    ("fell from 20% down to 5%", [("from 20% down to 5%", "change", (20, 5), "%", "eq")]),
    (
        "from last year's 52.8% to 90.2%",
        [("from last year's 52.8% to 90.2%", "change", (52.8, 90.2), "%", "eq")],
    ),
    ("webrender minus 15%, next", [("minus 15%", "percent", (-15,), "%", "eq")]),
    (
        "15% minus 3%",
        [("15%", "percent", (15,), "%", "eq"), ("minus 3%", "percent", (-3,), "%", "eq")],
    ),
    ("the 10 minus signs", [("10 minus signs", "count", (10,), "signs", "eq")]),
    # …but a capital that only starts a sentence names nothing, and a count stays a count
    ("Over 50 users", [("Over 50 users", "count", (50,), "users", "gt")]),
    ("The 10 countries", [("10 countries", "count", (10,), "countries", "eq")]),
    ("Merged 10 tests", [("10 tests", "count", (10,), "tests", "eq")]),
    (
        "Roughly 40 people attended 3 talks",
        [
            ("Roughly 40 people", "count", (40,), "people", "approx"),
            ("3 talks", "count", (3,), "talks", "eq"),
        ],
    ),
    ("In 1.5 months", [("1.5 months", "count", (1.5,), "months", "eq")]),
    ("we shipped 10 releases", [("10 releases", "count", (10,), "releases", "eq")]),
    ("Rust 2x faster", [("2x", "multiplier", (2,), "×", "eq")]),
    ("Windows 45%", [("45%", "percent", (45,), "%", "eq")]),
    ("In 2023 we", [("2023", "date", (2023.5,), "year", "eq")]),
    ("by mid-2025 we", [("mid-2025", "date", (2025.5,), "year", "approx")]),
]

# registry values that are no one figure
NOT_VALUES = ["$5-2B", "$3-€4", "$2-5B and more", "$", "2-5B"]


def _got(text: str) -> list[Fig]:
    return [(f.text, f.kind, f.values, f.unit, f.qualifier) for f in scan(text)]


def _same(got: list[Fig], want: list[Fig]) -> bool:
    return len(got) == len(want) and all(
        g[0] == w[0]
        and g[1:2] == w[1:2]
        and g[3:] == w[3:]
        and len(g[2]) == len(w[2])
        and all(abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip(g[2], w[2], strict=True))
        for g, w in zip(got, want, strict=True)
    )


@pytest.mark.parametrize(("text", "want"), TABLE)
def test_scan_reads_each_figure_whole(text: str, want: list[Fig]) -> None:
    got = _got(text)
    assert _same(got, want), f"{text!r}: got {got}"
    for f in scan(text):  # the span is exact
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(("text", "want"), TABLE)
def test_each_figure_is_a_registry_value_and_renders_back(text: str, want: list[Fig]) -> None:
    for span, kind, values, unit, qualifier in want:
        fig = parse_value(span)
        assert _same(
            [(fig.text, fig.kind, fig.values, fig.unit, fig.qualifier)],
            [(span, kind, values, unit, qualifier)],
        )
        if range_notation(fig) is not None:
            # a currency range is written back exactly as the writer wrote it
            assert render_like(fig, (fig.values[0], fig.values[1])) == span


@pytest.mark.parametrize("value", NOT_VALUES)
def test_what_is_no_one_figure_is_not_a_registry_value(value: str) -> None:
    with pytest.raises(ValueError_):
        parse_value(value)


def _one(text: str) -> Figure:
    figs = scan(text)
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize(
    ("text", "halfwidths"),
    [
        ("$2-5B", (0.5 * B, 0.5 * B)),  # each end to its last written digit, scaled
        ("$2.6-4.4T", (0.05 * T, 0.05 * T)),
        ("$700M-1.25B", (50 * M, 5 * M)),  # trailing zeros of an integer are not significant
        ("$750K-\\$2M", (5 * K, 0.5 * M)),
        ("$65 billion to $72 billion", (0.5 * B, 0.5 * B)),
    ],
)
def test_each_end_keeps_its_rounding(text: str, halfwidths: tuple[float, float]) -> None:
    assert _one(text).halfwidths == pytest.approx(halfwidths)


@pytest.mark.parametrize(
    ("written", "values", "rendered"),
    [
        ("$2-5B", (3 * B, 6 * B), "$3-6B"),
        ("$2-5B/year", (2.5 * B, 4 * B), "$2.5-4B/year"),
        ("€3–4 billion", (3 * B, 5 * B), "€3–5 billion"),
        ("$2B–$5B", (1 * B, 2 * B), "$1B–$2B"),
        ("\\$750K-\\$2M", (500 * K, 1.5 * M), "\\$500K-\\$1.5M"),
        ("$65 billion to $72 billion", (60 * B, 70 * B), "$60 billion to $70 billion"),
        ("$100-300B+", (200 * B, 400 * B), "$200-400B+"),
        ("$700M-1.25B", (800 * M, 1.5 * B), "$800M-1.5B"),
        ("$2-5B", (800 * M, 5 * B), "$800M-5B"),  # an end out of the shared magnitude
    ],
)
def test_a_currency_range_is_suggested_in_the_writers_notation(
    written: str, values: tuple[float, float], rendered: str
) -> None:
    out = render_like(_one(written), values)
    assert out == rendered
    assert parse_value(out).values == pytest.approx(values)  # and reads back


def test_a_version_after_a_name_is_no_figure() -> None:
    assert _got("Rust 1.80 ships") == []


# a count whose noun is named after "of the" is the number alone (LABELS.md), so its span
# alone is no registry value with that noun: scanned, not round-tripped
COUNTS_OF: list[tuple[str, list[Fig]]] = [
    ("totalling 3,205 of the responses", [("3,205", "count", (3205,), "responses", "eq")]),
    (
        "at 1,130 of the 3,588 total respondents",
        [
            ("1,130", "count", (1130,), "respondents", "eq"),
            ("3,588 total respondents", "count", (3588,), "respondents", "eq"),
        ],
    ),
    (
        "over 1000 of the 3000 survey responses",
        [
            ("over 1000", "count", (1000,), "responses", "gt"),
            ("3000 survey responses", "count", (3000,), "responses", "eq"),
        ],
    ),
    ("1 of the reasons", []),
    ("with 2 of the models", []),
    (
        "12 of the 16 models",
        [("12", "count", (12,), "models", "eq"), ("16 models", "count", (16,), "models", "eq")],
    ),
    ("5 of them", []),
    ("in 2019 of the teams", [("2019", "date", (2019.5,), "year", "eq")]),
    ("Rust 2 of the things", []),
]


@pytest.mark.parametrize(("text", "want"), COUNTS_OF)
def test_a_count_of_a_noun_named_after_of_the_is_its_number(text: str, want: list[Fig]) -> None:
    assert _same(_got(text), want), f"{text!r}: got {_got(text)}"


# proportions (kind `proportion`, value the fraction, unit `of`; LABELS.md) and number
# words ("threefold", "twenty percent", "nine principles", "a dozen labs"): one figure
# each, with its exact span; the same table is read as registry values below
WORDS: list[tuple[str, list[Fig]]] = [
    ("one in five developers", [("one in five", "proportion", (0.2,), "of", "eq")]),
    ("1 in 5 users", [("1 in 5", "proportion", (0.2,), "of", "eq")]),
    ("1 in 10 models failed", [("1 in 10", "proportion", (0.1,), "of", "eq")]),
    ("3 out of 4 teams", [("3 out of 4", "proportion", (0.75,), "of", "eq")]),
    ("nearly 1 in 3 crates", [("nearly 1 in 3", "proportion", (1 / 3,), "of", "approx")]),
    ("two-thirds of respondents", [("two-thirds", "proportion", (2 / 3,), "of", "eq")]),
    ("three quarters of them", [("three quarters", "proportion", (0.75,), "of", "eq")]),
    ("2/3 of people", [("2/3 of", "proportion", (2 / 3,), "of", "eq")]),
    ("about 2/3rds use it", [("about 2/3rds", "proportion", (2 / 3,), "of", "approx")]),
    ("nearly a 1/5th said", [("nearly a 1/5th", "proportion", (0.2,), "of", "approx")]),
    ("over 3/4th of", [("over 3/4th", "proportion", (0.75,), "of", "gt")]),
    ("a threefold speedup", [("threefold", "multiplier", (3,), "×", "eq")]),
    ("a ten-fold rise", [("ten-fold", "multiplier", (10,), "×", "eq")]),
    ("is three times faster", [("three times", "multiplier", (3,), "×", "eq")]),
    ("the nine principles of", [("nine principles", "count", (9,), "principles", "eq")]),
    ("a dozen labs signed", [("a dozen labs", "count", (12,), "labs", "eq")]),
    ("twenty percent of", [("twenty percent", "percent", (20,), "%", "eq")]),
    ("forty-two per cent", [("forty-two per cent", "percent", (42,), "%", "eq")]),
    ("every six weeks instead", [("six weeks", "count", (6,), "weeks", "eq")]),
    ("roughly eight hours", [("roughly eight hours", "count", (8,), "hours", "approx")]),
    ("took two hours", [("two hours", "count", (2,), "hours", "eq")]),
    ("twenty-five new crates", [("twenty-five new crates", "count", (25,), "crates", "eq")]),
    # negatives: not a proportion, multiplier, percent or count
    ("one of the reasons", []),
    ("two of them agreed", []),
    ("the two others", []),
    ("one crate", []),
    ("the two-level problem has three parts", []),
    ("two compilers", []),  # a small spelled-out count: optional in LABELS.md, not read
    ("three key examples", []),
    ("someone in five minds", [("five minds", "count", (5,), "minds", "eq")]),
    ("released 2 in 2019", [("2019", "date", (2019.5,), "year", "eq")]),
    ("5/3 of", []),  # no fraction of a whole
    ("24/7 support", []),
    ("1 in 5% of", [("5%", "percent", (5,), "%", "eq")]),
    ("Rust 1 in 5", []),
    ("tenants often threaten", []),
    ("a tenfolder", []),
    ("three times a day", []),
    ("seventeen", []),
]


@pytest.mark.parametrize(("text", "want"), WORDS)
def test_proportions_and_number_words(text: str, want: list[Fig]) -> None:
    got = _got(text)
    assert _same(got, want), f"{text!r}: got {got}"
    for f in scan(text):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize(("text", "want"), [w for w in WORDS if w[1]])
def test_proportions_and_number_words_are_registry_values(text: str, want: list[Fig]) -> None:
    for span, kind, values, unit, qualifier in want:
        if span.endswith(" times"):
            continue  # like "3 times", a multiplier only before its comparative
        fig = parse_value(span)
        got = [(fig.text, fig.kind, fig.values, fig.unit, fig.qualifier)]
        assert _same(got, [(span, kind, values, unit, qualifier)])


def test_a_proportion_compares_as_its_fraction() -> None:
    from mesacheck.values import agrees, comparable, degree

    written, claim = _one("one in five"), parse_value("2/10ths")
    assert comparable(written, claim) and agrees(written, claim)
    assert agrees(_one("1 in 3"), parse_value("two-thirds")) is False
    assert degree(_one("1 in 100"), parse_value("1 in 5")) == "gross"
    assert not comparable(_one("1 in 5"), parse_value("20%"))  # a fraction is no percent
    assert parse_value(render_like(written, 0.25)).values == pytest.approx((0.25,))
