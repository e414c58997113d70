"""Unread numbers: the numbers in prose that extraction did not read, and why.

A number in prose (a run of digits that is not inside a word: `wasm32`, `x86_64`, `H100`
are names, not numbers) is one of three things:

- *read*: inside the span of a figure the grammar found (dates included);
- *classified*: a number that is not a figure, by class (DESIGN.md "Not figures"):
  `identifier` (`#12345`, `rust-lang/rust#128464`, `RFC 2119`, `CVE-2024-1234`, `issue
  10184`), `version` (`1.94.1`, `Rust 1.80`, `glibc 2.15`, `the 1.13 release`), `name`
  (a name directly joined to a number: `Windows 10`, `Tier 2`, `PaLM 2`, `sprint 3`),
  `list` (a heading or item numbered `7.`), `footnote` (`[^4]`), `time` (`12:17`, `8pm`),
  `ordinal` (`19th`), `date` (a part of a date the grammar does not read as one:
  `2023-07-20`, `27–29 May`, `2025h1`), `year` (a year naming something: `the 2018
  edition`), `code` (a token of code or markup in prose: `4xx`, `0x1F`, `OSC 9;4`, the
  integer `0` as a value in code), `idiom` (a number in a fixed phrase that states no
  quantity: one-to-one `1:1` and `1-to-1`, the emoticons `<3` and `:3`, `:+1:`);
- *unread*: neither. Each keeps its place and a short reason (`why`), so that coverage
  can count it and `mesacheck audit` can list it.

Cheap by design: one compiled regex over each prose segment's masked text (already
parsed), figure spans subtracted by bisection; the grammar is never run again. Marks and
idioms are told apart in `unread_marks`; what the rest of the document says about a
number left unread (its versions, its names, a list a number continues) in `unread_doc`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from mesacheck.figures import DocFigure
from mesacheck.lazy_re import lazy
from mesacheck.segments import Document, Segment
from mesacheck.unread_doc import DocContext
from mesacheck.unread_marks import list_marker as _list_marker
from mesacheck.unread_marks import odd as _odd

__all__ = ["CLASSES", "Number", "Tally", "Unread", "find_unread", "numbers"]

CLASSES = (
    "identifier",
    "version",
    "name",
    "list",
    "footnote",
    "time",
    "ordinal",
    "date",
    "year",
    "code",
    "idiom",
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ZONE = r"(?:UTC|GMT|CES?T|BST|[PMCE][SD]T|JST|IST|AEST|AEDT|NZST)"
_AMPM = r"(?:[ap]\.?m\b\.?)"
# One pass: a token starts where a number starts (not inside a word or another number);
# the structures that hold several digit runs (an ISO date, a time, a dotted version) are
# tried before a plain number, so that their parts are classified together.
_TOKEN = lazy(
    rf"""(?=\d)(?<![^\W\d])(?<![\d.,])
    (?:
      (?P<isodate>\d{{4}}(?P<sep>[-/])\d\d(?P=sep)\d\d(?:[T\s]\d\d?:\d\d(?::\d\d)?)?)(?!\d)
    | (?P<time>\d\d?:\d\d(?::\d\d)?(?:\s?{_AMPM})?(?:\s?{_ZONE})?
        (?:\s?[-–]\s?\d\d?(?::\d\d)?(?:\s?{_AMPM})?)?
      | \d\d?(?:\s?[-–]\s?\d\d?)?\s?{_AMPM}(?![\w.])
      | \d\d?(?:\s?[-–]\s?\d\d?)?(?=\s?{_ZONE}\b))(?!\d|:\d)
    | (?P<version>\d+(?:\.\d+){{2,}}(?:-[\w.]+)?|\d+\.\d+(?:\.x|-(?:alpha|beta|nightly|rc|dev)\b)
      |\d+\.x)(?![\d])
    | (?P<ordinal>\d+(?:st|nd|rd|th))\b
    | (?P<num>\d+(?:[.,]\d+)*)(?P<suffix>[^\W\d_]\w*)?
    )""",
    re.VERBOSE | re.IGNORECASE,
)

# where a token may start: a digit after no letter, digit, dot or comma (the rest of its
# digits skipped); in ASCII text the digits spelled out, which `re` tests in a table
_AFTER_TOKEN_DIGIT = r"(?<![^\W\d]\d)(?<![\d.,]\d)\d*"
_TOKEN_START = lazy(r"\d" + _AFTER_TOKEN_DIGIT)
_ASCII_TOKEN_START = lazy(r"[0-9]" + _AFTER_TOKEN_DIGIT)

# what stands before a number that makes it an identifier: `#`, `\#`, `RFC `, `CVE-2024-`
_ID_BEFORE = lazy(
    r"(?:\\?#\s?|\b(?:rfcs?|prs?|pull\s+requests?|issues?|cves?|rustsec|ghsa|mcps?|fcps?|"
    r"iso|iec|ieee|ecma|pep|article|art\.|section|sec\.|§|no\.|nr\.|number|chapter|ch\.|"
    r"figure|fig\.|table|appendix|page|p\.|pp\.|step|item|part|line|lines|rule|bug|ticket|"
    r"commit|lint|episode|ep\.|volume|vol\.|column|col\.|"
    r"rank)(?:\s*[#:-]?\s?|\s?:\s)|[A-Z]{2,}-(?:\d+-)?)$",
    re.IGNORECASE,
)
# a name directly joined to a number ("Windows 10", "glibc 2.15", "LLVM 15", "Tier 2",
# "DALL-E 3"): a capitalised or hyphenated word, or a lowercase one of software and
# sequence names, then one space or hyphen
_NAME_BEFORE = lazy(
    r"(?<![\w-])(?P<name>[A-Z][\w.+]*(?:-[A-Za-z\d]+)*)"
    r"(?:[ \u00a0]{1,2}|-|\n[ \t]*|\s?\\?[<>≤≥]=?\s?|\s\()$"
)
# a version after a name and a comma or colon: "the latest version of Rust, 1.12"
_HYPHENATED_BEFORE = lazy(r"(?<![\w-])[a-z]+(?:-[a-z\d]+)+\s$")  # cargo-audit 0.9
_NAME_PUNCT_BEFORE = lazy(r"(?<![\w-])[A-Z][\w.+-]*[,:]\s$")
# what makes the dotted number after it a version: a word of versions, maybe with a
# preposition ("version 1.12", "MSRV to 1.84", "Update from 1.76"), a verb of releases
# with its preposition ("landed in 1.65", "stabilized for 1.76", "updated to 9.0"), or a
# preposition of time ("In 1.12, MIR became", "before 1.75", "as of 1.81", "since 1.0"):
# a bare dotted number there is no quantity (a quantity has its unit: "in 2.5 hours").
# Other words ("a ratio of 1.41", "went to 0.5") say nothing: a dotted number after them
# is a version only when the document names it as one elsewhere (`unread_doc`).
_VERSION_WORDS = lazy(
    r"(?<![\w-])(?:(?:(?:versions?|v|releases?|rust|rustc|cargo|rustup|clippy|rustfmt|"
    r"upgrade[ds]?|upgrading|update[ds]?|updating|toolchain|nightly|beta|stable|msrv|"
    r"edition|stabiliz\w*|stabilis\w*|land(?:ed|ing|s)?|release[ds]?|ship(?:ped|s)?|"
    r"back|bump(?:ed|s)?|available|introduced|deprecated|required?|requires|raised?|"
    r"raising)[\s\u00a0]+(?:(?:in|to|from|for|of|since|until|before|after|on|with|"
    r"than|as\s+of|>=|<=|≥|≤)[\s\u00a0]+)?)|(?:in|since|before|after|until|till|as\s+of|"
    r"prior\s+to|starting\s+(?:in|with|from)|predates)[\s\u00a0]+)[\[(*\"“]*$",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """the a an in on at by for with of from to over under about around nearly almost only
    just all some each every after before since until during within across top first last
    next another and but or nor then now here there these those this that its our their his
    her we they it you i up exactly both between than most many also still already less more
    fewer least total so yet plus minus per via like unlike among approx circa ca average
    median is was are were has have had will would can could should may might must did does
    do see took takes made make got get spent ran run use add what when where which who why
    how while though although if unless because as once whole even no not none any other
    such same one two three four five six seven eight nine ten roughly about around
    approximately over under nearly almost some only just with without""".split()
)
_RELEASE_AFTER = lazy(
    r"(?:['’]s)?[\s\u00a0]?(?:\(?(?:stable|beta|nightly)\)?\s)?(?:releases?|betas?|stable|nightly|"
    r"pre-?releases?|editions?|versions?|point\s+release|toolchains?|branch|series|cycle|"
    r"compiler|stabiliz|is\s+(?:out|released|here)|(?:was|will\s+be)\s+released|release\s+"
    r"(?:notes|team|date)|milestone|prerelease|dev\b|train|development|timeframe|"
    r"announcement|post\b|behaviou?r)",
    re.IGNORECASE,
)
_MONTH_BEFORE = lazy(
    rf"\b{_MONTH}\s+(?:\d\d?(?:st|nd|rd|th)?\s*(?:[-–—]|and|to|&)\s*)?$|"
    rf"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:\(|the\s+)?$",
    re.IGNORECASE,
)
_MONTH_AFTER = lazy(
    rf"(?:st|nd|rd|th)?(?:\s*(?:[-–—]|and|to|&)\s*\d\d?(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?{_MONTH}(?!\w)",
    re.IGNORECASE,
)
_CODE_BEFORE = lazy(r"(?:\bU\+|\b0x|\\u\{?|&#x?)$", re.IGNORECASE)
_GLUED_NAME = lazy(r"[A-Za-z][+#]+$")
_NAME_PAIR_BEFORE = lazy(r"\b[A-Z][A-Za-z]*[A-Z]\w*\s\d+-$")  # SipHash 2-4
_WIDTH_AFTER = lazy(r"[-\s](?:bit|byte)s?\b", re.IGNORECASE)
_YEAR_HALF = lazy(r"[hq][1-4]\b", re.IGNORECASE)
_UNIT_SUFFIX = lazy(
    r"(?:k|m|b|bn|mn|kb|mb|gb|tb|kib|mib|gib|tib|ms|us|µs|ns|s|sec|secs|min|mins|h|hr|hrs|"
    r"d|w|x|px|pt|em|mhz|ghz|kloc|loc|mbps|gbps|fps|rps|qps|kg|km|cm|mm|fold|ish|tb)",
    re.IGNORECASE,
)
_NOTHING_AFTER = lazy(r"\s*(?:$|[),;]|\.(?!\d)|\s(?:and|or)\s)")
_WORD_AFTER = lazy(r"[ \u00a0]*(?P<word>[A-Za-z][a-z-]*)")
_BOUND_BEFORE = lazy(r"[<>≤≥]=?\s?$")
_LETTER = lazy(r"[A-Za-z]")
_CODE_WORD_BEFORE = lazy(r"[A-Za-z][\w.]*[-/]$")
_YEAR = lazy(r"(?:19|20)\d\d")
_WORD_BEFORE = lazy(r"(?<![\w-])([a-z][\w]*)(?:[ \u00a0]{1,2}|-|\n[ \t]*)$", re.IGNORECASE)
# a sequence or software word, then a bound or an opening bracket: "stage < 2",
# "glibc >= 2.17", "chapters [6"
_WORD_BOUND_BEFORE = lazy(r"(?<![\w-])([a-z][\w]*)(?:\s?\\?[<>≤≥]=?\s?|\s\[|\s\()$", re.IGNORECASE)
# an operating system named in camel case or by its label: "macOS 10.12", "iOS: 10",
# "iPad 2", "tvOS: 10"; a colon only after an operating system ("Cargo: 600" is a count)
_OS_BEFORE = lazy(
    r"(?<![\w-])(?:(?:mac|i|tv|watch|iPad|vision)OS|iPhone|iPad|Android|Windows)"
    r"(?::?\s|\s?\\?[<>≤≥]=?\s?)$"
)
# an integer version: after "version to" ("the minimum supported Windows version to 10"),
# or an Android API level named earlier in the clause ("API level will increase from 15")
_INT_VERSION_BEFORE = lazy(
    r"(?:\bversions?\s+(?:to|from|of|as\s+old\s+as|older\s+than)|\bAPI\s+levels?\b[^.;\d]{0,40})\s$"
)
# "from 1.87, 1.88" is a version; "from 4.5 to 4.8" is a change
_CHANGE_AFTER = lazy(r"\s*(?:to|-|–|—|→|->)\s")
# a dotted number right after an inline code span names that code's version:
# "`cargo-audit` 0.11", "[`diesel`] 1.0" (the source, where code is still code)
_CODE_SPAN_BEFORE = lazy(r"`\]?\s$")
# inline HTML around a footnote number: <sup>1</sup>, <a name="…">1</a>
_TAG_BEFORE = lazy(r"<(?:sup|a\s[^<>]*)>$", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Unread:
    """A number in prose that is neither read nor classified, and why."""

    path: str
    line: int
    column: int  # 1-based, code points
    text: str
    why: str

    def plain(self) -> tuple:
        return (self.path, self.line, self.column, self.text, self.why)

    @classmethod
    def from_plain(cls, t: tuple | list) -> Unread:
        return cls(*t)


@dataclass(slots=True)
class Tally:
    """One file's (or a run's) numbers in prose: read, classified by class, unread."""

    numbers: int = 0
    read: int = 0
    classified: Counter[str] = field(default_factory=Counter)
    unread: list[Unread] = field(default_factory=list)


@dataclass(slots=True)
class Number:
    """One number in prose: its file offset, its text, and what it is: "read" (inside a
    figure's span), a class of `CLASSES`, or "unread" with `why`."""

    offset: int
    text: str
    status: str
    why: str = ""


def numbers(doc: Document, figs: list[DocFigure]) -> Iterator[Number]:
    """Every number in `doc`'s prose, in segment order, read, classified or unread.
    `figs` are the document's figures as extracted."""
    for it in _walk(doc, figs):
        yield Number(it[0], it[1], it[2], it[3])


def find_unread(doc: Document, figs: list[DocFigure]) -> Tally:
    """The numbers in `doc`'s prose, counted: read, classified by class, and the unread
    ones with their place and why."""
    got = Tally()
    classified = got.classified
    items = _walk(doc, figs)
    got.numbers = len(items)
    for it in items:
        status = it[2]
        if status == "read":
            got.read += 1
        elif status != "unread":
            classified[status] += 1
        else:
            line, col = doc.position(it[0])
            got.unread.append(Unread(doc.path, line, col, it[1], it[3]))
    return got


def _tokens(text: str) -> Iterator[re.Match[str]]:
    """`_TOKEN.finditer(text)`, sooner: the pattern is tried only where a token may start
    (`_TOKEN_START`, a search that opens on a character set, which `re` skips to in C,
    where `_TOKEN` opens on a lookahead, which `re` tries at every position)."""
    match = _TOKEN.match
    end = 0
    for start in (_ASCII_TOKEN_START if text.isascii() else _TOKEN_START).finditer(text):
        if start.start() >= end:
            m = match(text, start.start())
            assert m is not None  # (a digit is a number at least)
            end = m.end()
            yield m


def _walk(doc: Document, figs: list[DocFigure]) -> list[list]:
    """[file offset, text, status, why, …] of every number in the prose: one regex pass
    over each segment; figure spans (in order) are subtracted by a moving cursor; then
    what the document says about its own versions and names settles the numbers left
    unread (`unread_doc`)."""
    spans = sorted([(f.parsed.start, f.parsed.end) for f in figs])
    starts = [a for a, _ in spans]
    n = len(spans)
    ctx = DocContext(doc.path)
    items: list[list] = []
    unread = 0
    for seg in doc.segments:
        if seg.offset < 0:  # a table cell with no digit: words for its row only
            continue
        base, text = seg.offset, seg.text
        for m in _tokens(text):
            a, b = base + m.start(), base + m.end()
            i = bisect.bisect_right(starts, a) - 1
            if (i >= 0 and spans[i][1] > a) or (i + 1 < n and starts[i + 1] < b):
                items.append([a, m.group(), "read", "", text, m.start(), m.end()])
                continue
            cls, why = _classify(seg, m, doc.source)
            if cls is None:
                unread += 1
            elif cls in ("version", "name"):
                ctx.note(cls, m.group(), text, m.start())
            items.append([a, m.group(), cls or "unread", why, text, m.start(), m.end()])
    if unread:
        ctx.settle(items, _countable)
    return items


def _countable(word: str) -> bool:
    """A word after a number that it could count (no function word: "and", "but")."""
    return word.lower() not in _NOT_NAMES


def _classify(seg: Segment, m: re.Match[str], source: str) -> tuple[str | None, str]:
    """(class, "") for a number that is no figure, else (None, why it was not read)."""
    kind = m.lastgroup
    if kind == "isodate":
        return "date", ""
    if kind in ("time", "version", "ordinal"):
        return kind, ""
    text, s, e = seg.text, m.start(), m.end()
    num = m.group("num")
    before = text[max(0, s - 32) : s]
    after = text[e : e + 32]
    if before.endswith("^"):
        return "footnote", ""
    if _CODE_BEFORE.search(before) or after.startswith("..") or before.endswith(("..", "..=")):
        return "code", ""  # U+202D, 0x1F, 1..=12
    suffix = m.group("suffix")
    if suffix:
        if _YEAR.fullmatch(num) and _YEAR_HALF.fullmatch(suffix):
            return "date", ""  # 2024H2, 2025h1
        if _named(before) or _sequence(before) or _OS_BEFORE.search(before):
            return "name", ""  # iPhone 4S, Stage 1b
        if _UNIT_SUFFIX.fullmatch(suffix):
            return None, "number with a unit suffix not read"
        return "code", ""  # 4xx, 32bit
    near = before[-20:]  # what the anchored patterns below can match (but versions: 32)
    if (
        before.endswith(("#", "# "))
        or _ID_BEFORE.search(near)
        or (before.endswith(("-", "/")) and _code_before(before))
    ):
        return "identifier", ""
    if _GLUED_NAME.search(before) or _NAME_PAIR_BEFORE.search(before):
        return "name", ""  # C++14
    o = seg.offset + s
    opened, closed = source[o - 1 : o], source[o + e - s : o + e - s + 1]
    if opened == "[" and closed == "]":
        return "identifier", ""  # a reference or a link whose text is a number: [3](…)
    if opened == ">" and source.startswith("</", o + e - s) and _TAG_BEFORE.search(source, 0, o):
        return "footnote", ""  # <sup>1</sup>, <a name="…">1</a>
    if _list_marker(text, s, num, after, opened, closed):
        return "list", ""
    if _MONTH_BEFORE.search(near) or _MONTH_AFTER.match(after):
        return "date", ""
    odd = _odd(num, before, after, source, o, o + e - s)
    if odd:
        return odd, ""
    dotted = "." in num
    if dotted and (
        _VERSION_WORDS.search(before)
        or (before.endswith("from ") and not _CHANGE_AFTER.match(after))
        or _RELEASE_AFTER.match(after)
        or _version_header(seg)
        or (num.endswith(".0") and _WORD_BEFORE.search(before))
        or _CODE_SPAN_BEFORE.search(source, max(0, o - 3), o)
    ):
        return "version", ""
    if _named(before, after) or _sequence(before):
        bound = _BOUND_BEFORE.search(before)  # "LLVM ≥ 18"
        return ("version" if dotted or bound else "name"), ""
    if _OS_BEFORE.search(before) or _INT_VERSION_BEFORE.search(text, max(0, s - 64), s):
        return "version", ""  # macOS 10.12, iOS: 10, "version to 10", "API level of 19"
    w = _WORD_BOUND_BEFORE.search(before)  # "stage < 2", "glibc >= 2.17", "chapters [6"
    if (
        w is not None
        and w.group(1).lower() in _SEQUENCE_WORDS
        and (dotted or not before.endswith("("))  # "kernel (6.12, LTS)", not "(tier 2)"
    ):
        return ("version" if dotted or not before.endswith("[") else "name"), ""
    if dotted and (_NAME_PUNCT_BEFORE.search(before) or _HYPHENATED_BEFORE.search(before)):
        return "version", ""
    if _WIDTH_AFTER.match(after):
        return "name", ""  # 32-bit, 8-byte: a width names a type
    if _YEAR.fullmatch(num):
        return "year", ""
    if before[-1:] in ("-", "−", "–") and not before[-2:-1].isalnum():
        return None, "negative number not read"
    if after[:1] in ("-", "–") and after[1:2].isalpha():
        return None, "number in a hyphenated compound"
    if seg.kind == "cell" and not _LETTER.search(text.replace(m.group(0), "")):
        return None, "bare number in a table cell"
    w = _WORD_AFTER.match(after)
    if w is not None:
        if w.group("word")[0].islower():
            return None, "number before an unknown word"
        return None, "number before a capitalised word"
    return None, "bare number, no unit"


def _sequence(before: str) -> bool:
    """A sequence or software word directly before: `tier 2`, `chapter 6`, `glibc 2.15`."""
    w = _WORD_BEFORE.search(before)
    return w is not None and w.group(1).lower() in _SEQUENCE_WORDS


_SEQUENCE_WORDS = frozenset(
    """version v release releases rust rustc cargo rustup clippy rustfmt llvm gcc glibc musl
    kernel linux macos ios android windows python node java unicode utf edition tier sprint
    newsletter week day meeting cycle round phase stage level milestone api abi http ipv sha
    md step part item season batch cohort wave group slot session track room option proposal
    goal question q h approach problem chapter chapters case example point type class mode
    grade priority arity macros shepherding shepherds openssl libgccjit clang msvc mingw
    ubuntu debian fedora rhel centos freebsd netbsd openbsd wasi emscripten post posts
    snapshot""".split()
)


def _code_before(before: str) -> bool:
    """A number after `word-` or `word/` glued to a name or path: `rust-lang/rust`,
    `wasm32-wasip2`, `CVE-2024-`."""
    m = _CODE_WORD_BEFORE.search(before[-24:])
    return m is not None and m.group(0)[:-1].lower() not in _NOT_NAMES


def _named(before: str, after: str | None = None) -> bool:
    m = _NAME_BEFORE.search(before)
    if m is None:
        return False
    name = m.group("name")
    low = name.lower()
    head = before[: m.start("name")].rstrip()
    if name == "The" and head and head[-1] not in ".!?:|*#>(\n":
        return True  # "Congratulations The 8472": a capitalised The within a sentence
    if low in _NOT_NAMES:
        return False
    if name[1:].islower() and low.endswith(("ed", "ing", "ly")):
        return False
    # a capitalised word starting a sentence is no name ("Merged 10 PRs"): only when
    # something other than a sentence end stands before it
    if _BOUND_BEFORE.search(before):
        return True  # "Clang ≥ 18": a bound on a name's version
    if not (name[1:].islower() and (not head or head[-1] in ".!?:|*#>(\n")):
        return True
    # a capitalised word starting a sentence, and nothing after the number that it could
    # count: "(Pentium 4)", "| Compiler 1 |"
    return after is not None and bool(_NOTHING_AFTER.match(after))


def _version_header(seg: Segment) -> bool:
    h = seg.header.lower()
    return bool(h) and any(w in h for w in ("version", "release", "rust", "nightly", "stable"))
