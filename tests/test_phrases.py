"""Subject phrases are found in a sentence by plain string search: the same places as the
regular expression they stand for, without compiling one per phrase."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from mesacheck.resolve import _Phrase

PIECES = ["a", "b", "ab", "ba", "1", " ", "  ", "\n", "\t", "-", "é", "x y", "ab ab", "b a", "."]


def _regex_spans(text: str, phrase: str) -> list[tuple[int, int]]:
    words = r"\s+".join(re.escape(w) for w in phrase.split())
    pattern = re.compile(r"(?<![a-z0-9])" + words + r"(?![a-z0-9])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=16).map("".join),
    st.sampled_from(["ab", "a b", "ab ba", "b", "1 a", "ab ab", "x", "ba b a", "é a"]),
)
def test_phrase_spans_are_the_regex_matches(text: str, phrase: str) -> None:
    ph = _Phrase(phrase, len(phrase.split()), False)
    expected = _regex_spans(text, phrase)
    assert ph.spans(text) == expected
    assert ph.spans(text, first=True) == expected[:1]


def test_phrase_in_a_real_sentence() -> None:
    sentence = "the alignment faking rate rose to 78% (alignment-faking, retrained models)"
    ph = _Phrase("alignment faking", 2, False)
    normalised = sentence.replace("-", " ")
    assert ph.spans(normalised) == [(4, 20), (39, 55)]
    assert ph.spans("misalignment faking") == []  # not inside a longer word
