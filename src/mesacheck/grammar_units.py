"""Figure forms with a unit the main grammar does not read: magnitudes, units, durations.

`grammar.scan` runs `extra` on every text, and `figures` runs `cell` on a table cell the
grammar read nothing in; each family of forms is behind its own gate (one search: a digit
joined to a unit letter or before a word this module reads; a colon before a number that
ends a line; a number before "!", a dash, ";" or ")"), so a text without a candidate costs
three searches. A form found here never replaces a figure of the main grammar it
overlaps, unless it holds that figure whole ("2 or 3 years" holds "3 years").

- Magnitude suffixes: `1.6k`, `30k crates`, `42K loans`, `40M total lines`, `792m found`:
  a count (of the noun after it, if one follows). A lowercase `m` is a million only
  before a plural noun or "found" (else metres or minutes: left unread).
- Abbreviated units: `20 MB`, `3 GB`, `150 TB`, `300kb`, `500 MiB`, `600 loc`, `5KLOC`,
  `2.25 Petabytes`: a count whose unit is the unit (`MB`, `KB`, `MiB`, `PB`, `loc`).
- Durations: `12.81s`, `50ms`, `~2s`, `5 min`, `7min`, `40h/wk`, `4m 07s` and `1h 20m`
  (one count, in the smaller unit): counts of `seconds`, `ms`, `minutes`, `hours`.
  An integer before `s` is no duration after "the", "their", "early", "mid", "late"
  (decades and ages: `the 80s`) nor a year (`1990s`).
- A time noun in the singular (`1 month`, `24 hour notice`, `a 6-week cycle`, `10-year
  anniversary`, `1.5 day event`) and a few measure nouns joined by a hyphen (`8-core
  VMs`, `3-member threshold`, `30-person`, `46-commit`): a count of the plural.
- Counts of names: an acronym plural (`30 PRs`, `2 IDEs`, `1,281 open PRs`) or a
  capitalised word before a plural noun (`16 LLVM threads`, `26 Project Goals`); never
  after a word that numbers a title (`question 3 Canonical Projections`).
- Groups: `114 out of the total 195` (a proportion), `2 or 3 years` (a range of the
  noun), `13 of them` (a count of the noun a count before it in the sentence names:
  "40 project goals, with 13 of them"; none named, no figure, as LABELS.md says).
- A bound whose noun the sentence named before it (`a LOT of responses -- over 4200!`,
  `a lot of tests: over 19000 at the time`): a count of that noun.
- A label that names a plural noun, a colon and a number ending the line (`Meetings
  attended: 24`, `Total words written: 51.5k`): a count of the noun.
- Scores: `9.5/10`, `0/10` (a proportion of 10 or 5, never a date or a path).

`cell` reads a table cell that is a bare number when its column header says what it
counts: a unit in brackets (`Before [MiB]`, `Alignment (bytes)`), a plural noun (`Views`,
`Responses`), `N count` (`Response count`: responses), `Count` alone (unit "") or a
participle (`Started`, `Completed`: a count of those); a number with decimals only under a
unit (`179.70` under `Before [MiB]`).

Each form is a plain tuple (kind, values, halfwidths, unit, qualifier symbol, start, end,
decimals), as `grammar_forms` returns: `grammar` qualifies it and checks that no name is
joined to it. No import of `grammar` (it imports this module).
"""

from __future__ import annotations

import re

from mesacheck import grammar_groups, grammar_lists
from mesacheck.grammar_forms import written_number as _num
from mesacheck.grammar_names import NOT_NAMES as _FUNCTION_WORDS
from mesacheck.lazy_re import lazy

Form = tuple[str, tuple[float, ...], tuple[float, ...], str, str, int, int, tuple[int, ...]]

_N = r"\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?"


def _q(name: str) -> str:
    return rf"(?:(?P<{name}>[≈~∼<>≤≥])\s?)?"


_START = r"(?<![\w.,/#@\\$€£:-])"
_END = r"(?![\w]|[.,]\d)"

_BYTES = {
    "kb": "KB",
    "mb": "MB",
    "gb": "GB",
    "tb": "TB",
    "pb": "PB",
    "kib": "KiB",
    "mib": "MiB",
    "gib": "GiB",
    "tib": "TiB",
    "kilobytes": "KB",
    "megabytes": "MB",
    "gigabytes": "GB",
    "terabytes": "TB",
    "petabytes": "PB",
    "kilobyte": "KB",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
    "petabyte": "PB",
}
_TIMES = {
    "ms": "ms",
    "s": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "min": "minutes",
    "mins": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
}
_BYTE_UNIT = r"[KMGTP]i?B|[kmgtp]b|kB|(?i:kilo|mega|giga|tera|peta)bytes?"  # never "Mb" (megabits)
_RATE = r"(?:/(?:wk|week|day|month|mo|year|yr))?"
_SINGULAR = r"(?:second|minute|hour|day|week|month|year|decade)"
_MEASURE = r"(?:core|member|person|commit|thread|node|page|line)"
_ACRONYM_PLURAL = r"[A-Z][A-Z\d]*[A-Z]s"
_CAP = r"(?:[A-Z][A-Za-z]*(?:-[a-z]+)?|[A-Z]{2,})"  # "Rust-related"
_PLURAL = r"[a-z][a-z-]{1,24}s"
_LADJ = (
    r"(?!(?:of|the|a|an|and|or|to|in|on|at|by|for|with|from|is|are|was|were|be|it|this|that|"
    r"these|those|than|as|per|into|over|under|about)\b)[a-z][a-z-]{1,20}"
)
_NOT_NOUNS = frozenset(
    """is was has does as this its his us thus always across less plus minus versus yes
    various previous serious obvious numerous perhaps unless whereas besides seems needs
    makes gets goes uses works means takes looks helps runs comes gives shows supports
    provides allows requires includes lets says wants keeps feels becomes remains""".split()
)

_FORMS = lazy(
    rf"""(?=[\d≈~∼<>≤≥])(?:
    (?P<hm>{_START}{_q("qhm")}(?P<hm_h>\d{{1,3}})h\s?(?P<hm_m>[0-5]?\d)m{_END})
  | (?P<ms>{_START}{_q("qms")}(?P<ms_m>\d{{1,3}})m\s?(?P<ms_s>[0-5]?\d)s{_END})
  | (?P<fold>{_START}(?P<f_n>\d+)fold\b)
  | (?P<kloc>{_START}{_q("qkl")}(?P<kl_n>{_N})\s?KLOC\b)
  | (?P<unit>{_START}{_q("qu")}(?P<u_n>{_N})(?:(?P<u_b>(?:\s?)(?:{_BYTE_UNIT}))
        |(?P<u_t>(?:ms|s|min|h)){_RATE}|\s(?P<u_t2>ms|secs?|mins?|hrs?)
        |\s?(?P<u_l>loc|LoC|LOC)){_END}(?P<u_rate>{_RATE})(?P<u_plus>\+(?![\w\d]))?)
  | (?P<mag>{_START}{_q("qg")}(?P<g_n>\d+(?:\.\d+)?)(?P<g_s>[kK]|M|m)(?![\w'’-]|[.,]\d)
        (?:\s(?P<g_adj>[a-z]{{2,}}\s)?(?P<g_noun>{_PLURAL}|{_ACRONYM_PLURAL}|LoC|LOC|loc|found)\b)?)
  | (?P<sing>{_START}{_q("qs")}(?P<s_n>{_N})(?:\s|-)(?P<s_u>{_SINGULAR}|core(?=\s+[a-z]))(?![\w'’]))
  | (?P<meas>{_START}(?P<me_n>\d{{1,3}})-(?P<me_u>{_MEASURE})(?:-ish)?(?![\w-]))
  | (?P<cap>{_START}{_q("qc")}(?P<c_n>{_N})\x00?\s(?:(?P<c_w>{_CAP}|{_LADJ})\x00?\s)?
        (?:(?P<c_w2>{_CAP}|{_LADJ})\x00?\s)?
        (?P<c_noun>{_ACRONYM_PLURAL}|(?-i:[A-Z][a-z]+s)|(?!(?:this|thus|is|was|has|its|as)\b){_PLURAL})\b)
  | (?P<outof>{_START}(?P<o_a>{_N})\s+out\s+of\s+the\s+(?:total\s+)?(?P<o_b>{_N}){_END})
  | (?P<orr>{_START}(?P<or_a>\d{{1,3}})\s+or\s+(?P<or_b>\d{{1,3}})\s(?P<or_noun>{_PLURAL})\b)
  | (?P<ofthem>{_START}(?P<of_n>\d{{1,3}}(?:,\d{{3}})+|\d+)
        (?=\s+of\s+(?:them|those|these|which|you|us)\b))
  | (?P<score>{_START}(?P<sc_a>\d{{1,2}}(?:\.\d)?)/(?P<sc_b>10|5)(?![\d/]|\.\d))
)""",
    re.VERBOSE,
)

# a label that names a plural noun, a colon and the number that ends the line
_LABEL = lazy(
    rf"(?m)^[ \t>*+-]*(?:[A-Za-z]+ ){{0,4}}?(?P<noun>[A-Za-z][a-z]*[^\Ws]s)"
    rf"(?P<rest>(?: [a-z]+){{0,5}})(?: \([A-Za-z ]+\))?:[ \t]+(?P<n>{_N})(?P<k>k)?[ \t]*$"
)
_LABEL_NOT = frozenset("goals plans notes links results news steps features changes".split())

# the gate: a digit joined to a unit letter, or a number before a word this module reads
_LABEL_GATE = lazy(r"(?m):[ \t]+\d[\d.,]*k?[ \t]*$")
_ELIDED_GATE = lazy(r"\d\s*(?:[!—–;)]|--)|\d\s+(?:at\s+the\s+time|using)\b")
_GATE = lazy(
    r"\d(?:[kKmMsh]\b|fold|(?:[kmgtpKMGTP]i?[bB])\b|\s?(?:min|ms|KLOC|loc|LoC|LOC)\b|h\s?\d|m\s?\d"
    r"|[\s-](?:second|minute|hour|day|week|month|year|decade|core|member|person|commit|thread|"
    r"node|page|line)\b|\x00?\s[A-Z]|\s[a-z]{2,20}\s[A-Z]|\s+(?:out|or|of)\s|/(?:10|5)\b|\s(?:secs?|mins?|hrs?)\b"
    r"|\s(?:[KMGTP]i?B|[kmgtp]b|kB)\b|\s(?i:kilo|mega|giga|tera|peta)byte)"
)

# an integer before "s" that is a decade or an age ("the 80s", "in their 30s")
_DECADE_BEFORE = lazy(r"(?:\b(?:the|their|his|her|my|our|early|mid|late)|['’])\s*$")
_DECADES_BEFORE = lazy(r"\d0s\s*(?:and|or|to|[-–,])\s*$")  # "their 30s and 40s"
_DISPLAY_AFTER = lazy(r"\s*(?:monitors?|displays?|screens?|resolution|video|TVs?|UHD)\b")


def _count(n: str, unit: str, q: str, s: int, e: int, scale: float = 1.0) -> Form:
    v, h, d = _num(n)
    return ("count", (v * scale,), (h * scale,), unit, q, s, e, (d,))


def _noun(w: str) -> str:
    return w.lower()


def _one(m: re.Match[str], text: str) -> Form | None:
    """The form of one match, or None when it is no figure after all."""
    g = m.group
    kind = m.lastgroup
    q = next((g(n) for n in _QNAMES if g(n)), "")
    s, e = m.start(), m.end()
    if kind == "hm":
        v = int(g("hm_h")) * 60 + int(g("hm_m"))
        return ("count", (float(v),), (0.5,), "minutes", q, s, e, (0,))
    if kind == "ms":
        v = int(g("ms_m")) * 60 + int(g("ms_s"))
        return ("count", (float(v),), (0.5,), "seconds", q, s, e, (0,))
    if kind == "fold":
        v, h, d = _num(g("f_n"))
        return ("multiplier", (v,), (h,), "×", "", s, e, (d,))
    if kind == "kloc":
        return _count(g("kl_n"), "loc", q, s, e, 1e3)
    if kind == "unit":
        n = g("u_n")
        if g("u_b"):
            q = "plus" if g("u_plus") else q  # "500 MiB+"
            return _count(n, _BYTES[g("u_b").strip().lower()], q, s, e)
        if g("u_l"):
            return _count(n, "loc", q, s, e)
        t = g("u_t") or g("u_t2")
        if t == "s" and "." not in n:
            if (
                re.fullmatch(r"(?:1[89]|20)\d\d", n)
                or _DECADE_BEFORE.search(text, max(0, s - 24), s)
                or (n.endswith("0") and _DECADES_BEFORE.search(text, max(0, s - 24), s))
            ):
                return None  # "the 1990s", "the 80s", "in their 30s"
            if re.match(r"\s*complement", text[e:]):
                return None
        return _count(n, _TIMES[t], q, s, e)
    if kind == "mag":
        suffix, noun, adj = g("g_s"), g("g_noun"), g("g_adj")
        if suffix == "m" and noun is None:
            return None  # metres or minutes
        if suffix == "K" and _DISPLAY_AFTER.match(text, m.end("g_s")):
            return None  # "a 4K monitor": a resolution
        if noun is not None and (noun in _NOT_NOUNS or noun.lower() in _TIMES_PLURAL):
            if suffix == "m":
                return None  # "30m minutes"? no figure read
            noun = None
        scale = 1e3 if suffix in "kK" else 1e6
        if noun is None or noun == "found":
            end = m.end("g_s")
            return _count(g("g_n"), "", q, s, end, scale)
        unit = "loc" if noun.lower() == "loc" else _noun(noun)
        if adj is not None and adj.strip() in ("of", "the", "and", "or", "to", "in", "a"):
            return _count(g("g_n"), "", q, s, m.end("g_s"), scale)
        return _count(g("g_n"), unit, q, s, e, scale)
    if kind == "sing":
        n = g("s_n")
        if re.fullmatch(r"(?:19|20)\d\d", n):
            return None  # "2019 year"
        return _count(n, g("s_u") + "s", q, s, e)
    if kind == "meas":
        u = g("me_u")
        return _count(g("me_n"), "people" if u == "person" else u + "s", "", s, e)
    if kind == "cap":
        n, noun = g("c_n"), g("c_noun")
        words = [w for w in (g("c_w"), g("c_w2")) if w]
        if re.fullmatch(r"(?:19|20)\d\d", n) or noun.lower() in _NOT_NOUNS:
            return None  # "2018 Rust editions": a year
        capital = any(w[0].isupper() for w in words) or noun[0].isupper()
        if not capital or any(w.endswith("s") and w[0].islower() for w in words):
            return None  # the main grammar's ("40 open issues"), or no noun ("2 seems")
        if _NUMBERED_BEFORE.search(text, max(0, s - 12), s):
            return None  # "question 3 Canonical Projections": a numbered title
        if any(w.lower() in _FUNCTION_WORDS for w in words):
            return None  # "<sup>1</sup> These numbers": a sentence starts after it
        return _count(n, _noun(noun), q, s, e)
    if kind == "outof":
        a, b = _num(g("o_a"))[0], _num(g("o_b"))[0]
        if not 0 < a <= b:
            return None
        return ("proportion", (a / b,), (0.5 / b,), "of", "", s, e, (0,))
    if kind == "orr":
        a, b = _num(g("or_a"))[0], _num(g("or_b"))[0]
        noun = g("or_noun")
        if b <= a or noun in _NOT_NOUNS:
            return None
        return ("range", (a, b), (0.5, 0.5), _noun(noun), "", s, e, (0, 0))
    if kind == "ofthem":
        # "40 project goals, with 13 of them …": a count of the noun a count before it
        # in the sentence names; none named ("67 of you replied"), no figure (LABELS.md)
        n = g("of_n")
        noun = _antecedent(text, s)
        if noun is None or re.fullmatch(r"(?:19|20)\d\d", n):
            return None
        return _count(n, noun, "", s, e)
    if kind == "score":
        a, b = float(g("sc_a")), float(g("sc_b"))
        if a > b or text[max(0, s - 1) : s] == "/":
            return None
        d = len(g("sc_a").split(".")[1]) if "." in g("sc_a") else 0
        return ("proportion", (a / b,), (0.5 * 10.0**-d / b,), "of", "", s, e, (d,))
    return None


_NUMBERED_BEFORE = lazy(
    r"\b(?:question|goal|option|point|number|phase|week|day|part|chapter|episode|level|stage|"
    r"round|track|lesson|session|slide)\s+$",
    re.IGNORECASE,
)
_QNAMES = ("qhm", "qms", "qkl", "qu", "qg", "qs", "qc")
_TIMES_PLURAL = frozenset("seconds minutes hours days weeks months years".split())


_ANTECEDENT = lazy(
    r"(?<![\w.,])\d[\d,]*\+?\s+(?:[A-Za-z-]+\s+){0,2}?(?P<noun>[A-Za-z][a-z-]*[^\Ws]s|people)\b"
)
_PLURAL_WORD = lazy(
    r"\b(?:the|all|of|many|these|those|our|their|your|its|some|any|other|more|several)\s+"
    r"(?:[a-z-]+\s+)?(?P<noun>[a-z]{2,20}[^\Wsiu]s|people)\b"
)
# a bound whose noun the sentence named before it: "a LOT of responses -- over 4200!"
_ELIDED = lazy(
    r"(?<![\w-])(?:over|almost|nearly|about|around|roughly|approximately|more\s+than"
    r"|at\s+least)\s+(?P<n>\d{1,3}(?:,\d{3})+|\d{2,})"
    r"(?=\s*(?:[!—–;)]|--|,\s|\.(?:\s|$)|$)|\s+at\s+the\s+time\b|\s+using\b)"
)
_SENTENCE_END = lazy(r"[.!?]\s")


def _antecedent(text: str, s: int) -> str | None:
    """The noun of the last count before `s` in its sentence ("663 contributors (438 of
    them new)" → "contributors"), or in the sentence before when `s` opens its own ("(12
    people in total). 4 of those signed up"), or None."""
    a = max(0, s - 200)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, a, s)]
    start = ends[-1] if ends else a
    if ends and s - start <= 6:  # the number opens its sentence (maybe after "Over")
        start = ends[-2] if len(ends) > 1 else a
    last = None
    for m in _ANTECEDENT.finditer(text, start, s):
        if not re.match(r"(?:19|20)\d\d\b", m.group(0)):  # "in 2019 in many places"
            last = m
    if last is None:  # no count: the last plural noun ("all the current lints (over 750")
        for m in _PLURAL_WORD.finditer(text, start, s):
            last = m
    if last is None:
        return None
    noun = last.group("noun").lower()
    if noun in _NOT_NOUNS or noun in _TIMES_PLURAL:
        return None
    return noun


def extra(text: str) -> list[Form]:
    """Every form of this module in `text`, each family run only when its gate (one
    search) finds a candidate."""
    out: list[Form] = []
    gate = _GATE.search(text)
    if gate is not None:  # no form starts before the number the gate found, and its sign
        i = gate.start()
        while i > 0 and text[i - 1] in "0123456789.,":
            i -= 1
        for m in _FORMS.finditer(text, max(0, i - 2)):
            form = _one(m, text)
            if form is not None:
                out.append(form)
    if _ELIDED_GATE.search(text) is not None:
        for m in _ELIDED.finditer(text):
            noun = _antecedent(text, m.start())
            if noun is not None and not re.fullmatch(r"(?:19|20)\d\d", m.group("n")):
                out.append(_count(m.group("n"), noun, "", m.start("n"), m.end("n")))
        out.sort(key=lambda f: f[5])
    if _LABEL_GATE.search(text) is not None:
        labels: list[Form] = []
        for m in _LABEL.finditer(text):
            noun = m.group("noun").lower()
            lead = len(m.group(0)) - len(m.group(0).lstrip(" \t>*+-"))
            if m.start("noun") == m.start(0) + lead and not m.group("rest"):
                continue  # one word ("Libs: 705"): a name, not what is counted
            if noun in _NOT_NOUNS or noun in _LABEL_NOT:
                continue
            s = m.start("n")
            e = m.end("k") if m.group("k") else m.end("n")
            labels.append(_count(m.group("n"), noun, "", s, e, 1e3 if m.group("k") else 1.0))
        if labels:  # a label's count wins over a form on its number ("51.5k")
            ends = {f[6] for f in labels}
            out = [f for f in out if f[6] not in ends] + labels
            out.sort(key=lambda f: f[5])
    if len(out) >= 2 and "from" in text:
        out = grammar_groups.changes(text, out)
    more = grammar_groups.extra(text)  # a chart's data, scores, prices (grammar_groups)
    if more:
        out = sorted(out + more, key=lambda f: (f[5], -f[6])) if out else more
    return out


# a column header that says what its cells count: a unit in brackets, a plural noun, or
# "N count"
_HEADER_UNIT = lazy(r"[\[(](?P<u>[A-Za-z]+)[\])]\s*$")
_HEADER_NOUN = lazy(r"^(?:(?:number|total|count)\s+of\s+)?(?P<n>[a-z]+s)$")
_HEADER_COUNT = lazy(r"^(?P<n>[a-z]+?)s?\s+count$|^(?P<c>count|#|n)$")
_CELL = lazy(r"^\s*(?P<n>\d{1,3}(?:[ ,\u2009\u202f\u00a0]\d{3})+|\d+(?:\.\d+)?)\s*$")
_NOT_HEADER_NOUNS = frozenset("yes versions notes links status results aliases".split())


def header_unit(header: str) -> str | None:
    """The unit a column header names for its bare-number cells, or None."""
    h = re.sub(r"[*_`]", "", header).strip()
    if re.fullmatch(r"(?:(?:std|core|mem)::)*(?:size|align)of(?:\(\))?", h.lower()):
        return "bytes"  # a column of `sizeof` or `mem::align_of`: sizes in bytes
    m = _HEADER_UNIT.search(h)
    if m is not None:
        u = m.group("u")
        return _BYTES.get(u.lower()) or _TIMES.get(u) or (u.lower() if u.islower() else None)
    last = h.rsplit(None, 1)[-1] if h else ""
    if len(h) > len(last) and last.lower() in _BYTES and last[0].isupper():
        return _BYTES[last.lower()]  # "Before MiB" (the brackets of "[MiB]" read as a link)
    low = h.lower()
    m = _HEADER_COUNT.match(low)
    if m is not None:
        return (m.group("n") + "s") if m.group("n") else ""
    m = _HEADER_NOUN.match(low)
    if (
        m is not None
        and h[0].isupper()  # "| Views |", not a crate's name ("| thanks |")
        and m.group("n") not in _NOT_HEADER_NOUNS
        and m.group("n") not in _NOT_NOUNS
    ):
        return m.group("n")
    if re.fullmatch(r"[A-Z][a-z]{2,20}ed", h):
        return low  # "| Started | Completed |": how many started, completed
    return None


_ROW_MULTIPLIER = lazy(r"^\W*(?:speed-?ups?|slow-?downs?)\W*$", re.IGNORECASE)


def cell(text: str, header: str, row: str = "") -> Form | None:
    """A table cell that is a bare number, read with the unit its column header names
    (or, in a cross-tabulation, its row label), or as a multiplier in a row whose label
    is "speedup" (`| speedup | 2.648 |`)."""
    m = _CELL.match(text)
    if m is None or not header:
        return None
    if row and _ROW_MULTIPLIER.match(row.strip().strip("|").split("|", 1)[0]):
        v, h, d = _num(m.group("n").replace(",", ""))
        return ("multiplier", (v,), (h,), "×", "", m.start("n"), m.end("n"), (d,))
    unit = header_unit(header)
    if unit is None and row:
        unit = grammar_lists.row_unit(row, header)  # a cross-tabulation's row label
    measured = unit in _BYTES.values() or unit in _TIMES.values() or _HEADER_UNIT.search(header)
    if unit is None or ("." in m.group("n") and not measured):
        return None  # a count of a noun is whole ("2.648" under "| Speedups |" is none)
    n = re.sub(r"[ \u2009\u202f\u00a0,]", "", m.group("n"))
    v, h, d = _num(n)
    return ("count", (v,), (h,), unit, "", m.start("n"), m.end("n"), (d,))
