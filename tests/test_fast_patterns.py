"""The fast patterns of extraction find what the plain ones they replaced find.

Extraction runs a few patterns over all the prose (where a figure may start, where a
sentence ends, the metric words); each opens on a character set, so that `re` skips to
the next candidate in C, instead of on a lookahead or a case-folded letter (which makes
`re` call its matcher at every position). Each plain pattern is kept here as the
reference, and both are run over the fixtures, the example and text built to hit the
corners (every number word in every case, marks and spaces in every order).
"""

from __future__ import annotations

import random
import re

import pytest

from mesacheck import figures, grammar, grammar_anchor, sentences, unread
from mesacheck.grammar_words import _WORDSTEM, WORD_VALUES

# where a figure may start, as one case-insensitive search: a digit starting a number, a
# symbol, a sign before a digit, or a word
_PLAIN_ANCHOR = re.compile(
    r"\d(?<![\d.]\d)|[$€£¥\\~<>≥≤≈∼]|[−+-](?<![\w.,+−-][−+-])(?=\d)|\b(?:from|between|jan|"
    r"feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|early|mid|late|usd|eur|gbp|us\$|a\s+dozen|"
    r"dozen|hundred)|\b" + _WORDSTEM,
    re.IGNORECASE,
)
# a sentence end: the space after . ! ? (and closing quotes) before a capital, quote or
# digit; a blank line; the space after ; or : before a capital
_PLAIN_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“(\[0-9*])|\n\s*\n|(?<=[;:])\s+(?=[A-Z])")
_PLAIN_METRIC = re.compile(
    r"\b(" + "|".join(re.escape(m) for m in figures._METRICS) + r")\b", re.IGNORECASE
)


@pytest.fixture(scope="module")
def texts(shared, root) -> list[str]:  # type: ignore[no-untyped-def]
    paths = (shared / "mesa-optimization.md", root / "examples" / "mesa-optimization.md")
    return [p.read_text(encoding="utf-8") for p in paths]


def _number_words() -> str:
    """Every number word as `_WORDSTEM` reads it and more, in the cases and places a
    writer puts them (its start, after a hyphen, glued to a word or a symbol)."""
    words = [*WORD_VALUES, "twenty-one", "Ninety-Nine", "SEVENTY-SEVEN", "forty-", "a dozen"]
    words += ["nineteen", "Sept", "mid-2025", "US$5", "US$one", "us$ 5", "ſeven", "İone"]
    return " ".join(f"{w} ({w.title()}) x{w}-{w.upper()}/{w}5 ${w}" for w in words)


def _shuffled(alphabet: str, n: int, seed: int) -> list[str]:
    """`n` short strings over `alphabet`, the same on every run."""
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 14))) for _ in range(n)]


def test_the_anchors_are_those_of_the_plain_search_where_the_grammar_reads(texts) -> None:  # type: ignore[no-untyped-def]
    """The anchors are plain anchors, and among them every one where the grammar reads
    a figure (those it leaves out are words it cannot start a figure at there: "from
    the", "may be"): the same figures, tried at fewer places."""
    corners = [_number_words(), "twenty-one words", "a  dozen", "US$one", "one"]
    corners += _shuffled("1-−+$.,~ aoUS$nefx\n", 20_000, 11)
    words = ["from", "From", "between", "may", "May", "Sept", "dec", "December", "mid", "late"]
    words += ["early", "jan", "January", "FROM", "Between"]
    goes_on = [" the", " 5", " 5%", " five", " US$5", " $5", " eur 5", " last year's 5%"]
    goes_on += [" the previous year's 5%", " this ", " −5", " +5", "-2024", ". 5", ".\n2024"]
    goes_on += ["  \n 2024", " twenty-one", " the prior", "uary 2024", "ember 5, 2024", "ſ"]
    tails = ["", " to 7%", " and 6%", " to 10 people", " to thirty", " to US$7 billion"]
    corners += [f"{w}{g}{t}" for w in words for g in goes_on for t in tails]
    for text in [*texts, *corners]:
        plain = [m.start() for m in _PLAIN_ANCHOR.finditer(text)]
        got = grammar_anchor.starts(text)
        assert set(got) <= set(plain), text
        assert [a for a in plain if grammar._RE.match(text, a)] == [
            a for a in got if grammar._RE.match(text, a)
        ], text


def test_the_anchor_words_match_as_under_ignorecase() -> None:
    """`WordSearch` spells the first letter of its words as literals: each letter's
    cases are what `re.IGNORECASE` lets it match, over every code point."""
    every = "".join(map(chr, range(0x110000))).replace("\n", "")
    folded = re.findall("[a-z]", every, re.IGNORECASE)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        want = [c for c in folded if re.fullmatch(letter, c, re.IGNORECASE)]
        assert sorted(grammar_anchor.cases(letter)) == sorted(want), letter


def test_the_sentence_ends_are_those_of_the_plain_search(texts) -> None:  # type: ignore[no-untyped-def]
    corners = _shuffled('.!;:\n "’)A1(', 30_000, 7) + _shuffled(
        ".?\t\u00a0\u2028”“a*[ A", 10_000, 8
    )
    for text in [*texts, *corners]:
        assert sentences.sentence_ends(text) == [m.span() for m in _PLAIN_END.finditer(text)]


def test_the_metric_words_are_those_of_the_plain_search(texts) -> None:  # type: ignore[no-untyped-def]
    corners = ["AUROC, auc/accuracy: F1 f1-score percentage points", "Precision recall"]
    corners += _shuffled("aucroAUC f1.-precisonPR", 20_000, 5)
    for text in [*texts, *corners]:
        want = [(m.start(), m.end(), m.group(1).lower()) for m in _PLAIN_METRIC.finditer(text)]
        assert figures._metrics_in(text) == want


def test_a_year_alone_skips_only_alternatives_that_cannot_read_it(texts) -> None:  # type: ignore[no-untyped-def]
    """The grammar skips the alternatives before `date` at a year none of them can read
    (`grammar._YEAR_ALONE`): without that guard, the pattern reads the same everywhere."""
    guard = f"(?!{grammar._YEAR_ALONE})"
    assert grammar._PATTERN.count(guard) == 1
    plain = re.compile(grammar._PATTERN.replace(guard, ""), re.VERBOSE | re.IGNORECASE)
    # a year, then every way the forms before `date` go on from a number (and others)
    goes_on = ["-", "–", "—", "to ", "to", "%", "percent", "per cent", "pp", "percentage points"]
    goes_on += ["x", "X", "×", "times more", "→ ", "-> ", "--> ", "=> ", "⇒", "-fold", ".5", "5"]
    goes_on += [",", ")", ".", "people", "T", "t", "Jan", "s", ""]
    tails = ["", "2025", "5%", "2025 years", "50%", " 5", " 2025%", "10 people", " more"]
    corners = [
        f"{year}{space}{word}{tail}"
        for year in ("2024", "1999", "(2031")
        for space in ("", " ", "  ", "\n", "\u00a0")
        for word in goes_on
        for tail in tails
    ]
    for text in [*texts, *corners]:
        for at in grammar_anchor.starts(text):
            got, want = grammar._RE.match(text, at), plain.match(text, at)
            assert (got and (got.span(), got.lastgroup, got.groups())) == (
                want and (want.span(), want.lastgroup, want.groups())
            ), text[at:]


def test_the_numbers_in_prose_are_the_tokens_of_the_plain_search(texts) -> None:  # type: ignore[no-untyped-def]
    """`unread` tries its token pattern only where a token may start: the same tokens
    as a search at every position."""
    corners = _shuffled("1203.,:-/ ax_Tpm\n", 20_000, 13) + _shuffled("1٣2.,é ", 5_000, 17)
    for text in [*texts, *corners]:
        assert [m.span() for m in unread._tokens(text)] == [
            m.span() for m in unread._TOKEN.finditer(text)
        ]


def _plain_lead_in(text: str, sentence_start: int) -> str:
    reach = max(0, sentence_start - sentences.LEAD_REACH)
    before = text[reach:sentence_start].rstrip()
    if not before.endswith(":"):
        return ""
    start = max(before.rfind(". "), before.rfind("\n\n"), -1) + 1
    if start == 0 and reach > 0:
        return ""
    lead = " ".join(before[start:].split())
    return lead if len(lead.split()) <= 8 else ""


def test_a_lead_in_is_the_one_read_from_the_stripped_text_before_its_sentence() -> None:
    """`sentences.lead_in` looks for the colon without copying the text before the
    sentence: the same lead-ins as from that text stripped."""
    for text in _shuffled("Ab :.\n\u00a0\t", 3_000, 19):
        for at in range(len(text) + 1):
            assert sentences.lead_in(text, at) == _plain_lead_in(text, at)
    long = "word " * 600 + "Results: " + "x" * 10
    for at in (len(long) - 10, 2500, 3000):
        assert sentences.lead_in(long, at) == _plain_lead_in(long, at)


def test_a_sentence_is_collapsed_as_its_whitespace_runs_say() -> None:
    """`figures._sentence` looks for the runs of spaces that collapsing shortens only
    when the collapsed text is shorter than one trailing space explains: the same runs
    as when always looked for."""
    for text in _shuffled("a \\n\\t\\u00a0\\u2028b", 5_000, 23):
        got = figures._sentence(text, 0, 0, len(text), [], [])
        runs = list(figures._WS_SHRINKS.finditer(text, got.first, len(text)))
        assert got.run_ends == [m.end() for m in runs], repr(text)
        assert got.text == " ".join(text.split())
