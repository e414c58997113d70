"""Markdown → segments: the prose of a document at its exact source positions.

A segment is one unit of prose (a paragraph, heading, list item paragraph, table cell or
front-matter prose field) as a *masked copy of the source*: every character that a
reader sees as prose stays where it is; everything else — markup, list markers, code,
link targets, URLs, HTML — is blanked to spaces (newlines kept). So an offset into a
segment's text is an offset into the file, and a figure's span is exact by construction,
including `\\$` escapes, which stay in the text as written.

markdown-it-py finds the structure (its token `map`s give the lines, its inline children
say which text is prose); this module only aligns those children back onto the source.
The rest of mesacheck sees `Segment`s, never tokens, so the parser can be swapped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_URL_RE = re.compile(r"(?=[hfw])\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)
_DEFAULT_PROSE_FIELDS = ("description", "summary", "llmSummary")


@dataclass(slots=True)
class Comment:
    """An HTML comment in the source, kept for mesacheck's own markers."""

    text: str
    offset: int  # file offset of "<!--"
    end: int


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


@dataclass(slots=True)
class Document:
    """A parsed document: its source, line starts and prose segments."""

    path: str
    source: str
    segments: list[Segment]
    comments: list[Comment]
    line_starts: list[int]
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column (Unicode code points) of a file offset."""
        import bisect

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
    md.disable("text_join")  # keep escapes as their own tokens so they align with the source
    return md


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for m in re.finditer("\n", source):
        starts.append(m.end())
    return starts


class _Aligner:
    """Copies the prose children of one inline token onto a blank copy of the source."""

    def __init__(self, source: str, out: list[str], start: int, end: int) -> None:
        self.source = source
        self.out = out
        self.cursor = start
        self.end = end
        self.comments: list[Comment] = []

    def find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.source.find(needle, self.cursor, self.end)

    def keep(self, needle: str) -> None:
        i = self.find(needle)
        if i < 0:
            return
        self.out[i : i + len(needle)] = list(needle)
        self.cursor = i + len(needle)
        if "<!--" in needle:
            # a comment the parser left as text (older CommonMark: no "--" inside a
            # comment, but `<!-- mesacheck: ignore MC001 -- reason -->` has one)
            for m in _COMMENT_RE.finditer(needle):
                self.comments.append(Comment(m.group(0), i + m.start(), i + m.end()))
                self.out[i + m.start() : i + m.end()] = [" "] * (m.end() - m.start())

    def skip(self, needle: str) -> None:
        i = self.find(needle)
        if i >= 0:
            self.cursor = i + len(needle)

    def children(self, children: list) -> None:  # type: ignore[type-arg]
        for tok in children:
            t = tok.type
            if t == "text":
                self.keep(tok.content)
            elif t == "text_special":
                # an escape ("\\$") or an entity ("&amp;"): keep it as written
                self.keep(tok.markup or tok.content)
            elif t == "code_inline":
                self.skip(tok.markup)
                self.skip(tok.markup)
            elif t == "html_inline":
                i = self.find(tok.content)
                if i >= 0:
                    if tok.content.startswith("<!--"):
                        self.comments.append(Comment(tok.content, i, i + len(tok.content)))
                    self.cursor = i + len(tok.content)
            elif t == "link_open":
                if tok.markup == "autolink" or tok.info == "auto":
                    self.skip(">")  # past the whole <url>: its text is no prose
                else:
                    self.skip("[")
            elif t == "link_close":
                if tok.markup == "autolink" or tok.info == "auto":
                    self.skip(">")
                else:
                    self._skip_destination()
            elif t == "image":
                self.skip("![")
                if tok.children:
                    self.children(tok.children)
                self._skip_destination()
            elif t in ("softbreak", "hardbreak"):
                continue
            elif tok.markup:
                self.skip(tok.markup)  # emphasis, strikethrough

    def _skip_destination(self) -> None:
        """After link text: skip `](dest "title")`, `][ref]` or `]`."""
        i = self.find("]")
        if i < 0:
            return
        j = i + 1
        src = self.source
        if j < self.end and src[j] == "(":
            depth, k = 0, j
            while k < self.end:
                c = src[k]
                if c == "\\":
                    k += 2
                    continue
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth -= 1
                    if depth == 0:
                        break
                k += 1
            self.cursor = min(k + 1, self.end)
        elif j < self.end and src[j] == "[":
            k = src.find("]", j + 1, self.end)
            self.cursor = k + 1 if k >= 0 else j
        else:
            self.cursor = j


def _blank(source: str, start: int, end: int) -> list[str]:
    return list("\n".join(" " * len(line) for line in source[start:end].split("\n")))


def _mask_urls(chars: list[str]) -> None:
    text = "".join(chars)
    for m in _URL_RE.finditer(text):
        chars[m.start() : m.end()] = [" "] * (m.end() - m.start())


def _inline_segment(
    source: str, line_starts: list[int], tok, kind: str, headings: tuple[str, ...]
) -> Segment:  # type: ignore[no-untyped-def]
    start = line_starts[tok.map[0]]
    end = line_starts[tok.map[1]] if tok.map[1] < len(line_starts) else len(source)
    out = _blank(source, start, end)
    # work in segment-relative coordinates
    al = _Aligner(source, [], start, end)
    al.out = _OffsetList(out, start)  # type: ignore[assignment]
    al.children(tok.children or [])
    _mask_urls(out)
    return Segment("".join(out), start, kind, headings, comments=al.comments)


class _OffsetList:
    """A list view whose indices are file offsets (so the aligner can write in place)."""

    def __init__(self, data: list[str], base: int) -> None:
        self.data = data
        self.base = base

    def __setitem__(self, key: slice, value: list[str]) -> None:
        self.data[key.start - self.base : key.stop - self.base] = value


_DIGIT = re.compile(r"\d")
_PLAIN_DROP = re.compile(r"`+[^`]*`+|<!--.*?-->|<[^>]*>|\]\([^)]*\)|\*\*|__|[*\[\]]")


def _may_hold_figures(tok) -> bool:  # type: ignore[no-untyped-def]
    """Only text with a digit can hold a figure; a comment may hold a marker."""
    for c in tok.children or ():
        if c.type in ("text", "text_special") and (_DIGIT.search(c.content) or "<!--" in c.content):
            return True
        if c.type == "html_inline" or (c.type == "image" and _may_hold_figures(c)):
            return True
    return False


def _plain(raw: str) -> str:
    """Markdown source of a cell without figures, as words (for the row's context)."""
    return re.sub(r"\s+", " ", _PLAIN_DROP.sub(" ", raw)).strip()


def _plain_heading_text(tok) -> str:  # type: ignore[no-untyped-def]
    return "".join(c.content for c in (tok.children or []) if c.type in ("text", "text_special"))


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
    line_starts = _line_starts(source)
    if (backend or default_backend()) == "markdown-it-pyrs":
        from mesacheck import pyrs_tokens

        tokens = pyrs_tokens.tokens(source, line_starts)
    else:
        tokens = _parser().parse(source)
    segments: list[Segment] = []
    comments: list[Comment] = []
    problems: list[tuple[int, str]] = []
    headings: list[tuple[int, str]] = []
    header_cells: list[str] = []
    in_head = False
    row_cells: list[Segment] = []
    cell_index = 0
    row_cursor = row_start = 0

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "front_matter":
            segments.extend(_front_matter(source, line_starts, tok, prose_fields, problems))
        elif t == "heading_open":
            level = int(tok.tag[1])
            inline = tokens[i + 1]
            text = _plain_heading_text(inline).strip()
            headings = [h for h in headings if h[0] < level] + [(level, text)]
            seg = _inline_segment(
                source, line_starts, inline, "heading", tuple(h[1] for h in headings[:-1])
            )
            segments.append(seg)
            comments.extend(seg.comments)
            i += 2
            continue
        elif t == "html_block":
            start = line_starts[tok.map[0]]
            for m in _COMMENT_RE.finditer(tok.content):
                comments.append(Comment(m.group(0), start + m.start(), start + m.end()))
        elif t == "thead_open":
            in_head, header_cells = True, []
        elif t == "thead_close":
            in_head = False
        elif t == "tr_open":
            row_cells, cell_index = [], 0
            row_cursor = row_start = line_starts[tok.map[0]]
        elif t == "tr_close":
            row_text = " | ".join(c.text.strip() for c in row_cells)
            row_text = re.sub(r"\s+", " ", row_text)
            for c in row_cells:
                c.row = row_text
                c.row_key = row_start
            if not in_head:
                segments.extend(c for c in row_cells if c.offset >= 0)
            row_cells = []
        elif t == "inline" and tokens[i - 1].type in ("th_open", "td_open"):
            if _may_hold_figures(tok):
                seg, row_cursor = _cell_segment(source, line_starts, tok, row_cursor)
            else:  # no digit, no comment: its words are context for the row, nothing more
                seg = Segment(_plain(tok.content), -1, "cell")
            seg.headings = tuple(h[1] for h in headings)
            if in_head:
                header_cells.append(re.sub(r"\s+", " ", seg.text).strip())
            else:
                seg.header = header_cells[cell_index] if cell_index < len(header_cells) else ""
            row_cells.append(seg)
            comments.extend(seg.comments)
            cell_index += 1
        elif t == "inline" and tok.map is not None:
            if not _may_hold_figures(tok):
                i += 1
                continue
            seg = _inline_segment(
                source, line_starts, tok, "paragraph", tuple(h[1] for h in headings)
            )
            segments.append(seg)
            comments.extend(seg.comments)
        i += 1
    doc = Document(path, source, segments, comments, line_starts, problems)
    return doc


def _cell_segment(source: str, line_starts: list[int], tok, cursor: int) -> tuple[Segment, int]:  # type: ignore[no-untyped-def]
    line = tok.map[0]
    line_end = line_starts[line + 1] if line + 1 < len(line_starts) else len(source)
    # the cell starts after the next unescaped pipe from the cursor (or at the cursor)
    content = tok.content
    start = source.find(content, cursor, line_end) if content else -1
    if start < 0:
        start = cursor
    end = start + len(content)
    out = _blank(source, start, end)
    al = _Aligner(source, [], start, end)
    al.out = _OffsetList(out, start)  # type: ignore[assignment]
    al.children(tok.children or [])
    _mask_urls(out)
    return Segment("".join(out), start, "cell", comments=al.comments), max(end, cursor)


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
