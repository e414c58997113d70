"""Unread numbers: numbers in prose that are neither read as figures nor classified as
names, markers or identifiers (DESIGN.md "Not figures"). Every sentence below is real:
quoted from ../shared/corpora/rust-blog (file:line beside it) or the shipped example."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from mesacheck import figures, segments
from mesacheck.coverage import Coverage
from mesacheck.pipeline import FileResult, Settings, analyse
from mesacheck.registry import Registry
from mesacheck.resolve import Resolver
from mesacheck.unread import CLASSES, Unread, find_unread, numbers

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "rust-blog"


def status_of(md: str, number: str, nth: int = 0) -> str:
    """What `number` (its `nth` occurrence as a number token) is in the Markdown `md`."""
    doc = segments.parse("t.md", md)
    got = [n for n in numbers(doc, figures.extract(doc)) if n.text == number]
    assert len(got) > nth, f"{number!r} is no number token of {md!r}: {got}"
    n = got[nth]
    return n.status if n.status != "unread" else f"unread: {n.why}"


# (sentence, number, what it is)
CASES = [
    # identifiers and standards
    (
        "Fix `clean::{Method, TyMethod}` [#79125](https://github.com/rust-lang/rust/pull/79125)",
        "79125",
        "identifier",
    ),  # inside-rust/rustdoc-performance-improvements.md:92
    (
        "ptr embedded pointers ([rust-lang/rust#128464](https://github.com/rust-lang/rust/pull/128464))",
        "128464",
        "identifier",
    ),  # project-goals-oct-update.md:46
    (
        "GitHub issue: [rust-lang/infra-team\\#201](https://github.com/rust-lang/infra-team/issues/201)",
        "201",
        "identifier",
    ),  # inside-rust/infrastructure-team-q2-2024-recap.md:160
    ("to inline `const` expressions per [RFC 2920].", "2920", "identifier"),  # Rust-1.50.0.md:85
    (
        "This issue has been assigned CVE-2022-24713. The severity",
        "2022",
        "identifier",
    ),  # cve-2022-24713.md:20
    ("This issue has been assigned CVE-2022-24713. The severity", "24713", "identifier"),
    (
        "[Issue 10184](https://github.com/rust-lang/rust/issues/10184)",
        "10184",
        "identifier",
    ),  # Rust-1.45.0.md:41
    # versions
    ("The Rust team will release Rust 1.94.1 on", "1.94.1", "version"),  # cve-2026-33056.md:20
    ("## What's in 1.22.0 and 1.22.1 stable", "1.22.1", "version"),  # Rust-1.22.md:39
    (
        "* Ubuntu 12.04 (glibc 2.15, kernel 3.2)",
        "2.15",
        "version",
    ),  # Increasing-glibc-kernel-requirements.md:72
    (
        "plan on bringing this behavior back in 1.25 or 1.26,",
        "1.25",
        "version",
    ),  # Rust-1.24.1.md:44
    (
        "Beyond these improvements, the 1.1 release includes a number of",
        "1.1",
        "version",
    ),  # Rust-1.1.md:33
    (
        "is happy to announce the latest version of Rust, 1.12. Rust is",
        "1.12",
        "version",
    ),  # Rust-1.12/index.md:14
    (
        "| a | b |\n|---|---|\n| Rust ≥ 1.77 with LLVM ≥ 18         | Clang ≥ 18          |",
        "18",
        "version",
    ),  # i128-layout-update.md:288
    # names: a name directly joined to a number
    (
        "As a Tier 2 Target, builds will continue to be distributed",
        "2",
        "name",
    ),  # demoting-i686-pc-windows-gnu.md:13
    (
        "the minimum supported Windows version to 10. For Windows 7, 8",
        "7",
        "name",
    ),  # Rust-1.72.0.md:111
    (
        "Apple dropped support for running 32-bit binaries",
        "32",
        "name",
    ),  # reducing-support-for-32-bit-apple-targets.md:66
    (
        "People don't feel comfortable yet since C++14 doesn't provide",
        "14",
        "name",
    ),  # vision-doc-journeys-to-learn.md:151
    # list and footnote markers
    (
        "### 7. Finding Missing Pieces in the Crates Ecosystem",
        "7",
        "list",
    ),  # Increasing-Rusts-Reach/index.md:254
    (
        "restrict API tokens to 1) certain operations and 2) certain crates.",
        "2",
        "list",
    ),  # inside-rust/api-token-scopes.md:12
    ("* (2) More social time between teams", "2", "list"),  # council-survey.md:96
    (
        "project has layer[^4] after layer[^5] of safeguards",
        "4",
        "footnote",
    ),  # inside-rust/imposter-syndrome.md:51
    # dates the grammar does not read as date figures, times, ordinals
    (
        "On 2023-07-20 between 12:17 and 12:30 UTC all crate downloads",
        "2023-07-20",
        "read",  # a date figure
    ),  # inside-rust/crates-io-postmortem.md:16
    ("On 2023-07-20 between 12:17 and 12:30 UTC all crate downloads", "12:17", "time"),
    (
        "in The Netherlands on May 21-23. More information",
        "23",
        "date",
    ),  # inside-rust/leadership-council-update.md:25
    (
        "This goal continues our work from 2024H2 in supporting",
        "2024H2",
        "date",
    ),  # Project-Goals-2025-April-Update.md:159
    (
        "Each meeting will run from 2pm to 3pm GMT, and will",
        "2pm",
        "time",
    ),  # inside-rust/compiler-team-planning.md:35
    (
        'rendering it as an ordinal ("1st", "2nd", "3rd", ...).',
        "2nd",
        "ordinal",
    ),  # Enums-match-mutation-and-moves.md:382
    # code in prose
    ("U+202A, U+202B, U+202C, U+202D, U+202E, U+2066", "202D", "code"),  # cve-2021-42574.md:73
    (
        "Cargo has supported receiving [4xx](https://developer.mozilla.org/) responses",
        "4xx",
        "code",
    ),  # crates-io-status-codes.md:27
    (
        "Getting a 404 error on crates.io is now slightly less sad.",
        "404",
        "identifier",  # an HTTP status code
    ),  # crates-io-development-update-2026-07/index.md:49
    (
        'non-"[200 OK](https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/200)" response',
        "200",
        "identifier",
    ),  # crates-io-status-codes.md:14
    (
        "- macOS: 10.12 Sierra (First released 2016)",
        "10.12",
        "version",
    ),  # Increasing-Apple-Version-Requirements.md:12
    ("- iOS: 10 (First released 2016)", "10", "version"),  # Rust-1.74.0.md:151
    (
        "the minimum supported Windows version to 10. The accepted proposal",
        "10",
        "version",
    ),  # Rust-1.72.0.md:111
    (
        "sequence the minimum supported API level will increase from 15 (Ice Cream",
        "15",
        "version",
    ),  # android-ndk-update-r25.md:11
    (
        "Thanks for reading, and we hope you enjoy `cargo-audit` 0.11!",
        "0.11",
        "version",  # a dotted number right after a code span: that code's version
    ),  # inside-rust/Introducing-cargo-audit-fix-and-more/index.md:63
    (
        "For example, in 1.11 if a implementation of a trait didn't match the trait",
        "1.11",
        "version",  # a preposition of time before a bare dotted number
    ),  # Rust-1.12/index.md:57
    (
        "During 1.80's development, we found a corner case that failed",
        "1.80",
        "version",
    ),  # inside-rust/this-development-cycle-in-cargo-1.81.md:145
    (
        "Prior to now, Rust had Tier 1 support for Windows 7, 8, and 8.1 but these targets",
        "8",
        "name",  # a list that continues "Windows 7"
    ),  # Windows-7.md:27
    (
        "Prior to now, Rust had Tier 1 support for Windows 7, 8, and 8.1 but these targets",
        "8.1",
        "version",
    ),  # Windows-7.md:27
    ("Congratulations The 8472, and thanks for everything you do!", "8472", "name"),
    # inside-rust/libs-member.md:19
    (
        "That has meant being very selective about only promoting things to Tier\n1 that we",
        "1",
        "name",  # a line break between the name and its number
    ),  # rustconf-2025-interview-with-jan-david-nose.md:129
    (
        "An ideal specification both (1.)&nbsp;defines *prescriptive bounds* on",
        "1",
        "list",
    ),  # inside-rust/spec-vision.md:68
    (
        "writing down 1. what the leads do today, 2. the minimum we expect from future",
        "2",
        "list",  # an enumerator inside a sentence, with its neighbour 1.
    ),  # inside-rust/apr-steering-cycle.md:42
    (
        "over 380,000 lines of source across more than 40 crates<sup>1</sup> to support",
        "1",
        "footnote",
    ),  # inside-rust/rustc-dev-guide-overview.md:13
    ("causing a poor experience with OSC 9;4", "4", "code"),
    # inside-rust/this-development-cycle-in-cargo-1.85.md:88
    (
        "integers. For example the 32-bit integer 0 can be encoded as `0x00` with a",
        "0",
        "code",  # a literal value in code
    ),  # webassembly-targets-change-in-default-target-features.md:89
    ("  (array to N-tuple for N in 1..=12)", "12", "code"),  # Rust-1.71.0.md:107
    # idioms: a number in a fixed phrase that states no quantity
    (
        "since the new frontend is a 1:1 port of the previous design and functionality",
        "1",
        "idiom",
    ),  # crates-io-development-update-2026-07/index.md:55
    (
        "- Adopt a migration process that was *not* a naive 1-to-1 port.",
        "1",
        "idiom",
    ),  # inside-rust/test-infra-jan-feb-2025/index.md:77
    ("Thanks to everyone who contributed! <3", "3", "idiom"),  # project-goals-2026-04.md:13
    (
        "the shape of the core team’s work schedule shifted from 9-5 to a",
        "9",
        "idiom",
    ),  # Core-team-membership-updates.md:37
    # a real quantity is never a version: the old rule (a dotted number after any common
    # word is a version) hid these; read now as the end of a change of seconds
    (
        "  projects are much faster: for Servo, build time went from 5 seconds to 0.5",
        "0.5",
        "read",
    ),  # Rust-1.2.md:46 (the line after says "seconds.": see test_lists_keep_their_nouns)
    # read: inside a figure
    (
        "only about 2.4% of Rust projects were still affected.",
        "2.4",
        "read",
    ),  # Updating-musl-1.2.5.md:20
    # read now (the grammar reads these forms since the grammar merges)
    ("Over **1,900** people responded here, giving us", "1,900", "read"),
    # State-of-Rust-Survey-2016/index.md:80
    ("* Cargo: 1.9k", "1.9k", "read"),  # inside-rust/program-management-update-2025-07.md:176
    (
        "There's currently a -1% mean regression (min 0.1%, max 5.3%)",
        "1",
        "read",
    ),  # Project-Goals-2025-May-Update.md:1400
    (
        "This ended up in a [46-commit pull request][intra-pr] with",
        "46",
        "read",
    ),  # inside-rust/stabilizing-intra-doc-links.md:27
    (
        "This proposal provides 2 ABIs, each suited for different purposes",
        "2",
        "read",
    ),  # inside-rust/ffi-unwind-design-meeting.md:147
    (
        "a lot of features… almost 23,000! 😱",
        "23,000",
        "read",
    ),  # broken-badges-and-23k-keywords.md:18
    # unread, with why: real figures the grammar does not read yet
    (
        "Rust turns 10 this year. It's a good time to step back",
        "10",
        "unread: number before an unknown word",
    ),  # vision-doc-survey.md:14
    (
        "| a | b |\n|---|---|\n| Disagree          | 11 |",
        "11",
        "unread: bare number in a table cell",
    ),  # council-survey.md:64
    (
        "On an average week this year, the Rust community merged 1 RFC and published 83",
        "1",
        "unread: number before a capitalised word",
    ),  # rust-at-two-years/index.md:53
    ("project proposals. We received 65 (!) proposals in total.", "65", "read"),
    # gsoc-2024-selected-projects.md:12
    # read since branch `s3unr` (grammar_groups)
    (
        "having only wasted the effort of looking at 20ish extra bytes.",
        "20ish",
        "read",
    ),  # gsoc-2025-results.md:269
    (
        "* `i128`: −170,141,183,460,469,231,731,687,303,715,884,105,728 - "
        "170,141,183,460,469,231,731,687,303,715,884,105,727",
        "170,141,183,460,469,231,731,687,303,715,884,105,728",
        "read",
    ),  # Rust-1.26.md:508
    (
        "For teams building products with 15-to-20-year lifetimes and",
        "15",
        "read",
    ),  # what-does-it-take-to-ship-rust-in-safety-critical.md:83
    (
        "![chart: 666 company doesn't use Rust, 425 Rust is too intimidating, 73 Rust doesn't"
        " have tools I need](dont_use_rust.png)",
        "425",
        "read",
    ),  # Rust-2017-Survey-Results/index.md:110 (a chart's data in alt text)
    (
        "we grew to 23 members. We've now grown to over 100 — that's bigger than many",
        "100",
        "unread: bare number, no unit",
    ),  # roadmap@2.md:35
]


@pytest.mark.parametrize(("md", "number", "expected"), CASES)
def test_classes_on_real_sentences(md: str, number: str, expected: str) -> None:
    assert status_of(md, number) == expected


def _statuses(path: str, md: str, number: str) -> list[str]:
    doc = segments.parse(path, md)
    return [n.status for n in numbers(doc, figures.extract(doc)) if n.text == number]


def test_a_document_settles_its_own_versions() -> None:
    """A dotted number after a common word is a version only when the document names it
    as one elsewhere (here: its path, then "Rust 1.26"); the same sentence alone is left
    unread (unread_doc)."""
    line = "that risk as much as possible. And so, after release, 1.12 saw a fair number of"
    assert _statuses("content/Rust-1.12.1.md", line, "1.12") == ["version"]  # Rust-1.12.1.md:63
    assert _statuses("t.md", line, "1.12") == ["unread"]
    md = (
        "The Rust team is happy to announce a new version of Rust, 1.26.0.\n\n"  # Rust-1.26.md
        "of stuff, however, and it's all starting to land in stable. 1.26 is\n"
    )
    assert _statuses("t.md", md, "1.26") == ["version"]
    assert _statuses("t.md", md.split("\n\n")[1], "1.26") == ["unread"]


def test_a_continuation_stops_at_a_counted_word() -> None:
    """A number after a name's number continues the name's list unless a word it could
    count follows: "Tier 1 and 2 (see the RFC" continues; "landing in 1.68, 1 small
    regression found" does not (a count of regressions the grammar does not read yet)."""
    md = "Tier 1 and 2 (see the RFC for the motivations leading to that). The team was"
    assert _statuses("t.md", md, "2") == ["name"]  # inside-rust/infra-team-meeting@6.md:20
    md = (
        "* [Don't normalize in AstConv](https://github.com/rust-lang/rust/pull/101947): "
        "landing in 1.68, 1 small regression found"
    )
    assert _statuses("t.md", md, "1") == ["unread"]  # types-announcement.md:69


def test_every_class_has_a_case() -> None:
    tested = {e for _, _, e in CASES}
    assert set(CLASSES) - {"year"} <= tested


def test_a_percent_is_never_a_non_figure() -> None:
    """Precision of the classes: a number written with % is a figure (read or unread),
    never a name or marker, even after a name or in a list item."""
    for md in ("Rust 2% faster", "* (2%) of users", "see [#12](u) and 12% of"):
        doc = segments.parse("t.md", md)
        for n in numbers(doc, figures.extract(doc)):
            if doc.source[n.offset + len(n.text) : n.offset + len(n.text) + 1] == "%":
                assert n.status in ("read", "unread"), (md, n)


def _result(md: str) -> FileResult:
    settings = Settings(("description",), frozenset(figures.grammar.KINDS), "markdown-it-py")
    return analyse("t.md", md.encode(), settings, Resolver(Registry()))


def test_file_result_keeps_unread_numbers_through_the_cache() -> None:
    got = _result("Rust turns 10 this year.\n\nRust 1.80 has 12% more.\n")
    assert got.unread == [Unread("t.md", 1, 12, "10", "number before an unknown word")]
    assert got.numbers == 3 and got.classified == {"version": 1}
    back = FileResult.from_plain(got.plain())
    assert (back.unread, back.numbers, back.classified) == (got.unread, 3, {"version": 1})


def test_coverage_line_counts_unread_numbers() -> None:
    cov = Coverage()
    cov.add(_result("We've now grown to over 100 — and Rust turns 10 this year.\n"))
    cov.add(_result("12% of 40 crates.\n"))
    assert cov.unread == 2
    assert cov.line().endswith(", 0 dates, 2 unread numbers; every file parsed.")
    assert Coverage.from_plain(cov.plain()) == cov


def test_unread_positions_are_exact(root: Path) -> None:
    """Line and column (1-based, code points) of every unread number point at its text."""
    md = (
        "Über — ünread: grown to over 100 — ✓ and Rust turns **10** this year.\n\n"
        "| a | b |\n|---|---|\n| ✓ | 11 |\n"
    )
    doc = segments.parse("t.md", md)
    tally = find_unread(doc, figures.extract(doc))
    lines = md.split("\n")
    assert [u.text for u in tally.unread] == ["100", "10", "11"]
    for u in tally.unread:
        assert lines[u.line - 1][u.column - 1 :].startswith(u.text)


def _corpus_files() -> list[Path]:
    if not (CORPUS / "content").is_dir():
        pytest.skip(f"needs ../shared/corpora/rust-blog beside the repository (looked in {CORPUS})")
    return sorted((CORPUS / "content").rglob("*.md"))


def _corpus_tally():  # type: ignore[no-untyped-def]
    files = _corpus_files()
    total = numbers_ = 0
    unread: list[Unread] = []
    classified: dict[str, int] = {}
    for p in files:
        doc = segments.parse(str(p.relative_to(CORPUS)), p.read_text(encoding="utf-8"))
        t = find_unread(doc, figures.extract(doc))
        numbers_ += t.numbers
        total += t.read
        unread += t.unread
        for k, v in t.classified.items():
            classified[k] = classified.get(k, 0) + v
    return len(files), numbers_, total, classified, unread


# The acceptance (issue 12) is at most 1% unread. Measured at this floor's commit: 80 of
# 10,103 numbers in prose (0.79%; 135, 1.34%, before branch `s3unr` read a chart's data in
# alt text, cells under a `sizeof` header and cross-tabulations, "Cargo: 600" lists, "4 or
# 5 out of 5", prices like "0.09$/GB"...). What is left: docs/measurements/unread-sample.md.
# A change that leaves more numbers unread fails here.
UNREAD_FLOOR = 0.0080
UNREAD_BAR = 0.01


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return _corpus_tally()


def test_corpus_unread_share_does_not_grow(corpus) -> None:  # type: ignore[no-untyped-def]
    files, n, read, classified, unread = corpus
    assert files >= 700 and n > 5000
    assert n == read + sum(classified.values()) + len(unread)
    assert len(unread) / n <= UNREAD_FLOOR


def test_corpus_unread_share_meets_the_bar(corpus) -> None:  # type: ignore[no-untyped-def]
    _, n, _, _, unread = corpus
    assert len(unread) / n <= UNREAD_BAR


def test_corpus_classes_are_not_figures(corpus) -> None:  # type: ignore[no-untyped-def]
    """Precision on the corpus: of 200 classified numbers drawn at random, none is a
    number with a percent sign, a currency sign or a multiplier (forms that are always
    figures): classifying never hides a figure."""
    rng = random.Random(12)
    figure_like = re.compile(r"^(?:\s?%|\s?×|x\b)|[$€£]$")
    seen = 0
    for p in rng.sample(_corpus_files(), 120):
        src = p.read_text(encoding="utf-8")
        doc = segments.parse(p.name, src)
        for n in numbers(doc, figures.extract(doc)):
            if n.status in ("read", "unread"):
                continue
            seen += 1
            before = src[n.offset - 1 : n.offset]
            after = src[n.offset + len(n.text) :][:2]
            assert not figure_like.search(after) and not figure_like.search(before), (p, n)
    assert seen > 200
