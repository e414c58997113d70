"""Prose wherever a reader sees it (issue 12, item 3): image alt text, link text, table
cells (header cells too), block quotes and front-matter prose fields are read as prose,
with exact positions, by both parsers. The sentences are real, quoted from
../shared/corpora/rust-blog (file:line beside each) and the shipped example."""

from __future__ import annotations

import pytest

from mesacheck import figures, segments

BACKENDS = ("markdown-it-py", "markdown-it-pyrs")


def read(source: str, backend: str) -> list[tuple[int, int, str, str]]:
    """(line, column, text, where) of every figure; each span checked against the line."""
    pytest.importorskip({"markdown-it-py": "markdown_it"}.get(backend, "markdown_it_pyrs"))
    doc = segments.parse("t.md", source, backend=backend)
    lines = source.split("\n")
    out = []
    for f in figures.extract(doc):
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text
        out.append((f.line, f.column, f.text, f.where))
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_image_alt_text(backend: str) -> None:
    # five-years-of-rust/index.md (the alt text of the crater chart)
    src = (
        "Here is the chart.\n\n"
        "![The performance of 1000 crates (on the x-axis) plotted against their slowdown "
        "factor (logarithmic) on the y-axis.](visualization.png)\n"
    )
    assert read(src, backend) == [(3, 22, "1000 crates", "paragraph")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_image_alt_text_inside_a_link_and_reference_images(backend: str) -> None:
    src = "[![Badge: 95% coverage](badge.svg)](https://ci.example)\n\n![ref 33% alt][img]\n\n[img]: http://x/y.png\n"
    assert read(src, backend) == [(1, 11, "95%", "paragraph"), (3, 7, "33%", "paragraph")]


@pytest.mark.parametrize("backend", BACKENDS)
def test_link_text(backend: str) -> None:
    # Updating-musl-1.2.5.md:20 and Planning-2021-Roadmap.md:42
    src = (
        "A crater run in July 2024 found only about 2.4% of Rust projects were still "
        "affected. [A crater run in June 2025 found 1.5% of Rust projects were affected]"
        "(https://github.com/rust-lang/rust/pull/142682#issuecomment-3002514461).\n\n"
        "- Compiler performance work continues, with wins of [10-30%](https://perf.rust-lang"
        ".org/compare.html?start=2020-01-01&end=&stat=instructions%3Au) on many of our benchmarks\n"
    )
    got = read(src, backend)
    texts = [(t, w) for _, _, t, w in got]
    assert ("1.5%", "paragraph") in texts and ("10-30%", "paragraph") in texts
    assert ("about 2.4%", "paragraph") in texts
    # the link target is not prose: 142682, 3002514461, 2020-01-01 and 3 are not figures
    assert not any("2020" in t or "142682" in t for t, _ in texts)


@pytest.mark.parametrize("backend", BACKENDS)
def test_block_quotes_nested_too(backend: str) -> None:
    # what-does-it-take-to-ship-rust-in-safety-critical.md:69
    src = (
        "> \"Roughly 90% of what we used to check with external tools is built into Rust's "
        'compiler." -- Principal Firmware Engineer (mobile robotics)\n>\n> > Nested: 300 crates\n'
    )
    assert read(src, backend) == [
        (1, 4, "Roughly 90%", "paragraph"),
        (3, 13, "300 crates", "paragraph"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_table_cells_header_cells_and_cells_in_quotes(backend: str) -> None:
    # inside-rust/call-for-testing-hint-mostly-unused.md:62 (a body row); a header cell
    # holding a figure is prose a reader sees as well
    src = (
        "| Crate | Share of 40% builds | After |\n"
        "|---|---|---|\n"
        "| `windows`, all Graphics/UI features | 18.3s | 10.7s |\n"
        "| ![cell alt 17%](x.png) | [link 23%](u) | x |\n\n"
        "> | q | r |\n> |---|---|\n> | 40% | x |\n"
    )
    assert read(src, backend) == [
        (1, 20, "40%", "cell"),
        (3, 41, "18.3s", "cell"),  # durations, read by the grammar's units
        (3, 49, "10.7s", "cell"),
        (4, 14, "17%", "cell"),
        (4, 34, "23%", "cell"),
        (8, 5, "40%", "cell"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_yaml_front_matter_prose_fields_only(backend: str) -> None:
    # the shipped example's front matter keys, with figures put in its prose fields
    src = (
        "---\n"
        "numericId: E197\n"
        "title: Mesa-Optimization in 12 parts\n"
        'description: "Adoption grew to 45% of teams"\n'
        "summary: >\n"
        "  We surveyed 3,000 developers.\n"
        "quality: 63\n"
        "---\n\nBody.\n"
    )
    assert read(src, backend) == [
        (4, 32, "45%", "front-matter"),
        (6, 15, "3,000 developers", "front-matter"),
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_footnote_text_and_html_blocks(backend: str) -> None:
    """A footnote's text is prose; HTML is not (DESIGN.md "Not figures"), but Markdown
    between HTML blocks is."""
    src = (
        "Text[^1] here.\n\n[^1]: The footnote says 35% of users.\n\n"
        "<details><summary>Summary 12%</summary>\n\nInside details 55% read.\n\n</details>\n"
    )
    assert read(src, backend) == [(3, 25, "35%", "paragraph"), (7, 16, "55%", "paragraph")]
