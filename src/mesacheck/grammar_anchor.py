"""Where a figure can start: the positions at which `grammar.scan` tries its pattern.

Every alternative of the figure grammar starts at a digit that begins a number, a sign
before a digit, a currency or bound symbol, or one of a few words (`WORDS`, the number
words of `grammar_words`). Trying the pattern only there finds every figure `scan` keeps
(a match starting inside a word or number is rejected by `scan` anyway) at a fraction of
the cost. A match inside a number or word is not even tried, so it cannot swallow a
figure that starts after it: `every_position`, the unanchored reference the anchors are
tested against, tries every other position (`_INSIDE` says which the anchors leave out).

The anchors are found by two searches, each opening on one character set, so that `re`
skips in C to the characters that may open a match and calls its matcher only there (a
pattern that opens on a lookahead or on a case-folded letter calls it at every position,
which cost a fifth of the figures stage on the bench corpus):

- `_NUMBERS`: a digit, a sign or a symbol, what must stand around it checked after it;
- `_WORDS`: a character that is not a word's, then a word (`WordSearch`).

They find the positions of one case-insensitive search for `\\b(?:word|…)` and the
numbers, left to right without overlap (tests/test_grammar.py keeps that pattern as the
reference).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mesacheck.grammar_words import _TEEN_WORDS, _TENS_WORDS, _UNIT_WORDS, _WORDSTEM
from mesacheck.lazy_re import lazy

# the words a figure can start with, in the order the anchor tries them (the first that
# matches sets where the search goes on): from, between, months, parts of a year,
# currency codes, "a dozen", "hundred", then the number words as `_WORDSTEM` reads them
# (a tens word with an optional hyphenated unit, a teen, a unit). Where a word can only
# start a figure followed by something, it is an anchor only there (the pattern fails
# anywhere else: most "from"s, "between"s and "may"s of prose are none): "from" before a
# number, a currency, a number word or "last/this/the previous/the prior"; "between"
# before a number; a month (as `grammar._MONTH` spells it) before a day or a year;
# early/mid/late before "-" and a year.
_MONTH_BEFORE_NUMBER = r"(?=[a-z]*\.?\s+\d)"  # (any letters: "Jan", "January", "Sept")
WORDS = (
    rf"from(?=\s+(?:[\d$€£¥\\−+-]|us|eur|gbp|last\s|this\s|the\s+pr|{_WORDSTEM}))",
    r"between(?=\s+\d)",
    *(m + _MONTH_BEFORE_NUMBER for m in "jan feb mar apr may jun jul aug sep oct nov dec".split()),
    *(part + r"(?=-\d)" for part in ("early", "mid", "late")),
    *"usd eur gbp".split(),
    r"us(?=\$)",  # (the "$" stays for the search after it: "US$one")
    r"a\s+dozen",
    "dozen",
    "hundred",
    *(rf"{w}(?:-(?:{'|'.join(_UNIT_WORDS)}))?" for w in _TENS_WORDS),
    *_TEEN_WORDS,
    *_UNIT_WORDS,
)

# what `re.IGNORECASE` lets an ASCII letter match besides its two cases
_FOLDS = {"i": "iIİı", "k": "kK\u212a", "s": "sSſ"}


def cases(letter: str) -> str:
    """Every character `re.IGNORECASE` lets a lowercase ASCII letter match."""
    return _FOLDS.get(letter, letter + letter.upper())


# `\W` in ASCII text
_ASCII_NON_WORD = "[^0-9A-Za-z_]"


class WordSearch:
    """Where any of some words starts in a text, in any case (as `\\b(?:w1|w2|…)` under
    `re.IGNORECASE` finds them, left to right without overlap), fast.

    `words` are lowercase patterns that open on a letter, in the order the search tries
    them; `after` is what must follow any of them. The search opens on a character that
    is not a word's (a character set: `re` skips to the next one in C), then the words by
    first letter, one alternative per case of the letter, opening on it as a literal that
    `re` tests without a call (a case-folded letter costs a call per alternative); the
    rest of each word is folded. A word opening the text is matched after a space put
    before it. In ASCII text (most prose) the opening set is spelled out (`_ASCII_NON_WORD`),
    which `re` tests in a table, where `\\W` costs a look-up in the Unicode database.
    """

    def __init__(self, words: Iterable[str], after: str = "") -> None:
        by_letter: dict[str, list[str]] = {}
        for word in words:
            by_letter.setdefault(word[0], []).append(word[1:])
        alternatives = "|".join(
            f"{case}(?i:{'|'.join(rests)})"
            for letter, rests in by_letter.items()
            for case in cases(letter)
        )
        self._re = lazy(rf"\W(?P<w>{alternatives}){after}")
        self._ascii = lazy(rf"{_ASCII_NON_WORD}(?P<w>{alternatives}){after}")
        self._letters = frozenset("".join(cases(letter) for letter in by_letter))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The span of each word found in `text`, in order."""
        search = self._ascii if text.isascii() else self._re
        first = search.match(" " + text) if text[:1] in self._letters else None
        if first is None:
            return [m.span("w") for m in search.finditer(text)]
        a, b = first.span("w")
        return [(a - 1, b - 1), *(m.span("w") for m in search.finditer(text, first.end() - 1))]


_WORDS = WordSearch(WORDS)
_AFTER_NUMBER_OPENING = (
    r"(?:(?<=\d)(?<![\d.]\d)\d*"  # a digit that starts a number (the rest of it skipped)
    r"|(?<=[$€£¥\\~<>≥≤≈∼])(?i:(?<!\bus\$))"  # a symbol ("US$" is a word's)
    r"|(?<=[−+-])(?<![\w.,+−-].)(?=\d))"  # a sign before a digit, not joined to a word
)
_NUMBERS = lazy(r"[\d$€£¥\\~<>≥≤≈∼+−-]" + _AFTER_NUMBER_OPENING)
_ASCII_NUMBERS = lazy(r"[0-9$\\~<>+-]" + _AFTER_NUMBER_OPENING)  # (a table look-up)


def starts(text: str) -> list[int]:
    """Where a figure may start in `text`, in order."""
    numbers = [m.start() for m in (_ASCII_NUMBERS if text.isascii() else _NUMBERS).finditer(text)]
    words = [a for a, _ in _WORDS.spans(text)]
    if not words:
        return numbers
    return sorted(numbers + words) if numbers else words


# a position inside a number (a digit after a digit or a dot) or inside a word (a letter
# after a word character): no figure `scan` keeps starts there
_INSIDE = lazy(r"[\d.](?=\d)|\w(?=[^\W\d_])")


def every_position(text: str) -> Iterator[int]:
    """Each position but those inside a number or word (the unanchored reference)."""
    inside = _INSIDE.match
    for i in range(len(text)):
        if i == 0 or inside(text, i - 1) is None:
            yield i
