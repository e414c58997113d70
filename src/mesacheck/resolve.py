"""Figures → resolutions: which claim (if any) each figure quotes.

An explicit marker (`<!-- claim: id -->`) wins. Otherwise candidates come from an inverted
index of the claims' subject-phrase tokens (so the cost per figure does not grow with the
registry), are filtered by kind and unit, and are scored with rapidfuzz: each subject
phrase found in the figure's sentence counts by its length in words, discounted by its
distance from the figure; phrases found only in the rest of the table row, the column
header or the heading path count less. A claim needs at least one phrase in the figure's
own sentence or cell. Near-ties go to the claim whose value the figure agrees with.

Why one module of more than 400 lines: the index, the phrase matching and the scoring
share the normalised-offset convention (`normalise`) and the candidate memo; the public
helpers harvest uses (`distance`, `context_words`, `normalise`) are the scoring's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

from mesacheck.figures import DocFigure
from mesacheck.grammar import Figure
from mesacheck.pin import Pins
from mesacheck.pin import best as best_pinned
from mesacheck.registry import LoadedClaim, Registry
from mesacheck.values import agrees, comparable


class _Fuzz:
    """rapidfuzz's `fuzz`, imported on first use: a run whose figures name no subject
    in the registry (a one-file check of an edited page, its other sentences resolved
    from the cache) never scores a phrase and need not load it (about 12 ms)."""

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        from rapidfuzz import fuzz as real

        globals()["fuzz"] = real
        return getattr(real, name)


fuzz = _Fuzz()

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an and are as at be by for from has have in is it its of on or than that the "
    "their this to was were which with".split()
)
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_FUZZY_CUTOFF = 88.0
_MIN_SCORE = 0.9
_TIE = 0.10
_REACH = 120.0
# entries a memo of the index keeps before it starts again: it serves the boilerplate a
# run repeats, and unbounded it grew with every sentence of a worker's files (15 MB per
# 150 files; a worker of a 5,720-file run passed 600 MB)
MEMO_MAX = 16384


@lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[str, ...]:
    """Content tokens, lower-cased and lightly stemmed (memoised: rows and headings repeat)."""
    # (map and filterfalse: no Python frame per token, most stems are cache hits)
    return tuple(map(_stem, filterfalse(_STOP.__contains__, _TOKEN_RE.findall(text.lower()))))


# a token of three characters or more that starts with a letter (`content_words`)
_CONTENT_RE = re.compile(r"(?<![a-z0-9])[a-z][a-z0-9]{2,}")


def content_words(text: str) -> frozenset[str]:
    """The tokens of `text` (`tokens`) of three characters or more that start with a
    letter: the words that say what a figure is about (what MC003 and MC005 compare).
    Stemming keeps a token's first letter and never shortens one below three, so the
    pattern picks these tokens before stemming."""
    words = filterfalse(_STOP.__contains__, _CONTENT_RE.findall(text.lower()))
    return frozenset(map(_stem, words))


@lru_cache(maxsize=16384)
def _stem(t: str) -> str:
    if len(t) > 4 and t.endswith("ies"):
        return t[:-3] + "y"
    if len(t) > 3 and t.endswith("s") and not t.endswith("ss"):
        return t[:-1]
    return t


_SEPARATORS = str.maketrans({c: " " for c in "\t\n\r-‐–—_/"})
_SEPARATOR = re.compile("[\t\n\r\\-‐–—_/]")  # the same, for text that is not ASCII


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower case with separators as spaces, *keeping every offset* ("o4-mini" → "o4 mini"),
    so positions in a sentence are positions in its normalised form: the text the
    resolver looks for subject phrases in. (`translate` is quick on ASCII text only.)"""
    low = text.lower()
    return low.translate(_SEPARATORS) if low.isascii() else _SEPARATOR.sub(" ", low)


@dataclass(slots=True)
class Resolution:
    figure: DocFigure
    claim: LoadedClaim | None
    how: str | None = None  # "marker" | "context" | "pinned"
    score: float = 0.0
    unknown_marker: str | None = None


# id, parsed value, normalised statement, (kind, unit, qualifier)
_Claim = tuple[str, Figure, str, tuple[str, str, str]]
Match = tuple[str | None, str | None, float, str | None]  # id, how, score, unknown marker
Found = tuple  # (is a date?, the ids of the phrases a context holds…), or () for none
_NONE: Match = (None, None, 0.0, None)


@dataclass(slots=True)
class _Phrase:
    text: str  # normalised
    words: int
    exact_only: bool
    tokens: tuple[str, ...] = ()
    token_set: frozenset[str] = frozenset()

    def spans(self, text: str, first: bool = False) -> list[tuple[int, int]]:
        """Where the phrase's words stand in `text`, in order, separated by whitespace
        and not inside a longer word or number: what the regex
        `(?<![a-z0-9])w1\\s+w2…(?![a-z0-9])` finds with finditer (with `first`, search),
        without compiling one pattern per phrase (a one-file run compiled dozens)."""
        words = self.text.split()
        head, rest = words[0], words[1:]
        out: list[tuple[int, int]] = []
        n = len(text)
        i = text.find(head)
        while i >= 0:
            j = i + len(head)
            ok = i == 0 or text[i - 1] not in _ALNUM
            for w in rest if ok else ():
                k = j
                while k < n and text[k].isspace():
                    k += 1
                if k == j or not text.startswith(w, k):
                    ok = False
                    break
                j = k + len(w)
            if ok and (j >= n or text[j] not in _ALNUM):
                out.append((i, j))
                if first:
                    break
                i = text.find(head, j)
            else:
                i = text.find(head, i + 1)
        return out


@dataclass(slots=True)
class _Plan:
    """What resolving a figure of one kind and unit needs of the registry in a context
    that holds the phrases `found`: those that name a claim it can quote, and (grouped
    when a figure first stands near one) those claims by family: the claims naming the
    same phrases of the context share one phrase score (a figure has some seven
    candidates, of one or two families)."""

    pids: tuple[int, ...]
    families: tuple[tuple[tuple[int, ...], list[int]], ...] | None = None  # phrases, claims


def memo_key(fig: DocFigure) -> tuple:
    """All that decides which claim a figure quotes, given the index."""
    return (
        fig.sentence,
        fig.at,
        fig.text,
        fig.row,
        fig.header,
        fig.headings,
        fig.others,
        fig.marker,
    )


def context_words(fig: DocFigure) -> set[str]:
    """The tokens of everything resolution reads around a figure (sentence, row, header,
    headings): a claim is a candidate for the figure only if every token of one of its
    subject phrases is among them."""
    return {*_sentence_words(fig.sentence), *_wide_words(fig.row, fig.header, fig.headings)}


@lru_cache(maxsize=16384)
def _sentence_words(sentence: str) -> frozenset[str]:
    """The tokens of a sentence (the figures of a sentence share them)."""
    return frozenset(tokens(sentence))


@lru_cache(maxsize=4096)
def _wide_words(row: str, header: str, headings: tuple[str, ...]) -> frozenset[str]:
    """The tokens of a figure's row, header and headings (the cells of a row and the
    sentences of a section share them)."""
    words = {*tokens(row), *tokens(header)}
    for h in headings:
        words.update(tokens(h))
    return frozenset(words)


def _figure_plain(f: Figure) -> tuple:
    return (f.kind, f.values, f.halfwidths, f.unit, f.qualifier, f.start, f.end, f.text, f.decimals)


class Index:
    """Subject phrases indexed by their rarest token, built once per registry.

    A phrase can only be present where all of its tokens are, so each phrase is filed
    under its rarest token alone: a figure's words then propose only the phrases whose
    rarest token they contain, and the cost per figure does not grow with the registry
    the way a posting list of every token would ("rate" names hundreds of claims).
    """

    def __init__(self, registry: Registry) -> None:
        self.registry: Registry | None = registry
        # what resolution needs of each claim, and no more: the index goes to every
        # worker process and into the registry's cache, so it is kept small
        self.claims: list[_Claim] = [
            (
                lc.claim.id,
                lc.parsed,
                normalise(lc.claim.statement),
                (lc.parsed.kind, lc.parsed.unit, lc.parsed.qualifier),
            )
            for lc in registry.claims.values()
        ]
        self._fits: dict[tuple, bool] = {}  # (figure kind, unit, claim kind/unit/qualifier)
        self._open: dict[tuple, tuple[int, ...]] = {}  # `_quoting`
        self.ids = frozenset(registry.claims)
        self.phrases: list[_Phrase] = []  # each distinct phrase once: claims share many
        # (dates?, phrase) → the claims of that family naming it; dates only quote dates
        self.owners: dict[tuple[bool, int], list[int]] = defaultdict(list)
        self.by_rare: dict[tuple[bool, str], list[int]] = defaultdict(list)
        self._memo: dict[tuple, Match] = {}
        self._candidates: dict[tuple, Found] = {}  # per context
        self._plans: dict[tuple, _Plan] = {}  # (found, figure kind, unit)
        self._where: dict[tuple[int, str], tuple[tuple[int, int], ...]] = {}  # (phrase, text)
        self._inside: dict[tuple, bool] = {}  # (phrase, row and header | headings)
        pid_of: dict[str, int] = {}
        df: dict[str, int] = defaultdict(int)
        self.pins = Pins()  # claims pinned to one figure of one article (mesacheck.pin)
        for i, lc in enumerate(registry.claims.values()):
            if lc.claim.scope:
                self.pins.add(lc.pinned_to, lc.claim.anchor or "", i)
                continue  # never resolved by its subject phrases
            seen: set[str] = set()
            is_date = lc.parsed.kind == "date"
            for p in (*lc.claim.subject, *([lc.claim.metric] if lc.claim.metric else [])):
                norm = " ".join(normalise(p).split())
                toks = tokens(norm)
                if not toks:
                    continue
                pid = pid_of.get(norm)
                if pid is None:
                    pid = pid_of[norm] = len(self.phrases)
                    exact = len(norm) < 6 or any(c.isdigit() for c in norm)
                    self.phrases.append(_Phrase(norm, len(toks), exact, toks, frozenset(toks)))
                self.owners[(is_date, pid)].append(i)  # twice if subject and metric
                seen.update(toks)
            for t in seen:
                df[t] += 1
        for is_date, pid in self.owners:
            self.owners[(is_date, pid)].sort()  # claim order, as the candidates were
            ph = self.phrases[pid]
            rarest = min(ph.tokens, key=lambda t: (df[t], t))
            self.by_rare[(is_date, rarest)].append(pid)
        self.rare = {
            flag: frozenset(t for d, t in self.by_rare if d == flag) for flag in (False, True)
        }

    def plain(self) -> tuple:
        """The index as plain data (what the cache stores, beside the registry)."""
        claims = [(cid, _figure_plain(f), text, key) for cid, f, text, key in self.claims]
        phrases = [(p.text, p.words, p.exact_only, p.tokens) for p in self.phrases]
        owners, rare = list(self.owners.items()), list(self.by_rare.items())
        return (claims, phrases, owners, rare, self.pins.plain())

    @classmethod
    def from_plain(cls, data: tuple | list, registry: Registry) -> Index:
        """The index `plain` gave, for the registry (of the same digest) it was built on."""
        claims, phrases, owners, by_rare, pins = data
        index = cls.__new__(cls)
        index.registry = registry
        index.claims = [(cid, Figure(*f), text, tuple(key)) for cid, f, text, key in claims]
        index._fits = {}
        index._open = {}
        index.ids = frozenset(registry.claims)
        index.phrases = [
            _Phrase(text, words, exact, tuple(toks), frozenset(toks))
            for text, words, exact, toks in phrases
        ]
        index.owners = defaultdict(list, {tuple(k): list(v) for k, v in owners})
        index.by_rare = defaultdict(list, {tuple(k): list(v) for k, v in by_rare})
        index._memo = {}
        index._candidates = {}
        index._plans = {}
        index._where = {}
        index._inside = {}
        index.pins = Pins.from_plain(pins)
        index.rare = {
            flag: frozenset(t for d, t in index.by_rare if d == flag) for flag in (False, True)
        }
        return index

    def candidates(self, fig: DocFigure) -> dict[int, list[_Phrase]]:
        """Claims with a phrase whose every token is in the figure's context, each with
        the phrases of it the context holds."""
        found = self._found(fig)
        out: dict[int, list[_Phrase]] = {}
        for pid in found[1:]:
            for owner in self.owners[(found[0], pid)]:
                out.setdefault(owner, []).append(self.phrases[pid])
        return out

    def _found(self, fig: DocFigure) -> Found:
        """The phrases of the figure's context whose every token it holds (the same for
        every figure of a sentence, so memoised per context)."""
        key = (fig.sentence, fig.row, fig.header, fig.headings, fig.kind == "date")
        hit = self._candidates.get(key)
        if hit is None:
            if len(self._candidates) >= MEMO_MAX:
                self._candidates.clear()
            hit = self._candidates[key] = self._phrases_in(fig)
        return hit

    def _phrases_in(self, fig: DocFigure) -> Found:
        is_date = fig.kind == "date"
        near = _sentence_words(fig.sentence)
        wide = _wide_words(fig.row, fig.header, fig.headings)
        rare = self.rare[is_date]
        found: list[int] = []
        words: frozenset[str] | None = None  # near and wide: rarely needed
        for t in rare.intersection(near).union(rare.intersection(wide)):
            for pid in self.by_rare[(is_date, t)]:
                need = self.phrases[pid].token_set
                if need <= near or need <= wide:
                    found.append(pid)
                    continue
                if words is None:
                    words = near | wide
                if need <= words:
                    found.append(pid)
        return (is_date, *found) if found else ()

    def _plan(self, found: Found, doc: Figure) -> _Plan:
        """The plan for figures like `doc` in contexts holding `found` (memoised:
        contexts differ, the phrases they hold much less)."""
        key = (found, doc.kind, doc.unit)  # comparable() reads only these of a figure
        hit = self._plans.get(key)
        if hit is None:
            if len(self._plans) >= MEMO_MAX:
                self._plans.clear()
            is_date = found[0]
            hit = self._plans[key] = _Plan(
                tuple(pid for pid in found[1:] if self._quoting(doc, is_date, pid))
            )
        return hit

    def _families_of(
        self, plan: _Plan, found: Found, doc: Figure
    ) -> tuple[tuple[tuple[int, ...], list[int]], ...]:
        """The plan's claims by family: (the phrases of `found` they name, in that
        order, the claims)."""
        if plan.families is None:
            present: dict[int, list[int]] = {}
            for pid in plan.pids:
                for owner in self._quoting(doc, found[0], pid):
                    present.setdefault(owner, []).append(pid)
            families: dict[tuple[int, ...], list[int]] = {}
            for owner, pids in present.items():
                families.setdefault(tuple(pids), []).append(owner)
            plan.families = tuple(families.items())
        return plan.families

    def _quoting(self, doc: Figure, is_date: bool, pid: int) -> tuple[int, ...]:
        """The claims naming the phrase that `doc` can quote (twice when a claim names
        it twice), in claim order."""
        key = (is_date, pid, doc.kind, doc.unit)
        got = self._open.get(key)
        if got is None:
            owners = self.owners[(is_date, pid)]
            got = self._open[key] = tuple(i for i in owners if self._comparable(doc, i))
        return got

    def _comparable(self, doc: Figure, claim: int) -> bool:
        """Can `doc` quote the claim?"""
        key = (doc.kind, doc.unit, self.claims[claim][3])  # comparable() reads only these
        ok = self._fits.get(key)
        if ok is None:
            ok = self._fits[key] = comparable(doc, self.claims[claim][1])
        return ok

    def forget(self) -> None:
        """Drop what resolving has memoised: a caller that resolves many figures once
        each against a large index (harvest's check of its drafts) keeps it small."""
        self._memo.clear()
        self._candidates.clear()
        self._plans.clear()
        self._where.clear()
        self._inside.clear()

    def __getstate__(self) -> dict[str, object]:
        """Without the registry (the parent re-attaches it) and without the memos."""
        state = dict(self.__dict__)
        state.update(
            registry=None,
            _memo={},
            _candidates={},
            _plans={},
            _where={},
            _inside={},
            _fits={},
            _open={},
        )
        return state

    def resolve(self, fig: DocFigure) -> Resolution:
        """The claim a figure quotes, as a Resolution (needs the registry attached)."""
        claim_id, how, score, unknown = self.match(fig)
        assert self.registry is not None, "Index.resolve needs its registry"
        lc = self.registry.claims.get(claim_id) if claim_id else None
        return Resolution(fig, lc, how, score, unknown)

    def match(self, fig: DocFigure) -> Match:
        """(claim id, how, score, unknown marker) of the claim a figure quotes (memoised:
        boilerplate repeats across pages)."""
        key = memo_key(fig)
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= MEMO_MAX:
                self._memo.clear()
            hit = self._memo[key] = self._match(fig)
        if hit[0] is None and hit[3] is None and self.pins:  # (not memoised: per article)
            return self._pinned(fig) or hit
        return hit

    def _pinned(self, fig: DocFigure) -> Match | None:
        """The claim pinned to this figure of its article, if any (mesacheck.pin)."""
        found = self.pins.candidates(fig.path)
        if not found:
            return None
        got = best_pinned(fig, found, lambda i: self.claims[i][1])
        if got is None:
            return None
        i, score = got
        return (self.claims[i][0], "pinned", score / 100.0, None)

    def _near(self, pid: int, fig: DocFigure, sentence: str) -> float:
        """What a phrase adds to a claim's score in the figure's sentence: by its length
        in words, less with its distance from the figure (0.0: not in reach). Where it
        stands in a sentence is memoised: the figures of a sentence share it."""
        key = (pid, sentence)
        spans = self._where.get(key)
        if spans is None:
            if len(self._where) >= MEMO_MAX:
                self._where.clear()
            spans = self._where[key] = _occurrences(self.phrases[pid], sentence)
        at = fig.at
        end = at + len(fig.text)
        best: float | None = None
        for span in spans:
            d = distance(span, at, end, fig.others)
            if d is not None and (best is None or d < best):
                best = d
        return 0.0 if best is None else self.phrases[pid].words / (1.0 + best / 40.0)

    def _other(self, pid: int, fig: DocFigure) -> float:
        """What a phrase not near the figure adds from its row or header, else from its
        headings (memoised: the cells of a row and the sentences of a section share
        them)."""
        words = self.phrases[pid].words
        row = (pid, fig.row, fig.header)
        if self._within(row, " | ".join(x for x in (fig.row, fig.header) if x)):
            return 0.3 * words
        if self._within((pid, fig.headings), " / ".join(fig.headings)):
            return 0.2 * words
        return 0.0

    def _within(self, key: tuple, text: str) -> bool:
        """Does the phrase `key[0]` stand in `text` (normalised here)?"""
        hit = self._inside.get(key)
        if hit is None:
            if len(self._inside) >= MEMO_MAX:
                self._inside.clear()
            hit = self._inside[key] = _find(self.phrases[key[0]], normalise(text)) is not None
        return hit

    def _match(self, fig: DocFigure) -> Match:
        if fig.marker:
            if fig.marker not in self.ids:
                return (None, None, 0.0, fig.marker)
            return (fig.marker, "marker", 100.0, None)
        found = self._found(fig)
        if not found:  # most figures: nothing in the registry is about them
            return _NONE
        doc = fig.parsed
        plan = self._plan(found, doc)
        if not plan.pids:
            return _NONE
        # what each phrase naming a claim the figure can quote adds in its sentence;
        # none there, no claim is placed
        sentence = normalise(fig.sentence)
        near = {pid: self._near(pid, fig, sentence) for pid in plan.pids}
        if not any(near.values()):
            return _NONE
        other: dict[int, float] = {}  # what the others add from the row and headings
        placed: list[tuple[float, float, list[int]]] = []
        for phrases, claims in self._families_of(plan, found, doc):
            local = 0.0
            for pid in phrases:
                local += near[pid]
            if local > 0:  # (some family is: a phrase near the figure names a claim)
                wide = 0.0
                for pid in phrases:
                    if not near[pid]:
                        w = other.get(pid)
                        if w is None:
                            w = other[pid] = self._other(pid, fig)
                        wide += w
                placed.append((local + wide, local, claims))
        # the statement adds at most 0.5: a claim that cannot come within the tie margin
        # of the best phrase score cannot win or tie, so it is not scored further
        floor = max(p[0] for p in placed) * (1 - _TIE) - 0.5 - 1e-9
        scored: list[tuple[float, _Claim]] = []
        for phrases, _local, claims in placed:
            if phrases < floor:
                continue
            for i in claims:
                claim = self.claims[i]
                statement = fuzz.token_set_ratio(claim[2], sentence) / 100.0
                scored.append((phrases + 0.5 * statement, claim))
        scored.sort(key=lambda s: (-s[0], s[1][0]))
        best_score, best = scored[0]
        if best_score < _MIN_SCORE:
            return (None, None, best_score, None)
        if not agrees(fig.parsed, best[1]):
            for score, claim in scored[1:]:
                if score < best_score * (1 - _TIE):
                    break
                if agrees(fig.parsed, claim[1]):
                    return (claim[0], "context", score, None)
        return (best[0], "context", best_score, None)


def _find(ph: _Phrase, text: str) -> int | None:
    """Start of the phrase in text (exact for short phrases, fuzzy otherwise)."""
    if not text:
        return None
    found = ph.spans(text, first=True)
    if found:
        return found[0][0]
    if ph.exact_only:
        return None
    al = fuzz.partial_ratio_alignment(ph.text, text, score_cutoff=_FUZZY_CUTOFF)
    return al.dest_start if al is not None else None


def _occurrences(ph: _Phrase, sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the phrase stands in a normalised sentence: exactly, else (a phrase not
    `exact_only`) its best fuzzy alignment."""
    spans = ph.spans(sentence)
    if not spans and not ph.exact_only:
        al = fuzz.partial_ratio_alignment(ph.text, sentence, score_cutoff=_FUZZY_CUTOFF)
        if al is not None:
            return ((al.dest_start, al.dest_end),)
    return tuple(spans)


def distance(
    span: tuple[int, int],
    at: int,
    end: int,
    others: list[tuple[int, int]] | tuple[tuple[int, int], ...],
    reach: float = _REACH,
) -> float | None:
    """How far a span of a normalised sentence is from the figure at [at, end) of it.

    None when the span is nearer another figure of the sentence (`others`: it belongs to
    that figure, "\\$100M safety vs \\$152B industry") or farther than `reach`.
    """
    s, e = span
    d = float(max(0, at - e, s - end))
    if d > reach or any(max(0, a - e, s - b) < d for a, b in others):
        return None
    return d


class Resolver:
    """Figures → resolutions against one registry, through an index built on first use
    (a run whose files all come from the cache never builds it)."""

    def __init__(self, registry: Registry, index: Index | None = None) -> None:
        self.registry = registry
        self._index = index

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index(self.registry)
        return self._index

    def resolve(self, fig: DocFigure) -> Resolution:
        """The claim `fig` quotes, how it was found and how well it scored."""
        claim_id, how, score, unknown = self.index.match(fig)
        lc = self.registry.claims.get(claim_id) if claim_id else None
        return Resolution(fig, lc, how, score, unknown)
