"""MC004 arithmetic-mismatch: a stated ratio or change that its operands do not give."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mesacheck import engine
from mesacheck.config import Config
from mesacheck.findings import Finding
from mesacheck.registry import Registry

ROOT = Path(__file__).resolve().parents[2]


def run(paths: list[Path], registry: Registry) -> list[Finding]:
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    return engine.check(paths, cfg, registry).findings


def _sentence(small: float, big: float, ratio_text: str, dollars: bool) -> str:
    def money(v: float) -> str:
        for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
            if v >= scale:
                return f"${v / scale:g}{suffix}"
        return f"${v:g}"

    return (
        f"Safety received {money(small)} against {money(big)} of industry investment "
        f"({ratio_text} gap).\n"
    )


def _amounts(small: float, big: float, s_small: float, s_big: float) -> tuple[float, float]:
    """Two amounts, the second at least 1.5 times the first (written to 3 digits)."""
    a, b = small * s_small, big * s_big
    if b <= a * 1.5:
        b = float(f"{a * 1.5 + s_big:.3g}")
    return a, b


def _sig(x: float, digits: int) -> str:
    text = f"{float(f'{x:.{digits}g}'):,.10g}"
    return text


amounts = st.integers(min_value=1, max_value=999).map(float)
scales = st.sampled_from([1e3, 1e6, 1e9])


@settings(max_examples=60, deadline=None)
@given(
    small=amounts,
    big=amounts,
    s_small=scales,
    s_big=scales,
    digits=st.integers(min_value=1, max_value=4),
)
def test_correct_ratio_at_any_precision_passes(
    tmp_path_factory,
    empty_registry,  # type: ignore[no-untyped-def]
    small,
    big,
    s_small,
    s_big,
    digits,
) -> None:
    a, b = _amounts(small, big, s_small, s_big)
    ratio = b / a
    text = _sentence(a, b, _sig(ratio, digits) + "×", True)
    doc = tmp_path_factory.mktemp("p") / "a.md"
    doc.write_text(text, encoding="utf-8")
    assert [f for f in run([doc], empty_registry) if f.code == "MC004"] == [], text


def _half_unit(written: str) -> float:
    """DESIGN's rounding rule, restated independently: half a unit of the last digit the
    writer wrote; trailing zeros of an integer are not significant."""
    plain = written.replace(",", "")
    if "." in plain:
        return 0.5 * 10 ** -len(plain.split(".")[1])
    return 0.5 * 10 ** (len(plain) - len(plain.rstrip("0")))


@settings(max_examples=80, deadline=None)
@given(
    small=amounts,
    big=amounts,
    s_small=scales,
    s_big=scales,
    factor=st.sampled_from([0.5, 0.7, 1.25, 1.6, 2.0, 3.0]),
    digits=st.integers(min_value=2, max_value=4),
)
def test_ratio_outside_rounding_is_reported(
    tmp_path_factory,
    empty_registry,  # type: ignore[no-untyped-def]
    small,
    big,
    s_small,
    s_big,
    factor,
    digits,
) -> None:
    a, b = _amounts(small, big, s_small, s_big)
    exact = b / a
    wrong = _sig(exact * factor, digits)
    outside = abs(float(wrong.replace(",", "")) - exact) > _half_unit(wrong)
    text = _sentence(a, b, wrong + "×", True)
    doc = tmp_path_factory.mktemp("p") / "a.md"
    doc.write_text(text, encoding="utf-8")
    mc004 = [f for f in run([doc], empty_registry) if f.code == "MC004"]
    assert len(mc004) == (1 if outside else 0), text


def test_percent_reduction_arithmetic(tmp_path, empty_registry) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.md"
    doc.write_text(
        "Covert actions fell from 13% to 0.4%, a 97% reduction.\n\n"
        "Covert actions fell from 13% to 0.4%, a 90% reduction.\n\n"
        "Awareness rose 2% → 20.6% (+18.6 percentage points).\n\n"
        "Awareness rose 2% → 20.6% (+16 percentage points).\n\n"
        "It fell 30× (8.7% → 0.3%) and 3× elsewhere (9% → 3%).\n",
        encoding="utf-8",
    )
    got = [(f.line, f.figure, f.expected) for f in run([doc], empty_registry) if f.code == "MC004"]
    # (the sign written before a figure is part of it: LABELS.md, and the suggestion keeps it)
    assert got == [(3, "90%", "96.92%"), (7, "+16 percentage points", "+18.6 percentage points")]


def test_a_signed_percentage_states_the_signed_change(tmp_path, empty_registry) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "a.md"
    doc.write_text(
        "Build time went 18.3s → 10.7s, and misses went 20% → 13% (-7 pp).\n\n"
        "Misses went 20% → 13% (−35%).\n\n"
        "Misses went 20% → 13% (-50%).\n",
        encoding="utf-8",
    )
    got = [(f.line, f.figure) for f in run([doc], empty_registry) if f.code == "MC004"]
    assert got == [(5, "-50%")]


def test_the_finding_shows_the_computation_in_the_writers_notation(check) -> None:  # type: ignore[no-untyped-def]
    found = check(
        "MC004",
        {"a.md": "AI safety received \\$100M vs \\$152B industry investment (2,500× disparity).\n"},
    )
    assert [(f["figure"], f["expected"], f["suggestion"]) for f in found] == [
        ("2,500×", "1,520×", "1,520×")
    ]
    assert found[0]["message"] == (
        "2,500× does not follow from its own numbers: \\$152B / \\$100M = 1,520× (minor difference)"
    )
    assert (found[0]["name"], found[0]["severity"]) == ("arithmetic-mismatch", "warning")
