"""The forms of `grammar_groups` in the grammar table's shape: sentence → every figure's
span, kind, values, unit and qualifier (rows as in tests/test_grammar_table.py); each
figure is a registry value read alike and written back in a notation that reads back.

The sentences are taken from, or written in the shapes of, the Rust blog corpus's unread
numbers (docs/measurements/grammar-gaps.md): a chart's data in alt text, scores out of N,
approximate and compound counts, digits grouped by one space, changes of a counted noun,
`a factor of N`, `N+%`, prices with the sign after, ranges in full digits; with the
negative cases for each (a numbered list, a percent chart, a bare `20ish`, plurals and
time words before the noun, other groups after one space, years, inline math, a short
number after a dash).
"""

from __future__ import annotations

import pytest

from grammar_rows import Fig, assert_read_whole, assert_registry_values
from mesacheck import grammar_lists
from mesacheck.figures import extract
from mesacheck.grammar import parse_value, scan
from mesacheck.segments import parse
from mesacheck.values import render_like

ALT = (
    "chart: 666 company doesn't use Rust, 425 Rust is too intimidating hard to learn or"
    " too complicated, 295 Rust doesn't solve a problem for me, 73 Rust doesn't have"
    " tools I need"
)

GROUPS: list[tuple[str, list[Fig]]] = [
    # a chart's data: each bare value a count whose noun the chart leaves out
    (
        ALT,
        [
            ("666", "count", (666,), "", "eq"),
            ("425", "count", (425,), "", "eq"),
            ("295", "count", (295,), "", "eq"),
            ("73", "count", (73,), "", "eq"),
        ],
    ),
    (
        "Bar chart of reasons: 1,204 no time, 310 no need, 97 other",
        [
            ("1,204", "count", (1204,), "", "eq"),
            ("310", "count", (310,), "", "eq"),
            ("97", "count", (97,), "", "eq"),
        ],
    ),
    (
        "Chart: 17.5% daily, 43.3% weekly, 24.4% monthly",  # the main grammar's percents
        [
            ("17.5%", "percent", (17.5,), "%", "eq"),
            ("43.3%", "percent", (43.3,), "%", "eq"),
            ("24.4%", "percent", (24.4,), "%", "eq"),
        ],
    ),
    ("chart: 666 company doesn't use Rust, 425 Rust is too intimidating", []),  # two items
    ("1, 2, 3", []),  # image alt text numbering screenshots
    ("Contents: 1 Introduction, 2 Background, 3 Discussion", []),  # no chart named
    (
        "the chart shows 3 peaks, 2 valleys and",
        [("3 peaks", "count", (3,), "peaks", "eq"), ("2 valleys", "count", (2,), "valleys", "eq")],
    ),
    # scores out of N
    (
        "rated their Rust comfort as 4 or 5 out of 5, and only 18.5% said 1 or 2.",
        [
            ("4 or 5 out of 5", "range", (0.8, 1.0), "of", "eq"),
            ("18.5%", "percent", (18.5,), "%", "eq"),
        ],
    ),
    (
        "ranking themselves as 7 or more out of 10 on how much",
        [("7 or more out of 10", "proportion", (0.7,), "of", "gte")],
    ),
    (
        "rated it 3 or less out of 10",
        [("3 or less out of 10", "proportion", (0.3,), "of", "lte")],
    ),
    (
        '"9 times out of 10, I write microcontroller code',
        [("9 times out of 10", "proportion", (0.9,), "of", "eq")],
    ),
    ("5 or 4 out of 5", [("4 out of 5", "proportion", (0.8,), "of", "eq")]),  # no range
    ("12 times out of 10", [("12 times", "count", (12,), "times", "eq")]),  # no proportion
    # approximate counts
    (
        "the website became a project with 50-ish people, but",
        [("50-ish people", "count", (50,), "people", "approx")],
    ),
    (
        "the effort of looking at 20ish extra bytes.",
        [("20ish extra bytes", "count", (20,), "bytes", "approx")],
    ),
    ("it took 20ish, maybe more", []),  # no noun
    ("a 20ish-minute walk", []),
    ("that's English people", []),
    # compound ranges
    (
        "products with 15-to-20-year lifetimes and",
        [("15-to-20-year", "range", (15, 20), "years", "eq")],
    ),
    ("a 20-to-15-year swing", []),
    (
        "we hire 20-25 high school graduates, train them",
        [("20-25 high school graduates", "range", (20, 25), "graduates", "eq")],
    ),
    ("wait 1-2 weeks later maintainers said", [("1-2 weeks", "range", (1, 2), "weeks", "eq")]),
    ("in 2019-2020 remote school years", [("2019-2020", "date", (2019.5, 2020.5), "year", "eq")]),
    (
        "[smaller by ~3-4 MiB](https://perf.rust-lang.org)",
        [("~3-4 MiB", "range", (3, 4), "MiB", "approx")],
    ),
    ("between 10-20 kb", [("10-20 kb", "range", (10, 20), "KB", "eq")]),
    ("a 5-3 MB drop", []),
    # digits grouped by one space: only a group of 000
    (
        "we cannot extrapolate much from a mere 7 000 answers and",
        [("7 000 answers", "count", (7000,), "answers", "eq")],
    ),
    (
        "in 2019 300 people came",  # never one number
        [
            ("2019", "date", (2019.5,), "year", "eq"),
            ("300 people", "count", (300,), "people", "eq"),
        ],
    ),
    ("a score of 7 000", []),
    # a change of a counted noun whose second end is bare
    (
        "(from 16,457 views in 2021 to 25,581 – a view increase of over 55%)",
        [
            ("from 16,457 views in 2021 to 25,581", "change", (16457, 25581), "views", "eq"),
            ("over 55%", "percent", (55,), "%", "gt"),
        ],
    ),
    (
        "from 200 crates to 310.",
        [("from 200 crates to 310", "change", (200, 310), "crates", "eq")],
    ),
    (
        "from 200 crates to 310 users",
        [
            ("200 crates", "count", (200,), "crates", "eq"),
            ("310 users", "count", (310,), "users", "eq"),
        ],
    ),
    ("from 5 crates to 5 more", [("5 crates", "count", (5,), "crates", "eq")]),
    # a factor of N
    (
        "build times drop by a factor of 6.",
        [("a factor of 6", "multiplier", (6,), "×", "eq")],
    ),
    ("a factor of ~2.5 slower", [("a factor of ~2.5", "multiplier", (2.5,), "×", "approx")]),
    ("this role has a bus factor of one", []),
    ("a factor of 1", []),
    ("the factor of 20% is", [("20%", "percent", (20,), "%", "eq")]),
    # a trailing + before %
    ("We expect the 50+% speedups", [("50+%", "percent", (50,), "%", "plus")]),
    ("a 1+ % bump", [("1+ %", "percent", (1,), "%", "plus")]),
    # prices with the sign after the number
    ("Egress is pricey (0.09$/GB), while", [("0.09$/GB", "currency", (0.09,), "USD", "eq")]),
    ("save us an estimate of 485$/month.", [("485$/month", "currency", (485,), "USD", "eq")]),
    ("a ticket costs 40 € at the door", [("40 €", "currency", (40,), "EUR", "eq")]),
    ("costs 12£ a year", [("12£ a year", "currency", (12,), "GBP", "eq")]),
    ("when $x = 4$ holds", []),  # inline math
    ("run `echo 5$HOME`", []),
    ("the 2$x term", []),
    ("back in 2020€ was", [("2020", "date", (2020.5,), "year", "eq")]),  # a year
    # ranges in full digits
    (
        "u128: 0 - 340,282,366,920,938,463,463,374,607,431,768,211,455",
        [
            (
                "0 - 340,282,366,920,938,463,463,374,607,431,768,211,455",
                "range",
                (0, 340282366920938463463374607431768211455),
                "",
                "eq",
            )
        ],
    ),
    (
        "i64: −9,223,372,036,854,775,808 - 9,223,372,036,854,775,807",
        [
            (
                "−9,223,372,036,854,775,808 - 9,223,372,036,854,775,807",
                "range",
                (-9223372036854775808, 9223372036854775807),
                "",
                "eq",
            )
        ],
    ),
    ("pages 1 - 1,000,000", []),  # an end under a billion: no reading
    ("2,147,483,648 - 1", []),  # no range downwards
    ("Rust 1,234,567,890 - 9,876,543,210", []),  # a name joined to the first end
]

# figures read only with the words around them: a chart's values (alone, a bare number), a
# count of times ("12 times": alone, a multiplier)
IN_CONTEXT = {"666", "425", "295", "73", "1,204", "310", "97", "12 times"}
# read as registry values, but not written back: a number of 39 digits renders in
# scientific notation ("3.40282e+38"), which is no range a writer types
NOT_RENDERED = {
    "0 - 340,282,366,920,938,463,463,374,607,431,768,211,455",
    "−9,223,372,036,854,775,808 - 9,223,372,036,854,775,807",
}


@pytest.mark.parametrize(("text", "want"), GROUPS)
def test_each_group_form_is_read_whole(text: str, want: list[Fig]) -> None:
    assert_read_whole(text, want)


@pytest.mark.parametrize(("text", "want"), [w for w in GROUPS if w[1]])
def test_each_group_form_is_a_registry_value_written_back(text: str, want: list[Fig]) -> None:
    for fig in assert_registry_values(want, IN_CONTEXT):
        if fig.text in NOT_RENDERED:
            continue
        value = fig.values[0] if len(fig.values) == 1 else (fig.values[0], fig.values[1])
        back = parse_value(render_like(fig, value, digits=12))
        assert back.values == pytest.approx(fig.values), (fig.text, render_like(fig, value))


def test_the_table_holds_50_cases() -> None:
    assert len(GROUPS) >= 50
    assert sum(1 for _, want in GROUPS if not want) >= 15  # negative cases


@pytest.mark.parametrize(
    ("piece", "each"),
    [
        ("50-ish people, ", 1),
        ("20-25 high school graduates, ", 1),
        ("0.09$/GB, ", 1),
        ("4 or 5 out of 5, ", 1),
        ("a factor of 6, ", 1),
    ],
)
def test_a_line_of_thousands_of_group_forms_is_read_whole(piece: str, each: int) -> None:
    # (a pathological line: every form read, each once; bench/ measures that it stays linear)
    assert len(scan(piece * 3000)) == 3000 * each


def test_a_chart_of_thousands_of_items_is_read_whole() -> None:
    text = "chart: " + ", ".join(f"{n} Rust is hard" for n in range(100, 3100))
    assert len(scan(text)) == 3000


@pytest.mark.parametrize(
    ("row", "header", "unit"),
    [
        ("Concrete Initiative | 4 | 2 | 3", "No Specific Goals", "concrete initiatives"),
        ("Aspiration | 6 | 2 | 2", "Other", "aspirations"),
        ("Open issues | 12 | 40", "Before", "open issues"),
        ("Aspiration | 6 | 2 | 2", "", None),  # no header
        ("Aspiration | 6", "Other", None),  # one count: no cross-tabulation
        ("Edition | 2015 | 2018 | 2021", "Year", None),  # years
        ("Rust | 1.80 | 1.81", "Version", None),  # versions
        ("Aspiration | 6 | 2 | n/a", "Other", None),  # not counts only
        ("`foo` | 6 | 2", "Other", None),  # no label of words
        ("Aspiration | 6 | 2", "Run 2", None),  # a numbered header
    ],
)
def test_a_cross_tabulation_counts_its_row_label(row: str, header: str, unit: str | None) -> None:
    assert grammar_lists.row_unit(row, header) == unit


LISTS = """\
In contrast, this is the week when I was away:
* Cargo: 600
* Lang triage: 604
* Libs: 705

Only two:
* Cargo: 600
* Libs: 705

Minimum versions:
* iOS: 10
* tvOS: 10
* watchOS: 5

Meetings attended: 24

Dotted:
- alpha: 1.5
- beta: 2.5
- gamma: 3.5

| Goals               | No Plan | Other |
|---------------------|---------|-------|
| Concrete Initiative | 2       | 3     |
"""


def test_a_list_of_label_counts_is_read_item_by_item() -> None:
    figs = extract(parse("t.md", LISTS))
    got = [(f.line, f.text, f.parsed.kind, f.parsed.unit) for f in figs]
    assert got == [
        (2, "600", "count", ""),
        (3, "604", "count", ""),
        (4, "705", "count", ""),
        (15, "24", "count", "meetings"),  # a label naming its noun (grammar_units)
        (24, "2", "count", "concrete initiatives"),
        (24, "3", "count", "concrete initiatives"),
    ]
    for f in figs:
        line = LISTS.splitlines()[f.line - 1]
        assert line[f.column - 1 : f.end_column - 1] == f.text
