"""Number words: "nine principles", "twenty percent", "one in five", "two-thirds", "threefold".

The tables and patterns the figure grammar (`grammar`) builds its number-word forms from,
and `word_number`, the value of a number word as written.
"""

from __future__ import annotations

import re

# Number words ("nine principles", "twenty percent", "one in five", "forty-two"): a tens
# word with an optional hyphenated unit, a teen, or a unit; \b on both sides.
_UNIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEEN_WORDS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
WORD_VALUES: dict[str, int] = {
    **{w: i + 1 for i, w in enumerate(_UNIT_WORDS)},
    **{w: i + 10 for i, w in enumerate(_TEEN_WORDS)},
    **{w: 10 * (i + 2) for i, w in enumerate(_TENS_WORDS)},
    "dozen": 12,
    "hundred": 100,
}
_WORDSTEM = (
    rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:-(?:{'|'.join(_UNIT_WORDS)}))?"
    rf"|{'|'.join(_TEEN_WORDS)}|{'|'.join(_UNIT_WORDS)})"
)
_WORDNUM = _WORDSTEM + r"\b"
# the denominators of spelled-out fractions ("two-thirds", "three quarters")
_FRACTION_WORDS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_FRACTION_WORD = (
    r"(?:halves|half|(?:third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|tenth)s?)"
)
_COMPARATIVE = r"(?:more|less|higher|lower|larger|smaller|faster|slower|greater|as)\b"
# plurals that follow a number word without being what it counts ("two others", "three
# times", "two thirds")
_TIME_NOUN = re.compile(r"(?:seconds|minutes|hours|days|weeks|months|years|decades)")
_NOT_WORD_NOUNS = frozenset("others ones times thirds halves quarters fifths tenths".split())


def word_number(w: str) -> float:
    """The value of a number word as `_WORDNUM` reads it ("forty-two" → 42)."""
    parts = re.split(r"[-\s]+", w.strip().lower())
    if parts[0] == "a":
        parts = parts[1:]
    return float(sum(WORD_VALUES[p] for p in parts))
