"""Extraction scored against every label file in ../shared/fixtures (LABELS.md).

For each `*.figures.json` (the mesa-optimization article and the Rust blog posts under
`rust-blog/`), the labelled document is parsed (`segments.parse`) and its figures
extracted (`figures.extract`); a figure matches a label when its span is exactly the
label's (line, column, end_column). Only non-date figures are scored, and an `optional`
label is scored neither way (an extracted figure on its span is neither a hit nor a false
positive; leaving it out is no miss).

A matched figure *agrees* when its kind, value(s) and qualifier equal the label's (a
value to the label's own rounding: the label's 0.6667 is the figure's 2/3; a change whose
ends are ranges compares each end's low and high, LABELS.md's `[[10, 30], 78]`).

Each file has a floor for precision, recall and agreement: what the grammar reaches,
rounded down to 2 decimals, so that a regression fails. Issue 12's bar is 0.97 for each;
every file is at 1.0 (see FLOORS).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck import figures, segments
from mesacheck.grammar import Figure

# label file (relative to ../shared/fixtures) → (precision floor, recall floor), measured
# on main (15e30dc): 65/65 and 65/65; 124/138 and 124/154; 16/20 and 16/23; raised on
# branch `names` (numbers in names, count ranges, "up to" changes, "minus 15%", "N of the",
# "less 1000 lines"):
# 65/65 and 65/65; 140/140 and 140/154; 19/19 and 19/23; raised on branch `words`
# (proportions "2/3rds", "nearly a 1/5th", "over 3/4th"; number words "six weeks",
# "roughly eight hours"): 65/65 and 65/65; 143/143 and 143/154; 21/21 and 21/23
# raised on branch `g12` (signs, ratios, changes with range ends, doubling words, "from
# one to twenty"): 65/65, 65/65, agreement 65/65; 144/144, 144/154, 142/144; 23/23, 23/23,
# 23/23; then "no category above 5%" read as `lte`, a bound whose noun its siblings name
# ("2.1% over 100000" lines), "single-digit percentage": Survey 146/146, 146/154,
# 146/146 (the label's 0.6667 for "2/3rds" is 2/3 to its 4 places); raised on branch
# `s3unr`: a chart's data in alt text ("chart: 666 company doesn't use Rust, 425 Rust is
# too intimidating…", line 110: each bare number a chart value, a count whose noun the
# chart leaves out, as LABELS.md's "named by the sibling items of the same list or
# chart"; grammar_groups): Survey 154/154, 154/154, 154/154.
FLOORS: dict[str, tuple[float, float, float]] = {
    "mesa-optimization.figures.json": (1.0, 1.0, 1.0),
    "rust-blog/Rust-2017-Survey-Results.figures.json": (1.0, 1.0, 1.0),
    "rust-blog/exploring-pgo-for-the-rust-compiler.figures.json": (1.0, 1.0, 1.0),
}


Span = tuple[int, int, int]


def _line_columns(source: str, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of an offset into `source`."""
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column


def _flat(value: object) -> list[float]:
    if isinstance(value, list):
        return [x for v in value for x in _flat(v)]
    return [float(value)]  # type: ignore[arg-type]


def _equal(got: float, label: float) -> bool:
    """`got` equals `label` to the label's own rounding (0.6667 is 2/3)."""
    text = repr(label)
    decimals = len(text.split(".", 1)[1]) if "." in text and "e" not in text else 0
    return abs(got - label) <= max(
        0.5 * 10.0**-decimals if decimals >= 3 else 0.0, 1e-9 * max(1.0, abs(label))
    )


def agrees(fig: Figure, label: dict[str, object]) -> bool:
    """Kind, value(s) and qualifier of a figure equal its label's."""
    if fig.kind != label["kind"] or fig.qualifier != label["qualifier"]:
        return False
    value = label["value"]
    if fig.ends and isinstance(value, list) and any(isinstance(v, list) for v in value):
        got = [x for end in fig.ends for x in (end if end[0] != end[1] else end[:1])]
    else:
        got = list(fig.values)
    want = _flat(value)
    return len(got) == len(want) and all(_equal(g, w) for g, w in zip(got, want, strict=True))


def score(label_file: Path) -> tuple[float, float, int, int, int, int]:
    """Precision, recall, hits, non-optional labels, extracted figures, and how many hits
    agree with their label in kind, value and qualifier, of one file."""
    labels = json.loads(label_file.read_text(encoding="utf-8"))
    doc_path = (label_file.parent / labels["document"]).resolve()
    source = doc_path.read_text(encoding="utf-8")
    wanted: dict[Span, dict[str, object]] = {}
    optional: set[Span] = set()
    for lab in labels["figures"]:
        if lab["kind"] == "date":
            continue
        span = (lab["line"], lab["column"], lab["end_column"])
        if lab.get("optional"):
            optional.add(span)
        else:
            wanted[span] = lab
    got: dict[Span, Figure] = {}
    for fig in figures.extract(segments.parse(str(doc_path), source)):
        if fig.parsed.kind == "date":
            continue
        line, col = _line_columns(source, fig.offset)
        end_line, end_col = _line_columns(source, fig.offset + len(fig.parsed.text))
        if end_line != line:
            end_col = -1  # a figure across lines never matches a one-line label
        got[(line, col, end_col)] = fig.parsed
    for span in optional:
        got.pop(span, None)
    matched = got.keys() & wanted.keys()
    hits = len(matched)
    agreed = sum(agrees(got[span], wanted[span]) for span in matched)
    precision = hits / len(got) if got else 1.0
    recall = hits / len(wanted) if wanted else 1.0
    return precision, recall, hits, len(wanted), len(got), agreed


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_label_scores_hold_their_floor(shared: Path, name: str) -> None:
    label_file = shared / name
    if not label_file.is_file():
        pytest.skip(f"label file {label_file} is absent")
    doc = (label_file.parent / json.loads(label_file.read_text())["document"]).resolve()
    if not doc.is_file():
        pytest.skip(f"the labelled document {doc} is absent (../shared/corpora?)")
    precision, recall, hits, n_labels, n_got, agreed = score(label_file)
    agreement = agreed / hits if hits else 1.0
    print(
        f"{name}: precision {precision:.3f} recall {recall:.3f} agreement {agreement:.3f}"
        f" ({hits}/{n_got}, {hits}/{n_labels}, {agreed}/{hits})"
    )
    p_floor, r_floor, a_floor = FLOORS[name]
    assert precision >= p_floor, f"{name}: precision {precision:.3f} fell below {p_floor}"
    assert recall >= r_floor, f"{name}: recall {recall:.3f} fell below {r_floor}"
    assert agreement >= a_floor, f"{name}: agreement {agreement:.3f} fell below {a_floor}"


def test_agreement_reads_a_label_as_labels_md_writes_it() -> None:
    # the check itself: a label's rounding, a change whose ends are ranges, a qualifier
    from mesacheck.grammar import scan

    two_thirds = scan("2/3rds of")[0]
    assert agrees(two_thirds, {"kind": "proportion", "value": 0.6667, "qualifier": "eq"})
    assert not agrees(two_thirds, {"kind": "proportion", "value": 0.6, "qualifier": "eq"})
    change = scan("from 10-30% to 78%")[0]
    assert agrees(change, {"kind": "change", "value": [[10, 30], 78], "qualifier": "eq"})
    assert not agrees(change, {"kind": "change", "value": [10, 78], "qualifier": "eq"})
    assert not agrees(scan("over 5%")[0], {"kind": "percent", "value": 5, "qualifier": "eq"})


def test_every_label_file_has_a_floor(shared: Path) -> None:
    files = {str(p.relative_to(shared)) for p in shared.rglob("*.figures.json")}
    assert files == set(FLOORS), "a label file without a floor (or a floor without its file)"
