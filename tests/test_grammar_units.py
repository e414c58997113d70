"""The forms of `grammar_units` in the grammar table's shape: sentence → every figure's
span, kind, values, unit and qualifier (rows as in tests/test_grammar_table.py, so they
fold into its table); each figure is a registry value read alike; table cells are read by
their column header.

The sentences are taken from, or written in the shapes of, the Rust blog corpus's unread
numbers (docs/measurements/grammar-gaps.md): magnitude suffixes, abbreviated units,
durations, singular and hyphenated time nouns, counts of acronyms and capitalised nouns,
groups (`114 out of the total 195`, `2 or 3 years`, `13 of them`), scores, labels with a
colon; with the negative cases for each (metres and minutes, resolutions, decades and
ages, megabits, years, names, numbered titles, one-word labels).
"""

from __future__ import annotations

import pytest

from grammar_rows import Fig, assert_read_whole, assert_registry_values
from mesacheck import grammar_units
from mesacheck.figures import extract
from mesacheck.grammar import scan
from mesacheck.segments import parse

K, M = 1e3, 1e6


UNITS: list[tuple[str, list[Fig]]] = [
    # magnitude suffixes: a count of the noun after it, if one follows
    (
        "about 31% of cache references (792m found) are misses",
        [
            ("about 31%", "percent", (31,), "%", "approx"),
            ("792m", "count", (792 * M,), "", "eq"),
        ],
    ),
    ("it's currently around 2K by default", [("around 2K", "count", (2 * K,), "", "approx")]),
    ("a bit larger (~2k LoC) and needed", [("~2k LoC", "count", (2 * K,), "loc", "approx")]),
    (
        "only about 0.1% of the kernel's 40M total lines are in Rust",
        [
            ("about 0.1%", "percent", (0.1,), "%", "approx"),
            ("40M total lines", "count", (40 * M,), "lines", "eq"),
        ],
    ),
    (
        "any of the 30k crates with serde_derive",
        [("30k crates", "count", (30 * K,), "crates", "eq")],
    ),
    (
        "an average of 4.71K requests per second",
        [("4.71K requests", "count", (4710,), "requests", "eq")],
    ),
    (
        "resulting in about 3.7M failed requests",
        [("about 3.7M failed requests", "count", (3.7 * M,), "requests", "approx")],
    ),
    (
        "a 5KLOC function with 42K loans, 255K statements",
        [
            ("5KLOC", "count", (5 * K,), "loc", "eq"),
            ("42K loans", "count", (42 * K,), "loans", "eq"),
            ("255K statements", "count", (255 * K,), "statements", "eq"),
        ],
    ),
    ("Nearly all crates we tested in the top 20k had", [("20k", "count", (20 * K,), "", "eq")]),
    (
        "from 2.5k to 1.1k, split into two PRs",
        [("from 2.5k to 1.1k", "change", (2.5 * K, 1.1 * K), "", "eq")],
    ),
    ("the 30m walk to the venue", []),  # metres or minutes: unread
    ("a 4K monitor", []),  # a resolution
    ("see the 5m mark", []),
    # abbreviated units: a count whose unit is the unit
    (
        "it adds about 300kb to every Rust binary",
        [("about 300kb", "count", (300,), "KB", "approx")],
    ),
    ("files which now exceed 100MB in size", [("100MB", "count", (100,), "MB", "eq")]),
    ("the API response had broken the 20 MB mark", [("20 MB", "count", (20,), "MB", "eq")]),
    ("limit the available RAM to 3 GB and", [("3 GB", "count", (3,), "GB", "eq")]),
    ("it uses more than 3 GB of RAM", [("more than 3 GB", "count", (3,), "GB", "gt")]),
    (
        "we transfer out more than 150 TB each month",
        [("more than 150 TB", "count", (150,), "TB", "gt")],
    ),
    (
        "served approximately 1.6 PB across the month",
        [("approximately 1.6 PB", "count", (1.6,), "PB", "approx")],
    ),
    ("over 2.25 Petabytes of crates", [("over 2.25 Petabytes", "count", (2.25,), "PB", "gt")]),
    ("files that are 500 MiB+ in size", [("500 MiB+", "count", (500,), "MiB", "plus")]),
    ("almost 300 MiB in absolute terms", [("almost 300 MiB", "count", (300,), "MiB", "approx")]),
    ("the PR is only 600 loc, so", [("600 loc", "count", (600,), "loc", "eq")]),
    (
        "shrinks the file from 27mb to 11mb.",
        [("from 27mb to 11mb", "change", (27, 11), "MB", "eq")],
    ),
    ("an 8 Mb link", []),  # megabits, not megabytes: unread
    # durations
    (
        "| initial build   | 134.75s | 236.78s |",
        [
            ("134.75s", "count", (134.75,), "seconds", "eq"),
            ("236.78s", "count", (236.78,), "seconds", "eq"),
        ],
    ),
    ("timeout downloads after 30s. Then", [("30s", "count", (30,), "seconds", "eq")]),
    ("from 0 to about 50ms.", [("about 50ms", "count", (50,), "ms", "approx")]),
    (
        "runtime went from ~8s to ~2s, a 4x improvement!",
        [
            ("from ~8s to ~2s", "change", (8, 2), "seconds", "eq"),
            ("4x", "multiplier", (4,), "×", "eq"),
        ],
    ),
    (
        "used to take ~7min and now finishes in ~1min",
        [
            ("~7min", "count", (7,), "minutes", "approx"),
            ("~1min", "count", (1,), "minutes", "approx"),
        ],
    ),
    (
        "| `aws-sdk-ec2` | 4m 07s | 2m 04s |",
        [
            ("4m 07s", "count", (247,), "seconds", "eq"),
            ("2m 04s", "count", (124,), "seconds", "eq"),
        ],
    ),
    ("from ~1h 20m to about an hour", [("~1h 20m", "count", (80,), "minutes", "approx")]),
    ("| Full time (~40h/wk) |", [("~40h/wk", "count", (40,), "hours", "approx")]),
    ("- (20 min) Teaching Advanced Rust", [("20 min", "count", (20,), "minutes", "eq")]),
    ("music of the 1990s and the 80s", []),  # decades
    ("in their 30s and 40s", []),  # ages
    ("the 2s complement form", []),
    # a time noun in the singular or joined by a hyphen, and a few measure nouns
    ("after 1 month, cargo should start deleting", [("1 month", "count", (1,), "months", "eq")]),
    (
        "It took 1 hour and 31 minutes from the start",
        [
            ("1 hour", "count", (1,), "hours", "eq"),
            ("31 minutes", "count", (31,), "minutes", "eq"),
        ],
    ),
    ("This gives folks 24 hour notice.", [("24 hour", "count", (24,), "hours", "eq")]),
    ("This gives folks 24-hour notice.", [("24-hour", "count", (24,), "hours", "eq")]),
    (
        "Does the default of deleting 3 month old data seem",
        [("3 month", "count", (3,), "months", "eq")],
    ),
    ("the 10-year anniversary of Rust 1.0", [("10-year", "count", (10,), "years", "eq")]),
    ("a 6-week release cycle", [("6-week", "count", (6,), "weeks", "eq")]),
    ("a 1.5 day event", [("1.5 day", "count", (1.5,), "days", "eq")]),
    # the main grammar's longer reading stands (a form replaces only what it holds whole)
    ("a number of 3 hour periods", [("3 hour periods", "count", (3,), "periods", "eq")]),
    ("a 3-member threshold", [("3-member", "count", (3,), "members", "eq")]),
    ("a pool of 8-core VMs", [("8-core", "count", (8,), "cores", "eq")]),
    ("a [46-commit pull request] with", [("46-commit", "count", (46,), "commits", "eq")]),
    ("in 2019 year after year", [("2019", "date", (2019.5,), "year", "eq")]),
    # counts of acronyms and capitalised nouns
    ("48 APIs were stabilized.", [("48 APIs", "count", (48,), "apis", "eq")]),
    ("with around 90 PRs, though", [("around 90 PRs", "count", (90,), "prs", "approx")]),
    ("Why 2 IDEs?", [("2 IDEs", "count", (2,), "ides", "eq")]),
    (
        "Even though there are 16 LLVM threads, at no point",
        [("16 LLVM threads", "count", (16,), "threads", "eq")],
    ),
    (
        "the Rust project has selected a slate of 26 Project Goals",
        [("26 Project Goals", "count", (26,), "goals", "eq")],
    ),
    (
        "At the time there were 6 Rust teams with 24 people in total",
        [
            ("6 Rust teams", "count", (6,), "teams", "eq"),
            ("24 people", "count", (24,), "people", "eq"),
        ],
    ),
    ("there are **1,281 open PRs** to", [("1,281 open PRs", "count", (1281,), "prs", "eq")]),
    (
        "A total of 27 Mac system models, released",
        [("27 Mac system models", "count", (27,), "models", "eq")],
    ),
    ("15 different Rust Teams or", [("15 different Rust Teams", "count", (15,), "teams", "eq")]),
    ("on a 4 core machine", [("4 core", "count", (4,), "cores", "eq")]),
    ("161 Rust seems too risky for production", []),  # a verb, not a noun
    ("in 2 Rust and Go projects", []),
    ("the first question was question 3 Canonical Projections", []),  # a numbered title
    ("Windows 10 users", []),
    ("the Rust 2018 Edition", [("2018", "date", (2018.5,), "year", "eq")]),
    # groups
    (
        "58% of pull requests (114 out of the total 195) were opened",
        [
            ("58%", "percent", (58,), "%", "eq"),
            ("114 out of the total 195", "proportion", (114 / 195,), "of", "eq"),
        ],
    ),
    (
        "what async could look like 2 or 3 years in the future",
        [("2 or 3 years", "range", (2, 3), "years", "eq")],
    ),
    (
        "towards a slate of 40 project goals, with 13 of them designated as Flagship Goals",
        [
            ("40 project goals", "count", (40,), "goals", "eq"),
            ("13", "count", (13,), "goals", "eq"),
        ],
    ),
    (
        "10,800 commits by 663 contributors (438 of them new this year)",
        [
            ("10,800 commits", "count", (10800,), "commits", "eq"),
            ("663 contributors", "count", (663,), "contributors", "eq"),
            ("438", "count", (438,), "contributors", "eq"),
        ],
    ),
    ("with 3 of them designated as Flagship Goals", []),  # no noun named (LABELS.md)
    ("(over 750 of them 😱)", []),
    ("67 of you replied so far", []),
    (
        "to maintain all the current lints (over 750 of them) and",
        [("over 750", "count", (750,), "lints", "gt")],
    ),
    ("`rustc` by default knows about 56 of them, and", []),  # "knows" is no noun
    # a bound whose noun the sentence named before it
    (
        "We got a LOT of responses -- over 4200! Analyzing",
        [("over 4200", "count", (4200,), "responses", "gt")],
    ),
    (
        "this crate is using features… a lot of features… almost 23,000! 😱",
        [("almost 23,000", "count", (23000,), "features", "approx")],
    ),
    (
        "It contains a lot of tests: over 19000 at the time of writing.",
        [("over 19000", "count", (19000,), "tests", "gt")],
    ),
    ("We've now grown to over 100 — that's bigger", []),  # no noun in the sentence
    ("the size was about 25; and", []),
    ("in 2019 of them", [("2019", "date", (2019.5,), "year", "eq")]),
    # scores
    ("an average score of 9.5/10.", [("9.5/10", "proportion", (0.95,), "of", "eq")]),
    ("it's just not great, 0/10, would not recommend.", [("0/10", "proportion", (0,), "of", "eq")]),
    ("released on 1/10/2024 and", []),
    # a label naming a plural noun, a colon and a number ending the line
    ("Meetings attended: 24", [("24", "count", (24,), "meetings", "eq")]),
    (
        "Total words of meeting minutes written (September): 31.3k",
        [("31.3k", "count", (31.3 * K,), "words", "eq")],
    ),
    ("* Libs: 705", []),  # a one-word label is a name
    ("- Some progress: 9", []),
    # -fold joined to the number; names
    ("gave us a 100fold speed increase", [("100fold", "multiplier", (100,), "×", "eq")]),
    ("the iPhone 4S (Released in 2011)", [("2011", "date", (2011.5,), "year", "eq")]),
    ("macOS 10.12 Sierra", []),
    # a count of N of those that opens its sentence: the noun of the sentence before
    (
        "owners who aren't members (12 people in total). 4 of those signed up so far.",
        [("12 people", "count", (12,), "people", "eq"), ("4", "count", (4,), "people", "eq")],
    ),
    ("He left early. 3 of them stayed.", []),  # no count before: no noun
    # a capitalised word with a hyphen before the noun; a plural that is no noun after
    (
        "- 71 Rust-related meetup groups worldwide.",
        [("71 Rust-related meetup groups", "count", (71,), "groups", "eq")],
    ),
    ("we merged 5 Rust PRs this week", [("5 Rust PRs", "count", (5,), "prs", "eq")]),
    ("The 3 Rust teams met", [("3 Rust teams", "count", (3,), "teams", "eq")]),
    ("see note 1 These numbers are rough", []),  # a function word opens a sentence
]

# figures read only with the words around them: "13 of them" and a bound counting the noun
# the sentence named before ("over 4200!"), a label's number, "792m" before "found", "4
# core" before a noun (alone, "over 750" is a bare bound: a count with no noun)
IN_CONTEXT = {
    "13",
    "4",
    "438",
    "24",
    "31.3k",
    "792m",
    "4 core",
    "over 750",
    "over 4200",
    "almost 23,000",
    "over 19000",
}


@pytest.mark.parametrize(("text", "want"), UNITS)
def test_each_unit_form_is_read_whole(text: str, want: list[Fig]) -> None:
    assert_read_whole(text, want)


@pytest.mark.parametrize(("text", "want"), [w for w in UNITS if w[1]])
def test_each_unit_form_is_a_registry_value(text: str, want: list[Fig]) -> None:
    assert_registry_values(want, IN_CONTEXT)


def test_the_table_holds_60_cases() -> None:
    assert len(UNITS) >= 60
    assert sum(1 for _, want in UNITS if not want) >= 15  # negative cases


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("**Views**", "views"),
        ("Response count", "responses"),
        ("Count", ""),
        ("Before [MiB]", "MiB"),
        ("Alignment (bytes)", "bytes"),
        ("Downloads", "downloads"),
        ("After MiB", "MiB"),
        ("`sizeof`", "bytes"),  # a size in bytes, by what sizeof is
        ("`mem::align_of`", "bytes"),
        ("`size`", None),
        ("`sizeof_val`", None),
        ("Started", "started"),
        ("Reduction", None),
        ("Compiler 1", None),
        ("Percentage", None),
        ("thanks", None),  # a crate's name
        ("Versions", None),
    ],
)
def test_a_column_header_names_its_cells_unit(header: str, unit: str | None) -> None:
    assert grammar_units.header_unit(header) == unit


SURVEY = """\
# Survey

| **Survey** | **Started** | **Views** |
|:----------:|------------:|----------:|
|    2024    |       9 450 |    13 564 |

| Profile   | Before [MiB] | Reduction |
|-----------|--------------|-----------|
| `dev`     | 179.70       | -4.7%     |

|                 | thanks  |
|-----------------|--------:|
| speedup         | 2.648   |

| C type              | `sizeof` | Alignment (bytes) |
| ------------------- | -------- | ----------------- |
| **`unsigned long`** | **8**    | **16**            |
"""


def test_a_bare_cell_is_a_count_of_what_its_header_names() -> None:
    figs = extract(parse("t.md", SURVEY))
    got = [(f.text, f.parsed.kind, f.parsed.values, f.parsed.unit) for f in figs]
    assert ("13 564", "count", (13564.0,), "views") in got
    assert ("179.70", "count", (179.70,), "MiB") in got
    assert ("9 450", "count", (9450.0,), "started") in got
    # no unit in the header ("2.648" under a crate's name): the row's label says what it
    # is, a speedup (Rust-1.16.md:75)
    assert ("2.648", "multiplier", (2.648,), "×") in got
    assert not any(t in ("thanks", "cargo") for t, *_ in got)
    # a column of `sizeof` counts bytes (i128-layout-update.md:90), as its neighbour says
    assert ("8", "count", (8.0,), "bytes") in got
    assert ("16", "count", (16.0,), "bytes") in got
    for f in figs:
        line = SURVEY.splitlines()[f.line - 1]
        assert line[f.column - 1 : f.end_column - 1] == f.text


@pytest.mark.parametrize(
    ("piece", "each"),
    [
        ("1.6k, ", 1),
        ("4m 07s, ", 1),
        ("a lot of tests: over 4200! ", 1),
        ("40 goals, with 13 of them. ", 2),
        ("Meetings attended: 24\n", 1),
        ("2 or 3 years, ", 1),
        ("from 5s to 0.5s, ", 1),
    ],
)
def test_a_line_of_thousands_of_forms_is_read_whole(piece: str, each: int) -> None:
    # (a pathological line: every form read, each once; bench/ measures that it stays linear)
    assert len(scan(piece * 3000)) == 3000 * each


LINKED = """\
we are spinning down the RFC process, after having merged [almost 90] RFCs this year!

- 71 Rust-related [meetup] groups worldwide.

These numbers are rough.<sup>1</sup> These numbers are rough.

[almost 90]: https://example.com/rfcs
[meetup]: https://example.com/meetup
"""


def test_a_count_runs_over_the_markup_of_a_link() -> None:
    # the link's brackets are markup a reader does not see: the count runs over them
    figs = extract(parse("t.md", LINKED))
    got = [(f.line, f.text, f.parsed.kind, f.parsed.unit, f.parsed.qualifier) for f in figs]
    assert got == [
        (1, "almost 90] RFCs", "count", "rfcs", "approx"),
        (3, "71 Rust-related [meetup] groups", "count", "groups", "eq"),
    ]
