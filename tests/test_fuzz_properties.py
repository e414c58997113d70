"""The fuzz harness's properties, run briefly in the suite (issue 11, item 9).

The same property functions as the atheris targets (`fuzz/properties.py`), over inputs
hypothesis builds from real material: sentences of the shipped article, the shipped
claims files, the claim ids their formulas use, a baseline mesacheck wrote. Each test
runs a bounded number of examples, derandomized, so the suite stays fast and stable;
`python fuzz/run.py` is the long run.

Failures the harness found that are still open are in `KNOWN_OPEN`, each with the strict
xfail regression test that holds it (tests/adversarial/test_fuzz_regressions.py): the
Markdown property tolerates those kinds and fails on any other. When a fix lands, its
regression test passes, the strict xfail fails, and its entry here goes with it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent


def _load_properties():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "mesacheck_fuzz_properties", ROOT / "fuzz" / "properties.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


P = _load_properties()

# signature (a regular expression) -> the strict xfail regression test holding it
KNOWN_OPEN: dict[str, str] = {}  # every failure these properties found is fixed


def _tolerated(sig: str) -> bool:
    return any(re.fullmatch(pattern, sig) for pattern in KNOWN_OPEN)


FAST = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ARTICLE = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
LINES = [ln for ln in ARTICLE.splitlines() if re.search(r"\d", ln)]
CLAIM_FILES = sorted((ROOT / "claims").glob("*.yaml"))
CLAIM_IDS = sorted(
    {i for p in CLAIM_FILES for i in re.findall(r"- id: ([a-z0-9.\-]+)", p.read_text())}
)

# pieces a writer's Markdown is made of, the figure-shaped ones included
MARKUP = [
    "*", "**", "_", "__", "~~", "`", "``", "[", "]", "(", ")", "](x)", "![", ">", "> ",
    "- ", "1. ", "# ", "## ", "|", " | ", "|---|---|\n", "\n", "\n\n", "    ", "\t",
    "<b>", "</b>", "<!-- claim: x.y -->", "<!--", "-->", "\\", "\\$", "&amp;", "---\n",
    "http://a.b/1%", "www.x.org/2", " ", ".", ",", ":", ";", "\r\n", "\u2028", "\f",
]  # fmt: skip
FIGURES = [
    "12%", "20-70%", "0.3–13%", "$152B", "\\$1.5 million", "€4", "30×", "2.5x",
    "8.7% → 0.3%", ">99%", "~5", "greater than 99%", "140+ papers", "February 2025",
    "Q1 2024", "2020-2021", "1,000", "6,000 examples", "between 20 and 70 percent", "99",
    "3 percentage points", "1.9e+10", "12:30",
]  # fmt: skip

markdown_text = st.lists(
    st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(FIGURES),
        st.sampled_from(LINES),
        st.text(max_size=4),
    ),
    max_size=25,
).map("".join)


@FAST
@given(markdown_text)
def test_markdown_front_end_spans_are_the_source(source: str) -> None:
    try:
        P.check_markdown(source)
    except BaseException as e:  # a Rust panic is a BaseException
        if isinstance(e, KeyboardInterrupt) or not _tolerated(P.signature_of(e)):
            raise


@FAST
@given(st.lists(st.one_of(st.sampled_from(FIGURES), st.sampled_from(MARKUP[-12:]),
                          st.text(alphabet="0123456789.,-–%$€£×x→ kKMBbn", max_size=6),
                          st.sampled_from(["between ", " and ", " to ", "about ", "percent",
                                           "from ", "Feb ", "mid-", "US$", "USD "])),
                max_size=12).map("".join))  # fmt: skip
def test_grammar_spans_values_and_anchor(text: str) -> None:
    P.check_grammar(text)


@FAST
@given(st.sampled_from(LINES), st.integers(0, 400), st.text(max_size=6))
def test_grammar_on_edited_article_lines(line: str, at: int, insert: str) -> None:
    at %= len(line) + 1
    P.check_grammar(line[:at] + insert + line[at:])


# ---------------------------------------------------------------- registry

SURPRISES = [
    "no", "yes", "on", "12:30", "2024-12-05", "1.9e+10", "1.9e10", "~", "null", "", "5",
    "[1, 2]", "{a: 1}", "*a", "&a x", "!!binary aGk=", "'unterminated", '"x', "|", ">-",
    "<<: *a", "? x", "- y", "%TAG ! x", "\t", "claims: 5", "sources:\n  12:30",
    "2024-13-45", "2024-02-30", "!!float abc", "!!int 0x", "1" * 4400, "!!timestamp x",
    "!!int", "!!timestamp", "!!set :", "!!map x", "!!bool maybe", "!!seq",
]  # fmt: skip


@st.composite
def edited_claims_file(draw: st.DrawFn) -> bytes:
    """A shipped claims file with a few edits a writer (or an attacker) might make."""
    lines = draw(st.sampled_from(CLAIM_FILES)).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["value", "delete", "duplicate", "indent", "insert"]))
        if how == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(SURPRISES))}"
        elif how == "delete":
            del lines[i]
        elif how == "duplicate":
            lines.insert(i, lines[i])
        elif how == "indent":
            lines[i] = " " * draw(st.integers(1, 3)) + lines[i]
        else:
            lines.insert(i, draw(st.sampled_from(SURPRISES)))
        if not lines:
            lines = [""]
    return "\n".join(lines).encode("utf-8")


@settings(FAST, max_examples=30)
@given(edited_claims_file())
def test_registry_loader_reports_problems_never_raises(data: bytes) -> None:
    P.check_registry(data)


@settings(FAST, max_examples=20)
@given(st.lists(st.sampled_from([*SURPRISES, "\n", "  ", "- ", ": ", "&b ", "*b", "id: x"]),
                max_size=20).map("".join))  # fmt: skip
def test_registry_loader_on_yaml_fragments(text: str) -> None:
    P.check_registry(text.encode("utf-8"))


# ---------------------------------------------------------------- formula


@FAST
@given(st.lists(st.one_of(st.sampled_from(CLAIM_IDS), st.sampled_from(list("+-*/×÷() ")),
                          st.sampled_from(["0", "2", "0.5", "1" + "0" * 400, "-", " - ", "x"]),
                          st.text(max_size=2)),
                max_size=15).map("".join))  # fmt: skip
def test_formula_gives_a_float_or_formula_error(text: str) -> None:
    P.check_formula(text)


# ---------------------------------------------------------------- baseline

_FP = "0" * 64
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                  max_size=3),
    max_leaves=8,
)  # fmt: skip


@st.composite
def baseline_document(draw: st.DrawFn) -> bytes:
    entry = {"code": "MC002", "path": "docs/a.md", "figure": "12%", "claim": None,
             "fingerprint": _FP, "occurrence": 0}  # fmt: skip
    doc: dict = {"version": 1, "tool": "mesacheck", "findings": [entry, dict(entry)]}
    where = draw(st.sampled_from(["top", "entry", "findings", "none"]))
    key = draw(st.sampled_from(["version", "findings", "fingerprint", "x"]))
    value = draw(json_values)
    if where == "top":
        doc[key] = value
    elif where == "entry":
        doc["findings"][0][key] = value
    elif where == "findings":
        doc["findings"].append(value)
    text = json.dumps(doc, allow_nan=True).encode()
    digits = draw(st.sampled_from([1, 4300, 4301]))  # Python converts at most 4,300
    text = text.replace(b'"occurrence": 0', b'"occurrence": ' + b"9" * digits, 1)
    cut = draw(st.integers(0, len(text)))
    return text if draw(st.booleans()) else text[:cut]


@FAST
@given(baseline_document() | st.binary(max_size=40))
def test_baseline_reader_gives_counts_or_baseline_error(data: bytes) -> None:
    P.check_baseline(data)


# ---------------------------------------------------------------- cache


@FAST
@given(st.integers(0, 4), st.integers(0, 1 << 16), st.binary(max_size=40))
def test_cache_reader_on_a_changed_entry_gives_the_value_or_none(
    mode: int, at: int, patch: bytes
) -> None:
    P.check_cache_mutation(mode, at, patch)


def test_the_span_property_fails_on_a_figure_out_of_place(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The span property is not vacuous: a figure reported one column off fails it."""
    from mesacheck import figures

    extract = figures.extract

    def shifted(doc, dates=True):  # type: ignore[no-untyped-def]
        found = extract(doc, dates)
        for f in found:
            f.column += 1
        return found

    source = "Rates rose to 12% in 2024.\n"
    P.check_markdown(source)
    monkeypatch.setattr(P.figures, "extract", shifted)
    with pytest.raises(P.PropertyFailure, match=r"span:markdown-it-py:"):
        P.check_markdown(source)
