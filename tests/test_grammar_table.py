"""The grammar table: sentences as writers type them → every figure's span, kind, values,
unit and qualifier; the same table drives registry values (`parse_value`) and rendering a
value back in the writer's notation (`values.render_like`).

329 cases (issue 12's bar is 300): `TABLE` (currency ranges and their neighbours, numbers
in names), `COUNTS_OF` ("3,205 of the responses"), `WORDS` (proportions and number
words) and `FORMS` (every form of DESIGN.md's kinds table and LABELS.md — percent,
signs, ranges, ratios, multipliers, currency, changes whose ends are ranges or split by
a year, counts of any noun, scientific notation, proportions, number words, bounds,
dates — and every class of DESIGN.md "Not figures": versions, models and products,
identifiers and standards), each with positive and negative cases. The sentences are
written for this table in the shapes of the Rust blog corpus and the fixtures.
"""

from __future__ import annotations

import pytest

from grammar_rows import Fig, assert_read_whole, assert_registry_values
from grammar_rows import got as _got
from grammar_rows import same as _same
from mesacheck.grammar import Figure, ValueError_, parse_value, range_notation, scan
from mesacheck.values import render_like

B, M, K, T = 1e9, 1e6, 1e3, 1e12


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


# Every form of DESIGN.md's kinds table and LABELS.md, and every class of DESIGN.md "Not
# figures", each with positive and negative cases, in sentences shaped like the Rust
# blog's and the fixtures' (written for this table). Read by `scan`, and every figure
# is a registry value that renders back in its writer's notation (the tests below).
FORMS: list[tuple[str, list[Fig]]] = [
    # a count whose last adjective slot held the noun ("across" ends in -s, no noun)
    (
        "so far has resolved 99\ncrate issues across 10 crates",
        [
            ("99\ncrate issues", "count", (99,), "issues", "eq"),
            ("10 crates", "count", (10,), "crates", "eq"),
        ],
    ),
    (
        "we saw 5 big red apples across the road",
        [("5 big red apples", "count", (5,), "apples", "eq")],
    ),
    ("we saw 4 big old across the road", []),
    (
        "there were 73 sessions spread across 3 days",
        [
            ("73 sessions", "count", (73,), "sessions", "eq"),
            ("3 days", "count", (3,), "days", "eq"),
        ],
    ),
    # percent
    ("Today, 12% of respondents use nightly.", [("12%", "percent", (12,), "%", "eq")]),
    ("about 97 percent of crates build", [("about 97 percent", "percent", (97,), "%", "approx")]),
    ("some 45 per cent of users", [("45 per cent", "percent", (45,), "%", "eq")]),
    ("with greater than 99% accuracy", [("greater than 99%", "percent", (99,), "%", "gt")]),
    ("reduced by ~30% overall", [("~30%", "percent", (30,), "%", "approx")]),
    ("scores >99% on the suite", [(">99%", "percent", (99,), "%", "gt")]),
    ("at ≥ 95% coverage", [("≥ 95%", "percent", (95,), "%", "gte")]),
    ("rose by 5 pp since", [("5 pp", "percent", (5,), "pp", "eq")]),
    ("a gain of 3.5 percentage points", [("3.5 percentage points", "percent", (3.5,), "pp", "eq")]),
    ("twenty percent of the time", [("twenty percent", "percent", (20,), "%", "eq")]),
    ("nearly 40% of them", [("nearly 40%", "percent", (40,), "%", "approx")]),
    ("at least 80% of jobs", [("at least 80%", "percent", (80,), "%", "gte")]),
    ("less than 1% of the crates", [("less than 1%", "percent", (1,), "%", "lt")]),
    ("up to 15% faster", [("up to 15%", "percent", (15,), "%", "lte")]),
    ("only 0.5% of the builds", [("0.5%", "percent", (0.5,), "%", "eq")]),
    ("grew 5%/year for", [("5%/year", "percent", (5,), "%", "eq")]),
    ("40%+ of new users", [("40%+", "percent", (40,), "%", "plus")]),
    ("see https://example.com/50% for", []),
    # signs
    ("compile times changed by −3% on average", [("−3%", "percent", (-3,), "%", "eq")]),
    (
        "| 18.3s | 10.7s | -42% |",  # the durations are read by grammar_units
        [
            ("18.3s", "count", (18.3,), "seconds", "eq"),
            ("10.7s", "count", (10.7,), "seconds", "eq"),
            ("-42%", "percent", (-42,), "%", "eq"),
        ],
    ),
    ("wall-time regression (+13%).", [("+13%", "percent", (13,), "%", "eq")]),
    ("it ran at -40 degrees", [("-40 degrees", "count", (-40,), "degrees", "eq")]),
    ("scores from -5 to +5 are", [("from -5 to +5", "change", (-5, 5), "", "eq")]),
    ("growth of +40-50%/year is", [("+40-50%/year", "range", (40, 50), "%", "eq")]),
    ("a -1% mean regression", [("-1%", "percent", (-1,), "%", "eq")]),
    ("in non-40% cases", []),
    ("the x-3% bug", []),
    ("the pre-2% state", []),
    # ranges
    ("in 20-70% of runs", [("20-70%", "range", (20, 70), "%", "eq")]),
    ("in 0.3–13% of runs", [("0.3–13%", "range", (0.3, 13), "%", "eq")]),
    ("from 12% to 78% of", [("from 12% to 78%", "change", (12, 78), "%", "eq")]),
    ("it is 12% to 78% of", [("12% to 78%", "range", (12, 78), "%", "eq")]),
    (
        "between 20 and 70 percent of",
        [("between 20 and 70 percent", "range", (20, 70), "%", "eq")],
    ),
    ("within 1-5 years of", [("1-5 years", "range", (1, 5), "years", "eq")]),
    ("15 to 20 employees joined", [("15 to 20 employees", "range", (15, 20), "employees", "eq")]),
    ("a 100-600x speedup", [("100-600x", "range", (100, 600), "×", "eq")]),
    ("2–3× faster builds", [("2–3×", "range", (2, 3), "×", "eq")]),
    ("took 2-3 weeks to land", [("2-3 weeks", "range", (2, 3), "weeks", "eq")]),
    ("about 10-20% of", [("about 10-20%", "range", (10, 20), "%", "approx")]),
    ("scored 70-20% in", []),  # no range downward, and neither end alone
    ("pages 10-15 of the book", []),
    ("the 2-3 split", []),
    # ratios: multipliers 100 and 0.1, ranges and changes of them
    ("a 100:1 ratio of reads", [("100:1", "multiplier", (100,), "×", "eq")]),
    ("roughly ≈1:10 of", [("≈1:10", "multiplier", (0.1,), "×", "approx")]),
    ("between 100:1 to 150:1", [("100:1 to 150:1", "range", (100, 150), "×", "eq")]),
    ("went 100:1 → 50:1 after", [("100:1 → 50:1", "change", (100, 50), "×", "eq")]),
    ("outnumbered 10:1 by", [("10:1", "multiplier", (10,), "×", "eq")]),
    ("a 3:2 ratio", [("3:2", "multiplier", (1.5,), "×", "eq")]),
    ("odds of 1:1000 per", [("1:1000", "multiplier", (0.001,), "×", "eq")]),
    ("about 5:1 in favour", [("about 5:1", "multiplier", (5,), "×", "approx")]),
    ("On 2021-04-27 at 15:09 UTC we", [("2021-04-27", "date", (2021 + 3.5 / 12,), "month", "eq")]),
    ("Around 9:30 UTC, the DNS", []),
    ("at 11:30 New York time", []),
    ("| 23:00-2:00 | 4:30am-7:30am |", []),
    ("many productive 1:1 chats", []),
    ("a 1:1 port of the app", []),
    ("defined at 8:13 in", []),
    ("in main.rs:13:30 there", []),
    ("as John 3:16 says", []),
    ("Psalm 23:1 says", []),
    ("at 1:10 pm we met", []),
    ("from 12:17 and 12:30", []),
    ("2026-02-28+01:00 is", [("2026-02-28", "date", (2026 + 1.5 / 12,), "month", "eq")]),
    # multipliers
    ("reduced scheming 30×", [("30×", "multiplier", (30,), "×", "eq")]),
    ("a 10x improvement", [("10x", "multiplier", (10,), "×", "eq")]),
    ("a 2,500× gap", [("2,500×", "multiplier", (2500,), "×", "eq")]),
    ("a 30-fold rise", [("30-fold", "multiplier", (30,), "×", "eq")]),
    ("a 2.5-fold rise", [("2.5-fold", "multiplier", (2.5,), "×", "eq")]),
    ("is 3 times more likely", [("3 times", "multiplier", (3,), "×", "eq")]),
    ("were 4 times as many", [("4 times", "multiplier", (4,), "×", "eq")]),
    ("about 3.5 times faster", [("about 3.5 times", "multiplier", (3.5,), "×", "approx")]),
    ("a fourfold increase", [("fourfold", "multiplier", (4,), "×", "eq")]),
    ("nearly doubling since", [("nearly doubling", "multiplier", (2,), "×", "approx")]),
    ("the almost tripled build times", [("almost tripled", "multiplier", (3,), "×", "approx")]),
    ("the project doubled in size", [("doubled", "multiplier", (2,), "×", "eq")]),
    ("traffic was quadrupling", [("quadrupling", "multiplier", (4,), "×", "eq")]),
    ("we recommend doubling down on", []),
    ("integrate both without doubling the effort", []),
    ("three doubles might be passed", []),
    ("target triples are", []),
    ("ran it 3 times", [("3 times", "count", (3,), "times", "eq")]),
    ("the x86 and 2x2 matrices", []),
    ("Ryzen 1700X chips", []),
    # currency
    ("about \\$100M in grants", [("about \\$100M", "currency", (100 * M,), "USD", "approx")]),
    ("$1.5 billion of", [("$1.5 billion", "currency", (1.5 * B,), "USD", "eq")]),
    ("USD 2bn was", [("USD 2bn", "currency", (2 * B,), "USD", "eq")]),
    ("€40M for research", [("€40M", "currency", (40 * M,), "EUR", "eq")]),
    ("£3.2m in", [("£3.2m", "currency", (3.2 * M,), "GBP", "eq")]),
    ("over $300K/year", [("over $300K/year", "currency", (300 * K,), "USD", "gt")]),
    ("costs $20 a month", [("$20 a month", "currency", (20,), "USD", "eq")]),
    ("a $5 donation", [("$5", "currency", (5,), "USD", "eq")]),
    ("the $PATH variable", []),
    (
        "echo $1 and $2",
        [("$1", "currency", (1,), "USD", "eq"), ("$2", "currency", (2,), "USD", "eq")],
    ),
    # changes
    ("dropped 8.7% → 0.3% when", [("8.7% → 0.3%", "change", (8.7, 0.3), "%", "eq")]),
    ("dropped 8.7%->0.3% when", [("8.7%->0.3%", "change", (8.7, 0.3), "%", "eq")]),
    ("rose 0% → 20% in", [("0% → 20%", "change", (0, 20), "%", "eq")]),
    ("from 8.7% to 0.3% after", [("from 8.7% to 0.3%", "change", (8.7, 0.3), "%", "eq")]),
    ("from 10-30% to 78% in", [("from 10-30% to 78%", "change", (20, 78), "%", "eq")]),
    (
        "tasks: 2,500-3,500 → 5,000-7,000 per day",
        [("2,500-3,500 → 5,000-7,000", "change", (3000, 6000), "", "eq")],
    ),
    (
        "from 20% in 2023 to 45% in 2024",
        [("from 20% in 2023 to 45% in 2024", "change", (20, 45), "%", "eq")],
    ),
    (
        "from 8.9% in 2016, to 16% in 2017",
        [("from 8.9% in 2016, to 16% in 2017", "change", (8.9, 16), "%", "eq")],
    ),
    ("from 40% to 45–50% by", [("from 40% to 45–50%", "change", (40, 47.5), "%", "eq")]),
    ("iterations from one to twenty", [("from one to twenty", "change", (1, 20), "", "eq")]),
    ("from one to the other", []),
    (
        "from 2019 to 2021 we",
        [("2019", "date", (2019.5,), "year", "eq"), ("2021", "date", (2021.5,), "year", "eq")],
    ),
    ("from 5 to 10 people", [("5 to 10 people", "range", (5, 10), "people", "eq")]),
    # counts
    ("trained on 6,000 examples", [("6,000 examples", "count", (6000,), "examples", "eq")]),
    ("140+ papers cite it", [("140+ papers", "count", (140,), "papers", "plus")]),
    ("16 frontier models", [("16 frontier models", "count", (16,), "models", "eq")]),
    ("3,000 people came", [("3,000 people", "count", (3000,), "people", "eq")]),
    ("over 3,000 people attended", [("over 3,000 people", "count", (3000,), "people", "gt")]),
    (
        "40 children and 5 men",
        [("40 children", "count", (40,), "children", "eq"), ("5 men", "count", (5,), "men", "eq")],
    ),
    ("with 12 staff", [("12 staff", "count", (12,), "staff", "eq")]),
    ("10 million downloads", [("10 million downloads", "count", (1e7,), "downloads", "eq")]),
    ("1.5 million users", [("1.5 million users", "count", (1.5e6,), "users", "eq")]),
    ("1-2 million users", [("1-2 million users", "range", (1e6, 2e6), "users", "eq")]),
    ("10 big downloads", [("10 big downloads", "count", (10,), "downloads", "eq")]),
    ("5,368 responses to", [("5,368 responses", "count", (5368,), "responses", "eq")]),
    (
        "6 major frontier model families",
        [("6 major frontier model families", "count", (6,), "families", "eq")],
    ),
    ("1 234 567 users", [("1 234 567 users", "count", (1234567,), "users", "eq")]),
    ("1\u2009234 users", [("1\u2009234 users", "count", (1234,), "users", "eq")]),
    (
        "in 2019 300 people",
        [
            ("2019", "date", (2019.5,), "year", "eq"),
            ("300 people", "count", (300,), "people", "eq"),
        ],
    ),
    ("12 34 users", [("34 users", "count", (34,), "users", "eq")]),
    ("the 250 crates in", [("250 crates", "count", (250,), "crates", "eq")]),
    ("about 70 interviews", [("about 70 interviews", "count", (70,), "interviews", "approx")]),
    ("2019 papers", [("2019", "date", (2019.5,), "year", "eq")]),
    ("5 is the answer", []),
    ("in 3 of them", []),
    ("the 1st and 2nd", []),
    # scientific notation: counts, never the multiplier "2.1×"
    ("trained with 1e25 FLOP", [("1e25 FLOP", "count", (1e25,), "flop", "eq")]),
    ("used 3.8e+24 FLOPs", [("3.8e+24 FLOPs", "count", (3.8e24,), "flops", "eq")]),
    ("at 2.1×10^25 FLOP", [("2.1×10^25 FLOP", "count", (2.1e25,), "flop", "eq")]),
    ("at 2.1 × 10^25 FLOP", [("2.1 × 10^25 FLOP", "count", (2.1e25,), "flop", "eq")]),
    ("above 10^25 FLOP", [("above 10^25 FLOP", "count", (1e25,), "flop", "gt")]),
    (
        "about 10^26 parameters",
        [("about 10^26 parameters", "count", (1e26,), "parameters", "approx")],
    ),
    ("a rate of 1e-4 works", [("1e-4", "count", (1e-4,), "", "eq")]),
    ("commit 0243724c2e50 landed", []),
    ("the 7e3 hash prefix", []),
    # proportions
    ("one in five developers", [("one in five", "proportion", (0.2,), "of", "eq")]),
    ("1 in 5 use it", [("1 in 5", "proportion", (0.2,), "of", "eq")]),
    ("3 out of 4 teams", [("3 out of 4", "proportion", (0.75,), "of", "eq")]),
    ("two-thirds of respondents", [("two-thirds", "proportion", (2 / 3,), "of", "eq")]),
    ("2/3 of people", [("2/3 of", "proportion", (2 / 3,), "of", "eq")]),
    ("released 1 in 2019", [("2019", "date", (2019.5,), "year", "eq")]),
    # number words
    ("nine principles of", [("nine principles", "count", (9,), "principles", "eq")]),
    ("a dozen labs signed", [("a dozen labs", "count", (12,), "labs", "eq")]),
    ("threefold rise", [("threefold", "multiplier", (3,), "×", "eq")]),
    ("a ten-fold rise", [("ten-fold", "multiplier", (10,), "×", "eq")]),
    ("twenty-five new crates", [("twenty-five new crates", "count", (25,), "crates", "eq")]),
    ("a single-digit percentage", [("single-digit percentage", "percent", (10,), "%", "lt")]),
    ("double-digit percent growth", [("double-digit percent", "percent", (10,), "%", "gte")]),
    ("single digit numbers", []),
    ("one of the two", []),
    # bounds: qualifiers, a denied bound, an elided noun named by the siblings
    ("no category above 5%", [("above 5%", "percent", (5,), "%", "lte")]),
    ("not above 5%", [("above 5%", "percent", (5,), "%", "gt")]),
    ("as many as 40 crates", [("as many as 40 crates", "count", (40,), "crates", "lte")]),
    ("fewer than 10 bugs", [("fewer than 10 bugs", "count", (10,), "bugs", "lt")]),
    (
        "36.5% less 1000 lines, 2.1% 1000 to 10000 lines, 0.5% over 10000, 1% don't know",
        [
            ("36.5%", "percent", (36.5,), "%", "eq"),
            ("less 1000 lines", "count", (1000,), "lines", "lt"),
            ("2.1%", "percent", (2.1,), "%", "eq"),
            ("1000 to 10000 lines", "range", (1000, 10000), "lines", "eq"),
            ("0.5%", "percent", (0.5,), "%", "eq"),
            ("over 10000", "count", (10000,), "lines", "gt"),
            ("1%", "percent", (1,), "%", "eq"),
        ],
    ),
    ("5 crates, over 100, and", [("5 crates", "count", (5,), "crates", "eq")]),
    # dates (the optional class), and numbers that date nothing
    ("in February 2025 the", [("February 2025", "date", (2025 + 1.5 / 12,), "month", "eq")]),
    ("by 2026 Jan we", [("2026 Jan", "date", (2026 + 0.5 / 12,), "month", "eq")]),
    ("as shown (2019), the", [("2019", "date", (2019.5,), "year", "eq")]),
    ("on 15 March 2024", [("15 March 2024", "date", (2024 + 2.5 / 12,), "month", "eq")]),
    ("until late-2024", [("late-2024", "date", (2024.75,), "year", "approx")]),
    # not figures: versions
    ("Rust 1.80 stabilises", []),
    ("the 1.94.1 point release", []),
    ("on Python 3.11 and", []),
    ("edition 2021 code", []),
    ("version 2 of the API", []),
    ("the 1.0 release", []),
    ("cargo 0.3 beta", []),
    ("LLVM 19 is", []),
    ("on Rust 1.80, 20% of crates", [("20%", "percent", (20,), "%", "eq")]),
    # not figures: models and products
    ("GPT-4o answers", []),
    ("o3 and o4-mini score", []),
    ("Claude 3.5 Sonnet wrote", []),
    ("DALL-E 3 images are", []),
    ("PaLM 2 models are", []),
    ("on H100 GPUs", []),
    ("Llama-3-70B weights", []),
    ("Gemini 2 users", []),
    ("GPT-4o solved 12% of", [("12%", "percent", (12,), "%", "eq")]),
    # not figures: identifiers and standards
    ("per RFC 2119 conventions", []),
    ("ISO 9001 certificates", []),
    ("fixed in #12345 and", []),
    ("CVE-2024-1234 affects", []),
    ("Article 50 requires", []),
    ("see section 2.3 for", []),
    ("Figure 3 shows", []),
    ("PR 4567 fixes", []),
    ("issue 42 tracks", []),
    ("Tier 2 targets", []),
    ("see step 3 below", []),
    ("RFC 2119 says 5 crates", [("5 crates", "count", (5,), "crates", "eq")]),
]

# figures whose reading needs the sentence around them: a bound denied ("no category
# above 5%"), a noun named by the siblings ("over 10000" lines), a count of times ("ran it
# 3 times": alone, "3 times" is a multiplier)
IN_CONTEXT = {"above 5%", "over 10000", "3 times"}


@pytest.mark.parametrize(("text", "want"), FORMS)
def test_every_form_is_read_whole(text: str, want: list[Fig]) -> None:
    assert_read_whole(text, want)


@pytest.mark.parametrize(("text", "want"), [w for w in FORMS if w[1]])
def test_every_form_is_a_registry_value_written_back_alike(text: str, want: list[Fig]) -> None:
    for fig in assert_registry_values(want, IN_CONTEXT):
        if fig.kind == "date":
            continue
        # the value rendered in the writer's notation reads back as the same value
        value = fig.values[0] if len(fig.values) == 1 else (fig.values[0], fig.values[1])
        back = parse_value(render_like(fig, value, digits=12))
        assert back.values == pytest.approx(fig.values), (fig.text, render_like(fig, value))


@pytest.mark.parametrize(
    ("written", "value", "rendered"),
    [
        ("100:1", 120.0, "120:1"),
        ("≈1:10", 0.05, "1:20"),
        ("threefold", 4.0, "4-fold"),
        ("30x", 20.0, "20x"),
        ("−3%", -4.0, "−4%"),
        ("+13%", 15.0, "+15%"),
        ("97 percent", 98.0, "98 percent"),
        ("one in five", 0.25, "1 in 4"),
        ("1e25 FLOP", 2.2e25, "2.2e25 FLOP"),
        ("2.1×10^25 FLOP", 3e25, "3×10^25 FLOP"),
        ("8.7% → 0.3%", (9.0, 1.0), "9% → 1%"),
        ("from 12% to 78%", (10.0, 70.0), "from 10% to 70%"),
        ("100:1 to 150:1", (90.0, 140.0), "90:1 to 140:1"),
        ("12–78%", (10.0, 70.0), "10–70%"),
        ("$2-5B/year", (3 * B, 6 * B), "$3-6B/year"),
    ],
)
def test_a_value_is_written_in_the_writers_notation(
    written: str, value: float | tuple[float, float], rendered: str
) -> None:
    assert render_like(parse_value(written), value) == rendered


@pytest.mark.parametrize(
    "value", ["1:20", "3:2", "3 times", "three times", "$2-5B", "one in five", "−3%", "10^25"]
)
def test_what_prose_reads_only_in_context_is_a_registry_value(value: str) -> None:
    assert parse_value(value).text == value


def test_the_table_holds_300_cases() -> None:
    assert len(TABLE) + len(COUNTS_OF) + len(WORDS) + len(FORMS) >= 300


def test_a_qualifier_that_starts_a_sentence_names_nothing() -> None:
    # "Roughly 40 people": grammar_names lists the first word of every qualifier word
    from mesacheck.grammar import _QUALIFIER_WORDS
    from mesacheck.grammar_names import NOT_NAMES

    firsts = {w.split()[0] for w in _QUALIFIER_WORDS if w[0].isalpha()}
    assert firsts <= NOT_NAMES, sorted(firsts - NOT_NAMES)
