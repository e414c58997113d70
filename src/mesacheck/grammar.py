"""The figure grammar: one parser for the figures in documents and the values in the registry.

A figure is a quantitative expression as a writer types it ("12-78%", "30×", "\\$152B",
"8.7% → 0.3%", "greater than 99%", "140+ papers", "February 2025", "$2-5B/year"). `scan()` finds every
figure in a piece of text and returns it with its exact span; `parse_value()` parses one
registry value with the same rules, so both sides of a comparison read numbers alike.

Each number keeps the precision it was written with: the half-width of its rounding
interval (`8.7` → ±0.05, `9` → ±0.5, `2,500` → ±50 since trailing zeros of an integer
are not significant, except in percentages, which are read to the last written digit).

Signs belong to the number ("−3%", "-40 degrees", "+13%"; a hyphen joined to a word
before it is no minus); digits may be grouped by commas, by thin or no-break spaces, or
by plain spaces in two groups or more ("1 234 567", never "in 2019 300"). Ratios,
scientific notation and doubling words are read by `grammar_forms`, gated by a character
test, and win over a shorter reading of the same characters.

Why one module of more than 400 lines: the grammar is one set of patterns and one
number reader shared by every kind of figure; splitting it by kind would split the
alternation that decides which kind a span is, and the registry must read exactly what
documents read. What stands apart is split out: `grammar_words` (number words),
`grammar_names` (numbers in names), `grammar_forms` (ratios, scientific notation and
doubling words, read by their own gated patterns).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from mesacheck import grammar_anchor, grammar_forms, grammar_units
from mesacheck.grammar_names import MODEL_BEFORE as _MODEL_BEFORE
from mesacheck.grammar_names import VERSION_AFTER as _VERSION_AFTER
from mesacheck.grammar_names import identifier as _identifier
from mesacheck.grammar_names import named as _named
from mesacheck.grammar_words import (
    _COMPARATIVE,
    _FRACTION_WORD,
    _FRACTION_WORDS,
    _NOT_WORD_NOUNS,
    _TIME_NOUN,
    _WORDNUM,
    _WORDSTEM,
    word_number,
)
from mesacheck.lazy_re import lazy

KINDS = ("percent", "range", "multiplier", "currency", "change", "count", "proportion", "date")

_NUM = (
    r"(?<![\d.])(?>(?:\d{1,3}(?:,\d{3}){1,6}(?!\d)|\d{1,3}(?:[\u2009\u202f\u00a0]\d{3}){1,6}(?![\d,.])"
    r"|\d{1,3}(?:\x20\d{3}){2,6}(?![\d,.])|\d+)(?:\.\d+)?)"
)
# (digit groups are bounded, six at most: a line of thousands of groups is read in linear
# time, not re-read from each group)
# a signed number ("−3%", "-40 degrees", "+13%"): the sign is no hyphen joined to a word
# or number before it ("pre-40%", "2-3%")
_SIGN = r"(?:(?<![\w.,+−-])[−+-](?=\d))?"
_SNUM = _SIGN + _NUM
_SCALE_WORDS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
_MAGNITUDES = frozenset(("thousand", "million", "billion", "trillion"))
_SCALE = r"(?:thousand|million|billion|trillion|bn|mn|tn|[kmbt])(?![a-z])"
_CURRENCY_SIGN = r"(?:US\$|\\?\$|€|£|¥|(?:USD|EUR|GBP)\s?)"
_CURRENCY_CODES = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
}

# Prefix qualifiers: bounds and hedges. Order matters (longest first).
_QUALIFIER_WORDS = {
    ">=": "gte",
    "≥": "gte",
    "<=": "lte",
    "≤": "lte",
    ">": "gt",
    "<": "lt",
    "~": "approx",
    "≈": "approx",
    "∼": "approx",
    "greater than": "gt",
    "more than": "gt",
    "over": "gt",
    "above": "gt",
    "in excess of": "gt",
    "exceeding": "gt",
    "exceeds": "gt",
    "just over": "gt",
    "at least": "gte",
    "no less than": "gte",
    "a minimum of": "gte",
    "up to": "lte",
    "at most": "lte",
    "no more than": "lte",
    "as many as": "lte",
    "under": "lt",
    "below": "lt",
    "less than": "lt",
    "less": "lt",  # a chart's "less 1000 lines"
    "fewer than": "lt",
    "just under": "lt",
    "about": "approx",
    "approximately": "approx",
    "approx.": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "around": "approx",
    "circa": "approx",
}


def _qual(name: str) -> str:
    return _QUAL_TEMPLATE.replace("QUALNAME", name)


# Symbol qualifiers are part of the pattern; word qualifiers ("greater than", "about") are
# found by looking back from a match, which keeps the pattern anchored on digits and signs.
_QUAL_TEMPLATE = r"(?:(?P<QUALNAME>>=|<=|[<>≥≤~≈∼])\s*)?"
_WORD_QUAL_BEFORE = lazy(
    r"(?:^|(?<=[^\w]))(?P<word>"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted((w for w in _QUALIFIER_WORDS if w[0].isalpha()), key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)
_A_BEFORE = lazy(r"(?:^|(?<=[^\w]))an?\s$", re.IGNORECASE)
# a bound denied ("no category above 5%", "none over 10%") is the other bound
_NO_BEFORE = lazy(r"(?:^|(?<=[^\w]))(?:no|none)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_DENIED = {"gt": "lte", "gte": "lt"}
_MINUS_BEFORE = lazy(r"(?:^|(?<=[^\w]))minus\s+$", re.IGNORECASE)
_QUALIFIABLE = ("range", "currency", "multiplier", "percent", "count", "proportion")
_PCT_UNIT = r"(?:\s?%|\s?percent\b|\s+per\s?cent\b|\s?(?:percentage\s+points?|pp)\b)"
_ARROW = r"(?:→|⟶|->|-->|=>|⇒)"
_DASH = r"[-–—]"
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d\d"
# a rate written with a currency figure ("$5B/year", "$2-5B per year", "$300M a year"); it
# belongs to the span, the unit stays the currency ("a year ago" is no rate)
_RATE = (
    r"(?:\s?/\s?(?:year|yr|month|mo|week|day|hour|hr)\b"
    r"|\s(?:per|a|an)\s(?:year|month|week|day|hour)\b(?!\s+(?:ago|later|earlier|before|after)\b))"
)
RATE = lazy(_RATE, re.IGNORECASE)
_TIME_UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries)"
_MULT_UNIT = r"(?:\s?×|x(?![\w])|X(?![\w])|-fold\b|\s+times(?=\s+(?:more|less|higher|lower|larger|smaller|faster|slower|greater|as\b)))"

# A count is a number followed by a plural noun (optionally one adjective between).
_NOT_ADJ_WORDS = (
    "of|the|a|an|and|or|to|in|on|at|by|for|with|from|per|than|that|which|who|is|"
    "are|was|were|be|been|being|it|its|this|these|those|we|you|they|he|she|i|without|"
    "within|into|onto|over|under|after|before|since|until|about|also|not|will|can|may|"
    "would|should|could|has|have|had|do|does|did"
)
_ADJ = rf"(?!(?:{_NOT_ADJ_WORDS})\s)[a-z][a-z-]{{1,20}}"
# plural nouns that do not end in -s ("3,000 people", "40 children")
_IRREGULAR = (
    r"(?:people|children|men|women|staff|personnel|feet|teeth|mice|geese|criteria|phenomena|alumni)"
)
_PLURAL = rf"(?:[a-z][a-z-]{{1,24}}s|{_IRREGULAR})"
_COUNT_TAIL = (
    rf"(?-i:(?P<cplus>\+)?(?:\s?\(!\))?\s(?:(?P<cadj>{_ADJ})\s)?"
    rf"(?:(?P<cadj2>{_ADJ})\s)?(?:(?P<cadj3>{_ADJ})\s)?(?P<cnoun>{_PLURAL})\b)"
)

# "from last year's 52.8% to 90.2%": the earlier period named before the first end
_LAST = r"(?:(?:last|this|the\s+previous|the\s+prior)\s+(?:year|month|week|quarter|release|survey)['’]s\s+)?"


# text that may hold a figure: a digit or a number word (segments skip any other text)
# (narrowed to what a number-word figure starts with, so that prose without one is not
# aligned and scanned for nothing: most "one"s and "two"s are no figure; a word that
# ends a piece of text may go on after a line break)
MAY_HOLD = lazy(
    rf"\d|\b(?=[adefhnostwq])(?:(?:a\s+)?dozen\s|hundred|(?:doubl|tripl|quadrupl)(?:ed|ing)\b"
    rf"|(?:single|double)[- ]digit|{_WORDSTEM}(?:-?fold|\s+(?:percent|per\s?cent|times|in|out)\b"
    rf"|[-\s]{_FRACTION_WORD}|\s+(?:[a-z]+\s+)?[a-z-]+s\b|\s*$))",
    re.IGNORECASE,
)


# A year that no alternative before `date` can read skips them: the forms of those six all
# go on from a number with more digits, or with a dash, an arrow, a percent sign or word, a
# times sign or word, or " to " (whose first characters, after the number or after
# spaces, the guard names). The same figures, sooner: most figures of the bench corpus are
# years, and the six cost a fifth of the pattern's time there.
_YEAR_ALONE = r"(?:19|20)\d\d(?!\d|\.\d|[-–—%×xXpP→⟶=⇒]|\s+[-–—%×pPtT→⟶=⇒])"

_PATTERN = rf"""
(?=[\d$€£¥\\~<>≥≤≈∼]|[−+-]\d|(?i:from|between|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|early|mid|late|usd|eur|gbp|us\$
  |a\s+dozen|dozen|hundred|{_WORDSTEM}))
(?!{_YEAR_ALONE})(?:
(?P<change>
    (?:\bfrom\s+)(?P<ch_gs>{_CURRENCY_SIGN})(?P<ch_g>{_NUM})(?:\s?(?P<ch_gsc>{_SCALE}))?(?:{_RATE})?\s+to\s+
    (?:{_CURRENCY_SIGN})(?P<ch_h>{_NUM})(?:\s?(?P<ch_hsc>{_SCALE}))?(?P<ch_rate>{_RATE})?
  | (?:\bfrom\s+{_LAST})(?P<ch_a>{_SNUM})(?:\s?{_DASH}\s?(?P<ch_a2>{_NUM}))?(?P<ch_au>{_PCT_UNIT})?
    (?:\s+in\s+{_YEAR},?)?\s+(?:up\s+|down\s+)?to\s+
    (?P<ch_b>{_SNUM})(?:\s?{_DASH}\s?(?P<ch_b2>{_NUM}))?(?P<ch_bu>{_PCT_UNIT})(?:\s+in\s+{_YEAR}\b)?
  | (?:\bfrom\s+)(?=[−+-]\d|[\d,.]+\s+to\s+[−+-]\d)(?P<ch_sa>{_SNUM})\s+to\s+(?P<ch_sb>{_SNUM})
    (?![\d]|[.,]\d|\s?(?:%|percent|per\s?cent|percentage))
  | (?:\bfrom\s+)(?P<ch_wa>{_WORDNUM})\s+to\s+(?P<ch_wb>{_WORDNUM})(?![-\s]{_FRACTION_WORD})
  | (?P<ch_c>{_SNUM})(?:{_DASH}(?P<ch_c2>{_NUM}))?(?P<ch_cu>{_PCT_UNIT})?\s*{_ARROW}\s*
    (?P<ch_d>{_SNUM})(?:{_DASH}(?P<ch_d2>{_NUM}))?(?P<ch_du>{_PCT_UNIT})
  | (?P<ch_k>{_NUM}){_DASH}(?P<ch_k2>{_NUM})\s*{_ARROW}\s*(?P<ch_l>{_NUM}){_DASH}(?P<ch_l2>{_NUM})(?![\d.,])
  | (?P<ch_cs>{_CURRENCY_SIGN})(?P<ch_e>{_NUM})\s?(?P<ch_es>{_SCALE})?\s*{_ARROW}\s*
    (?:{_CURRENCY_SIGN})(?P<ch_f>{_NUM})\s?(?P<ch_fs>{_SCALE})?
)
|(?P<range>
    {_qual("rq")}(?:\bbetween\s+(?P<r_a>{_NUM})(?P<r_au>{_PCT_UNIT})?\s+and\s+
                  |(?P<r_a2>{_SNUM})(?P<r_au2>{_PCT_UNIT})?\s?(?:{_DASH}|\sto\s)\s?)
    (?P<r_b>{_NUM})(?:(?P<r_bu>{_PCT_UNIT})(?:{_RATE})?|(?P<r_bx>{_MULT_UNIT})|\s(?P<r_bt>{_TIME_UNIT})\b)
)
|(?P<curange>
    {_qual("crq")}(?P<cr_sa>{_CURRENCY_SIGN})(?P<cr_a>{_NUM})(?:\s?(?P<cr_as>{_SCALE}))?(?P<cr_ra>{_RATE})?
    (?:\s?{_DASH}\s?|\s+to\s+(?={_CURRENCY_SIGN}|{_NUM}\s?{_SCALE}))
    (?P<cr_sb>{_CURRENCY_SIGN})?(?P<cr_b>{_NUM})(?:\s?(?P<cr_bs>{_SCALE}))?(?P<cr_plus>\+)?
    (?P<cr_rate>{_RATE})?
)
|(?P<currency>
    {_qual("curq")}(?P<cur_sign>{_CURRENCY_SIGN})(?P<cur_n>{_NUM})(?:\s?(?P<cur_s>{_SCALE}))?
    (?P<cur_plus>\+)?(?P<cur_rate>{_RATE})?
)
|(?P<multiplier>
    {_qual("mq")}(?P<m_n>{_NUM})(?P<m_u>{_MULT_UNIT})
)
|(?P<percent>
    {_qual("pq")}(?P<p_n>{_SNUM})(?P<p_u>{_PCT_UNIT})(?P<p_plus>\+(?![\d\w]))?(?:{_RATE})?
)
)
|(?P<date>
    (?:(?P<d_day>[0-3]?\d)(?:st|nd|rd|th)?\s+)?(?P<d_mon>{_MONTH})\.?\s+(?:(?P<d_day2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?(?P<d_y1>{_YEAR})\b
  | (?P<d_y2>{_YEAR})\s+(?P<d_mon2>{_MONTH})\b
  | (?P<d_iso>{_YEAR}-[01]\d(?:-[0-3]\d)?)\b
  | (?P<d_part>early|mid|late)-(?P<d_y3>{_YEAR})\b
  | (?P<d_ya>{_YEAR})\s?{_DASH}\s?(?P<d_yb>(?:19|20)?\d\d)\b(?!\s?%)
  | (?P<d_y4>{_YEAR})\b(?![.,]\d)
)
|(?P<fraction>
    {_qual("fq")}(?P<fr_a>\d{{1,3}})/(?P<fr_b>\d{{1,3}})(?:(?:st|nd|rd|th)s?\b|\s+of\b)
)
|(?P<proportion>
    {_qual("prq")}(?P<pr_a>{_NUM}|{_WORDNUM})\s+(?:in|out\s+of)\s+(?!{_YEAR}\b)(?P<pr_b>{_NUM}(?![.,]?\d|\s?%|\s?percent)|{_WORDNUM})
)
|(?P<wfrac>
    (?P<wf_a>{_WORDNUM})[-\s](?P<wf_b>{_FRACTION_WORD})\b(?!-)
)
|(?P<wmult>
    (?P<wm_n>{_WORDSTEM}|(?:a\s+)?hundred)(?:-?fold\b|\s+times(?=\s+{_COMPARATIVE}))
)
|(?P<wpct>
    (?P<wp_n>{_WORDNUM})\s+(?:percent\b|per\s?cent\b)
)
|(?P<wcount>
    (?P<wc_n>(?!one\b){_WORDNUM}|(?:a\s+)?dozen\b)
    (?-i:\s(?:(?P<wcadj>{_ADJ})\s)?(?P<wcnoun>{_PLURAL})\b)
)
|(?P<crange>
    {_qual("kq")}(?P<k_a>{_NUM})(?:\s?{_DASH}\s?|\s+to\s+)(?P<k_b>{_NUM})
    (?-i:\s(?:(?P<kadj>{_ADJ})\s)?(?P<knoun>{_PLURAL})\b)
)
|(?P<countof>
    {_qual("oq")}(?P<o_n>{_NUM})(?=\s+of\s+(?:the|all|our|these|those|its|their)\s+
    (?:(?:{_NUM}|(?!of\s){_ADJ})\s+){{0,2}}(?-i:(?P<o_noun>[a-z][a-z-]{{1,24}}s))\b)
)
|(?P<count>
    {_qual("cq")}(?P<c_n>{_SNUM}){_COUNT_TAIL}
)
"""
_RE = lazy(_PATTERN, re.VERBOSE | re.IGNORECASE)

# Words that look like plural nouns but are not: a count needs a real noun.
_NOT_NOUNS = frozenset(
    (
        "is was has does as this its his hers ours yours theirs us thus always across "
        "perhaps less unless whereas besides nevertheless various previous serious famous "
        "obvious numerous enormous plus minus versus vs yes"
    ).split()
)
_NOT_ADJ = frozenset(
    (
        "of the a an and or to in on at by for with from per than that which who is are "
        "was were be been being it its this these those"
    ).split()
)


# no __slots__: pickling (the cache) then takes the C fast path of __dict__
@dataclass(frozen=True, init=False)
class Figure:
    """One parsed figure: typed values with their rounding half-widths, and its span."""

    kind: str
    values: tuple[float, ...]
    halfwidths: tuple[float, ...]
    unit: str
    qualifier: str = "eq"
    start: int = 0
    end: int = 0
    text: str = ""
    decimals: tuple[int, ...] = field(default=())
    # a change whose ends are ranges ("from 10-30% to 78%"): each end as (low, high)
    ends: tuple[tuple[float, float], ...] = field(default=())

    # (written out: the generated `__init__` of a frozen class sets each field through
    # `object.__setattr__`, at twice the cost; tests/test_grammar.py checks the fields)
    def __init__(
        self,
        kind: str,
        values: tuple[float, ...],
        halfwidths: tuple[float, ...],
        unit: str,
        qualifier: str = "eq",
        start: int = 0,
        end: int = 0,
        text: str = "",
        decimals: tuple[int, ...] = (),
        ends: tuple[tuple[float, float], ...] = (),
    ) -> None:
        self.__dict__.update(
            kind=kind,
            values=values,
            halfwidths=halfwidths,
            unit=unit,
            qualifier=qualifier,
            start=start,
            end=end,
            text=text,
            decimals=decimals,
            ends=ends,
        )

    @property
    def value(self) -> float | tuple[float, ...]:
        return self.values[0] if len(self.values) == 1 else self.values


_UNGROUP = lazy(r"[,\s\u2009\u202f\u00a0]")


def _number(s: str, percent: bool) -> tuple[float, float, int]:
    """Value, rounding half-width and decimals of a number as written (a sign, digit
    groups by commas or spaces)."""
    plain = _UNGROUP.sub("", s)
    if plain[0] in "−+-":
        v, h, d = _number(plain[1:], percent)
        return (-v if plain[0] != "+" else v), h, d
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return float(plain), 0.5 * 10.0**-decimals, decimals
    value = float(plain)
    if percent or value == 0:
        return value, 0.5, 0
    stripped = plain.rstrip("0")
    trailing = len(plain) - len(stripped)
    return value, 0.5 * 10.0**trailing, 0


def _scaled(num: str, scale_word: str | None) -> tuple[float, float, int]:
    value, half, dec = _number(num, percent=False)
    scale = _SCALE_WORDS.get((scale_word or "").lower(), 1.0)
    # "$100M": the mantissa's precision, scaled (its trailing zeros are not significant)
    return value * scale, half * scale, dec


def _qualifier(word: str | None) -> str:
    if not word:
        return "eq"
    key = re.sub(r"\s+", " ", word.lower())
    return _QUALIFIER_WORDS.get(key, "eq")


def _pct_unit(u: str | None) -> str:
    if not u:
        return "%"
    u = u.strip().lower()
    return "pp" if u.startswith(("percentage", "pp")) else "%"


def _currency_code(sign: str) -> str:
    s = sign.strip().lower().lstrip("\\")
    return _CURRENCY_CODES.get(s, s.upper())


def _build(m: re.Match[str], base: int) -> Figure | None:
    kind = m.lastgroup
    g = m.group
    start, end = m.start() + base, m.end() + base
    text = m.group(0)
    if kind == "date":  # (most figures)
        return _build_date(m, start, end, text)
    if kind == "curange":
        return _currency_range(m, base)
    if kind == "change":
        if g("ch_g") is not None:
            vb, hb, db = _scaled(g("ch_h"), g("ch_hsc"))
            va, ha, da = _scaled(g("ch_g"), g("ch_gsc") or g("ch_hsc"))
            code = _currency_code(g("ch_gs"))
            return Figure("change", (va, vb), (ha, hb), code, "eq", start, end, text, (da, db))
        if g("ch_a") is not None:
            a, a2, b, b2, unit = g("ch_a", "ch_a2", "ch_b", "ch_b2", "ch_bu")
            return _change(a, a2, b, b2, _pct_unit(unit), start, end, text)
        if g("ch_c") is not None:
            a, a2, b, b2, unit = g("ch_c", "ch_c2", "ch_d", "ch_d2", "ch_du")
            return _change(a, a2, b, b2, _pct_unit(unit), start, end, text)
        if g("ch_k") is not None:
            return _change(g("ch_k"), g("ch_k2"), g("ch_l"), g("ch_l2"), "", start, end, text)
        if g("ch_sa") is not None:
            return _change(g("ch_sa"), None, g("ch_sb"), None, "", start, end, text)
        if g("ch_wa") is not None:
            wa, wb = word_number(g("ch_wa")), word_number(g("ch_wb"))
            if wa == wb:
                return None
            return Figure("change", (wa, wb), (0.5, 0.5), "", "eq", start, end, text, (0, 0))
        else:
            va, ha, da = _scaled(g("ch_e"), g("ch_es") or g("ch_fs"))
            vb, hb, db = _scaled(g("ch_f"), g("ch_fs"))
            return Figure(
                "change",
                (va, vb),
                (ha, hb),
                _currency_code(g("ch_cs")),
                "eq",
                start,
                end,
                text,
                (da, db),
            )
    if kind == "range":
        a, b = g("r_a") or g("r_a2"), g("r_b")
        if g("r_bu"):
            unit, pct = _pct_unit(g("r_bu")), True
        elif g("r_bx"):
            unit, pct = "×", False
        else:
            unit, pct = _time_unit(g("r_bt")), True
        va, ha, da = _number(a, pct)
        vb, hb, db = _number(b, pct)
        if vb < va:
            return None  # "2024-12" style or a dash between unrelated numbers
        return Figure(
            "range", (va, vb), (ha, hb), unit, _qualifier(g("rq")), start, end, text, (da, db)
        )
    if kind == "currency":
        v, h, d = _scaled(g("cur_n"), g("cur_s"))
        return Figure(
            "currency",
            (v,),
            (h,),
            _currency_code(g("cur_sign")),
            "plus" if g("cur_plus") else _qualifier(g("curq")),
            start,
            end,
            text,
            (d,),
        )
    if kind == "multiplier":
        v, h, d = _number(g("m_n"), percent=False)
        return Figure("multiplier", (v,), (h,), "×", _qualifier(g("mq")), start, end, text, (d,))
    if kind == "percent":
        v, h, d = _number(g("p_n"), percent=True)
        return Figure(
            "percent",
            (v,),
            (h,),
            _pct_unit(g("p_u")),
            "plus" if g("p_plus") else _qualifier(g("pq")),
            start,
            end,
            text,
            (d,),
        )
    if kind in ("fraction", "proportion", "wfrac", "wmult", "wpct", "wcount"):
        return _build_words(m, kind, start, end, text)
    if kind == "crange":
        # "1000 to 10000 lines", "10,000-100,000 lines": a range of a counted noun
        noun, adj = g("knoun"), g("kadj")
        if noun.lower() in _NOT_NOUNS or (adj and adj.lower() in _NOT_ADJ):
            return None
        scale = adj if adj and adj.lower() in _MAGNITUDES else None  # "1-2 million users"
        va, ha, da = _scaled(g("k_a"), scale)
        vb, hb, db = _scaled(g("k_b"), scale)
        if vb <= va:
            return None
        qual = _qualifier(g("kq"))
        return Figure("range", (va, vb), (ha, hb), noun.lower(), qual, start, end, text, (da, db))
    if kind == "countof":
        # "3,205 of the responses", "1,130 of the 3,588 total respondents": the number
        # counts the noun named after it; a one-digit number is a few of a set, not a
        # quantity ("2 of the models", "one of the reasons")
        n, noun = g("o_n"), g("o_noun")
        if noun.lower() in _NOT_NOUNS or re.fullmatch(_YEAR, n) or re.fullmatch(r"\d", n):
            return None
        v, h, d = _number(n, percent=False)
        qual = _qualifier(g("oq"))
        return Figure("count", (v,), (h,), noun.lower(), qual, start, end, text, (d,))
    if kind == "count":
        noun, adj = g("cnoun"), g("cadj")
        if noun.lower() in _NOT_NOUNS or (adj and adj.lower() in _NOT_ADJ):
            # "120 examples of …", "99 crate issues across": an adjective slot held the noun
            # ("73 sessions spread across": the last slot with a plural)
            slot = next(
                (
                    k
                    for k in ("cadj3", "cadj2", "cadj")
                    if g(k) and g(k).lower().endswith("s") and g(k).lower() not in _NOT_NOUNS
                ),
                None,
            )
            held = g(slot) if slot is not None else None
            if held and adj and adj.lower() not in _NOT_ADJ:
                end = m.start(slot) + base + len(held)
                noun = held
                text = text[: end - start]
            else:
                return None
        n = g("c_n")
        if re.fullmatch(_YEAR, n) and not g("cplus"):
            return None  # "2019 papers" is a year, not a count
        # "10 million downloads": a magnitude word between is the number's (10,000,000)
        v, h, d = _scaled(n, adj if adj and adj.lower() in _MAGNITUDES else None)
        qual = "plus" if g("cplus") else _qualifier(g("cq"))
        return Figure("count", (v,), (h,), noun.lower(), qual, start, end, text, (d,))
    return None


def _end_of(
    a: str, a2: str | None, pct: bool
) -> tuple[float, float, int, tuple[float, float] | None]:
    """One end of a change: a number, or a range ("10-30%") read as its middle, wide
    enough to hold both ends (and their rounding), with the ends kept."""
    va, ha, da = _number(a, pct)
    if a2 is None:
        return va, ha, da, None
    vb, hb, db = _number(a2, pct)
    return (va + vb) / 2, (vb - va) / 2 + max(ha, hb), max(da, db), (va, vb)


def _change(
    a: str, a2: str | None, b: str, b2: str | None, unit: str, start: int, end: int, text: str
) -> Figure | None:
    """A change "from A to B" or "A → B", whose ends may be ranges ("from 10-30% to 78%",
    "2,500-3,500 → 5,000-7,000"): the values are the ends' middles, `ends` the ends as
    written (each a (low, high) pair, a point end twice)."""
    pct = unit in ("%", "pp")
    va, ha, da, ra = _end_of(a, a2, pct)
    vb, hb, db, rb = _end_of(b, b2, pct)
    if (ra and ra[1] <= ra[0]) or (rb and rb[1] <= rb[0]):
        return None
    ends = ((ra or (va, va)), (rb or (vb, vb))) if (ra or rb) else ()
    return Figure("change", (va, vb), (ha, hb), unit, "eq", start, end, text, (da, db), ends)


def _fraction(a: float, b: float, start: int, end: int, text: str, qual: str) -> Figure | None:
    """A proportion: its fraction, to half a unit of the numerator ("1 in 5" is 0.2 ± 0.1)."""
    if b <= 0 or a <= 0 or a > b:
        return None
    return Figure("proportion", (a / b,), (0.5 / b,), "of", qual, start, end, text, (0,))


def _build_words(m: re.Match[str], kind: str, start: int, end: int, text: str) -> Figure | None:
    """Proportions ("1 in 5", "3 out of 4", "2/3rds", "two-thirds") and number words
    ("threefold", "twenty percent", "nine principles", "a dozen labs")."""
    g = m.group
    if kind == "fraction":
        qual = _qualifier(g("fq"))
        return _fraction(float(g("fr_a")), float(g("fr_b")), start, end, text, qual)
    if kind == "proportion":
        a, b = g("pr_a"), g("pr_b")
        if re.fullmatch(_YEAR, b) or re.fullmatch(_YEAR, a):
            return None  # "2 in 2019", "2019 in 2020": no proportion
        va = word_number(a) if a[0].isalpha() else _number(a, percent=False)[0]
        vb = word_number(b) if b[0].isalpha() else _number(b, percent=False)[0]
        if a[0].isalpha() and b[0].isalpha() and vb < 2:
            return None  # "one in one"
        return _fraction(va, vb, start, end, text, _qualifier(g("prq")))
    if kind == "wfrac":
        b = (
            _FRACTION_WORDS[g("wf_b").lower().removesuffix("s")]
            if not g("wf_b").lower().startswith("halves")
            else 2
        )
        return _fraction(word_number(g("wf_a")), float(b), start, end, text, "eq")
    if kind == "wmult":
        v = word_number(g("wm_n"))
        return Figure("multiplier", (v,), (0.5,), "×", "eq", start, end, text, (0,))
    if kind == "wpct":
        v = word_number(g("wp_n"))
        return Figure("percent", (v,), (0.5,), "%", "eq", start, end, text, (0,))
    noun, adj = g("wcnoun"), g("wcadj")
    if (
        noun in _NOT_NOUNS
        or noun in _NOT_WORD_NOUNS
        or (adj is not None and (adj in _NOT_ADJ or adj.endswith("s")))
    ):
        return None  # "two others", "three times", "two years' sales"
    v = word_number(g("wc_n"))
    if (adj is not None and v < 10) or (v < 5 and not _TIME_NOUN.fullmatch(noun)):
        # a few of a kind ("three parts", "two compilers", "three key examples") is how
        # prose enumerates, not a quantity: LABELS.md makes them optional, and a reader
        # counts none; a duration is one ("four weeks", "two hours")
        return None
    return Figure("count", (v,), (0.5,), noun, "eq", start, end, text, (0,))


def _currency_range(m: re.Match[str], base: int) -> Figure | None:
    """ "$2-5B/year", "$700M-1.25B", "€3–4 billion", "$2B–$5B", "$65 billion to $72 billion":
    one range in units of the currency. An end without a magnitude takes the other's
    ("$2-5B" is $2B to $5B), and each end keeps its own rounding ("$2-5B": ±$0.5B)."""
    g = m.group
    a_scale, b_scale = g("cr_as"), g("cr_bs")
    va, ha, da = _scaled(g("cr_a"), a_scale or b_scale)
    vb, hb, db = _scaled(g("cr_b"), b_scale or a_scale)
    code = _currency_code(g("cr_sa"))
    if vb <= va or (g("cr_sb") and _currency_code(g("cr_sb")) != code):
        # not a range ("$5-2B", "$3-€4"): the first end alone
        end = m.end("cr_as") if a_scale else m.end("cr_a")
        return Figure(
            "currency",
            (_scaled(g("cr_a"), a_scale)[0],),
            (_scaled(g("cr_a"), a_scale)[1],),
            code,
            _qualifier(g("crq")),
            m.start() + base,
            end + base,
            g(0)[: end - m.start()],
            (da,),
        )
    qual = "plus" if g("cr_plus") else _qualifier(g("crq"))
    start, end = m.start() + base, m.end() + base
    return Figure("range", (va, vb), (ha, hb), code, qual, start, end, m.group(0), (da, db))


@dataclass(frozen=True)
class RangeNotation:
    """How a writer wrote a currency range, to write another one alike."""

    prefix: str  # the qualifier as written ("about ", "~", "up to "), if any
    sign: str  # "$", "\\$", "€", "USD "
    scale_a: str | None  # the first end's magnitude as written ("M", " billion"), if any
    sep: str  # "-", "–", " to "
    sign_b: str | None  # the symbol repeated on the second end, if it is
    scale_b: str | None
    tail: str  # "+", "/year", " per year", …


def range_notation(fig: Figure) -> RangeNotation | None:
    """The notation of a currency range figure (None for any other figure)."""
    if fig.kind != "range":
        return None
    for start in grammar_anchor.starts(fig.text):
        m = _RE.match(fig.text, start)
        if m is None or m.lastgroup != "curange":
            continue
        g = m.group
        a_end = m.end("cr_as") if g("cr_as") else m.end("cr_a")
        if g("cr_ra"):
            return None  # "$5/month-$10/month": read, but not a notation written back
        b_start = m.start("cr_sb") if g("cr_sb") else m.start("cr_b")
        b_end = m.end("cr_bs") if g("cr_bs") else m.end("cr_b")
        return RangeNotation(
            fig.text[: m.start("cr_sa")],
            g("cr_sa"),
            fig.text[m.end("cr_a") : a_end] or None,
            fig.text[a_end:b_start],
            g("cr_sb"),
            fig.text[m.end("cr_b") : b_end] or None,
            fig.text[b_end : m.end()],
        )
    return None


def scale_of(written: str | None) -> float:
    """The factor of a magnitude as written (" billion" → 1e9; none → 1)."""
    return _SCALE_WORDS.get((written or "").strip().lower(), 1.0)


def _time_unit(word: str) -> str:
    w = word.lower()
    return "years" if w.startswith("year") else (w if w.endswith("s") else w + "s")


def _month(y: int, mo: int, start: int, end: int, text: str) -> Figure:
    # a date stands for its whole period: the value is its middle, the half-width half of it
    return Figure("date", (y + (mo - 0.5) / 12,), (1 / 24,), "month", "eq", start, end, text)


def _build_date(m: re.Match[str], start: int, end: int, text: str) -> Figure:
    g = m.group
    y4 = g("d_y4")  # a year alone, most dates (the groups of one alternative only are set)
    if y4 is not None:
        return Figure("date", (int(y4) + 0.5,), (0.5,), "year", "eq", start, end, text)
    if g("d_mon"):
        return _month(int(g("d_y1")), _MONTHS[g("d_mon")[:3].lower()], start, end, text)
    if g("d_mon2"):
        return _month(int(g("d_y2")), _MONTHS[g("d_mon2")[:3].lower()], start, end, text)
    if g("d_iso"):
        parts = g("d_iso").split("-")
        return _month(int(parts[0]), int(parts[1]), start, end, text)
    if g("d_part"):
        y = int(g("d_y3")) + {"early": 0.25, "mid": 0.5, "late": 0.75}[g("d_part").lower()]
        return Figure("date", (y,), (0.25,), "year", "approx", start, end, text)
    a = g("d_ya")  # a span of years
    b = g("d_yb")
    yb = int(b) if len(b) == 4 else int(a[:2] + b)
    return Figure("date", (int(a) + 0.5, yb + 0.5), (0.5, 0.5), "year", "eq", start, end, text)


def _matches(text: str, anchored: bool) -> Iterator[re.Match[str]]:
    pos = 0
    match = _RE.match
    starts = grammar_anchor.starts(text) if anchored else grammar_anchor.every_position(text)
    for start in starts:
        if start < pos:
            continue
        m = match(text, start)
        if m is not None:
            yield m
            pos = m.end() if m.end() > start else start + 1


def scan(text: str, base: int = 0, dates: bool = True, anchored: bool = True) -> list[Figure]:
    """Every figure in `text`, left to right, with spans offset by `base`.

    The grammar is tried only where a figure can start (`grammar_anchor`), which makes prose
    cheap; `anchored=False` runs it at every position (same result, slower).
    """
    found: list[Figure] = []
    extras = grammar_forms.extra(text)
    taken = _Spans([(x[5], x[6]) for x in extras]) if extras else None
    for m in _matches(text, anchored):
        s = m.start()
        # a figure starts a token: not inside a word, a version ("GPT-4o", "o3") or a number
        if s > 0:
            prev = text[s - 1]
            if prev.isalnum() or prev in "._/#@" or (prev == "-" and m.lastgroup != "date"):
                continue
            if prev in ",:" and s > 1 and text[s - 2].isdigit():
                continue  # "1,5" or the second side of "1:1 chats", "10:30"
        e = m.end()
        if e < len(text) and (text[e].isalnum() and text[e - 1].isalnum()):
            continue
        kind = m.lastgroup
        if kind == "date":
            if _MODEL_BEFORE.search(text[max(0, s - 24) : s]) or _identifier(text, s):
                continue
        elif kind in ("count", "crange", "countof", "wcount", "proportion", "fraction") or (
            kind == "range" and m.group("r_bu") is None
        ):
            if _named(text, s) or _VERSION_AFTER.match(text, s):
                continue
        elif kind == "multiplier" and m.group(0).endswith("X") and _named(text, s):
            continue  # a product code ("Ryzen 1700X"), not "2X faster"
        if not dates and m.lastgroup == "date":
            continue
        if taken is not None and taken.overlaps(s, e):
            continue  # a longer reading of the same characters ("2.1×10^25 FLOP")
        fig = _build(m, base)
        if fig is None:
            continue
        found.append(_qualify(fig, text, s, base, kind))
    if len(found) >= 2:
        found = _elided(text, base, found)
    if extras:
        for kind, values, halves, unit, q, s, e, dec in extras:
            if (text[s].isdigit() or kind != "multiplier") and _named(text, s):
                continue  # "Psalm 23:1", a name joined to the number (not "Rust doubled")
            fig = Figure(
                kind, values, halves, unit, _qualifier(q), s + base, e + base, text[s:e], dec
            )
            found.append(_qualify(fig, text, s, base, kind))
        found.sort(key=lambda f: f.start)
    units = grammar_units.extra(text)  # --- forms with a unit (grammar_units) ---
    if units:
        found = _with_units(text, base, found, units)
    return found


def _with_units(
    text: str, base: int, found: list[Figure], units: list[grammar_forms.Form]
) -> list[Figure]:
    """`found` with the forms of `grammar_units`: each qualified and checked for a name
    before it, kept where it overlaps no figure of `found` or holds those it overlaps whole
    ("2 or 3 years" holds "3 years"), which it then replaces. Overlaps are found by
    bisection (`found` is in order), so a line of thousands of figures stays linear."""
    starts = [f.start - base for f in found]
    taken = _Spans([(f.start - base, f.end - base) for f in found])
    dropped: set[int] = set()
    added: list[Figure] = []
    last = -1
    for kind, values, halves, unit, q, s, e, dec in units:
        if s < last or _named(text, s):
            continue
        if taken.overlaps(s, e):
            i = bisect_left(starts, e)  # those it overlaps start before `e`, end after `s`
            over = []
            while i > 0 and found[i - 1].end - base > s and len(over) < 8:
                i -= 1
                over.append(i)
            if not over or any(
                found[k].start - base < s or found[k].end - base > e or k in dropped for k in over
            ):
                continue
            dropped.update(over)
        qual = "plus" if q == "plus" else _qualifier(q)
        fig = Figure(kind, values, halves, unit, qual, s + base, e + base, text[s:e], dec)
        added.append(_qualify(fig, text, s, base, kind))
        last = e
    out = [f for k, f in enumerate(found) if k not in dropped] if dropped else list(found)
    out.extend(added)
    out.sort(key=lambda f: f.start)
    return out


# a bound whose noun is left out, in a list that names it ("… 10000 to 100000 lines, 2.1%
# over 100000, 0.9% don't know"): LABELS.md counts it as the siblings' noun
_ELIDED = lazy(
    rf"(?:^|(?<=[^\w]))(?P<q>over|under|more\s+than|less\s+than|fewer\s+than|less|above|below)\s+"
    rf"(?P<n>{_NUM})(?=\s*[,;)]|\s*$)",
    re.IGNORECASE,
)


class _Spans:
    """Spans, asked whether any overlaps a given one in logarithmic time (a line of
    thousands of figures stays linear)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []  # the furthest end of the spans up to each one
        far = -1
        for _, b in spans:
            far = max(far, b)
            self.reach.append(far)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # the spans that start before `e`
        return i > 0 and self.reach[i - 1] > s


def _elided(text: str, base: int, found: list[Figure]) -> list[Figure]:
    """`found` with the bounds whose noun two sibling counts or ranges name."""
    nouns = [f.unit for f in found if f.kind in ("count", "range") and f.unit.isalpha()]
    if len(nouns) < 2 or len(set(nouns)) != 1 or _ELIDED.search(text) is None:
        return found
    out = list(found)
    taken = _Spans([(f.start, f.end) for f in found])
    for m in _ELIDED.finditer(text):
        s, e = m.start() + base, m.end() + base
        if taken.overlaps(s, e) or _named(text, m.start("n")):
            continue
        v, h, d = _number(m.group("n"), percent=False)
        qual = _qualifier(m.group("q"))
        out.append(Figure("count", (v,), (h,), nouns[0], qual, s, e, m.group(0), (d,)))
    return sorted(out, key=lambda f: f.start)


def _qualify(fig: Figure, text: str, s: int, base: int, kind: str) -> Figure:
    """A figure with the words before it that belong to it: "a" before a fraction, a
    qualifier ("about", "more than"), "minus"."""
    end = fig.end - base
    if kind == "fraction":
        a = _A_BEFORE.search(text, max(0, s - 3), s)
        if a is not None:  # "a 1/5th": the article belongs to the figure
            fig = replace(fig, start=a.start() + base, text=text[a.start() : end])
            s = a.start()
    if (
        fig.kind in _QUALIFIABLE
        and fig.qualifier == "eq"
        and not fig.text.startswith(("between", "Between"))
    ):
        w = _WORD_QUAL_BEFORE.search(text, max(0, s - 24), s)
        if w is not None:
            qual = _qualifier(w.group("word"))
            if qual in _DENIED and _NO_BEFORE.search(text, max(0, w.start() - 30), w.start()):
                qual = _DENIED[qual]  # "no category above 5%": each at most 5%
            fig = replace(
                fig,
                qualifier=qual,
                start=w.start() + base,
                text=text[w.start() : end],
            )
    if fig.kind in ("percent", "currency") and fig.start == s + base:
        w = _MINUS_BEFORE.search(text, max(0, s - 12), s)
        if w is not None:  # "minus 15%": a negative value, the word in the span
            fig = replace(
                fig,
                values=(-fig.values[0],),
                start=w.start() + base,
                text=text[w.start() : end],
            )
    return fig


class ValueError_(ValueError):
    """A registry value that is not a figure."""


# what a registry value may be that prose reads only in context: a ratio whatever its
# sides ("1:20", "3:2": no time of day in a registry), a multiplier in times ("3 times",
# "three times": in prose only before a comparative)
_LONE = lazy(
    rf"(?:(?P<lw>{'|'.join(sorted((w for w in _QUALIFIER_WORDS if w[0].isalpha()), key=len, reverse=True))})\s+)?"
    rf"{_qual('lq')}(?:(?P<ra>{_NUM}):(?P<rb>{_NUM})|(?P<t>{_NUM}|{_WORDNUM})\s+times"
    rf"|(?:from\s+)?(?P<ca>{_SNUM})\s*(?:{_ARROW}|\s+to\s+)\s*(?P<cb>{_SNUM}))",
    re.IGNORECASE,
)


def _lone(m: re.Match[str], text: str) -> Figure:
    qual = _qualifier(m.group("lq") or m.group("lw"))
    if m.group("ca") is not None:
        if not (text.lower().startswith("from") or re.search(_ARROW, text)):
            raise ValueError_(f"{text!r} is not a figure: a change is 'A → B' or 'from A to B'")
        fig = _change(m.group("ca"), None, m.group("cb"), None, "", 0, len(text), text)
        assert fig is not None
        return fig
    if m.group("t") is not None:
        t = m.group("t")
        v, h, d = _number(t, percent=False) if t[0].isdigit() else (word_number(t), 0.5, 0)
        return Figure("multiplier", (v,), (h,), "×", qual, 0, len(text), text, (d,))
    (a, ha, _), (b, hb, _) = _number(m.group("ra"), False), _number(m.group("rb"), False)
    if a <= 0 or b <= 0 or a == b:
        raise ValueError_(f"{text!r} is not a ratio: its sides must differ and be above 0")
    ha, hb = (0.0 if m.group("ra") == "1" else ha), (0.0 if m.group("rb") == "1" else hb)
    v = a / b
    h = max(abs((a + ha) / max(b - hb, 1e-12) - v), abs(v - (a - ha) / (b + hb)))
    return Figure("multiplier", (v,), (h,), "×", qual, 0, len(text), text, (0,))


def parse_value(value: str) -> Figure:
    """Parse one registry value ("12%", "8.7% → 0.3%", ">99%", "$152B"): exactly one figure."""
    text = value.strip()
    figs = scan(text)
    if len(figs) == 1 and figs[0].kind == "count" and figs[0].unit == "times":
        figs = []  # "3 times": in prose a count ("ran it 3 times"), a value a multiplier
    if len(figs) != 1 or figs[0].start != 0 or figs[0].end != len(text):
        bare = re.fullmatch(_qual("bq") + rf"(?P<n>{_SNUM})(?P<plus>\+)?", text, re.IGNORECASE)
        if bare:
            v, h, d = _number(bare.group("n"), percent=False)
            qual = "plus" if bare.group("plus") else _qualifier(bare.group("bq"))
            return Figure("count", (v,), (h,), "", qual, 0, len(text), text, (d,))
        lone = _LONE.fullmatch(text)
        if lone is not None:
            return _lone(lone, text)
        raise ValueError_(
            f'{value!r} is not a figure: write it as a writer would, e.g. "12%", "12-78%", '
            '"30×", "$152B", "8.7% → 0.3%", ">99%" or "6,000 examples"'
        )
    return figs[0]
