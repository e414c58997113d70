"""markdown-it-pyrs (markdown-it in Rust) as a flat token stream like markdown-it-py's.

The Rust parser gives a tree whose nodes carry UTF-8 *byte* ranges (and a few wrong
ends for text before hard breaks), so this adapter uses it for structure only: it emits
the tokens `segments.parse` already understands (`heading_open`, `inline` with
children, `tr_open`, `th_open`, `html_block`, `front_matter`, …) with line maps, and
the inline children are aligned onto the source by content, exactly as for
markdown-it-py. Only what mesacheck reads is filled in.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any

from mesacheck import grammar


@dataclass(slots=True)
class Tok:
    type: str
    map: list[int] | None = None
    content: str = ""
    markup: str = ""
    info: str = ""
    tag: str = ""
    children: list[Tok] | None = field(default=None)


@lru_cache(maxsize=1)
def _parser() -> Any:
    import markdown_it_pyrs

    md = markdown_it_pyrs.MarkdownIt("commonmark")
    md.enable_many(["table", "front_matter", "strikethrough"])
    return md


class _Offsets:
    """UTF-8 byte offsets → character offsets and line numbers."""

    def __init__(self, source: str, line_starts: list[int]) -> None:
        self.source = source
        self.line_starts = line_starts
        self.ascii = source.isascii()
        self.byte_starts = line_starts
        if not self.ascii:
            lines = source.split("\n")
            # each line's length in UTF-8 and its newline, summed from 0
            sizes = map((1).__add__, map(len, map(str.encode, lines[:-1])))
            self.byte_starts = list(accumulate(sizes, initial=0))
            self.lines = lines
            self.encoded: dict[int, bytes | None] = {}  # None: an ASCII line

    def char(self, b: int) -> int:
        if self.ascii:
            return b
        i = bisect.bisect_right(self.byte_starts, b) - 1
        if i not in self.encoded:
            line = self.lines[i]
            self.encoded[i] = None if line.isascii() else line.encode()
        enc = self.encoded[i]
        if enc is None:
            return self.line_starts[i] + b - self.byte_starts[i]
        return self.line_starts[i] + len(enc[: b - self.byte_starts[i]].decode("utf-8", "ignore"))

    def line(self, b: int) -> int:
        """The line of byte offset `b` (lines start at the same place in bytes and chars)."""
        return bisect.bisect_right(self.byte_starts, b) - 1

    def lines_of(self, node: Any) -> list[int]:
        return self.map_of(node.srcmap)

    def map_of(self, span: tuple[int, int]) -> list[int]:
        """The lines a node's source `span` (UTF-8 bytes) runs over, as a token's `map`."""
        start, end = span
        return [self.line(start), self.line(max(start, end - 1)) + 1]


_EMPHASIS = {"em": 1, "strong": 2, "strikethrough": 2}
_INLINE = frozenset(
    {
        "text",
        "text_special",
        "em",
        "strong",
        "strikethrough",
        "link",
        "image",
        "autolink",
        "code_inline",
        "html_inline",
        "softbreak",
        "hardbreak",
    }
)


# tokens that carry nothing of their own, made once and shared: nothing writes to a token
# (but `_table`, to the inline token it has just made)
_SHARED: dict[tuple[str, str], Tok] = {}


def _shared(type_: str, markup: str = "") -> Tok:
    tok = _SHARED.get((type_, markup))
    if tok is None:
        tok = _SHARED[type_, markup] = Tok(type_, markup=markup)
    return tok


_LINK_OPEN, _LINK_CLOSE = Tok("link_open"), Tok("link_close")
_BREAK = {"softbreak": Tok("softbreak"), "hardbreak": Tok("hardbreak")}


def _inline(nodes: list[Any], out: list[Tok]) -> None:
    """Inline nodes as markdown-it-py's flat children; iterative, so no nesting is too deep
    for it (segments.parse bounds what reaches the Rust parser). A node's fields are read
    only where they are used: each read builds Python objects in the Rust binding."""
    # one level per open container: its nodes still to read, the token that closes it (or
    # None), and where its tokens go (an image's alt text: the image's own children)
    levels: list[tuple[Iterator[Any], Tok | None, list[Tok]]] = [(iter(nodes), None, out)]
    while levels:
        nodes_left, close, dest = levels[-1]
        for n in nodes_left:
            name = n.name
            if name == "text":
                dest.append(Tok("text", None, n.meta.get("content", "")))
            elif name == "softbreak" or name == "hardbreak":
                dest.append(_BREAK[name])
            elif name == "link":
                dest.append(_LINK_OPEN)
                levels.append((iter(n.children), _LINK_CLOSE, dest))
                break
            elif name in _EMPHASIS:
                markup = n.meta.get("marker", "*") * _EMPHASIS[name]
                dest.append(_shared(f"{name}_open", markup))
                levels.append((iter(n.children), _shared(f"{name}_close", markup), dest))
                break
            elif name == "text_special":
                meta = n.meta
                dest.append(
                    Tok(
                        "text_special",
                        content=meta.get("content", ""),
                        markup=meta.get("markup", ""),
                    )
                )
            elif name == "autolink":
                url = "".join(c.meta.get("content", "") for c in n.children)
                dest.append(Tok("link_open", markup="autolink", info="auto"))
                dest.append(Tok("text", content=url))
                dest.append(Tok("link_close", markup="autolink", info="auto"))
            elif name == "image":
                kids: list[Tok] = []
                dest.append(Tok("image", children=kids))
                levels.append((iter(n.children), None, kids))
                break
            elif name == "code_inline":
                meta = n.meta
                marker = meta.get("marker", "`") * int(meta.get("marker_len", 1))
                dest.append(Tok("code_inline", markup=marker))
            elif name == "html_inline":
                dest.append(Tok("html_inline", content=n.meta.get("content", "")))
        else:  # this level is read to its end
            levels.pop()
            if close is not None:
                dest.append(close)


# a digit, a number word ("nine principles"), or the start of HTML or a comment; a digit
# or "<" is looked for first, in one character-class scan (the number words' pattern is
# tried at every word, and most prose that holds a figure has a digit)
_MAY_HOLD = re.compile(r"<|" + grammar.MAY_HOLD.pattern, re.IGNORECASE)
_DIGIT_OR_TAG = re.compile(r"[\d<]")


def _may_hold(source: str, start: int, end: int) -> bool:
    return bool(_DIGIT_OR_TAG.search(source, start, end) or _MAY_HOLD.search(source, start, end))


@lru_cache(maxsize=4096)  # table cells repeat ("Yes", a model's name, a metric)
def _cell_may_hold(text: str) -> bool:
    """`_may_hold` of a cell's text, read as it would be in the source after a character
    that is not a word character (where the number words' `\\b` reads the same)."""
    return _may_hold(text, 0, len(text))


def _inline_tok(node: Any, offsets: _Offsets, lines: list[int], span: tuple[int, int]) -> Tok:
    """An inline token of the children of `node`, or without children when its source `span`
    (UTF-8 bytes) holds no digit, number word or `<` (so no figure, no marker): nothing
    downstream reads them then."""
    children: list[Tok] = []
    if _may_hold(offsets.source, offsets.char(span[0]), offsets.char(span[1])):
        _inline(node.children, children)
    return Tok("inline", lines, children=children)


def _heading_tok(node: Any, offsets: _Offsets) -> Tok:
    children: list[Tok] = []
    _inline(node.children, children)
    return Tok("inline", offsets.lines_of(node), children=children)


@cache
def _heading_open(level: int) -> Tok:
    return Tok("heading_open", tag=f"h{level}")


_HEADING_CLOSE = Tok("heading_close")


def _blocks(nodes: list[Any], offsets: _Offsets) -> Iterator[Tok]:
    """Block nodes as markdown-it-py's token stream, token by token (each is dropped once
    read, so few are alive at a time); iterative (containers nest freely)."""
    # one (children, run) level per open container; `run` gathers the inline children
    # directly under a (tight) list item, emitted as one inline token
    levels: list[tuple[Any, list[Any]]] = [(iter(nodes), [])]

    def flush(run: list[Any]) -> Iterator[Tok]:
        if run:
            first, last = run[0].srcmap, run[-1].srcmap
            lines = [offsets.line(first[0]), offsets.line(max(first[0], last[1] - 1)) + 1]
            yield _inline_tok(_Run(list(run)), offsets, lines, (first[0], last[1]))
            run.clear()

    while levels:
        children, run = levels[-1]
        n = next(children, None)
        if n is None:
            yield from flush(run)
            levels.pop()
            continue
        name = n.name
        if name in _INLINE:
            run.append(n)
            continue
        yield from flush(run)
        if name == "paragraph":
            span = n.srcmap
            yield _inline_tok(n, offsets, offsets.map_of(span), span)
        elif name == "table":
            yield from _table(n, offsets)
        elif name in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            levels.append((iter(n.children), []))
        elif name in ("heading", "lheading"):
            yield _heading_open(n.meta.get("level", 1))
            yield _heading_tok(n, offsets)
            yield _HEADING_CLOSE
        elif name == "front_matter":
            lines = offsets.lines_of(n)
            last = offsets.line_starts[lines[1] - 1]
            fence = offsets.source[
                last : offsets.source.find("\n", last) % (len(offsets.source) + 1)
            ]
            if fence.rstrip() not in ("---", "..."):
                # the Rust parser closes front matter at `---u`; markdown-it-py (and YAML)
                # only at a line that is the fence alone
                raise Disagrees("front matter closed by a line that is more than `---`")
            yield Tok("front_matter", map=lines, content=n.meta.get("content", ""))
        elif name == "html_block":
            yield Tok("html_block", map=offsets.lines_of(n), content=n.meta.get("content", ""))


@dataclass(slots=True)
class _Run:
    """Inline nodes directly under a (tight) list item, as one node's children."""

    children: list[Any]


def _table(table: Any, offsets: _Offsets) -> Iterator[Tok]:
    first = offsets.lines_of(table)[0]
    stop = offsets.line_starts[first + 1] if first + 1 < len(offsets.line_starts) else None
    source = offsets.source
    if "|" not in source[offsets.line_starts[first] : stop]:
        # markdown-it-py (as markdown-it) needs a pipe in the header row: `3%` over `|-`
        # is a paragraph to it and a table (with `3%` as its header) to the Rust parser
        raise Disagrees("a table whose header row has no pipe")
    char, byte_starts, n = offsets.char, offsets.byte_starts, len(source)
    after = bisect.bisect_right  # the index of the line after a byte offset's line
    for part in table.children:
        head = part.name == "thead"
        cell_open = _shared("th_open" if head else "td_open")
        cell_close = _shared("th_close" if head else "td_close")
        yield _shared("thead_open" if head else "tbody_open")
        for row in part.children:
            yield Tok("tr_open", offsets.lines_of(row))
            for cell in row.children:
                yield cell_open
                start, end = cell.srcmap
                a, b = char(start), char(end)
                text = source[a:b]
                before = source[a - 1 : a]  # "" at the start
                if a > n or b > n or before.isalnum() or before == "_":
                    # `\b` would read the character before, or the span is not in the text
                    may_hold = _may_hold(source, a, b)
                else:
                    may_hold = _cell_may_hold(text)
                children: list[Tok] = []
                if may_hold:
                    _inline(cell.children, children)
                # its lines, as `map_of` gives them
                lines = [after(byte_starts, start) - 1, after(byte_starts, max(start, end - 1))]
                yield Tok("inline", lines, text, children=children)
                yield cell_close
            yield _shared("tr_close")
        yield _shared("thead_close" if head else "tbody_close")


class ParserFailed(Exception):
    """markdown-it-pyrs could not parse a text (a panic in the Rust code, or an error):
    the caller parses it with markdown-it-py instead."""


class Disagrees(ParserFailed):
    """The text holds a construct markdown-it-pyrs reads unlike markdown-it-py: the caller
    parses it with markdown-it-py, whose reading is the reference."""


# CommonMark 0.31 HTML that markdown-it-pyrs 0.4 reads as text: the empty comments
# `<!-->` and `<!--->`, and a declaration with a lower-case letter (`<!doctype`)
_OLD_HTML = re.compile(r"<!---?>|<![a-z]")
# `|20-70%` over `--`: a one-column table to markdown-it-py (as GFM says), a setext heading
# to the Rust parser. The lines of dashes are looked for first: a pattern that starts with
# a newline is tried only at newlines, where one that starts at a line's start is tried
# at every character.
_DASHES_LINE = re.compile(r"(?m)\n {0,3}:?-+:?[ \t]*$")
_PIPE_FIRST = re.compile(r" {0,3}\|")


def _pipe_over_dashes(source: str) -> bool:
    """Whether a line that starts with `|` (after up to three spaces) stands over a line
    of dashes alone (up to three spaces, `:?-+:?`, then spaces or tabs)."""
    for m in _DASHES_LINE.finditer(source):
        if _PIPE_FIRST.match(source, source.rfind("\n", 0, m.start()) + 1):
            return True
    return False


def _delimiter_by_non_ascii(source: str) -> bool:
    """Whether a `*`, `_` or `~` touches a non-ASCII character: `str.find` runs at memory
    speed, where a regular expression (or a set of the text) costs time at every character."""
    last = len(source) - 1
    for d in "*_~":
        i = source.find(d)
        while i >= 0:
            if (i and source[i - 1] > "\x7f") or (i < last and source[i + 1] > "\x7f"):
                return True
            i = source.find(d, i + 1)
    return False


def _symbols_by_delimiters(source: str) -> bool:
    """Whether an emphasis delimiter (`*`, `_`, `~`) touches a non-ASCII symbol (`€`, `£`,
    `×`, `→`: Unicode categories S*). CommonMark 0.31 counts symbols as punctuation when
    it decides whether a delimiter opens or closes emphasis, and markdown-it-py follows
    it; markdown-it-pyrs 0.4 does not, so `__8%__£` is bold to one and text to the other."""
    if not _delimiter_by_non_ascii(source):  # cheap, and most text has no such pair
        return False
    symbols = [c for c in set(source) if c > "\x7f" and unicodedata.category(c)[0] == "S"]
    if not symbols:
        return False
    cls = re.escape("".join(symbols))
    return re.search(f"[*_~][{cls}]|[{cls}][*_~]", source) is not None


@contextlib.contextmanager
def _panic_message_hidden() -> Iterator[None]:
    """Standard error (fd 2) to /dev/null while the Rust parser runs: on a panic, Rust's
    hook writes its message (with a backtrace where RUST_BACKTRACE is set) straight to fd
    2, past Python. The panic still surfaces as an exception, and the file is then read
    with markdown-it-py and says so in one line (`Document.notes`)."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr to save: nothing to hide either
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _is_panic(e: BaseException) -> bool:
    """A Rust panic surfacing through pyo3: `pyo3_runtime.PanicException`, which derives
    from BaseException (not Exception), so `except Exception` lets it through."""
    kind = type(e)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def tokens(source: str, line_starts: list[int]) -> Iterator[Tok]:
    """The token stream of `source`, in the shape segments.parse reads, made as it is read.

    Raises ParserFailed, and nothing else, when the Rust parser fails on the text
    (markdown-it-pyrs 0.4 panics on `[` then a backtick: "index out of bounds"), here or
    while the stream is read: the reader then drops what it read. KeyboardInterrupt,
    SystemExit and the like pass through untouched.
    """
    if _symbols_by_delimiters(source):
        raise Disagrees("an emphasis delimiter next to a symbol such as € or ×")
    if "<!" in source and _OLD_HTML.search(source):
        raise Disagrees("`<!-->`, `<!--->` or `<!x`")
    if "|" in source and _pipe_over_dashes(source):
        raise Disagrees("a line that starts with `|` over a line of dashes alone")
    with _failures_as_parser_failed(), _panic_message_hidden():
        tree = _parser().tree(source)
    return _stream(tree, source, line_starts)


def _stream(tree: Any, source: str, line_starts: list[int]) -> Iterator[Tok]:
    with _failures_as_parser_failed():
        yield from _blocks(tree.children, _Offsets(source, line_starts))


@contextlib.contextmanager
def _failures_as_parser_failed() -> Iterator[None]:
    """An error or a Rust panic inside as ParserFailed; anything else passes through."""
    try:
        yield
    except ParserFailed:
        raise
    except Exception as e:
        raise ParserFailed(f"{type(e).__name__}: {e}") from e
    except BaseException as e:
        if not _is_panic(e):
            raise
        raise ParserFailed(f"a panic in markdown-it-pyrs ({e})") from None
