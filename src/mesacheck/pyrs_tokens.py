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
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any


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
            self.byte_starts = [0]
            for line in lines[:-1]:
                self.byte_starts.append(self.byte_starts[-1] + len(line.encode()) + 1)
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
        start, end = node.srcmap
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


def _inline(nodes: list[Any], out: list[Tok]) -> None:
    for n in nodes:
        name, meta = n.name, n.meta
        if name == "text":
            out.append(Tok("text", content=meta.get("content", "")))
        elif name == "text_special":
            out.append(
                Tok("text_special", content=meta.get("content", ""), markup=meta.get("markup", ""))
            )
        elif name in _EMPHASIS:
            markup = meta.get("marker", "*") * _EMPHASIS[name]
            out.append(Tok(f"{name}_open", markup=markup))
            _inline(n.children, out)
            out.append(Tok(f"{name}_close", markup=markup))
        elif name == "link":
            out.append(Tok("link_open"))
            _inline(n.children, out)
            out.append(Tok("link_close"))
        elif name == "autolink":
            url = "".join(c.meta.get("content", "") for c in n.children)
            out.append(Tok("link_open", markup="autolink", info="auto"))
            out.append(Tok("text", content=url))
            out.append(Tok("link_close", markup="autolink", info="auto"))
        elif name == "image":
            kids: list[Tok] = []
            _inline(n.children, kids)
            out.append(Tok("image", children=kids))
        elif name == "code_inline":
            out.append(
                Tok("code_inline", markup=meta.get("marker", "`") * int(meta.get("marker_len", 1)))
            )
        elif name == "html_inline":
            out.append(Tok("html_inline", content=meta.get("content", "")))
        elif name in ("softbreak", "hardbreak"):
            out.append(Tok(name))


_MAY_HOLD = re.compile(r"[\d<]")  # a digit, or the start of HTML or a comment


def _inline_tok(
    nodes: list[Any], offsets: _Offsets, lines: list[int], span: tuple[int, int] | None = None
) -> Tok:
    """An inline token; given the source `span` of prose that has no digit and no `<`
    (so no figure, no marker), without children: nothing downstream reads them."""
    children: list[Tok] = []
    if span is None or _MAY_HOLD.search(
        offsets.source, offsets.char(span[0]), offsets.char(span[1])
    ):
        _inline(nodes, children)
    return Tok("inline", map=lines, children=children)


def _blocks(nodes: list[Any], offsets: _Offsets, out: list[Tok]) -> None:
    run: list[Any] = []  # inline children directly under a (tight) list item

    def flush() -> None:
        if run:
            first, last = run[0].srcmap, run[-1].srcmap
            lines = [offsets.line(first[0]), offsets.line(max(first[0], last[1] - 1)) + 1]
            out.append(_inline_tok(list(run), offsets, lines, (first[0], last[1])))
            run.clear()

    for n in nodes:
        name = n.name
        if name in _INLINE:
            run.append(n)
            continue
        flush()
        if name == "front_matter":
            lines = offsets.lines_of(n)
            out.append(Tok("front_matter", map=lines, content=n.meta.get("content", "")))
        elif name in ("heading", "lheading"):
            out.append(Tok("heading_open", tag=f"h{n.meta.get('level', 1)}"))
            out.append(_inline_tok(n.children, offsets, offsets.lines_of(n)))
            out.append(Tok("heading_close"))
        elif name == "paragraph":
            out.append(_inline_tok(n.children, offsets, offsets.lines_of(n), n.srcmap))
        elif name == "html_block":
            out.append(
                Tok("html_block", map=offsets.lines_of(n), content=n.meta.get("content", ""))
            )
        elif name == "table":
            _table(n, offsets, out)
        elif name in ("bullet_list", "ordered_list", "list_item", "blockquote"):
            _blocks(n.children, offsets, out)
    flush()


def _table(table: Any, offsets: _Offsets, out: list[Tok]) -> None:
    for part in table.children:
        head = part.name == "thead"
        out.append(Tok("thead_open" if head else "tbody_open"))
        for row in part.children:
            out.append(Tok("tr_open", map=offsets.lines_of(row)))
            for cell in row.children:
                out.append(Tok("th_open" if head else "td_open"))
                start, end = cell.srcmap
                a, b = offsets.char(start), offsets.char(end)
                tok = _inline_tok(cell.children, offsets, offsets.lines_of(cell), (start, end))
                tok.content = offsets.source[a:b]
                out.append(tok)
                out.append(Tok("th_close" if head else "td_close"))
            out.append(Tok("tr_close"))
        out.append(Tok("thead_close" if head else "tbody_close"))


def tokens(source: str, line_starts: list[int]) -> list[Tok]:
    """The token stream of `source`, in the shape segments.parse reads."""
    tree = _parser().tree(source)
    out: list[Tok] = []
    _blocks(tree.children, _Offsets(source, line_starts), out)
    return out
