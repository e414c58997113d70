"""No range is read as its first number (issue 12's bar), over real prose.

Over every Markdown file of ../shared/corpora/rust-blog (750 real posts) and
../shared/fixtures, no currency or percent figure may be directly followed by `-`, `–`,
`—` or `to` and another number of the same kind: such a figure is the first end of a
range ("$2-5B/year" read as "$2") or of a change ("from $300,000/year to $325,000/year").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesacheck import figures, segments

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpora" / "rust-blog" / "content"
FIXTURES = SHARED / "fixtures"

_SEP = r"(?:\s?[-–—]\s?|\s+to\s+)"
# what follows a first end: another number of the same kind
FOLLOWED = {
    "currency": re.compile(
        r"(?:\s?/\s?[a-z]+|\s(?:per|a)\s[a-z]+)?"  # a rate left out of the figure
        + _SEP
        + r"(?:\\?[$€£¥]\s?\d|(?:US\$|USD|EUR|GBP)\s?\d"
        r"|\d[\d,.]*\s?(?:[KMBT]|bn|thousand|million|billion|trillion)\b)"
    ),
    "percent": re.compile(_SEP + r"[~≈]?[−+-]?\d[\d,.]*\s?(?:%|percent\b|per\s?cent\b)"),
}


def first_ends(path: Path) -> tuple[list[str], int]:
    """The currency and percent figures of a file followed by another of their kind
    (each with what follows it), and how many such figures the file has."""
    source = path.read_text(encoding="utf-8")
    found, seen = [], 0
    for fig in figures.extract(segments.parse(str(path), source)):
        follows = FOLLOWED.get(fig.parsed.kind)
        if follows is None:
            continue
        seen += 1
        end = fig.offset + len(fig.parsed.text)
        assert source[fig.offset : end] == fig.parsed.text, f"{path}: span of {fig.parsed.text!r}"
        m = follows.match(source, end)
        if m is not None:
            found.append(f"{path.name}:{fig.line}: {source[fig.offset : m.end()]!r}")
    return found, seen


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.md") if p.name not in ("LABELS.md", "README.md"))


def test_the_check_sees_a_first_end(tmp_path: Path) -> None:
    # the check itself: a currency figure followed by the rest of a range is caught
    assert FOLLOWED["currency"].match("-5B/year") and FOLLOWED["currency"].match(" to $72B")
    assert FOLLOWED["currency"].match("/year to $325,000/year")
    assert FOLLOWED["percent"].match("–78%") and not FOLLOWED["percent"].match(" to 2024")
    assert FOLLOWED["percent"].match(" to +5%") and FOLLOWED["percent"].match(" to −2%")
    doc = tmp_path / "a.md"
    doc.write_text("Spending is $2 - or $3 - 5 apples; and 12% to 2024.\n", encoding="utf-8")
    assert first_ends(doc) == ([], 2)
    # the forms issue 12 names are each one figure, none the first end of another
    doc.write_text(
        "It went from 20% in 2023 to 45% in 2024, from 10-30% to 78%, from −5% to +5%;\n"
        "spending is $2-5B/year, $700M-1.25B, €3–4 billion, $100-300B+ and $750K-\\$2M.\n",
        encoding="utf-8",
    )
    assert first_ends(doc) == ([], 0)  # no currency or percent figure at all: all whole
    read = figures.extract(segments.parse(str(doc), doc.read_text(encoding="utf-8")))
    assert [f.parsed.kind for f in read] == ["change"] * 3 + ["range"] * 5


@pytest.mark.parametrize(
    ("root", "at_least"), [(CORPUS, 100), (FIXTURES, 10)], ids=["rust-blog", "fixtures"]
)
def test_no_currency_or_percent_figure_is_the_first_end_of_a_range(
    root: Path, at_least: int
) -> None:
    if not root.is_dir():
        pytest.skip(f"{root} is absent (../shared beside the repository)")
    misread, seen = [], 0
    for path in _files(root):
        found, n = first_ends(path)
        misread += found
        seen += n
    print(f"{root}: {seen} currency and percent figures")
    assert seen >= at_least, "too few figures for the check to mean anything"
    assert misread == [], "\n".join(misread)
