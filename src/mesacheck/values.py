"""Comparing figures: the rounding rule, bounds, hedges, and minor-versus-gross.

A written figure stands for an interval: the value ± half a unit of the last digit the
writer wrote ("9%" is 8.5–9.5; "30×" is 25–35, trailing zeros of an integer not being
significant). Hedges ("about", "~") widen it to at least ±10%; bounds (">", "at least")
open it on one side. Two figures agree when their intervals meet, value by value — as
statcheck does for p-values. A disagreement is *gross* when it changes the order of
magnitude, the direction of a change, or the side of a bound; otherwise *minor*.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from fractions import Fraction

from mesacheck.grammar import Figure, range_notation, scale_of, scan

_HEDGE = 0.10
_COMPATIBLE = {
    ("percent", "range"),
    ("range", "percent"),
}


_UPPER = ("gt", "gte", "plus")
_LOWER = ("lt", "lte")


def interval(fig: Figure, i: int, open_bounds: bool = True) -> tuple[float, float]:
    v, h = fig.values[i], fig.halfwidths[i]
    q = fig.qualifier
    if q == "approx" and fig.kind != "date":
        h = max(h, _HEDGE * abs(v))
    if not open_bounds:
        return v - h, v + h
    if q in ("gt", "gte", "plus"):
        return v - h, math.inf
    if q in ("lt", "lte"):
        return -math.inf, v + h
    return v - h, v + h


def _within(point: float, iv: tuple[float, float]) -> bool:
    eps = 1e-9 * max(1.0, abs(point))
    return iv[0] - eps <= point <= iv[1] + eps


def _agree_one(doc: Figure, i: int, claim: Figure, j: int, opened: bool) -> bool:
    """The claim's value lies in the written figure's interval — or, where the claim is
    hedged ("~30×") and so less precise, the written value lies strictly inside it."""
    if _within(claim.values[j], interval(doc, i, opened)):
        return True
    if claim.qualifier != "approx":
        return False
    lo, hi = interval(claim, j, opened)
    return lo < doc.values[i] < hi and claim.halfwidths[j] >= doc.halfwidths[i]


def shape(fig: Figure) -> tuple[str, tuple[float, ...], tuple[float, ...], str, str]:
    """All that agrees(), degree() and comparable() read of a figure: figures of one shape
    compare alike, so a rule can compare shapes instead of every pair of figures."""
    return (fig.kind, fig.values, fig.halfwidths, fig.unit, fig.qualifier)


def comparable(doc: Figure, claim: Figure) -> bool:
    """Can a figure of this kind and unit quote a claim of that kind and unit?"""
    if doc.kind == "date" or claim.kind == "date":
        return doc.kind == claim.kind
    if doc.kind != claim.kind and (doc.kind, claim.kind) not in _COMPATIBLE:
        return False
    if doc.kind == "count" or claim.kind == "count":
        # "6,000 examples" quotes "6,000 coding tasks": the number is the claim
        return True
    if doc.kind == "range" and claim.qualifier in ("gt", "gte", "lt", "lte", "plus"):
        return False  # a range does not quote a bound
    return doc.unit == claim.unit


def agrees(doc: Figure, claim: Figure) -> bool:
    """Does the written figure agree with the claim's value under the rounding rule?

    Two bounds in the same direction compare their numbers (">95%" misquotes ">99%", though
    both are bounds); otherwise a bound is open on its side (">99%" meets "99.4%").
    """
    if doc.kind == "date" and claim.kind == "date":
        return _periods_overlap(doc, claim)
    same_side = (doc.qualifier in _UPPER and claim.qualifier in _UPPER) or (
        doc.qualifier in _LOWER and claim.qualifier in _LOWER
    )
    opened = not same_side
    if len(doc.values) != len(claim.values):
        if len(claim.values) == 1 and len(doc.values) == 2:
            # a range quoting one value agrees only if both ends round to it
            return all(_agree_one(doc, i, claim, 0, opened) for i in range(2))
        return False
    return all(_agree_one(doc, i, claim, i, opened) for i in range(len(doc.values)))


def _periods_overlap(a: Figure, b: Figure) -> bool:
    """Dates stand for periods ("2024" is all of 2024): they agree when the periods share
    time, so "2024" agrees with "December 2024" and "2024-2025" with "2025"."""
    a_lo, a_hi = min(a.values) - a.halfwidths[0], max(a.values) + a.halfwidths[-1]
    b_lo, b_hi = min(b.values) - b.halfwidths[0], max(b.values) + b.halfwidths[-1]
    eps = 1e-6
    return a_lo < b_hi - eps and b_lo < a_hi - eps


def degree(doc: Figure, claim: Figure) -> str:
    """'gross' or 'minor' for a disagreement."""
    pairs = list(zip(doc.values, claim.values, strict=False))
    if len(doc.values) == 2 and len(claim.values) == 1:
        pairs = [(doc.values[0], claim.values[0]), (doc.values[1], claim.values[0])]
    for d, c in pairs:
        if (d == 0) != (c == 0):
            if max(abs(d), abs(c)) >= 1:
                return "gross"
            continue
        if d and c and (d < 0) != (c < 0):
            return "gross"
        if d and c and max(abs(d), abs(c)) / min(abs(d), abs(c)) >= 10:
            return "gross"
    if (
        doc.kind == "change"
        and claim.kind == "change"
        and len(doc.values) == 2
        and (doc.values[1] - doc.values[0]) * (claim.values[1] - claim.values[0]) < 0
    ):
        return "gross"
    if claim.qualifier in ("gt", "gte", "plus", "lt", "lte"):
        lo, hi = interval(claim, 0)
        for d in doc.values:
            if d < lo or d > hi:
                return "gross"
    return "minor"


def quote_contains(quote: str, value: Figure) -> bool:
    """Does a source quote contain the claim's value (in any notation the grammar reads)?"""
    figs = scan(quote, dates=value.kind == "date")
    for f in figs:
        if comparable(f, value) and agrees(f, value) and _same_precision_or_better(f, value):
            return True
    if len(value.values) == 2:
        # "around 20% … compared with 0%" contains "0% → 20%": every end appears
        singles = [f for f in figs if len(f.values) == 1 and f.unit == value.unit]
        return all(
            any(abs(f.values[0] - v) <= max(f.halfwidths[0], 1e-9) for f in singles)
            for v in value.values
        )
    if value.kind == "count":
        return any(f.values[0] == value.values[0] for f in figs if f.kind == "count")
    return False


def _same_precision_or_better(quote_fig: Figure, value: Figure) -> bool:
    """A quote backs a value only when it is at least as precise ("13%" backs "13%")."""
    return all(
        qh <= vh * 1.0001 or quote_fig.qualifier == "approx" or value.qualifier == "approx"
        for qh, vh in zip(quote_fig.halfwidths, value.halfwidths, strict=False)
    )


def format_number(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.6g}"


_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def render_like(fig: Figure, value: float | tuple[float, float], digits: int = 4) -> str:
    """A computed value in the notation of `fig` ("1,520×", "12.5%", "$1.5B"); a pair of
    values for a currency range is written as the writer wrote the range ("$2-5B/year",
    "€3–4 billion", "$2B–$5B")."""

    def num(v: float) -> str:
        if v == 0:
            return "0"
        rounded = float(f"{v:.{digits}g}")
        return format_number(rounded)

    if isinstance(value, tuple):
        if fig.kind == "change":
            return _render_change(fig, value, num)
        return _render_range(fig, value, num)

    if fig.kind in ("multiplier",) or fig.unit == "×":
        return _render_times(fig.text, value, num)
    if fig.unit in ("%", "pp"):
        return _signed(fig.text, value, num) + _pct_word(fig)
    if fig.kind == "proportion":
        return _render_share(fig.text, value, num)
    if fig.kind == "count" and _SCI.search(fig.text):
        return _render_sci(fig.text, value)
    if fig.kind == "currency":
        sign = _SIGNS.get(fig.unit, fig.unit + " ")
        for scale, suffix in _SCALES:
            if abs(value) >= scale:
                return f"{sign}{num(value / scale)}{suffix}"
        return f"{sign}{num(value)}"
    return num(value)


_RATIO_WRITTEN = re.compile(r"(?<![\d.])(?P<a>[\d.,]+):(?P<b>[\d.,]+)")
_SCI = re.compile(
    r"\d(?:[eE](?=[+-]?\d)|\s?[×x*·]\s?10[\^⁰¹²³⁴⁵⁶⁷⁸⁹⁻]|(?<![\d.])10[\^⁰¹²³⁴⁵⁶⁷⁸⁹⁻])"
)
_SEP = re.compile(r"\d\s?(?P<sep>[–—-]|\sto\s)\s?[+−-]?\d")


def _render_times(text: str, v: float, num: Callable[[float], str]) -> str:
    """A multiplier as the writer wrote one: "100:1", "1:10", "30-fold", "30x", "30 times",
    else "30×"."""
    ratio = _RATIO_WRITTEN.search(text)
    if ratio is not None and v:
        return f"1:{num(1 / v)}" if ratio.group("a") == "1" and v < 1 else f"{num(v)}:1"
    if text.endswith("fold"):
        return f"{num(v)}-fold"
    if text.endswith(("x", "X")) and text[-2:-1].isdigit():
        return f"{num(v)}{text[-1]}"
    if text.endswith(" times"):
        return f"{num(v)} times"
    return f"{num(v)}×"


def _signed(text: str, v: float, num: Callable[[float], str]) -> str:
    """A number with the sign the writer wrote: "−3%" (U+2212), "+13%"."""
    if v < 0:
        minus = "−" if "−" in text else "-"
        return f"{minus}{num(-v)}"
    return f"+{num(v)}" if re.search(r"(?<![\w])\+\d", text) else num(v)


def _pct_word(fig: Figure) -> str:
    if fig.unit == "pp":
        return " pp" if re.search(r"\dpp|\d pp\b", fig.text) else " percentage points"
    m = re.search(r"\d(?P<w>\s?per\s?cent)\b", fig.text, re.IGNORECASE)
    return m.group("w") if m else "%"


def _render_share(text: str, v: float, num: Callable[[float], str]) -> str:
    """A proportion as "1 in N" (or "a in b" when no 1 in N is near)."""
    if 0 < v <= 1:
        n = round(1 / v)
        if n >= 1 and abs(1 / n - v) <= 0.02 * v:
            return f"1 in {n}"
        f = Fraction(v).limit_denominator(100)
        return f"{f.numerator} in {f.denominator}"
    return num(v)


def _render_sci(text: str, v: float) -> str:
    """A count in scientific notation, in the writer's notation and with its noun
    ("1.2e25 FLOP", "2.1×10^25 FLOP")."""
    exp = math.floor(math.log10(abs(v))) if v else 0
    mant = f"{v / 10**exp:.4g}"
    m = re.search(r"(?P<x>\s?[×x*·]\s?)10\^", text)
    number = f"{mant}{m.group('x')}10^{exp}" if m else f"{mant}e{exp}"
    noun = re.search(r"\s(?P<noun>[A-Za-z][\w-]*)$", text)
    return number + (f" {noun.group('noun')}" if noun else "")


def _render_change(fig: Figure, ends: tuple[float, float], num: Callable[[float], str]) -> str:
    """A change as written: "8.7% → 0.3%", "from 20% to 45%", "100:1 → 50:1"."""
    unit = {"%": "%", "pp": " pp"}.get(fig.unit, "")
    if fig.unit == "×":
        a, b = (_render_times(fig.text, e, num) for e in ends)
    else:
        a, b = (f"{_signed(fig.text, e, num)}{unit}" for e in ends)
    arrow = re.search(r"\s*(?:→|⟶|->|-->|=>|⇒)\s*", fig.text)
    if arrow is not None:
        return f"{a}{arrow.group(0)}{b}"
    return f"from {a} to {b}"


def _render_range(fig: Figure, ends: tuple[float, float], num: Callable[[float], str]) -> str:
    lo, hi = ends
    n = range_notation(fig)
    if n is None:  # a range of percents, multipliers, years: the ends and the unit
        if fig.unit == "×" and _RATIO_WRITTEN.search(fig.text):
            return f"{_render_times(fig.text, lo, num)} to {_render_times(fig.text, hi, num)}"
        out_of = re.search(r"out of (\d+)$", fig.text) if fig.unit == "of" else None
        if out_of is not None:  # scores: "4 or 5 out of 5"
            k = int(out_of.group(1))
            return f"{num(lo * k)} or {num(hi * k)} out of {k}"
        unit = {"%": "%", "pp": " percentage points", "×": "×"}.get(fig.unit, f" {fig.unit}")
        sep = _SEP.search(fig.text)
        return f"{num(lo)}{sep.group('sep') if sep else '-'}{num(hi)}{unit}"
    shared = n.scale_b or n.scale_a  # the magnitude an end without its own takes
    a, scale_a = _end(lo, n.scale_a, shared)
    b, scale_b = _end(hi, n.scale_b, shared)
    if scale_a == scale_b and not n.scale_a:
        scale_a = ""  # "$2-5B" stays "$3-6B", one magnitude for both ends
    elif scale_a != scale_b and not n.scale_a:
        _, scale_a = _end(lo, shared, shared)
    return (
        f"{n.prefix}{n.sign}{num(a)}{scale_a or ''}{n.sep}{n.sign_b or ''}{num(b)}{scale_b}{n.tail}"
    )


_WORDS = {"K": " thousand", "M": " million", "B": " billion", "T": " trillion"}


def _end(v: float, own: str | None, shared: str | None) -> tuple[float, str]:
    """One end of a currency range in the writer's magnitude, or in the same style
    (a letter or a word) at the magnitude that fits when the writer's does not."""
    written = own if own is not None else shared
    if written is None:
        return v, ""
    f = scale_of(written)
    if 1 <= abs(v) / f < 1000 or abs(v) < 1000:
        return v / f, written if own is not None else (written if written == shared else "")
    for scale, letter in _SCALES:
        if abs(v) >= scale:
            word = written.strip()
            style = _WORDS[letter] if len(word) > 2 else letter
            if word.islower() and len(word) <= 2:
                style = style.lower()
            return v / scale, style
    return v, ""
