"""Extraction scored against every label file in ../shared/fixtures (LABELS.md).

For each `*.figures.json` (the mesa-optimization article and the Rust blog posts under
`rust-blog/`), the labelled document is parsed (`segments.parse`) and its figures
extracted (`figures.extract`); a figure matches a label when its span is exactly the
label's (line, column, end_column). Only non-date figures are scored, and an `optional`
label is scored neither way (an extracted figure on its span is neither a hit nor a false
positive; leaving it out is no miss).

Each file has a floor: the precision and recall measured on main when this test was
written, rounded down to 2 decimals, so that a regression fails. Issue 12's target is
0.97 for each, which is NOT met yet on the Rust blog posts: these floors guard what
works, they do not claim the target.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck import figures, segments

# label file (relative to ../shared/fixtures) → (precision floor, recall floor), measured
# on main (15e30dc): 65/65 and 65/65; 124/138 and 124/154; 16/20 and 16/23; raised on
# branch `names` (numbers in names, count ranges, "up to" changes, "minus 15%", "N of the",
# "less 1000 lines"):
# 65/65 and 65/65; 140/140 and 140/154; 19/19 and 19/23; raised on branch `words`
# (proportions "2/3rds", "nearly a 1/5th", "over 3/4th"; number words "six weeks",
# "roughly eight hours"): 65/65 and 65/65; 143/143 and 143/154; 21/21 and 21/23
FLOORS: dict[str, tuple[float, float]] = {
    "mesa-optimization.figures.json": (1.0, 1.0),
    "rust-blog/Rust-2017-Survey-Results.figures.json": (1.0, 0.92),
    "rust-blog/exploring-pgo-for-the-rust-compiler.figures.json": (1.0, 0.91),
}


Span = tuple[int, int, int]


def _line_columns(source: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of an offset into `source`."""
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column


def score(label_file: Path) -> tuple[float, float, int, int, int]:
    """Precision, recall, hits, non-optional labels and extracted figures of one file."""
    labels = json.loads(label_file.read_text(encoding="utf-8"))
    doc_path = (label_file.parent / labels["document"]).resolve()
    source = doc_path.read_text(encoding="utf-8")
    wanted: set[Span] = set()
    optional: set[Span] = set()
    for lab in labels["figures"]:
        if lab["kind"] == "date":
            continue
        span = (lab["line"], lab["column"], lab["end_column"])
        (optional if lab.get("optional") else wanted).add(span)
    got: set[Span] = set()
    for fig in figures.extract(segments.parse(str(doc_path), source)):
        if fig.parsed.kind == "date":
            continue
        line, col = _line_columns(source, fig.offset)
        end_line, end_col = _line_columns(source, fig.offset + len(fig.parsed.text))
        if end_line != line:
            end_col = -1  # a figure across lines never matches a one-line label
        got.add((line, col, end_col))
    got -= optional
    hits = len(got & wanted)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    return precision, recall, hits, len(wanted), len(got)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_label_scores_hold_their_floor(shared: Path, name: str) -> None:
    label_file = shared / name
    if not label_file.is_file():
        pytest.skip(f"label file {label_file} is absent")
    doc = (label_file.parent / json.loads(label_file.read_text())["document"]).resolve()
    if not doc.is_file():
        pytest.skip(f"the labelled document {doc} is absent (../shared/corpora?)")
    precision, recall, hits, n_labels, n_got = score(label_file)
    print(
        f"{name}: precision {precision:.3f} recall {recall:.3f} ({hits}/{n_got}, {hits}/{n_labels})"
    )
    p_floor, r_floor = FLOORS[name]
    assert precision >= p_floor, f"{name}: precision {precision:.3f} fell below {p_floor}"
    assert recall >= r_floor, f"{name}: recall {recall:.3f} fell below {r_floor}"


def test_every_label_file_has_a_floor(shared: Path) -> None:
    files = {str(p.relative_to(shared)) for p in shared.rglob("*.figures.json")}
    assert files == set(FLOORS), "a label file without a floor (or a floor without its file)"
