"""An article's Markdown as HTML, with a highlight element at each figure's source span.

How highlights are placed: a figure's position (1-based line and column in code points,
end exclusive) is a file offset. Before markdown-it-py renders the source, a pair of
sentinels (characters of Unicode's private use area, which the source cannot hold: any
it did hold are replaced by U+FFFD first, one code point for one) is written at each
span's start and end. markdown-it passes them through as text, so after rendering they
sit exactly where the figure's characters are, whatever the markup around them. They
then become elements: a `<mark>` that carries `data-figure-id`, closed and reopened as a
continuation (`data-cont`) wherever the figure crosses a tag (`**12**%`), so the HTML
stays well formed. A sentinel that lands inside a tag (an image's alt attribute) is
dropped and its figure is returned as not placed, for the page to list; so every figure
gets an element, exactly one with its `data-figure-id`. This costs one pass over the
output: no search per figure.

Safety: the renderer escapes all text (markdown-it's escapeHtml); raw HTML is shown as
escaped text (a `<script>` in an article reads as text), HTML comments (claim markers)
are dropped, and images are shown as their alt text, never loaded: the page makes no
request. Link targets that markdown-it refuses (javascript:, vbscript:, file:, data:) are
not links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_OPEN, _CLOSE, _STOP = "\ue000", "\ue001", "\ue002"
_BASE = 0xE100  # digits of a span's index: U+E100..U+E1FF, base 256
_PRIVATE = re.compile("[\ue000-\ue1ff]")
_TOKEN = re.compile("(<[^>]*>)|([\ue000\ue001])([\ue100-\ue1ff]+)\ue002")
_ALIGN = re.compile(r' style="text-align:(left|right|center)"')
_TOML_FRONT = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Span:
    """A place to highlight: file offsets [start, end), and the opening tag's attributes
    (escaped here); `key` names it (a figure id) for `Rendered.placed`."""

    start: int
    end: int
    key: str
    attrs: dict[str, str]
    tag: str = "mark"


@dataclass
class Rendered:
    html: str
    placed: set[str]  # keys of the spans that got their element


def offsets(source: str) -> list[int]:
    """The file offset of each line's start."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", source))
    return starts


def offset_of(starts: list[int], line: int, column: int) -> int | None:
    if not 1 <= line <= len(starts) or column < 1:
        return None
    return starts[line - 1] + column - 1


def span_end(source: str, start: int, text: str, fallback: int | None) -> int | None:
    """Where a span that starts at `start` and reads `text` ends: `text` is the source as
    written (newlines included), else the fallback (the end column on the same line)."""
    if source.startswith(text, start):
        return start + len(text)
    return fallback


def render(source: str, spans: Sequence[Span]) -> Rendered:
    """The article as HTML with an element at each span (see the module doc)."""
    clean = _PRIVATE.sub("\ufffd", source)
    inserts: list[tuple[int, int, str]] = []  # (offset, closes first, sentinel)
    for n, s in enumerate(spans):
        start = s.start
        backslashes = 0
        while start - backslashes > 0 and clean[start - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2:  # keep an escape whole: `\$100M`
            start -= 1
        if not 0 <= start < s.end <= len(clean):
            continue
        inserts.append((start, 1, _OPEN + _encode(n) + _STOP))
        inserts.append((s.end, 0, _CLOSE + _encode(n) + _STOP))
    inserts.sort(key=lambda t: (t[0], t[1]))
    parts: list[str] = []
    last = 0
    for off, _kind, mark in inserts:
        parts.append(clean[last:off])
        parts.append(mark)
        last = off
    parts.append(clean[last:])
    marked = "".join(parts)
    front = ""
    m = _TOML_FRONT.match(marked)
    if m:  # TOML front matter: shown as written, like YAML's (markdown-it knows only ---)
        front = _front_matter_html(m.group(1) or "")
        marked = "\n" * m.group(0).count("\n") + marked[m.end() :]
    # table alignment as a class: the page's CSP allows no style attribute
    body = _ALIGN.sub(r' class="al-\1"', _markdown().render(marked))
    return _place(front + body, spans)


def _encode(n: int) -> str:
    digits = []
    while True:
        n, d = divmod(n, 256)
        digits.append(chr(_BASE + d))
        if not n:
            return "".join(reversed(digits))


def _decode(s: str) -> int:
    n = 0
    for c in s:
        n = n * 256 + ord(c) - _BASE
    return n


def _place(text: str, spans: Sequence[Span]) -> Rendered:
    out: list[str] = []
    stack: list[int] = []  # indices of the spans open here, outermost first
    placed: set[str] = set()
    last = 0
    for m in _TOKEN.finditer(text):
        out.append(text[last : m.start()])
        last = m.end()
        if m.group(1) is not None:  # a tag: no sentinel may stay inside it
            tag = m.group(1)
            if _PRIVATE.search(tag):
                tag = re.sub("[\ue000\ue001][\ue100-\ue1ff]+\ue002", "", tag)
            if stack:  # close what is open, and reopen it after the tag
                out.extend(f"</{spans[i].tag}>" for i in reversed(stack))
                out.append(tag)
                out.extend(_opening(spans[i], cont=True) for i in stack)
            else:
                out.append(tag)
            continue
        n = _decode(m.group(3))
        if not 0 <= n < len(spans):
            continue
        if m.group(2) == _OPEN:
            if spans[n].key in placed or n in stack:
                continue
            out.append(_opening(spans[n], cont=False))
            stack.append(n)
            placed.add(spans[n].key)
        elif n in stack:
            k = stack.index(n)
            above = stack[k + 1 :]
            out.extend(f"</{spans[i].tag}>" for i in reversed(stack[k:]))
            del stack[k:]
            for i in above:  # still open: they go on after this one's end
                out.append(_opening(spans[i], cont=True))
                stack.append(i)
    out.append(text[last:])
    out.extend(f"</{spans[i].tag}>" for i in reversed(stack))
    return Rendered("".join(out), placed)


def _opening(s: Span, cont: bool) -> str:
    attrs = dict(s.attrs)
    if cont:  # a continuation: same look, no id, not a second figure
        attrs = {
            k: v
            for k, v in attrs.items()
            if k not in ("id", "data-figure-id", "tabindex", "role", "aria-label")
        }
        attrs["data-cont"] = s.key
    inner = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<{s.tag} {inner}>"


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.add_render_rule("html_block", _html_block)
    md.add_render_rule("html_inline", _html_inline)
    md.add_render_rule("image", _image)
    md.add_render_rule("front_matter", _front_matter)
    return md


_COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)


def _html_block(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    if not _COMMENTS.sub("", content).strip():
        return ""
    return f'<pre class="raw-html">{html.escape(content, quote=False)}</pre>\n'


def _html_inline(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    content = tokens[idx].content
    if not _COMMENTS.sub("", content).strip():
        return ""
    return f'<code class="raw-html">{html.escape(content, quote=False)}</code>'


def _image(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    tok = tokens[idx]
    alt = self.renderInline(tok.children or [], options, env)
    return f'<span class="image" title="image, not loaded">[image: {alt}]</span>'


def _front_matter(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    return _front_matter_html(tokens[idx].content)


def _front_matter_html(content: str) -> str:
    return f'<pre class="front-matter">{html.escape(content, quote=False)}</pre>\n'
