"""Markdown segments: exact positions everywhere, and prose only."""

from __future__ import annotations

from mesacheck import figures, segments


def figs(source: str) -> list[tuple[int, int, int, str]]:
    doc = segments.parse("t.md", source)
    out = []
    lines = source.split("\n")
    for f in figures.extract(doc):
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text
        out.append((f.line, f.column, f.end_column, f.text))
    return out


def test_positions_in_tables_front_matter_and_after_escapes() -> None:
    src = (
        "---\n"
        "title: T\n"
        "quality: 63\n"
        'summary: "Faking in 12-78% of cases."\n'
        "---\n"
        "# Heading with 30×\n"
        "\n"
        "| Metric | Value |\n"
        "| --- | :--- |\n"
        "| **Funding** | \\$100M vs \\$152B (2,500×) |\n"
        "\n"
        "A paragraph that wraps\n"
        "onto a second line at 8.7% → 0.3% here.\n"
    )
    assert figs(src) == [
        (4, 21, 27, "12-78%"),
        (6, 16, 19, "30×"),
        (10, 17, 23, "\\$100M"),
        (10, 27, 33, "\\$152B"),
        (10, 35, 41, "2,500×"),
        (13, 23, 34, "8.7% → 0.3%"),
    ]


def test_not_figures_code_urls_comments_metadata_lists() -> None:
    src = (
        "---\n"
        "numericId: E197\n"
        "readerImportance: 18.5\n"
        "---\n"
        "1. First item with `12%` in code and [a link](https://x.org/2025/12%25) here.\n"
        "2. See <https://example.com/30x> and https://example.org/a-99%-page too.\n"
        "\n"
        "<!-- a comment saying 45% -->\n"
        "\n"
        "```\n"
        "fenced 77%\n"
        "```\n"
        "\n"
        "    indented 88%\n"
        "\n"
        "<div>raw html 66%</div>\n"
        "\n"
        "Real: 13% of runs.[^1]\n"
        "\n"
        "[^1]: Footnote text.\n"
    )
    assert [f[3] for f in figs(src)] == ["13%"]


def test_link_text_is_prose_but_target_is_not() -> None:
    src = "The [FLI index found 33%](https://futureoflife.org/index-2025-33) of labs.\n"
    assert [f[3] for f in figs(src)] == ["33%"]


def test_blockquotes_and_nested_lists_keep_columns() -> None:
    src = (
        "> quoted 12% here\n>\n> - nested item with 40-70%\n\n"
        "* star 5×\n  continued 6,000 examples\n"
    )
    assert figs(src) == [
        (1, 10, 13, "12%"),
        (3, 22, 28, "40-70%"),
        (5, 8, 10, "5×"),
        (6, 13, 27, "6,000 examples"),
    ]


def test_context_sentence_row_header_headings() -> None:
    src = (
        "# Top\n\n## Funding\n\n"
        "| Item | Amount |\n| --- | --- |\n| Safety | about \\$100M |\n\n"
        "First sentence. Deliberative alignment cut scheming 30×. Last one.\n"
    )
    doc = segments.parse("t.md", src)
    cell, para = figures.extract(doc)
    assert cell.header == "Amount" and "Safety" in cell.row
    assert cell.headings == ("Top", "Funding")
    assert para.sentence == "Deliberative alignment cut scheming 30×."
    assert para.sentence[para.at : para.at + len(para.text)] == "30×"


def test_explicit_marker_after_figure() -> None:
    src = "It fell 30× <!-- claim: deliberative-alignment.reduction --> in tests.\n"
    (f,) = figures.extract(segments.parse("t.md", src))
    assert f.marker == "deliberative-alignment.reduction"


def test_broken_markdown_still_parses() -> None:
    src = "| a | b\n|---\n**unclosed 12% [link( 30×\n```\nnever closed 99%\n"
    assert [f[3] for f in figs(src)] == ["12%", "30×"]
