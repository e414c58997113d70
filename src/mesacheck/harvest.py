"""Harvest: draft claims for the figures that no sourced claim backs.

How an existing writing repo adopts mesacheck: `mesacheck harvest docs/ -o claims/drafts.yaml`
writes one `status: draft` claim per unsourced figure, which a writer then completes with
its source and quote. Each draft has

* `id`: `draft.` + the content words nearest the figure + a hash of the figure and its
  sentence (other figures masked), so the same figure gets the same id on every run and in
  every clone, whatever the file is called;
* `statement`: the figure's sentence (or table row);
* `value`: the figure as written, in figure notation (`\\$` unescaped), which the grammar
  parses back to the same values, unit and qualifier;
* `subject`: the words right before and after the figure, never reaching past another
  figure of the sentence, so that the resolver picks this draft for this figure again.
  Every draft is checked with the resolver itself against the registry and the other
  drafts, and widened where another claim would win;
* `sources: []`, `status: draft`, and `notes` saying where the figure was found and the
  link of its sentence (or footnote), if any.

With `-o FILE` the drafts are merged into FILE as text: existing entries stay as they are
(comments and all), only drafts whose id is not there yet are appended, and the file is
written atomically; running harvest again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

import yaml

from mesacheck import grammar, segments
from mesacheck.figures import DocFigure, _sentence_bounds, masked_sentence
from mesacheck.registry import Registry, load
from mesacheck.resolve import Index, Resolution, _norm, tokens
from mesacheck.values import agrees

HEADER = (
    "# Draft claims written by `mesacheck harvest` for figures that no sourced claim backs.\n"
    "# For each one: check the statement and value, add `sources:` with the source and the\n"
    "# quote that contains the value, then change `status: draft` to `status: active`.\n"
)

_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'’\-]*[A-Za-z0-9])?")
_JOIN = re.compile(r"[\s\-‐–—_/]+")  # what the resolver reads as one space
_STRONG = re.compile(r"[.;!?|\n]")  # a clause or cell boundary
_WEAK = frozenset(
    "a an and are as at be by for from has have in is it its of on or than that the their "
    "this to was were which with but not nor so then also only just into about after before "
    "between during while when where who whose these those they them we our you your he she "
    "his her can could would should may might will shall do does did been being per via vs "
    "versus like such more most less much many some any all each both either neither over "
    "under up down out off there here very what i e g eg ie etc".split()
)
# (content words on each side, may a phrase reach across a comma or parenthesis)
_REACHES = ((3, False), (5, False), (5, True), (8, True))
_MAX_DISTANCE = 80  # characters between the figure and a phrase (the resolver reaches 120)


class HarvestError(Exception):
    """A harvest that cannot be written; the message names the file."""


@dataclass(slots=True)
class Draft:
    id: str
    statement: str
    value: str
    subject: list[str]
    notes: str
    figure: DocFigure
    reach: int = 0  # index into _REACHES of the phrases chosen


@dataclass(slots=True)
class Harvest:
    drafts: list[Draft] = field(default_factory=list)
    sourced: int = 0  # figures already backed by a sourced claim
    drafted: int = 0  # figures that already resolve to an agreeing draft
    unsourced_claims: list[str] = field(default_factory=list)  # claims that need a source
    dates: int = 0
    problems: list[str] = field(default_factory=list)  # figures that got no draft, and why
    unresolved: list[str] = field(default_factory=list)  # drafts the resolver would not pick


# -- the draft of one figure -------------------------------------------------------------


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def value_of(fig: DocFigure) -> str | None:
    """The figure in registry notation, or None when it does not parse back the same."""
    text = _collapse(fig.text).replace("\\$", "$")
    try:
        parsed = grammar.parse_value(text)
    except grammar.ValueError_:
        return None
    want = fig.parsed
    same = (parsed.kind, parsed.values, parsed.halfwidths, parsed.unit, parsed.qualifier) == (
        want.kind,
        want.values,
        want.halfwidths,
        want.unit,
        want.qualifier,
    )
    return text if same else None


def _statement(fig: DocFigure) -> str:
    return _collapse(fig.sentence).strip("| ")


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    nstart: int  # the same span in the resolver's normalised sentence
    nend: int
    content: bool


class _Context:
    """The words of a figure's sentence, and the phrases around it that belong to it.

    Distances are measured as the resolver measures them (in its normalised sentence), and
    a phrase is kept only while it is at least as near this figure as any other figure of
    the sentence: the resolver gives an occurrence nearer another figure to that figure.
    """

    def __init__(self, fig: DocFigure) -> None:
        self.fig = fig
        s = fig.sentence
        self.a, self.b = fig.at, fig.at + len(fig.text)
        # a bare table cell is read with its row, whose other figures are not in `others`
        self.bare = fig.where == "cell" and bool(fig.row) and s == fig.row
        blocked = [(self.a, self.b), *fig.others]
        if self.bare:
            blocked += [(f.start, f.end) for f in grammar.scan(s) if not f.start <= self.a < f.end]

        n = _norm_offsets(s).__getitem__
        self.at = n(self.a)
        self.end = self.at + len(_norm(fig.text))
        self.others = [(n(x), n(y)) for x, y in fig.others]
        self.left: list[_Word] = []
        self.right: list[_Word] = []
        for m in _WORD.finditer(s):
            ws, we = m.span()
            if any(ws < y and x < we for x, y in blocked):
                continue
            content = m.group().lower() not in _WEAK and bool(tokens(m.group()))
            word = _Word(ws, we, m.group(), n(ws), n(we), content)
            (self.left if we <= self.a else self.right).append(word)
        self.left.reverse()  # nearest first

    def distance(self, nstart: int, nend: int) -> int | None:
        """The resolver's distance from this figure to a span, or None when the span is
        nearer another figure of the sentence (or too far to count much)."""
        d = max(0, self.at - nend, nstart - self.end)
        if d > _MAX_DISTANCE:
            return None
        if any(max(0, x - nend, nstart - y) < d for x, y in self.others):
            return None
        return d

    def phrase(self, words: list[_Word], side: str, content: int, loose: bool) -> str:
        """The run of words nearest the figure on one side, up to `content` content words."""
        s = self.fig.sentence
        run: list[_Word] = []
        for w in words:
            prev = run[-1] if run else None
            if prev is None:
                gap = s[w.end : self.a] if side == "left" else s[self.b : w.start]
                strong = _STRONG.search(gap.replace("|", "") if self.bare else gap)
                if strong or len(gap.strip(" |" if self.bare else " ")) > 3:
                    break
            else:
                gap = s[w.end : prev.start] if side == "left" else s[prev.end : w.start]
                if not _JOIN.fullmatch(gap) and not (
                    loose and not _STRONG.search(gap) and len(gap.strip()) <= 2
                ):
                    break
            run.append(w)
            kept = _trim(run)
            if kept and self.distance(kept[0].nstart, kept[-1].nend) is None:
                run.pop()
                break
            if sum(x.content for x in run) >= content:
                break
        kept = _trim(run)
        return _collapse(s[kept[0].start : kept[-1].end]) if kept else ""

    def subject(self, reach: int) -> list[str]:
        content, loose = _REACHES[reach]
        out = []
        for side, words in (("left", self.left), ("right", self.right)):
            p = self.phrase(words, side, content, loose)
            if p and p not in out:
                out.append(p)
        return out

    def nearest(self, k: int = 3) -> list[str]:
        """The `k` content words nearest the figure that belong to it (for its id)."""
        near = []
        for w in self.left + self.right:
            d = self.distance(w.nstart, w.nend)
            if w.content and d is not None:
                near.append((d, w.start, w.text))
        out: list[str] = []
        for _d, _s, t in sorted(near):
            if t.lower() not in (o.lower() for o in out):
                out.append(t)
        return out[:k]


def _norm_offsets(s: str) -> list[int]:
    """For each offset i of `s`, len(_norm(s[:i])): where it lies in the resolver's text."""
    if len(_norm(s)) == len(s) or len(s) > 4000:
        return list(range(len(s) + 1))  # the resolver's normalisation keeps offsets
    return [len(_norm(s[:i])) for i in range(len(s) + 1)]  # a letter whose lower case grows


def _trim(run: list[_Word]) -> list[_Word]:
    """The run in reading order without weak words at its ends."""
    words = sorted(run, key=lambda w: w.start)
    while words and not words[-1].content:
        words.pop()
    while words and not words[0].content:
        words.pop(0)
    return words


def _slug(words: list[str]) -> str:
    parts = []
    for w in words:
        p = re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-")[:24].strip("-")
        if p:
            parts.append(p)
    return "-".join(parts)


def draft_id(fig: DocFigure, context: _Context | None = None) -> str:
    """`draft.<nearest words>-<hash>`, the same for the same figure in the same sentence."""
    context = context or _Context(fig)
    digest = hashlib.sha256(
        (masked_sentence(fig) + "\x1f" + _collapse(fig.text)).encode("utf-8")
    ).hexdigest()[:8]
    slug = _slug(context.nearest())
    return f"draft.{slug}-{digest}" if slug else f"draft.{digest}"


# -- links near a figure -------------------------------------------------------------------

# bounded repeats: these run on writers' text, which may be built to make regexes backtrack
_LINK = re.compile(
    r"(?<!!)\[(?:[^\[\]]|\[[^\[\]]{0,200}\]){0,300}\]\(\s*<?(?P<url>[^)\s>]{1,2000})>?[^)]{0,300}\)"
)
_REF_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]{1,300})\]\[(?P<ref>[^\[\]]{0,100})\]")
_LINK_WINDOW = 2000  # characters either side of the figure
_FOOTNOTE = re.compile(r"\[\^(?P<id>[^\]\s]+)\](?!:)")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])(?P<url>https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:])")


class _Links:
    """The link nearest each figure within its sentence (or the sentence's footnote)."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields
        self.docs: dict[str, segments.Document | None] = {}

    def _doc(self, path: str) -> segments.Document | None:
        if path not in self.docs:
            try:
                raw = Path(path).read_bytes().decode("utf-8-sig")
                text = raw.replace("\r\n", "\n").replace("\r", "\n")
                self.docs[path] = segments.parse(path, text, self.fields)
            except (OSError, UnicodeDecodeError):
                self.docs[path] = None
        return self.docs[path]

    def near(self, fig: DocFigure) -> str | None:
        doc = self._doc(fig.path)
        if doc is None:
            return None
        seg = next(
            (
                g
                for g in doc.segments
                if g.offset <= fig.offset < g.offset + len(g.text)
                and doc.source[fig.offset : fig.offset + len(fig.text)] == fig.text
            ),
            None,
        )
        if seg is None:
            return None
        rel = fig.offset - seg.offset
        s, e = _sentence_bounds(seg.text, rel, rel + len(fig.text))
        start = max(seg.offset + s, fig.offset - _LINK_WINDOW)
        end = min(seg.offset + e, fig.offset + len(fig.text) + _LINK_WINDOW)
        raw = doc.source[start:end]
        here = fig.offset - start
        found: list[tuple[int, str]] = []
        for rx in (_LINK, _AUTOLINK, _BARE_URL):
            for m in rx.finditer(raw):
                found.append((_gap(m.span(), here, len(fig.text)), m.group("url")))
        for m in _REF_LINK.finditer(raw):
            ref = (m.group("ref") or m.group("text")).strip()
            d = re.search(
                r"^ {0,3}\[" + re.escape(ref) + r"\]:\s*<?(\S+?)>?(?:\s|$)",
                doc.source,
                re.MULTILINE | re.IGNORECASE,
            )
            if d:
                found.append((_gap(m.span(), here, len(fig.text)), d.group(1)))
        for m in _FOOTNOTE.finditer(raw):
            d = re.search(
                r"^\[\^" + re.escape(m.group("id")) + r"\]:(.*(?:\n(?: {2,}|\t).*)*)",
                doc.source,
                re.MULTILINE,
            )
            if d:
                body = d.group(1)
                u = _LINK.search(body) or _AUTOLINK.search(body) or _BARE_URL.search(body)
                if u:
                    found.append((_gap(m.span(), here, len(fig.text)) + 1, u.group("url")))
        found = [(d, u) for d, u in found if u.lower().startswith(("http://", "https://"))]
        return min(found)[1] if found else None


def _gap(span: tuple[int, int], at: int, length: int) -> int:
    return max(0, at - span[1], span[0] - (at + length))


# -- planning, checking and widening the drafts ------------------------------------------


def plan(
    resolutions: Iterable[Resolution],
    registry: Registry,
    front_matter_fields: tuple[str, ...] = ("description", "summary", "llmSummary"),
) -> Harvest:
    """Drafts for the figures of `resolutions` that no sourced claim backs."""
    resolutions = list(resolutions)
    out = Harvest()
    links = _Links(front_matter_fields)
    contexts: dict[str, _Context] = {}
    by_id: dict[str, Draft] = {}
    for r in resolutions:
        fig = r.figure
        if fig.kind == "date":
            out.dates += 1
            continue
        if r.claim is not None:
            c = r.claim.claim
            if registry.sourced(c.id):
                out.sourced += 1
                continue
            if c.status != "draft":
                out.unsourced_claims.append(c.id)
                continue
            if agrees(fig.parsed, r.claim.parsed):
                out.drafted += 1
                continue
        where = f"{fig.path}:{fig.line}:{fig.column}"
        value = value_of(fig)
        if value is None:
            out.problems.append(f"{where}: {fig.text} does not read back as a value; skipped")
            continue
        ctx = _Context(fig)
        cid = r.unknown_marker or draft_id(fig, ctx)
        if cid in by_id or cid in registry.claims:
            continue
        subject = ctx.subject(0)
        if not subject:
            out.problems.append(
                f"{where}: no words around {fig.text} to recognise it by; name its draft in "
                f"the article with <!-- claim: {cid} -->"
            )
        notes = f"harvested from {fig.path}:{fig.line}"
        url = links.near(fig)
        if url:
            notes += f"; link in its sentence: {url}"
        contexts[cid] = ctx
        by_id[cid] = Draft(cid, _statement(fig), value, subject, notes, fig)
    out.drafts = list(by_id.values())
    _settle(out, registry, resolutions, contexts)
    return out


def _index(registry: Registry, drafts: list[Draft]) -> Index:
    """A resolver over the registry and the drafts, read back with the registry's own
    loader (so the drafts are also checked to load as written)."""
    with tempfile.TemporaryDirectory(prefix="mesacheck-harvest-") as tmp:
        folder = Path(tmp)
        (folder / "drafts.yaml").write_text(render(drafts), encoding="utf-8")
        read = load(folder, None, folder)
    if read.load_failed or read.problems:  # pragma: no cover - a bug in render()
        raise HarvestError("the drafts do not load: " + "; ".join(p.message for p in read.problems))
    claims = dict(registry.claims)
    claims.update(read.claims)
    return Index(Registry(claims=claims, sources=registry.sources))


def _winner(index: Index, fig: DocFigure) -> str | None:
    got = index.resolve(fig).claim
    return got.claim.id if got is not None else None


def _settle(
    out: Harvest, registry: Registry, resolutions: list[Resolution], contexts: dict[str, _Context]
) -> None:
    """Check every draft with the resolver, against the registry and the other drafts:
    widen the subject of a draft that loses its own figure, and narrow one that would take
    a figure away from the sourced claim that backs it."""
    backed = {
        id(r.figure): r.claim.claim.id
        for r in resolutions
        if r.claim is not None and registry.sourced(r.claim.claim.id)
    }
    sourced_figures = [r.figure for r in resolutions if id(r.figure) in backed]
    new_ids = {d.id for d in out.drafts}
    banned: dict[str, set[str]] = {}
    for _round in range(2 * len(_REACHES)):
        index = _index(registry, out.drafts)
        losing = {d.id for d in out.drafts if _winner(index, d.figure) != d.id}
        taking: dict[str, list[DocFigure]] = {}
        for f in sourced_figures:
            w = _winner(index, f)
            if w in new_ids and w != backed[id(f)]:
                taking.setdefault(w, []).append(f)
        if not losing and not taking:
            break
        changed = False
        for i, d in enumerate(out.drafts):
            if d.id in taking and d.subject:
                # it would take a figure from the claim that backs it: drop the phrases
                # found in that figure's sentence (or else its farthest phrase)
                there = " ".join(_norm(f.sentence) for f in taking[d.id])
                drop = {p for p in d.subject if _norm(p) in there} or {d.subject[-1]}
                banned.setdefault(d.id, set()).update(drop)
                out.drafts[i] = replace(d, subject=[p for p in d.subject if p not in drop])
                changed = True
            elif d.id in losing and d.reach + 1 < len(_REACHES):
                wider = contexts[d.id].subject(d.reach + 1)
                wider = [p for p in wider if p not in banned.get(d.id, ())]
                out.drafts[i] = replace(d, subject=wider or d.subject, reach=d.reach + 1)
                changed = True
        if not changed:
            break
    index = _index(registry, out.drafts)
    for d in out.drafts:
        w = _winner(index, d.figure)
        if w != d.id and d.subject:  # (a draft without a subject is reported already)
            f = d.figure
            who = f"`{w}`" if w is not None else "no claim"
            out.unresolved.append(
                f"{f.path}:{f.line}:{f.column}: {f.text} resolves to {who} rather than its "
                f"draft `{d.id}`; name it in the article with <!-- claim: {d.id} -->"
            )


# -- YAML ------------------------------------------------------------------------------------

_NOT_PRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's, plus a few more)."""
    s = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", s)


def entry_lines(d: Draft, dash: int = 2, indent: int = 4) -> list[str]:
    """One claim as YAML lines: `- id:` at column `dash`, its other keys at `indent`."""
    pad = " " * indent
    head = " " * dash + "-" + " " * max(1, indent - dash - 1)
    return [
        f"{head}id: {d.id}",
        f"{pad}statement: {_quoted(d.statement)}",
        f"{pad}value: {_quoted(d.value)}",
        f"{pad}subject: [{', '.join(_quoted(p) for p in d.subject)}]",
        f"{pad}sources: []",
        f"{pad}status: draft",
        f"{pad}notes: {_quoted(d.notes)}",
    ]


def render(drafts: list[Draft]) -> str:
    """A complete claims file holding the drafts."""
    body = "\n\n".join("\n".join(entry_lines(d)) for d in drafts)
    return HEADER + ("claims:\n" + body + "\n" if drafts else "claims: []\n")


def merge(text: str, drafts: list[Draft], name: str) -> tuple[str, list[Draft]]:
    """`text` (a claims file) with the drafts whose id it lacks appended to its `claims:`
    list; everything already in it is kept byte for byte."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        what = getattr(e, "problem", None) or "it does not parse"
        raise HarvestError(
            f"{where}: not valid YAML ({what}); fix it or harvest into another file"
        ) from None
    if root is None:
        data = {}
    elif not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise HarvestError(f"{name} is not a mapping with a `claims:` list")
    existing = data.get("claims") or []
    if not isinstance(existing, list):
        raise HarvestError(f"{name}: `claims:` is not a list")
    have = {e.get("id") for e in existing if isinstance(e, dict)}
    new = [d for d in drafts if d.id not in have]
    if not new:
        return text, []
    node = next(
        (v for k, v in (root.value if root is not None else []) if k.value == "claims"), None
    )
    if node is None:
        head = text if not text or text.endswith("\n") else text + "\n"
        blank = "\n" if head.strip() else ""
        body = "\n\n".join("\n".join(entry_lines(d)) for d in new)
        merged = head + blank + "claims:\n" + body + "\n"
    elif isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        first = node.value[0]
        col = first.start_mark.column
        dash = text.rfind("-", 0, first.start_mark.index)
        dash_col = dash - (text.rfind("\n", 0, dash) + 1)
        at = node.end_mark.index
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        body = "\n\n".join("\n".join(entry_lines(d, dash_col, col)) for d in new)
        merged = head + "\n" + body + "\n" + text[at:]
    elif (isinstance(node, yaml.SequenceNode) and not node.value) or (
        isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")
    ):
        colon = text.rfind(":", 0, node.start_mark.index + 1)
        body = "\n\n".join("\n".join(entry_lines(d)) for d in new)
        merged = text[: colon + 1] + "\n" + body + text[node.end_mark.index :]
        if not merged.endswith("\n"):
            merged += "\n"
    else:
        raise HarvestError(
            f"{name}: its `claims:` list is written inline; harvest into a new file instead"
        )
    ids = [e.get("id") for e in yaml.safe_load(merged).get("claims") or [] if isinstance(e, dict)]
    if ids != [e.get("id") for e in existing if isinstance(e, dict)] + [d.id for d in new]:
        raise HarvestError(
            f"{name}: cannot append to its `claims:` list safely"
        )  # pragma: no cover
    return merged, new


# -- the command -------------------------------------------------------------------------------


def run(
    resolutions: Iterable[Resolution],
    registry: Registry,
    output: Path | None,
    front_matter_fields: tuple[str, ...] = ("description", "summary", "llmSummary"),
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """`mesacheck harvest`: print the drafts, or merge them into `output`. Exit code."""
    from mesacheck.baseline import write_text_atomic

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if registry.load_failed:
        for p in registry.problems:
            if p.code == "MC101":
                print(f"{p.path}:{p.line}: {p.code} {p.message}", file=stderr)
        print(
            "mesacheck: the registry did not load cleanly (MC101 above); fix it before "
            "harvesting, or drafts would duplicate the claims it could not read",
            file=stderr,
        )
        return 2
    h = plan(resolutions, registry, front_matter_fields)
    for p in h.problems + h.unresolved:
        print(f"mesacheck: {p}", file=stderr)
    if output is None:
        stdout.write(render(h.drafts))
        added = len(h.drafts)
        where = "printed"
    else:
        try:
            text = output.read_text(encoding="utf-8") if output.exists() else ""
        except (OSError, UnicodeDecodeError) as e:
            print(f"mesacheck: cannot read {output}: {e}", file=stderr)
            return 2
        try:
            if text.strip():
                merged, new = merge(text, h.drafts, str(output))
            else:
                merged, new = (render(h.drafts), h.drafts) if h.drafts else (text, [])
            if merged != text:
                write_text_atomic(output, merged)
        except HarvestError as e:
            print(f"mesacheck: {e}", file=stderr)
            return 2
        except OSError as e:
            print(f"mesacheck: cannot write {output}: {e.strerror or e}", file=stderr)
            return 2
        added = len(new)
        kept = len(h.drafts) - added
        where = f"added to {output}" + (f" ({kept} already there)" if kept else "")
    s = "" if added == 1 else "s"
    summary = f"mesacheck: {added} draft claim{s} {where}; {h.sourced} figures already sourced"
    if h.drafted:
        summary += f", {h.drafted} already drafted"
    if h.unsourced_claims:
        summary += (
            f", {len(h.unsourced_claims)} quote claims that need a source "
            f"({', '.join(sorted(set(h.unsourced_claims)))})"
        )
    print(summary + f"; {h.dates} dates skipped.", file=stderr)
    return 0
