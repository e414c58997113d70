"""What a figure is about: its entity, measure, condition and time, and for a date the
event it dates (DESIGN.md, "What a figure is about").

The consistency rules (MC003, MC004, MC005, MC007) compare two figures only when they are
about the same thing. This module reads that from the figure's sentence and from the
structure around it:

* **entity** — the named things around the figure (capitalised names that are not
  sentence words: "Apollo Research", "GPT-4o"), and for a table cell its row header;
* **measure** — for a cell, its column header; in prose the words right around it (which
  the rules already compare);
* **condition** — a label that sets one of several parallel cases apart: a table row's
  header, a list item's or a sentence's lead-in ("Free tier: 14%", "Self-copying: …");
* **time** — the years the sentence, its row and its heading path name, other than the
  figure itself ("in the 2019 survey", "A crater run in July 2024 …");
* **event** (dates) — what happened to the named thing: published, released, founded,
  announced, began, ended, sentenced, a preprint; two events of one entity are not one.

`About` is small plain data (tuples of short strings) so that a cross-file rule can keep
it in its compact records (`mention.Mention.words`). `describe` says it in a few words for
a message. Nothing here runs on the extraction hot path: only the rules call it, for the
figures they may compare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from mesacheck.grammar import Figure
from mesacheck.lazy_re import lazy

if TYPE_CHECKING:
    from mesacheck.figures import DocFigure

_YEAR = lazy(r"(?<![\d.,$€£])(19[5-9]\d|20[0-4]\d)(?:\s?[-–]\s?(19[5-9]\d|20[0-4]\d))?(?![\d%])")
_NAME = lazy(r"\b[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*\b")
_LABEL = lazy(r"^\W*([A-Z][^:|]{1,40}?):\s")  # "Free tier: 14%", "**Self-copying:** …"
_NOT_NAMES = frozenset(
    "A An The This That These Those There Then When While With Without From Into Over Under "
    "After Before During Since Until Our We Its It In On Of For And Or But If As At By To Is "
    "Are Was Were Be Has Have Had Not No Yes All Any Some Most More Less Each Every One Two "
    "Three Four Five Six Seven Eight Nine Ten Also However Note See Table Figure Chart Total "
    "Overall Average Mean Median Other Others New Current Key Source Sources Summary "
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Q1 Q2 Q3 Q4 I You They He She".split()
)

# what happened, by the words that say it (first match in the clause nearest the date)
_EVENTS = (
    ("preprint", r"preprint|arxiv|first posted|first circulated"),
    ("sentenced", r"sentenc\w*|convicted|verdict"),
    ("published", r"publish\w*|publication|appeared in|paper|journal|article"),
    ("released", r"releas\w*|launch\w*|shipp\w*|stabili[sz]\w*|available"),
    ("founded", r"found(?:ed|ing)|established|formed|incorporated|created"),
    ("announced", r"announc\w*|unveil\w*|revealed"),
    ("began", r"beg[au]n|start\w*|kick\w* off|open(?:ed|s)|commenc\w*"),
    ("ended", r"end(?:ed|s)|clos(?:ed|es)|conclud\w*|finish\w*|shut\w*|sunset\w*|deprecat\w*"),
    ("meeting", r"meet\w*|call|session|summit|all[- ]hands|conference|workshop"),
    ("deadline", r"deadline|due|by the end|cutoff"),
)
# one word boundary before the alternatives, not one per alternative: the same first match
# (tried in the same order), at half the cost on the text of every date
_EVENT_RE = lazy(r"\b(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _EVENTS) + r")\b", re.IGNORECASE)
# events that recur (a meeting, a monthly update): two dates of one are two events
RECURRING = frozenset({"meeting", "deadline"})


@dataclass(frozen=True, slots=True)
class About:
    """What a figure is about (see the module docstring)."""

    entity: tuple[str, ...] = ()  # named things, as written
    measure: str = ""  # a cell's column header
    condition: str = ""  # a row header or a lead-in label, lower-cased
    time: tuple[int, ...] = ()  # years named around the figure (not the figure itself)
    event: str = ""  # for a date: what happened ("" when the words do not say)
    named: bool = False  # the figure is part of a name ("GSoC 2024", "the 10% Pledge")
    crowded: int = 0  # figures of the same kind in its sentence or cell
    # the item a figure of a list labels ("33.8% vscode, 16.1% intellij"), or the name
    # right before a figure in prose ("VSCode adoption at 34.1%"), lower-cased
    item: str = ""
    negated: bool = False  # its clause speaks of those who did not, never, non-users

    def plain(self) -> tuple:
        return (
            self.entity,
            self.measure,
            self.condition,
            self.time,
            self.event,
            self.named,
            self.crowded,
            self.item,
            self.negated,
        )

    @classmethod
    def from_plain(cls, t: tuple | list) -> About:
        entity, measure, condition, time, event, named, crowded, item, negated = t
        return cls(
            tuple(entity), measure, condition, tuple(time), event, named, crowded, item, negated
        )


def _names(text: str) -> list[str]:
    """Capitalised names of `text` that are not sentence words, adjacent ones joined
    ("Apollo Research"); a sentence's first word counts only when it looks like a name
    (mixed case or digits: "GPT-4o", "OpenAI") or starts a name of several words
    ("Apollo Research documented …")."""
    kept: list[tuple[int, int, str]] = []
    found = list(_NAME.finditer(text))
    for i, m in enumerate(found):
        w = m.group(0)
        if w in _NOT_NAMES or len(w) < 2:
            continue
        start = m.start()
        before = text[max(0, start - 8) : start].rstrip()
        if (not before and start < 8) or (before and before[-1] in '.!?|*#>("“'):
            unusual = any(c.isdigit() or c.isupper() for c in w[1:])
            nxt = found[i + 1] if i + 1 < len(found) else None
            joined = (
                nxt is not None and nxt.start() == m.end() + 1 and nxt.group(0) not in _NOT_NAMES
            )
            if not (unusual or joined):
                continue
        if kept and kept[-1][1] + 1 == start and text[start - 1] == " ":
            a, _, phrase = kept[-1]
            kept[-1] = (a, m.end(), f"{phrase} {w}")
        else:
            kept.append((start, m.end(), w))
    return [phrase for _, _, phrase in kept]


def _words(names: tuple[str, ...]) -> set[str]:
    """The words of names, lower-cased: what two figures' names are compared by."""
    return {w.lower() for n in names for w in n.split()}


_VERSION = lazy(r"\b[A-Z][\w-]*\s+v?(\d+(?:\.\d+)+|\d+\.x)\b")


@lru_cache(maxsize=1024)
def _entity(text: str) -> tuple[str, ...]:
    """Named things, and the versions named after a name ("Rust 1.17" adds "v1.17": two
    versions of one product are two entities)."""
    versions = {f"v{m.group(1)}" for m in _VERSION.finditer(text)}
    return tuple(sorted(set(_names(text)) | versions))


def versions_differ(a: About, b: About) -> bool:
    """Both name versions and share none: "Quill 1.0" and "Quill 2.0" are two things."""
    va = {n for n in a.entity if n[:1] == "v" and n[1:2].isdigit()}
    vb = {n for n in b.entity if n[:1] == "v" and n[1:2].isdigit()}
    return bool(va and vb and not va & vb)


@lru_cache(maxsize=1024)
def _years(text: str) -> tuple[int, ...]:
    """The years `text` names; a span of years ("2024-2025") names each of them."""
    out: set[int] = set()
    for a, b in _YEAR.findall(text):
        lo, hi = int(a), int(b or a)
        out.update(range(lo, hi + 1) if 0 <= hi - lo <= 10 else (lo, hi))
    return tuple(sorted(out))


def _label(f: DocFigure) -> str:
    """The condition: a cell's row header, else a lead-in label before the figure."""
    if f.where == "cell" and f.row:
        head = f.row.split(" | ", 1)[0]
        return _clean(head)
    m = _LABEL.match(f.sentence[: f.at])
    if m is not None:
        return _clean(m.group(1))
    if f.lead:
        return _clean(f.lead.rstrip(":"))
    return ""


_LINK = lazy(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = lazy(r"[*_`#>|]")


@lru_cache(maxsize=4096)
def _clean(s: str) -> str:
    """Markup-free, lower-cased, at most 60 characters (memoised: headers and row labels
    repeat down a table)."""
    s = _LINK.sub(r"\1", s)  # a link's text
    return " ".join(_MARKUP.sub(" ", s).split()).lower()[:60]


def clause(sentence: str, at: int, end: int) -> tuple[int, int]:
    """The clause of `sentence` holding [at, end): cut at ';', ':', a dash, a closing or
    opening bracket's clause boundary and ', and' / ', but' / ', while' / ', whereas'."""
    lo = 0
    for m in _CLAUSE.finditer(sentence, 0, at):
        lo = m.end()
    m = _CLAUSE.search(sentence, end)
    hi = m.start() if m is not None else len(sentence)
    return lo, hi


_CLAUSE = lazy(r";|:\s|\s[—–]\s|\s--\s|,\s+(?:and|but|while|whereas|compared with)\s")


def event_of(text: str) -> str:
    """The event class named in `text`, the first one found ("" when none)."""
    m = _EVENT_RE.search(text)
    return m.lastgroup or "" if m is not None else ""


_NAMED_BEFORE = lazy(r"\b([A-Z][A-Za-z]+)(?:\s*\([A-Za-z]{2,10}\))?\s*$")
_NOT_AFTER = frozenset(
    "Through Between Around Circa Early Late Mid Last Next Spring Summer Autumn Fall Winter "
    "Year Since Until Till Beginning End Start Version Edition Release".split()
)


def of(f: DocFigure) -> About:
    """What `f` is about, from its sentence (or cell), row, lead-in and headings."""
    others = f.others
    sentence = f.sentence
    end = f.at + len(f.text)
    # named things: of the sentence, its lead-in and its row (not the headings: title case)
    entity = _entity(" ".join((f.lead, sentence, f.row if f.row != sentence else "")))
    # its time: the years of its clause (not its own), else those named before it in the
    # sentence (a year leads what follows it), and those of its lead-in and headings
    lo, hi = clause(sentence, f.at, end)
    years = set(_years(sentence[lo : f.at] + " " + sentence[end:hi]))
    if not years:
        years = set(_years(sentence[:lo]))
    years |= {y for h in (f.lead, *f.headings) for y in _years(h)}
    time = () if f.kind == "date" else tuple(sorted(years))
    event = event_of(f.lead + " " + sentence[lo:hi]) if f.kind == "date" else ""
    before, after = sentence[max(0, f.at - 30) : f.at], sentence[end : end + 12]
    name = _NAMED_BEFORE.search(before) if f.kind == "date" else None
    named = bool(
        (name is not None and name.group(1) not in _NOT_NAMES and name.group(1) not in _NOT_AFTER)
        or (f.kind != "date" and _PLEDGE.match(after))
        or (f.kind == "date" and _EDITION.match(after))
    )
    crowded = 1 + sum(1 for a, b in others if _kind_like(sentence[a:b], f.parsed))
    item = ""
    if f.kind == "percent":
        if crowded >= 3:
            m = _ITEM_AFTER.match(sentence, end)
            item = m.group(1).lower() if m else ""
        elif not _NOT_ITEM.search(sentence[max(0, f.at - 24) : f.at]):
            m = _ITEM_BEFORE.search(sentence[max(lo, f.at - 40) : f.at])
            item = m.group(1).lower() if m else ""
    negated = bool(_NEGATED.search(sentence, lo, hi))
    return About(entity, _clean(f.header), _label(f), time, event, named, crowded, item, negated)


_PLEDGE = lazy(r"\s*Pledge\b")
_EDITION = lazy(r"\s*edition\b")
_NEGATED = lazy(r"\b(?:not|never|no longer|non-\w+)\b|n't\b", re.IGNORECASE)
_ITEM_AFTER = lazy(r"\s+([A-Za-z][\w.+#-]*(?: [A-Za-z][\w.+#-]*){0,1})\s*(?:,|\)|\]|$)")
_ITEM_BEFORE = lazy(r"\b([A-Z][\w.+#-]*[A-Za-z])\b[^A-Z]{0,30}$")
_NOT_ITEM = lazy(r"(?:last year|previous|from|than)\W[^%]*$", re.IGNORECASE)


def _kind_like(text: str, fig: Figure) -> bool:
    """Another figure's text of the same sort as `fig` (cheap: by its unit sign)."""
    if fig.kind == "date":
        return bool(_YEAR.search(text))
    if fig.unit == "%":
        return "%" in text or "percent" in text.lower()
    return True


def shared_entity(
    a: About, b: About, common: frozenset[str] | set[str] = frozenset()
) -> tuple[str, ...]:
    """The named things both are about, leaving out those too common to tell apart."""
    return tuple(sorted(w for w in _words(a.entity) & _words(b.entity) if w not in common))


def times_differ(a: About, b: About) -> bool:
    """Both name a time and the times share no year (different periods), or both name
    versions of a thing and not the same one."""
    return bool(a.time and b.time and not set(a.time) & set(b.time)) or versions_differ(a, b)


def conditions_differ(a: About, b: About) -> bool:
    """Both carry a condition label and the labels differ (parallel cases), or one speaks
    of those who did not and the other does not (users and non-users)."""
    return bool(a.condition and b.condition and a.condition != b.condition) or (
        a.negated != b.negated
    )


def consistent(a: Figure, b: Figure) -> bool:
    """Values that do not contradict each other though they differ: a point inside a
    range, overlapping ranges when either is hedged, a bound the other's range meets."""
    if a.kind == "date" or b.kind == "date":
        return False
    for x, y in ((a, b), (b, a)):
        if len(x.values) == 2 and len(y.values) == 1:
            lo, hi = x.values[0] - x.halfwidths[0], x.values[1] + x.halfwidths[-1]
            v = y.values[0]
            if lo - y.halfwidths[0] <= v <= hi + y.halfwidths[0]:
                return True
            if y.qualifier in ("lt", "lte") and lo <= v:
                return True
            if y.qualifier in ("gt", "gte", "plus") and hi >= v:
                return True
    if len(a.values) == 2 and len(b.values) == 2:
        hedged = "approx" in (a.qualifier, b.qualifier)
        overlap = a.values[0] <= b.values[1] and b.values[0] <= a.values[1]
        if hedged and overlap:
            return True
    return False


def describe(a: About, extra: str = "") -> str:
    """A few words on what a figure is about, for a message: "'Quick Assessment' row
    'current probability', Estimate; Apollo Research; 2024-2025"."""
    parts = []
    if a.condition:
        parts.append(a.condition)
    if a.measure:
        parts.append(a.measure)
    if extra:
        parts.append(extra)
    if a.event:
        parts.append(a.event)
    names = [n for n in a.entity if n.lower() != a.condition]
    if names:
        parts.append(", ".join(names[:3]))
    if a.time:
        parts.append(f"{a.time[0]}-{a.time[-1]}" if len(a.time) > 1 else str(a.time[0]))
    return "; ".join(p for p in parts if p)
