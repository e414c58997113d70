"""The sentences of a segment's text, as extraction reads them: where they end, the
sentence around a figure, and the short lead-in ("Results:") a sentence may follow.

`figures` puts each figure in its sentence; `harvest` asks for one span's sentence
(`sentence_bounds`).
"""

from __future__ import annotations

import bisect
import re

# A sentence ends at . ! ? followed by space and a capital, quote or digit; or at a blank line.
# An end is the space after the mark (or the blank line); the pattern opens on the mark
# (or the line break), so that `re` skips in C to the next one: where an end's pattern
# opens on a lookahead, `re` calls its matcher at every position (2x slower). After ; or :
# an end is taken only where a blank line does not start (the order of the alternatives
# when each opened on the space: tests/test_fast_patterns.py keeps that pattern as reference).
_SENTENCE_END = re.compile(
    r"[.!?;:\n](?:(?<=[.!?])[\"'”’)]*\s+(?=[A-Z\"“(\[0-9*])|(?<=\n)\s*\n"
    r"|(?<=[;:])(?!\n\s*\n)\s+(?=[A-Z]))"
)
_ABBREV = re.compile(r"(?:\b(?:al|e\.g|i\.e|etc|vs|Dr|Mr|Ms|Fig|No|approx|cf)\.)$")


class Sentences:
    """Where the sentences of one text end, found once for all its figures; whether an
    end follows an abbreviation ("et al.") is checked only for the ends a figure asks about.

    Linear: the ends are found in one regex pass; each end is checked at most once (a
    six-character look), and a walk past ends that are not real ("et al. 1% et al. 2% …")
    records where it stopped for every end it passed, so no end is walked twice.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = sentence_ends(text)
        self.starts_at = [a for a, _ in self.ends]
        self.stops_at = [b for _, b in self.ends]
        self._valid: dict[int, bool] = {}
        self._back: dict[int, int] = {}  # end j → the last real end ≤ j (-1: none)
        self._ahead: dict[int, int] = {}  # end j → the first real end ≥ j (len: none)

    def _real(self, j: int) -> bool:
        ok = self._valid.get(j)
        if ok is None:
            a = self.ends[j][0]
            ok = self._valid[j] = not _ABBREV.search(self.text[max(0, a - 6) : a])
        return ok

    def _walk(self, j: int, step: int, stop: int, memo: dict[int, int]) -> int:
        """The first real end from end j on, going by `step`; `stop` when there is none."""
        passed = []
        while j != stop:
            got = memo.get(j)
            if got is not None:
                j = got
                break
            if self._real(j):
                break
            passed.append(j)
            j += step
        for p in passed:
            memo[p] = j
        return j

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence that holds [start, end)."""
        s, e = 0, len(self.text)
        if not self.ends:
            return s, e  # (one sentence: most cells and headings)
        j = self._walk(bisect.bisect_right(self.stops_at, start) - 1, -1, -1, self._back)
        if j >= 0:
            s = self.ends[j][1]
        n = len(self.ends)
        j = self._walk(bisect.bisect_left(self.starts_at, end), 1, n, self._ahead)
        if j < n:
            e = self.ends[j][0]
        return s, e


def sentence_ends(text: str) -> list[tuple[int, int]]:
    """Where each sentence end of `text` is: the space after its mark, or a blank line."""
    return [(m.start() + (text[m.start()] != "\n"), m.end()) for m in _SENTENCE_END.finditer(text)]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of `text` that holds [start, end), as extraction reads sentences
    (for a single span; `extract` finds a text's sentence ends once for all figures)."""
    return Sentences(text).around(start, end)


LEAD_REACH = 2000  # characters looked at before a sentence for its lead-in


def lead_in(text: str, sentence_start: int) -> str:
    """The previous sentence when it is a short lead-in ending in a colon.

    Linear: only the last `LEAD_REACH` characters before the sentence are looked at (a
    lead-in has at most eight words), not all the text before it, once per sentence.
    """
    reach = max(0, sentence_start - LEAD_REACH)
    i = sentence_start - 1  # the last character before the sentence but spaces
    while i >= reach and text[i].isspace():
        i -= 1
    if i < reach or text[i] != ":":
        return ""  # (most sentences: told without a copy of the text before them)
    before = text[reach : i + 1]
    start = max(before.rfind(". "), before.rfind("\n\n"), -1) + 1
    if start == 0 and reach > 0:
        return ""  # no sentence start within reach: far more than eight words
    lead = " ".join(before[start:].split())
    return lead if len(lead.split()) <= 8 else ""
