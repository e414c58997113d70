"""Prose wherever a reader sees it (issue 12, item 3): TOML (`+++`) front matter, image
alt text and link text are read; keys, dates and paths of front matter, an image's title
attribute and a link's target are not. Real posts of the Rust blog corpus, and made-up
cases for what the corpus does not hold (escapes, multi-line strings, tables)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesacheck import figures, segments

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "rust-blog"
BACKENDS = ("markdown-it-py", "markdown-it-pyrs")


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (CORPUS / "content").is_dir():
        pytest.skip(f"needs ../shared/corpora/rust-blog beside the repository (looked in {CORPUS})")
    return CORPUS / "content"


def _segs(source: str, backend: str) -> list[tuple[str, int, str, str, str]]:
    doc = segments.parse("t.md", source, backend=backend)
    return [(s.kind, s.offset, s.text, s.view, s.fm_field) for s in doc.segments]


def _figs(source: str, backend: str) -> list[tuple[str, int, int, str]]:
    doc = segments.parse("t.md", source, backend=backend)
    return [(f.parsed.text, f.line, f.column, f.parsed.kind) for f in figures.extract(doc)]


def _agree(source: str) -> list[tuple[str, int, str, str, str]]:
    """The segments of `source`, the same from both backends."""
    a, b = (_segs(source, backend) for backend in BACKENDS)
    assert a == b
    return a


# --- TOML front matter: made-up cases ----------------------------------------------------

TOML = """+++
path = "2014/12/12/1.0-Timeline"
title = "Rust 1.0 in 42 days"
date = 2014-12-12
authors = ["Ann", \"\"\"Bo
description = "not a field: inside another string"\"\"\"]
description = "We ship \\"25%\\" faster builds, \\u20ac5 cheaper"
# a comment: 17 apples
summary = '''
Up to 30% less memory'''

[extra]
llmSummary = "12 cats in a table: not top-level"
+++

The body has 7 dogs.
"""


def test_toml_front_matter_reads_only_top_level_prose_fields() -> None:
    segs = _agree(TOML)
    fm = [s for s in segs if s[0] == "front-matter"]
    assert [s[4] for s in fm] == ["description", "summary"]
    for _, offset, text, _, _ in fm:  # a masked copy: every kept character is the file's
        raw = TOML[offset : offset + len(text)]
        assert all(c == " " or c == r or r == "\n" for c, r in zip(text, raw, strict=True))
    # the string's content only: no key, no quotes; escapes blanked, \u also a NUL in the view
    desc = fm[0]
    assert (
        TOML[desc[1] : desc[1] + len(desc[2])] == r"We ship \"25%\" faster builds, \u20ac5 cheaper"
    )
    assert desc[2] == "We ship   25%   faster builds,       5 cheaper"
    assert desc[3] == "We ship   25%   faster builds, " + "\x00" * 6 + "5 cheaper"
    assert fm[1][2] == "Up to 30% less memory"  # the newline after ''' is not content
    # nothing else of the block is a segment: the body's paragraph is the next one
    assert [s[0] for s in segs] == ["front-matter", "front-matter", "paragraph"]


def test_toml_front_matter_figures_have_exact_spans_and_keys_are_not_figures() -> None:
    for backend in BACKENDS:
        doc = segments.parse("t.md", TOML, backend=backend)
        found = figures.extract(doc)
        texts = [f.parsed.text for f in found]
        assert texts == ["25%", "Up to 30%", "7 dogs"]
        for f in found:
            assert TOML[f.offset : f.offset + len(f.parsed.text)] == f.parsed.text
        # path, title, date, comments, other strings and table fields are not prose
        for absent in ("2014", "42 days", "17 apples", "12 cats", "2014-12-12"):
            assert not any(absent in t for t in texts), absent


def test_toml_front_matter_offsets_hold_for_the_body() -> None:
    """The block is blanked, not cut: the body's lines and columns are the file's."""
    for backend in BACKENDS:
        found = _figs(TOML, backend)
        line = TOML.splitlines().index("The body has 7 dogs.") + 1
        assert ("7 dogs", line, 14, "count") in found


@pytest.mark.parametrize(
    "source",
    [
        '+++\ndescription = "20% more"\n',  # never closed: not front matter
        'text\n+++\ndescription = "20% more"\n+++\n',  # not at the start
        '++++\ndescription = "20% more"\n++++\n',  # not the fence
    ],
)
def test_not_toml_front_matter(source: str) -> None:
    assert all(s[0] != "front-matter" for s in _agree(source))


def test_invalid_toml_is_a_problem_and_yields_no_prose() -> None:
    source = '+++\ndescription = "20% more\ntitle = 3\n+++\n\nBody.\n'
    for backend in BACKENDS:
        doc = segments.parse("t.md", source, backend=backend)
        assert [s.kind for s in doc.segments] == []
        assert len(doc.problems) == 1 and "TOML front matter" in doc.problems[0][1]


def test_a_literal_string_is_read_as_written() -> None:
    # a literal string with a backslash: no escapes in '…', so it is read as written
    source = "+++\ndescription = 'C:\\\\dir 40% full'\n+++\n"
    fm = [s for s in _agree(source) if s[0] == "front-matter"]
    assert [s[2] for s in fm] == ["C:\\\\dir 40% full"]


def test_yaml_front_matter_unchanged() -> None:
    source = '---\ntitle: "3 things"\ndescription: "About 40% of users"\n---\n\nBody.\n'
    fm = [s for s in _agree(source) if s[0] == "front-matter"]
    assert [s[4] for s in fm] == ["description"]
    assert fm[0][2].strip() == "About 40% of users"


# --- TOML front matter: the Rust blog corpus ---------------------------------------------


def test_corpus_front_matter_is_never_a_paragraph(corpus: Path) -> None:
    """Every post opens with `+++`; no segment of any post starts inside that block, and a
    `description` with a figure is read as one."""
    posts = sorted(corpus.rglob("*.md"))
    assert len(posts) >= 700
    read = 0
    for post in posts:
        source = post.read_text(encoding="utf-8")
        block = re.match(r"\+\+\+\n.*?\n\+\+\+\n", source, re.DOTALL)
        assert block, post
        doc = segments.parse(str(post), source)
        for s in doc.segments:
            if s.offset < block.end():
                assert s.kind == "front-matter" and s.fm_field == "description", post
                line = source[: s.offset].count("\n")
                assert source.splitlines()[line].startswith("description = "), post
                read += 1
    assert read >= 40  # the corpus's 44 front-matter descriptions


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        # 'description = "As 2014 is drawing to a close, …"', 'path = "2014/12/12/1.0-Timeline"'
        ("1.0-Timeline.md", [("2014", 5, 19, "date")]),
        (
            "inside-rust/Lang-team-meeting@1.md",
            [("2019-11-14", 5, 16, "date"), ("2019-11-21", 5, 31, "date")],
        ),
        ("inside-rust/apr-steering-cycle.md", [("April 2022", 5, 36, "date")]),
    ],
)
def test_corpus_front_matter_figures(corpus: Path, post: str, expected: list) -> None:
    source = (corpus / post).read_text(encoding="utf-8")
    end = source.index("\n+++\n", 3)
    end_line = source[:end].count("\n") + 1
    for backend in BACKENDS:
        found = [f for f in _figs(source, backend) if f[1] <= end_line]
        assert found == expected, backend


# --- alt text and link text: real lines of the corpus ------------------------------------


def _line_figures(corpus: Path, post: str, line: int) -> tuple[str, list[tuple[str, int, str]]]:
    source = (corpus / post).read_text(encoding="utf-8")
    text = source.splitlines()[line - 1]
    got = []
    for backend in BACKENDS:
        found = [(t, c, k) for t, n, c, k in _figs(source, backend) if n == line]
        got.append(found)
    assert got[0] == got[1]
    for t, c, _ in got[0]:  # exact spans: the text is the line's own at that column
        assert text[c - 1 : c - 1 + len(t)] == t
    return text, got[0]


def test_image_alt_text_is_prose_its_title_is_not(corpus: Path) -> None:
    # ![Chart: 0.5% less than a day, …, 42.5% over a year](how_long_using_rust.png "0.5% less …")
    text, found = _line_figures(corpus, "Rust-2017-Survey-Results/index.md", 22)
    title = text.index('"') + 1
    assert [t for t, _, _ in found] == ["0.5%", "4.2%", "13.1%", "39.7%", "42.5%"]
    assert all(c < text.index("](") for _, c, _ in found)
    assert "0.5%" in text[title:]  # the title holds the same figures, and none is read
    text, found = _line_figures(corpus, "Rust-2017-Survey-Results/index.md", 50)
    assert [t for t, _, _ in found] == ["90.2%", "18.9%", "5%", "4.7%", "3.1%", "1.4%"]
    assert all(c < text.index("](") for _, c, _ in found)


@pytest.mark.parametrize(
    ("post", "line", "expected"),
    [
        ("Rust-1.5.md", 46, [("about 20%", 5, "percent")]),  # [by about 20%](…/pull/28521)
        # [10-30%](https://perf.rust-lang.org/compare.html?start=2020-01-01&…)
        ("Planning-2021-Roadmap.md", 42, [("10-30%", 54, "range")]),
        # [13%](…?start=2023-01-01&end=2023-10-31&stat=wall-time…)
        ("parallel-rustc/index.md", 27, [("13%", 2, "percent")]),
        ("Project-Goals-Sep-Update.md", 36, [("10 items", 4, "count")]),  # …edition-2024…
    ],
)
def test_link_text_is_prose_its_target_is_not(
    corpus: Path, post: str, line: int, expected: list
) -> None:
    _, found = _line_figures(corpus, post, line)
    assert found == expected


def test_link_text_among_prose(corpus: Path) -> None:
    # "… about 2.4% … [A crater run in June 2025 found 1.5% of Rust projects were
    # affected](…#issuecomment-3002514461)"
    text, found = _line_figures(corpus, "Updating-musl-1.2.5.md", 20)
    assert ("1.5%", 120, "percent") in found and ("June 2025", 104, "date") in found
    target = text.index("](")
    assert not any(target < c < text.index(")", target) for _, c, _ in found)
