"""Figures read by the words and numbers around them: a chart's data, scores out of N,
approximate and compound counts, prices written with the sign after the number.

`grammar_units.extra` runs `extra` on every text; each family is behind its own cheap
test (a substring, or one search anchored on a literal character), so a text without a
candidate costs a few substring tests. A form found here is kept where it overlaps no
figure of the main grammar, or replaces those it holds whole ("4 or 5 out of 5" holds
"5 out of 5", "7 000 answers" holds the "000 answers" the main grammar reads).

- A chart's data (image alt text that lists a chart's values): after a label naming a
  chart (`chart:`, `Chart showing …:`), three or more comma-separated items, each a
  number and the words that label it (`666 company doesn't use Rust, 425 Rust is too
  intimidating, …`). Each bare number is a chart value, a count whose noun the chart
  leaves out (LABELS.md: "named by the sibling items of the same list or chart"): unit
  "" (the chart never writes its noun; a reader supplies it, the grammar does not
  guess). Items that are percentages are the main grammar's.
- Scores out of N: `4 or 5 out of 5` (a range of proportions), `7 or more out of 10`
  (a proportion, at least), `9 times out of 10` (a proportion).
- Approximate counts: `50-ish people`, `20ish extra bytes` (a count, `approx`; a bare
  `20ish` with no noun is no figure).
- Compound ranges: `15-to-20-year lifetimes` (a range of years), `20-25 high school
  graduates` (a range of a noun with two or three words before it; the main grammar
  reads one).
- Digits grouped by one space when the group is `000`: `7 000 answers` (never "in 2019
  300 people": a group other than `000` after one space stays two numbers).
- A change of a counted noun whose second end is bare: `from 16,457 views in 2021 to
  25,581` (views, 16,457 → 25,581).
- `a factor of 6` (a multiplier), `50+%` (a percent, `plus`).
- Prices with the sign after the number: `0.09$/GB`, `485$/month`, `40 €` (currency; a
  rate after it belongs to the span; never the closing `$` of inline math `$x = 4$`,
  nor a year: `2020£` stays the year).
- Ranges of numbers written out in full digits (four comma groups or more, a billion
  and above): `0 - 340,282,366,920,938,463,463,374,607,431,768,211,455` (the values of
  `u128`: a range with no unit, since no reader takes a 39-digit number for a name).
- `changes`: two counts of one unit written "from A to B" are one change ("from 5s to
  0.5s"), over the forms `grammar_units` found.

A list item `Label: N` and a cross-tabulation's cell are read with their siblings:
`grammar_lists`.

Each form is a plain tuple (kind, values, halfwidths, unit, qualifier symbol, start,
end, decimals), as `grammar_forms` returns. No import of `grammar` (it imports this
module through `grammar_units`).
"""

from __future__ import annotations

import re

from mesacheck.grammar_forms import written_number as _num
from mesacheck.lazy_re import lazy

Form = tuple[str, tuple[float, ...], tuple[float, ...], str, str, int, int, tuple[int, ...]]

_N = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"
_START = r"(?<![\w.,/#@\\$€£:+-])"
_PLURAL = r"(?:[a-z][a-z-]{1,24}[^\Ws]s|people|children|staff)"
# a word before the counted noun (checked against `_NOT_WORDS` once matched): no plural
# ("1-2 weeks later maintainers" is no count of maintainers)
_WORD = r"[a-z][a-z-]{1,20}(?<!s)"
_NOT_WORDS = frozenset(
    """of the a an and or to in on at by for with from is are was were be it this that these
    those than as per into over under about later earlier ago each every more less fewer
    other""".split()
)
_TIME = r"(?:second|minute|hour|day|week|month|year|decade)"
_YEAR = r"(?:19|20)\d\d"
_SYMBOLS = "~≈∼<>≤≥"


def _plain(n: str) -> tuple[float, float, int]:
    return _num(n.replace(" ", ""))


def _count(n: str, unit: str, q: str, s: int, e: int) -> Form:
    v, h, d = _plain(n)
    return ("count", (v,), (h,), unit, q, s, e, (d,))


# --- a chart's data ---------------------------------------------------------------------
_CHART = lazy(r"(?i:\b(?:bar\s+|pie\s+)?charts?\b)[^:\n\d]{0,60}?:[ \t]*")
_ITEM = lazy(rf"(?P<n>{_N})(?P<unit>\s?(?:%|percent\b|per\s?cent\b))?(?P<label>[^,\n]*)")
_SEP = re.compile(r",[ \t]+")
_LABEL_WORD = re.compile(r"\s+[A-Za-z\"'“‘(]")


def chart(text: str) -> list[Form]:
    """The bare values of a chart's data: three or more items `N <label words>` after a
    label naming a chart."""
    out: list[Form] = []
    for lab in _CHART.finditer(text):
        items: list[re.Match[str]] = []
        pos = lab.end()
        while True:
            m = _ITEM.match(text, pos)
            if m is None or not m.group("label").strip():
                break
            items.append(m)
            sep = _SEP.match(text, m.end())
            if sep is None:
                break
            pos = sep.end()
        if len(items) < 3:
            continue
        for m in items:
            if m.group("unit") is None and _LABEL_WORD.match(m.group("label")):
                out.append(_count(m.group("n"), "", "", m.start("n"), m.end("n")))
    return out


# --- scores out of N --------------------------------------------------------------------
_OUT_OF = lazy(
    rf"{_START}(?P<a>\d{{1,2}}(?:\.\d)?)\s+(?:or\s+(?P<b>\d{{1,2}}(?:\.\d)?)|or\s+"
    r"(?P<more>more|higher|above|less|lower|below|fewer)|(?P<times>times))\s+out\s+of\s+"
    r"(?P<k>\d{1,3})(?![\d%]|[.,]\d|\s?%)"
)
_GTE_WORDS = frozenset(("more", "higher", "above"))


def scores(text: str) -> list[Form]:
    """`4 or 5 out of 5`, `7 or more out of 10`, `9 times out of 10`."""
    out: list[Form] = []
    for m in _OUT_OF.finditer(text):
        k = float(m.group("k"))
        a, ha, da = _num(m.group("a"))
        if k <= 0 or a > k:
            continue
        h = ha / k
        if m.group("b") is not None:
            b, hb, db = _num(m.group("b"))
            if not a < b <= k:
                continue
            vals = (a / k, b / k)
            out.append(("range", vals, (h, hb / k), "of", "", m.start(), m.end(), (da, db)))
            continue
        q = ""
        if m.group("more") is not None:
            q = "≥" if m.group("more") in _GTE_WORDS else "≤"
        out.append(("proportion", (a / k,), (h,), "of", q, m.start(), m.end(), (da,)))
    return out


# --- approximate and compound counts, spaced thousands, changes of a noun ----------------
_ISH = lazy(rf"{_START}(?P<n>{_N})-?ish\s+(?P<words>(?:{_WORD}\s+){{0,2}})(?P<noun>{_PLURAL})\b")
# "15-to-20-year" (a range of years) or "20-25 high school graduates" (two or three words
# before the noun: the main grammar reads one)
_DASHED = lazy(
    rf"{_START}(?:(?P<a>\d{{1,3}})-to-(?P<b>\d{{1,3}})-(?P<u>{_TIME})(?![\w-])"
    rf"|(?P<a2>{_N})[-–](?P<b2>{_N})\s(?P<words>(?:{_WORD}\s){{2,3}})(?P<noun>{_PLURAL})\b"
    rf"|(?P<a3>{_N})[-–](?P<b3>{_N})\s?(?P<bytes>[KMGTP]i?B|[kmgtp]b|kB)(?![\w]|[.,]\d))"
)
_SPACED = lazy(
    rf"{_START}(?P<n>\d{{1,3}} 000)(?![\d,.]|\s\d)\s(?P<words>(?:{_WORD}\s)?)(?P<noun>{_PLURAL})\b"
)
_FROM_AT = re.compile(r"from\s+\d")
# where a form may end its number, each opening on a literal (`re` finds it in C) and
# looking back for the digit: most texts hold none, and cost one search
_HYPHEN_AT = re.compile(r"-(?<=\d-)(?=\d|to-\d)")
_EN_DASH_AT = re.compile(r"–(?<=\d–)(?=\d)")
_ISH_AT = re.compile(r"ish(?:(?<=\dish)|(?<=\d-ish))")
_SIGN_AT = re.compile(r"\$(?<=\d\$)|[€£]")
_FROM_TO = lazy(
    rf"from\s+(?P<a>{_N})\s+(?P<noun>{_PLURAL})(?:\s+in\s+{_YEAR})?,?\s+to\s+"
    rf"(?P<b>{_N})(?:\s+in\s+{_YEAR}\b)?(?!\s*[\w%$€£])(?![.,]\d)"
)


def _back(text: str, i: int) -> int:
    """Where the number that ends at `i` starts (digits, commas and dots)."""
    while i > 0 and (text[i - 1].isdigit() or text[i - 1] in ",."):
        i -= 1
    return i


def _function_word(m: re.Match[str]) -> bool:
    """Whether a word matched before the counted noun is a function word."""
    words = m.group("words")
    return bool(words) and any(w in _NOT_WORDS for w in words.split())


def _symbol(text: str, s: int) -> tuple[str, int]:
    """A qualifier symbol right before `s` ("~3-4 MiB"), and where the figure starts."""
    if s > 0 and text[s - 1] in _SYMBOLS:
        return text[s - 1], s - 1
    return "", s


def _bytes(unit: str) -> str:
    """A byte unit as `grammar_units` writes it ("kb", "kB" → "KB"; "MiB")."""
    return unit[0].upper() + ("i" if unit[1] == "i" else "") + "B"


def _after_numbers(
    text: str, at: str | re.Pattern[str], form: re.Pattern[str]
) -> list[re.Match[str]]:
    """The matches of `form` at each number directly followed by `at` (a literal found by
    `str.find`, or a pattern that opens on a literal, which `re` finds in C): a
    number-first pattern is tried only there, not at every position of the text."""
    got: list[re.Match[str]] = []
    last = -1
    if isinstance(at, str):
        hits: list[int] = []
        i = text.find(at)
        while i >= 0:
            hits.append(i)
            i = text.find(at, i + 1)
    else:
        hits = [h.start() for h in at.finditer(text)]
    for i in hits:
        if i > 0 and text[i - 1].isdigit() and i > last:
            m = form.match(text, _back(text, i))
            if m is not None:
                got.append(m)
                last = m.end()
    return got


def counts(text: str) -> list[Form]:
    """`50-ish people`, `15-to-20-year`, `20-25 high school graduates`, `7 000 answers`,
    `from 16,457 views in 2021 to 25,581`."""
    out: list[Form] = []
    if "ish" in text and _ISH_AT.search(text) is not None:
        ish = _ISH.compiled
        for m in _after_numbers(text, "ish", ish) + _after_numbers(text, "-ish", ish):
            if _function_word(m):
                continue
            out.append(_count(m.group("n"), m.group("noun"), "~", m.start(), m.end()))
    if ("-" in text and _HYPHEN_AT.search(text)) or ("–" in text and _EN_DASH_AT.search(text)):
        got = _after_numbers(text, _HYPHEN_AT, _DASHED.compiled)
        if "–" in text:
            got += _after_numbers(text, _EN_DASH_AT, _DASHED.compiled)
        for m in got:
            if m.group("u") is not None:
                a, b = float(m.group("a")), float(m.group("b"))
                if a < b:
                    unit = m.group("u") + "s"
                    out.append(("range", (a, b), (0.5, 0.5), unit, "", m.start(), m.end(), (0, 0)))
                continue
            if _function_word(m):
                continue
            first, noun = m.group("a2") or m.group("a3"), m.group("noun")
            (a, ha, da), (b, hb, db) = _plain(first), _plain(m.group("b2") or m.group("b3"))
            if a < b and not re.fullmatch(_YEAR, first):
                q, s = _symbol(text, m.start())
                unit = noun if noun is not None else _bytes(m.group("bytes"))
                out.append(("range", (a, b), (ha, hb), unit, q, s, m.end(), (da, db)))
    if " 000" in text:
        for m in _SPACED.finditer(text):
            if _function_word(m):
                continue
            out.append(_count(m.group("n"), m.group("noun"), "", m.start(), m.end()))
    if "from" in text and _FROM_AT.search(text) is not None:
        for m in _FROM_TO.finditer(text):
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            (a, ha, da), (b, hb, db) = _plain(m.group("a")), _plain(m.group("b"))
            if not re.fullmatch(_YEAR, m.group("a")) and a != b:
                unit = m.group("noun")
                out.append(("change", (a, b), (ha, hb), unit, "", m.start(), m.end(), (da, db)))
    return out


def changes(text: str, forms: list[Form]) -> list[Form]:
    """Two counts of one unit written "from A to B" are one change ("from 5s to 0.5s",
    "from 27mb to 11mb", "from ~8s to ~2s")."""
    out: list[Form] = []
    i = 0
    while i < len(forms):
        a = forms[i]
        if i + 1 < len(forms):
            b = forms[i + 1]
            fr = re.search(r"\bfrom\s+$", text[max(0, a[5] - 8) : a[5]])
            if (
                fr is not None
                and a[0] == b[0] == "count"
                and a[3] == b[3]
                and re.fullmatch(r"\s+to\s+", text[a[6] : b[5]])
            ):
                s = a[5] - (len(fr.group(0)))
                out.append(
                    ("change", (a[1][0], b[1][0]), (a[2][0], b[2][0]), a[3], "", s, b[6],
                     (a[7][0], b[7][0]))
                )  # fmt: skip
                i += 2
                continue
        out.append(a)
        i += 1
    return out


# --- a factor of N, N+%, prices with the sign after, numbers in full digits --------------
_FACTOR = lazy(rf"\b(?:an?\s+)?factor\s+of\s+(?:(?P<q>[~≈∼])\s?)?(?P<n>{_N})(?![\d%-]|[.,]\d|\s?%)")
_PLUS_PCT = lazy(rf"{_START}(?P<n>{_N})\+\s?%")
_PRICE = lazy(
    rf"(?<![\w.,$€£\\])(?P<n>{_N})(?:(?P<d>\$)|\s?(?P<s>[€£]))"
    r"(?P<rate>/(?:[A-Za-z]{1,8})\b|\s(?:per|a|an)\s(?:year|month|week|day|hour)\b)?(?![\w$])"
)
_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
_MATH_OPEN = re.compile(r"\$(?=[A-Za-z\\{(])")
_FULL = lazy(
    r"(?<![\w.,])(?P<a>(?:(?<![\w-])[−-])?\d{1,3}(?:,\d{3}){3,}|0)\s?[-–]\s?"
    r"(?P<b>\d{1,3}(?:,\d{3}){3,})(?![\d,]|[.,]\d)"
)
_FULL_GATE = re.compile(r",\d{3},\d{3},\d{3}")


def _prices(text: str) -> list[re.Match[str]]:
    """`_PRICE` tried only at the numbers a currency sign follows (not the closing "$"
    of inline math, "$x = 4$")."""
    got: list[re.Match[str]] = []
    for sign in _SIGNS:
        i = text.find(sign)
        while i >= 0:
            j = i - 1 if i > 1 and sign != "$" and text[i - 1] == " " else i
            if j > 0 and text[j - 1].isdigit():
                m = _PRICE.match(text, _back(text, j))
                if (
                    m is not None
                    and not (sign == "$" and _in_math(text, m.start()))
                    and not re.fullmatch(_YEAR, m.group("n"))  # a year, not a price
                ):
                    got.append(m)
            i = text.find(sign, i + 1)
    return got


def _in_math(text: str, at: int) -> bool:
    """Whether the "$" after the number at `at` closes inline math ("$x = 4$")."""
    opener = text.rfind("$", 0, at)
    return opener >= 0 and _MATH_OPEN.match(text, opener) is not None


def _full(n: str) -> float:
    return float(n.replace(",", "").replace("−", "-"))


def marks(text: str) -> list[Form]:
    """`a factor of 6`, `50+%`, `0.09$/GB`, `0 - 340,282,…,455`."""
    out: list[Form] = []
    if "factor" in text:
        for m in _FACTOR.finditer(text):
            v, h, d = _num(m.group("n"))
            if v > 1:
                q = m.group("q") or ""
                out.append(("multiplier", (v,), (h,), "×", q, m.start(), m.end(), (d,)))
    if "+%" in text or "+ %" in text:
        for m in _PLUS_PCT.finditer(text):
            v, _, d = _num(m.group("n"))
            out.append(("percent", (v,), (0.5 * 10.0**-d,), "%", "plus", m.start(), m.end(), (d,)))
    if ("$" in text or "€" in text or "£" in text) and _SIGN_AT.search(text) is not None:
        for m in _prices(text):
            v, h, d = _num(m.group("n"))
            code = _SIGNS[m.group("d") or m.group("s")]
            out.append(("currency", (v,), (h,), code, "", m.start(), m.end(), (d,)))
    if "," in text and _FULL_GATE.search(text) is not None:
        for m in _FULL.finditer(text):
            a, b = _full(m.group("a")), _full(m.group("b"))
            if a < b:
                out.append(("range", (a, b), (0.5, 0.5), "", "", m.start(), m.end(), (0, 0)))
    return out


def extra(text: str) -> list[Form]:
    """Every form of this module in `text`, in order of start (the longer first)."""
    out: list[Form] = []
    if "hart" in text:
        out += chart(text)
    if "out of" in text:
        out += scores(text)
    out += counts(text)
    out += marks(text)
    if len(out) > 1:
        out.sort(key=lambda f: (f[5], -f[6]))
    return out
