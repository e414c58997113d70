"""Markdown → segments: the prose of a document at its exact source positions.

A segment is one unit of prose (a paragraph, heading, list item paragraph, table cell or
prose field of YAML `---` or TOML `+++` front matter) as a *masked copy of the source*:
every character that a reader sees as prose stays where it is; everything else — markup,
list markers, code, link targets, URLs, HTML — is blanked to spaces (newlines kept), and
TOML front matter outside its prose fields too (`toml_front`). So an offset into a
segment's text is an offset into the file, and a figure's span is exact by construction,
including `\\$` escapes, which stay in the text as written.

markdown-it-py finds the structure (its token `map`s give the lines, its inline children
say which text is prose); this module only aligns those children back onto the source.
The rest of mesacheck sees `Segment`s, never tokens, so the parser can be swapped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

from mesacheck import align, grammar, nesting, toml_front
from mesacheck.align import Aligner, Comment

__all__ = ["Comment", "Document", "Segment", "parse"]

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_DEFAULT_PROSE_FIELDS = ("description", "summary", "llmSummary")


@dataclass(slots=True)
class Segment:
    """A unit of prose: masked source text starting at file offset `offset`."""

    text: str
    offset: int
    kind: str  # paragraph | heading | cell | front-matter
    headings: tuple[str, ...] = ()
    header: str = ""  # table column header, for cells
    row: str = ""  # the whole table row, for cells
    fm_field: str = ""  # front-matter field name
    row_key: int = -1  # file offset of the table row, shared by its cells
    comments: list[Comment] = field(default_factory=list)
    # the text the figure grammar reads, when it is not `text` (see `align.view`): markup a
    # reader does not see left out, so a figure's span runs over it and its text is the
    # source; `view_at` maps it back to file offsets (piece starts in view and in file)
    view: str = ""
    view_at: tuple[tuple[int, ...], tuple[int, ...]] = ((), ())

    def file_offset(self, v: int) -> int:
        """The file offset of character `v` of `view` (a character copied from the file)."""
        vstarts, fstarts = self.view_at
        k = bisect.bisect_right(vstarts, v) - 1
        return fstarts[k] + v - vstarts[k]


@dataclass(slots=True)
class Document:
    """A parsed document: its source, line starts and prose segments."""

    path: str
    source: str
    segments: list[Segment]
    comments: list[Comment]
    line_starts: list[int]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    notes: list[str] = field(default_factory=list)  # how it was read, when not as asked

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (Unicode code points) of a file offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1


@lru_cache(maxsize=1)
def default_backend() -> str:
    """The fastest installed parser, unless MESACHECK_PARSER names one."""
    import os

    chosen = os.environ.get("MESACHECK_PARSER")
    if chosen in ("markdown-it-py", "markdown-it-pyrs"):
        return chosen
    try:
        import markdown_it_pyrs  # noqa: F401
    except ImportError:
        return "markdown-it-py"
    return "markdown-it-pyrs"


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    # front matter only opens a document: the plugin also took a list item on the first
    # line of a file that starts with `-` for front matter, dropping its text
    md.block.ruler.at("front_matter", _top_level_front_matter, {"alt": []})
    md.disable("text_join")  # keep escapes as their own tokens so they align with the source
    md.options["maxNesting"] = nesting.PY_MAX_NESTING  # the same depth as the Rust parser
    return md


def _top_level_front_matter(state, start: int, end: int, silent: bool) -> bool:  # type: ignore[no-untyped-def]
    from mdit_py_plugins.front_matter.index import _front_matter_rule

    return state.level == 0 and _front_matter_rule(state, start, end, silent)


def _line_starts(sizes: list[int]) -> list[int]:
    """The offset of each line's start, from the lines' `sizes` (without their newlines):
    0, then one past each newline."""
    return list(accumulate(map((1).__add__, sizes[:-1]), initial=0))


def _aligned_segment(text: _Text, start: int, end: int, tok, kind: str) -> Segment:  # type: ignore[no-untyped-def]
    """The masked prose of one inline token over source[start:end], with its scan view."""
    source = text.source
    al = Aligner(source, start, end)
    al.children(tok.children or [])
    masked, seen, at = al.texts(text.blanked)
    seg = Segment(masked, start, kind, comments=al.comments)
    if seen != masked:
        seg.view, seg.view_at = seen, at
    return seg


def _inline_segment(text: _Text, tok, kind: str, headings: tuple[str, ...]) -> Segment:  # type: ignore[no-untyped-def]
    line_starts = text.line_starts
    start = line_starts[tok.map[0]]
    end = line_starts[tok.map[1]] if tok.map[1] < len(line_starts) else len(text.source)
    seg = _aligned_segment(text, start, end, tok, kind)
    seg.headings = headings
    return seg


_DIGIT = grammar.MAY_HOLD  # a digit or a number word ("nine principles")
_ANY_DIGIT = re.compile(r"\d")  # looked for first: one character-class scan
_PLAIN_DROP = re.compile(r"`+[^`]*`+|<!--.*?-->|<[^>]*>|\]\([^)]*\)|\*\*|__|[*\[\]]")


def _may_hold_figures(tok) -> bool:  # type: ignore[no-untyped-def]
    """Only text with a digit or number word can hold a figure; a comment may hold a marker."""
    if not tok.children:
        return False
    texts: list[str] = []
    levels = [iter(tok.children)]
    while levels:  # iterative: images nest (one level per open image)
        for c in levels[-1]:
            t = c.type
            if t == "text" or t == "text_special":
                texts.append(c.content)
            elif t == "html_inline":
                return True
            elif t == "image":
                levels.append(iter(c.children or ()))
                break
        else:
            levels.pop()
    joined = "\x00".join(texts)  # one scan for a digit or a comment in any of them
    if "<!--" in joined or _ANY_DIGIT.search(joined):
        return True
    # number words last: their pattern is costlier, and reads each text on its own (`$`)
    return any(_DIGIT.search(x) for x in texts)


@lru_cache(maxsize=4096)  # table cells repeat ("Yes", a model's name, a metric)
def _plain(raw: str) -> str:
    """Markdown source of a cell without figures, as words (for the row's context)."""
    return " ".join(_PLAIN_DROP.sub(" ", raw).split())


def _squeezed(text: str) -> str:
    """`text` with each run of whitespace as one space: `re.sub(r"\\s+", " ", text)` by
    str methods, which are quicker (the same whitespace: `str.split`'s is `\\s`)."""
    words = text.split()
    if not words:
        return " " if text else ""
    out = " ".join(words)
    if text[0].isspace():
        out = " " + out
    if text[-1].isspace():
        out += " "
    return out


def _plain_heading_text(tok) -> str:  # type: ignore[no-untyped-def]
    return "".join(c.content for c in (tok.children or []) if c.type in ("text", "text_special"))


@dataclass(slots=True)
class _Text:
    """The text the parser reads, its line starts, and the same text blanked (spaces,
    newlines kept): what a segment's masked text is made of."""

    source: str
    line_starts: list[int]
    blanked: str


def parse(
    path: str,
    source: str,
    prose_fields: tuple[str, ...] = _DEFAULT_PROSE_FIELDS,
    backend: str | None = None,
) -> Document:
    """Parse Markdown into prose segments with exact positions.

    `backend` is "markdown-it-py" or "markdown-it-pyrs" (the same parser in Rust, about
    ten times faster); by default the Rust one when it is installed. Both give the same
    segments (a test holds them to it).
    """
    sizes = list(map(len, source.split("\n")))
    line_starts = _line_starts(sizes)
    original = source
    segments: list[Segment] = []
    problems: list[tuple[int, str]] = []
    toml = toml_front.find(source)
    if toml is not None:  # neither parser knows `+++`: blanked here, its prose taken here
        segments.extend(_toml_front_matter(source, toml, prose_fields, problems))
        source = "".join(align.blank(source, toml[0], toml[1])) + source[toml[1] :]
    # too deep a nesting is blanked and reported: see `nesting` (offsets stay put)
    source, nested = nesting.bound_block_nesting(source)
    problems.extend(nested)
    # the text blanked: from its lines' sizes while it is the file as read
    blanked = "\n".join(map(" ".__mul__, sizes)) if source is original else align.blanked(source)
    text = _Text(source, line_starts, blanked)
    notes: list[str] = []
    read = _read_with_rust(text, prose_fields, notes) if _rust(backend, source) else None
    if read is None:
        read = _read(text, _parser().parse(source), prose_fields)
    segments.extend(read.segments)
    problems.extend(read.problems)
    return Document(path, original, segments, read.comments, line_starts, problems, notes)


@dataclass(slots=True)
class _Read:
    """What the token stream of a text gives: its segments, comments and problems."""

    segments: list[Segment] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def _rust(backend: str | None, source: str) -> bool:
    """Whether to read `source` with the Rust parser: when asked for, unless the text
    nests inline too densely for it (`nesting.dense_inline`)."""
    return (backend or default_backend()) == "markdown-it-pyrs" and not nesting.dense_inline(source)


def _read_with_rust(text: _Text, prose_fields: tuple[str, ...], notes: list[str]) -> _Read | None:
    """The text read from the Rust parser's token stream; None when the parser fails on it,
    with a note saying why, or when the text holds a construct the two parsers read
    differently (`pyrs_tokens.Disagrees`): the caller then reads it with markdown-it-py,
    whose reading is the reference. The stream may fail part way: what was read is
    dropped."""
    from mesacheck import pyrs_tokens

    try:
        return _read(text, pyrs_tokens.tokens(text.source, text.line_starts), prose_fields)
    except pyrs_tokens.Disagrees:
        return None
    except pyrs_tokens.ParserFailed as e:
        notes.append(f"markdown-it-pyrs could not parse it ({e}): read with markdown-it-py")
        return None


def _read(text: _Text, tokens: Iterable[Any], prose_fields: tuple[str, ...]) -> _Read:
    """The segments, comments and problems of a token stream (markdown-it-py's tokens, or
    pyrs_tokens' in the same shape), read token by token."""
    source, line_starts = text.source, text.line_starts
    out = _Read()
    segments, comments = out.segments, out.comments
    headings: list[tuple[int, str]] = []
    path_now: tuple[str, ...] = ()  # the headings' texts, outermost first
    header_cells: list[str] = []
    in_head = False
    row_cells: list[Segment] = []
    cell_index = 0
    row_cursor = row_start = 0

    stream = iter(tokens)
    before = ""  # the type of the token before
    for tok in stream:  # the commonest tokens first
        t = tok.type
        if t == "inline":
            if before == "th_open" or before == "td_open":
                if _may_hold_figures(tok):
                    seg, row_cursor = _cell_segment(text, tok, row_cursor)
                else:  # no digit, no comment: its words are context for the row, nothing more
                    seg = Segment(_plain(tok.content), -1, "cell")
                seg.headings = path_now
                if in_head:  # (a header all code keeps it: "`sizeof`" says what its cells are)
                    header_cells.append(" ".join(seg.text.split()) or tok.content.strip())
                else:
                    seg.header = header_cells[cell_index] if cell_index < len(header_cells) else ""
                row_cells.append(seg)
                comments.extend(seg.comments)
                cell_index += 1
            elif tok.map is not None and _may_hold_figures(tok):
                seg = _inline_segment(text, tok, "paragraph", path_now)
                segments.append(seg)
                comments.extend(seg.comments)
        elif t == "tr_open":
            row_cells, cell_index = [], 0
            row_cursor = row_start = line_starts[tok.map[0]]
        elif t == "tr_close":
            row_text = _squeezed(" | ".join(c.text.strip() for c in row_cells))
            for c in row_cells:
                c.row = row_text
                c.row_key = row_start
            # header cells are prose a reader sees too ("| Share of 2024 respondents |")
            segments.extend(c for c in row_cells if c.offset >= 0)
            row_cells = []
        elif t == "heading_open":
            level = int(tok.tag[1])
            inline = next(stream)
            heading = _plain_heading_text(inline).strip()
            headings = [h for h in headings if h[0] < level]
            seg = _inline_segment(text, inline, "heading", tuple(h[1] for h in headings))
            headings.append((level, heading))
            path_now = (*seg.headings, heading)
            segments.append(seg)
            comments.extend(seg.comments)
            before = inline.type
            continue
        elif t == "thead_open":
            in_head, header_cells = True, []
        elif t == "thead_close":
            in_head = False
        elif t == "html_block":
            start = line_starts[tok.map[0]]
            for m in _COMMENT_RE.finditer(tok.content):
                comments.append(Comment(m.group(0), start + m.start(), start + m.end()))
        elif t == "front_matter":
            segments.extend(_front_matter(source, line_starts, tok, prose_fields, out.problems))
        before = t
    return out


def _cell_segment(text: _Text, tok, cursor: int) -> tuple[Segment, int]:  # type: ignore[no-untyped-def]
    source, line_starts = text.source, text.line_starts
    line = tok.map[0]
    line_end = line_starts[line + 1] if line + 1 < len(line_starts) else len(source)
    # the cell starts after the next unescaped pipe from the cursor (or at the cursor)
    content = tok.content
    start = source.find(content, cursor, line_end) if content else -1
    if start < 0:
        start = cursor
    end = start + len(content)
    return _aligned_segment(text, start, end, tok, "cell"), max(end, cursor)


_FM_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s?(?P<rest>.*)$")


def _front_matter(
    source: str,
    line_starts: list[int],
    tok,  # type: ignore[no-untyped-def]
    fields: tuple[str, ...],
    problems: list[tuple[int, str]],
) -> Iterator[Segment]:  # type: ignore[no-untyped-def]
    """Prose fields of the YAML front matter (`description`, `summary`, …) as segments."""
    first, last = tok.map[0] + 1, tok.map[1] - 1  # inside the --- fences
    lines = source.splitlines(keepends=True)
    wanted = set(fields)
    n = first
    while n < last:
        m = _FM_KEY.match(lines[n].rstrip("\r\n"))
        if not m or m.group("key") not in wanted:
            n += 1
            continue
        # the field runs to the next line that is not more indented (block scalars, folds)
        end = n + 1
        while end < last and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        start = line_starts[n] + m.start("rest")
        stop = line_starts[end] if end < len(line_starts) else len(source)
        text = source[start:stop]
        if m.group("rest").strip() in ("|", ">", "|-", ">-", "|+", ">+"):
            text = " " * len(m.group("rest")) + text[len(m.group("rest")) :]
        # blank YAML quoting, keep the prose
        chars = list(text)
        stripped = text.lstrip()
        lead = len(text) - len(stripped)
        if stripped[:1] in ("'", '"'):
            chars[lead] = " "
            tail = text.rstrip()
            if tail and tail[-1] == stripped[0]:
                chars[len(tail) - 1] = " "
        yield Segment("".join(chars), start, "front-matter", fm_field=m.group("key"))
        n = end


def _toml_front_matter(
    source: str,
    block: tuple[int, int, int, int],
    fields: tuple[str, ...],
    problems: list[tuple[int, str]],
) -> Iterator[Segment]:
    """Prose fields of TOML (`+++`) front matter as segments: see `toml_front`."""
    for f in toml_front.prose_fields(source, (block[2], block[3]), fields, problems):
        seg = Segment(f.text, f.start, "front-matter", fm_field=f.key)
        if f.view:
            seg.view, seg.view_at = f.view, ((0,), (f.start,))
        yield seg
