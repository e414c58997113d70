"""Figure forms read apart from the main grammar: ratios, scientific notation, doubling words.

`grammar.scan` runs these only when a cheap character test says the text may hold one (a
colon, a caret or a digit-e-digit, the letters of "doubl"/"tripl"/"quadrupl"), so prose
without them costs a substring search; a form found here wins over a shorter reading of
the main grammar on the same characters ("2.1×10^25 FLOP" is one count, not the
multiplier "2.1×").

- Ratios: `100:1` (multiplier 100), `≈1:10` (0.1), `100:1 to 150:1` (a range),
  `100:1 → 50:1` (a change). A colon between numbers is far more often something else in
  real prose (the Rust blog: times of day `10:30`, `23:00-2:00`; source positions
  `main.rs:8:13`; one-on-one `1:1` meetings), so a ratio needs a 1 on one side (`N:1`,
  or `1:N` whose N cannot be the minutes of a time), or the word "ratio" with it; never
  equal sides, never a time word around it.
- Scientific notation: `1e25 FLOP`, `3.8e+24 FLOPs`, `2.1×10^25 FLOP`, `2.1 × 10^25`,
  `10^25`, `10²⁵`: a count (of the noun after it, if one follows).
- Doubling words: `doubled`, `doubling`, `tripled`, `quadrupling` (multiplier 2, 3, 4;
  "doubling down" is no figure).
- Digit words: `single-digit percentage` (a percent under 10), `double-digit percent`
  (10 or more).

Each form returns plain tuples (kind, values, halfwidths, unit, qualifier symbol, start,
end, decimals): `grammar` makes them figures, qualifies them by the words before them and
checks that no name is joined to them, as it does for every figure.
"""

from __future__ import annotations

import re

from mesacheck.lazy_re import lazy

Form = tuple[str, tuple[float, ...], tuple[float, ...], str, str, int, int, tuple[int, ...]]

_N = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_QSYM = r"(?:(?P<q>[≈~∼<>≤≥])\s?)?"
_RATIO = lazy(
    rf"(?<![\w:.,/#@\\-]){_QSYM}(?P<a>{_N}):(?P<b>{_N})"
    rf"(?:(?P<sep>\s?[-–]\s?|\s+to\s+|\s*(?:→|->|=>)\s*)(?P<c>{_N}):(?P<d>{_N}))?"
    r"(?![\w:]|[.,]\d)"
)
_TIME_AFTER = lazy(
    r"\s?(?:[ap]\.?m\b|utc\b|gmt\b|[A-Z]{2,4}T\b|o'clock|h\b|hrs?\b|local\b)", re.IGNORECASE
)
_TIME_BEFORE = lazy(r"\b(?:at|by|until|till|from|since|after|before|@)\s+$", re.IGNORECASE)
_RATIO_AFTER = lazy(r"\s+(?:ratio|odds|split|majority)\b", re.IGNORECASE)
_RATIO_BEFORE = lazy(r"\bratio\s+of\s+$", re.IGNORECASE)

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPS = rf"[⁻{_SUP}]+"
_SCI = lazy(
    rf"(?<![\w.^]){_QSYM}"
    rf"(?:(?P<m>\d+(?:\.\d+)?)(?:[eE](?P<e>[+-]?\d{{1,3}})"
    rf"|\s?[×x*·]\s?10(?:\^(?P<e2>[+−-]?\d{{1,3}})|(?P<s2>{_SUPS})))"
    rf"|10(?:\^(?P<e3>[+−-]?\d{{1,3}})|(?P<s3>{_SUPS})))"
    r"(?![\w^]|[.,]\d)"
    r"(?:\s(?P<noun>[A-Z]{2,}s?\b|(?-i:[a-z][a-z-]{1,24}s)\b))?"
)
# one search says whether a text may hold a ratio or a number in scientific notation:
# "d:d", "de±d", "^" or "10⁶"; it opens on a character class, which lets `re` skip to a
# digit or "^" in C (a third faster than the alternatives side by side, same first match)
_GATE = lazy(rf"[\d^](?:(?<=\d)(?::\d|[eE][+-]?\d|(?<=1)0[{_SUP}])|(?<=\^))")
_NOT_NOUNS = frozenset(
    """is was has does as this its his us thus always across less plus works seems runs
    gets makes means takes looks helps needs uses goes comes gives shows""".split()
)

_DOUBLING = lazy(r"(?<![\w-])(?P<w>doubl|tripl|quadrupl)(?:ed|ing)\b(?!\s+down\b)", re.IGNORECASE)
# "without doubling the effort", "never tripled": no change happened
_DENIED = lazy(r"\b(?:without|not|never|avoid|avoids|avoiding)\s+$", re.IGNORECASE)
_TIMES = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0}


def written_number(s: str) -> tuple[float, float, int]:
    """Value, rounding half-width and decimals of a number as written."""
    plain = s.replace(",", "")
    if "." in plain:
        d = len(plain.split(".", 1)[1])
        return float(plain), 0.5 * 10.0**-d, d
    stripped = plain.rstrip("0")
    return float(plain), 0.5 * 10.0 ** (len(plain) - len(stripped)), 0


def _ratio_side(a: str, b: str, hedged: bool, text: str, start: int, end: int) -> float | None:
    """The value of a ratio `a:b`, or None when the colon is no ratio."""
    va, vb = written_number(a)[0], written_number(b)[0]
    if va == vb or va == 0 or vb == 0:
        return None  # "1:1" meetings, "0:00"
    if b == "1":
        return va
    named = _RATIO_AFTER.match(text, end) is not None or (
        _RATIO_BEFORE.search(text, max(0, start - 12), start) is not None
    )
    if a == "1" and (hedged or named or not (len(b) == 2 and b.isdigit())):
        return 1 / vb  # "1:10" may be ten past one: hedged or named, or not two digits
    return va / vb if named else None


def _ratio_half(a: str, b: str) -> float:
    va, ha, _ = written_number(a)
    vb, hb, _ = written_number(b)
    ha, hb = (0.0 if a == "1" else ha), (0.0 if b == "1" else hb)
    v = va / vb
    return max(abs((va + ha) / max(vb - hb, 1e-12) - v), abs(v - (va - ha) / (vb + hb)))


def ratios(text: str) -> list[Form]:
    """`100:1`, `≈1:10`, `100:1 to 150:1`, `100:1 → 50:1` (see the module docstring)."""
    out: list[Form] = []
    for m in _RATIO.finditer(text):
        s, e = m.start(), m.end()
        if _TIME_AFTER.match(text, e) or _TIME_BEFORE.search(text, max(0, s - 8), s):
            continue
        hedged = m.group("q") is not None
        first_end = m.end("b")
        v1 = _ratio_side(m.group("a"), m.group("b"), hedged, text, s, first_end)
        if v1 is None:
            continue
        q = m.group("q") or ""
        h1 = _ratio_half(m.group("a"), m.group("b"))
        v2 = None
        if m.group("c") is not None:
            v2 = _ratio_side(m.group("c"), m.group("d"), hedged, text, m.start("c"), e)
        if v2 is None or v2 == v1:
            out.append(("multiplier", (v1,), (h1,), "×", q, s, first_end, (0,)))
            continue
        h2 = _ratio_half(m.group("c"), m.group("d"))
        if m.group("sep").strip() in ("→", "->", "=>"):
            out.append(("change", (v1, v2), (h1, h2), "×", "", s, e, (0, 0)))
        else:
            lo, hi = sorted(((v1, h1), (v2, h2)))
            out.append(("range", (lo[0], hi[0]), (lo[1], hi[1]), "×", q, s, e, (0, 0)))
    return out


def _exponent(e: str | None, sup: str | None) -> int:
    if sup is not None:
        e = sup.translate(str.maketrans(_SUP + "⁻", "0123456789-"))
    return int((e or "0").replace("−", "-"))


def scientific(text: str) -> list[Form]:
    """`1e25 FLOP`, `3.8e+24 FLOPs`, `2.1×10^25 FLOP`, `10^25`: counts."""
    out: list[Form] = []
    for m in _SCI.finditer(text):
        g = m.group
        if g("m") is not None:
            mant, half, dec = written_number(g("m"))
            exp = _exponent(g("e") or g("e2"), g("s2"))
        else:
            mant, half, dec = 1.0, 0.5, 0
            exp = _exponent(g("e3"), g("s3"))
        if g("e") is not None and (len(g("m").replace(".", "")) > 4 or abs(exp) < 2):
            continue  # "1e1", "12345e6": no writer's figure
        noun = g("noun")
        end = m.end()
        bare = (
            g("e") is not None and g("q") is None and (noun is None or noun.lower() in _NOT_NOUNS)
        )
        if bare and abs(exp) < 10 and g("e")[0] not in "+-" and "." not in g("m"):
            continue  # "7e3" may be a hash prefix: a bare one needs a sign, a dot or 10+
        if noun is not None and noun.lower() in _NOT_NOUNS:
            end, noun = m.start("noun") - 1, None
        unit = noun.lower() if noun else ""
        out.append(
            (
                "count",
                (float(f"{mant!r}e{exp}"),),
                (float(f"{half!r}e{exp}"),),
                unit,
                g("q") or "",
                m.start(),
                end,
                (dec,),
            )
        )
    return out


def doublings(text: str) -> list[Form]:
    """`doubled`, `nearly doubling`, `almost tripled`: multipliers 2, 3, 4."""
    return [
        ("multiplier", (_TIMES[m.group("w").lower()],), (0.0,), "×", "", m.start(), m.end(), (0,))
        for m in _DOUBLING.finditer(text)
        if _DENIED.search(text, max(0, m.start() - 12), m.start()) is None
    ]


_DIGITS = lazy(
    r"(?<![\w-])(?P<w>single|double)[- ]digits?\s+(?:percent(?:ages?)?\b|per\s?cent\b|%)",
    re.IGNORECASE,
)


def digit_words(text: str) -> list[Form]:
    """`single-digit percentage` (under 10%), `double-digit percent` (10% or more)."""
    out: list[Form] = []
    for m in _DIGITS.finditer(text):
        single = m.group("w").lower() == "single"
        q = "<" if single else "≥"
        out.append(("percent", (10.0,), (0.0,), "%", q, m.start(), m.end(), (0,)))
    return out


def extra(text: str) -> list[Form]:
    """Every form of this module in `text`, each gated by a character test."""
    out: list[Form] = []
    gate = _GATE.search(text)
    if gate is not None:
        if ":" in text[gate.start() :]:
            out += ratios(text)
        out += scientific(text)
    if "oubl" in text or "ripl" in text or "uadrupl" in text or "OUBL" in text:
        out += doublings(text)
    if "digit" in text:
        out += digit_words(text)
    return out
