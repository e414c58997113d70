"""The two Markdown front ends give the same figures, spans and context.

markdown-it-pyrs (markdown-it in Rust) is about ten times faster than markdown-it-py and
is used when installed; this holds it to markdown-it-py's results on real text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mesacheck import figures, segments

ROOT = Path(__file__).resolve().parent.parent
pytest.importorskip("markdown_it_pyrs")

TRICKY = """\
---
title: "T"
summary: "In 12-78% of cases (2024)."
---
# Heading with 30× and café 12%

Ünïcödé → 8.7% → 0.3% and \\$152B vs \\$100M (2,500× gap).
A second line with [a link 33%](https://x.org/5%) and `code 9%` and <https://y.org/7%>.

> quoted 12% here
>
> - nested *item* with 40-70%
>   and **bold 6,000 examples**

1. First 16 frontier models
   continued ~~gone 3%~~

| Study | Year | Result |
| --- | :---: | ---: |
| **Alpha** é | 2024 | 0% → 20% misaligned |
| Beta | 2025 Feb | greater than 99% AUROC |
| Gamma | — | no figure here |

Hard\
break &amp; 45% entity and ![alt 5%](img.png) image.

It fell 30× <!-- claim: x.y --> and 20% <!-- mesacheck: ignore MC001 -- a reason -->.

<!-- mesacheck: disable -->
Hidden 11%.
<!-- mesacheck: enable -->

```
fenced 77%
```
"""


def _key(path: str, source: str, backend: str) -> list[tuple]:
    doc = segments.parse(path, source, backend=backend)
    figs = figures.extract(doc)
    return [
        (
            f.line,
            f.column,
            f.end_column,
            f.text,
            f.sentence,
            f.at,
            f.row,
            f.header,
            f.headings,
            f.lead,
            f.marker,
            f.passage,
        )
        for f in figs
    ] + [("comment", c.text, c.offset) for c in doc.comments]


def _documents() -> list[tuple[str, str]]:
    docs = [("tricky.md", TRICKY)]
    for p in (ROOT / "examples").glob("*.md"):
        docs.append((p.name, p.read_text(encoding="utf-8")))
    shared = ROOT.parent / "shared" / "fixtures" / "mesa-optimization.md"
    if shared.is_file():
        docs.append((shared.name, shared.read_text(encoding="utf-8")))
    # shuffled paragraphs of the example: other neighbours, other tables
    example = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    blocks = example.split("\n\n")
    rng = random.Random(7)
    for n in range(3):
        rng.shuffle(blocks)
        docs.append((f"shuffled-{n}.md", "\n\n".join(blocks)))
    return docs


@pytest.mark.parametrize(("name", "source"), _documents(), ids=lambda v: str(v)[:20])
def test_same_segments_from_both_parsers(name: str, source: str) -> None:
    py = _key(name, source, "markdown-it-py")
    rs = _key(name, source, "markdown-it-pyrs")
    assert py, "the document should have figures"
    assert rs == py


def test_generated_corpus_if_present(tmp_path: Path) -> None:
    generator = ROOT / "bench" / "generate.py"
    if not generator.is_file():
        pytest.skip("bench/generate.py not present")
    import subprocess
    import sys

    subprocess.run(
        [
            sys.executable,
            str(generator),
            str(tmp_path),
            "--articles",
            "12",
            "--claims",
            "50",
            "--seed",
            "3",
        ],
        check=True,
        capture_output=True,
    )
    docs = sorted(tmp_path.rglob("*.md"))
    assert docs
    for p in docs:
        source = p.read_text(encoding="utf-8")
        assert _key(p.name, source, "markdown-it-pyrs") == _key(p.name, source, "markdown-it-py"), (
            p.name
        )


# Markdown-ish strings from markup and figure pieces: where the two parsers once read
# emphasis, tables, HTML and front matter differently (tests/adversarial/ pins each case)
_PIECES = [
    *"*_~`[]()!<>#|-\n \\$%€£×→.,:\t",
    *("8", "4", "3", "2020", "M", "a", "Feb ", "percent", "**", "__", "> ", "- ", "|-"),
    *("\n\n", "~~", "<n>", "&amp;", "1)", "<!--", "-->", "www.a", "---", "5 billion"),
    *("12-78%", "from ", " to ", "between "),
]


def _figures_of(source: str, backend: str) -> list[tuple[int, int, str]]:
    doc = segments.parse("t.md", source, backend=backend)
    out = []
    for f in figures.extract(doc):
        assert f.text == source[f.offset : f.offset + len(f.text)]  # the source, as written
        out.append((f.offset, f.end_column, f.text))
    return out


def test_both_parsers_find_the_same_figures_on_generated_markdown() -> None:
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies

    @hypothesis.settings(max_examples=300, deadline=None, derandomize=True, database=None)
    @hypothesis.given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).map("".join))
    def same(source: str) -> None:
        assert _figures_of(source, "markdown-it-pyrs") == _figures_of(source, "markdown-it-py")

    same()
