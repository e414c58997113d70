"""Linear time on any line (issue 11, item 4): the work done on figures' context grows
with the number of figures, not with its square, on a single line of thousands of them.

Work is counted, never timed: `figures.WORK` counts the context characters and the
neighbouring figures each stage examines (sentences collapsed, windows cut, spans of
other figures listed, metric words compared; MC003's characters around a figure and
MC004's candidate operands). Memory is checked the same way: the context the figures
hold (distinct sentence strings plus the spans of other figures they list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mesacheck import engine, figures, grammar
from mesacheck.config import Config
from mesacheck.grammar import Figure

# the patterns of the issue (`1% 1% …` took 78 s and 1.45 GB at 40 KB before)
PATTERNS = ["1% ", "\\$1 ", "2020-", "12-78% ", "30× "]
_BLOCK = 1000  # repetitions scanned once, then shifted, to build a line of many more


def _line(pattern: str, n: int) -> tuple[str, list[grammar.Figure]]:
    """A line of `pattern` repeated n times (a multiple of `_BLOCK`) and its figures.

    One block is scanned and its figures shifted along the line: scanning 100,000
    figures would cost the suite seconds, and is not what is measured here."""
    block = grammar.scan(pattern * _BLOCK)
    width = len(pattern) * _BLOCK
    found = [
        Figure(f.kind, f.values, f.halfwidths, f.unit, f.qualifier, a + j, b + j, f.text)
        for j in range(0, n // _BLOCK * width, width)
        for f, a, b in ((f, f.start, f.end) for f in block)
    ]
    return pattern * n + "\n", found


def _context_work(pattern: str, n: int) -> tuple[int, int, int]:
    """(figures, work counted, context held) for the context phase of a line."""
    text, found = _line(pattern, n)
    figures.WORK.clear()
    held: dict[int, int] = {}
    spans = 0
    count = 0
    for _fig, _s, sentence, _at, others in figures._contexts(text, 0, found):
        held[id(sentence)] = len(sentence)
        spans += len(others)
        count += 1
    return count, sum(figures.WORK.values()), sum(held.values()) + spans


@pytest.mark.parametrize("pattern", PATTERNS)
def test_shifted_block_is_what_the_scanner_finds(pattern: str) -> None:
    """The figures `_line` builds are those of the whole line (so the growth below is
    measured on what a real line holds)."""
    text, found = _line(pattern, 2 * _BLOCK)
    assert [(f.start, f.end, f.text) for f in found] == [
        (f.start, f.end, f.text) for f in grammar.scan(text)
    ]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_context_work_grows_linearly_to_100k_figures(pattern: str) -> None:
    small_n, small_work, small_held = _context_work(pattern, 1_000)
    big_n, big_work, big_held = _context_work(pattern, 100_000)
    assert big_n == 100 * small_n > 0
    # 100 times the figures: 100 to 120 times the work and the context held (the windows
    # at the ends of a line are shorter; a line of 1,000 figures may be short enough to
    # need none), where work per figure over the whole sentence would be 10,000 times
    assert big_work / small_work <= 125, (small_work, big_work)
    assert big_held / small_held <= 125, (small_held, big_held)
    # the work per figure is the same within a small factor
    per_small, per_big = small_work / small_n, big_work / big_n
    assert 1 / 3 <= per_big / per_small <= 3, (per_small, per_big)


def test_long_sentence_context_is_a_window_around_the_figure() -> None:
    """A figure deep in a long line keeps a bounded window of it, with the figure inside
    it at its place, and at most 32 neighbours either side."""
    text, found = _line("1% ", 10_000)
    got = list(figures._contexts(text, 0, found))
    fig, _s, sentence, at, others = got[5_000]
    assert sentence[at : at + len(fig.text)] == fig.text == "1%"
    assert 3 * figures._BLOCK <= len(sentence) <= 3 * figures._BLOCK + 128
    assert len(others) == 2 * figures._NEIGHBOURS
    assert all(sentence[a:b] == "1%" for a, b in others)
    # the figures of one block share one window string
    assert got[5_001][2] is sentence


def _run(tmp_path: Path, pattern: str, n: int) -> tuple[int, int, int]:
    """(figures, work counted, context held) for a whole check of a one-line file:
    read, parse, extract, resolve, every rule."""
    path = tmp_path / f"line-{n}.md"
    path.write_text(pattern * n + "\n", encoding="utf-8")
    figures.WORK.clear()
    cfg = Config(root=tmp_path)
    result = engine.check([path], cfg, jobs=1)
    assert not result.coverage.unreadable
    work = sum(figures.WORK.values())
    held: dict[int, int] = {}
    spans = 0
    resolutions = engine.resolve_files([path], cfg)
    for r in resolutions:
        held[id(r.figure.sentence)] = len(r.figure.sentence)
        spans += len(r.figure.others)
    return len(resolutions), work, sum(held.values()) + spans


@pytest.mark.parametrize("pattern", ["\\$1 30× ", "97% 8.7% → 0.3% "])
def test_whole_check_grows_linearly(tmp_path: Path, pattern: str) -> None:
    """segments.parse → figures.extract → resolution → the rules, on a line of 1,000
    and of 10,000 figures: amounts beside multipliers and a percentage beside changes
    make MC004 look for operands (the other patterns are measured above, by stage)."""
    per = len(grammar.scan(pattern * 100)) / 100  # figures per repetition
    small_n, small_work, small_held = _run(tmp_path, pattern, round(1_000 / per))
    big_n, big_work, big_held = _run(tmp_path, pattern, round(10_000 / per))
    assert big_n == 10 * small_n >= 1_000
    assert big_work / small_work <= 12.5, (small_work, big_work)
    assert big_held / small_held <= 12.5, (small_held, big_held)
    assert figures.WORK["MC003.local"] > 0
    if "×" in pattern or "→" in pattern:
        assert figures.WORK["MC004.candidates"] > 0
