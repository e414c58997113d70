"""TOML (`+++`) front matter: found before any Markdown parser sees the file.

Neither markdown-it-py's front-matter plugin nor markdown-it-pyrs knows `+++` fences
(Zola's, Hugo's): both read the block as a paragraph, so `path = "2014/12/12/…"` and
`date = 2014-12-12` were prose. `find` locates the block; `segments.parse` blanks it
(newlines kept, so offsets hold) before parsing and takes from it only the prose fields
that `prose_fields` yields: a top-level key whose value is a string, as a segment over
the string's content, never its key, its quotes or any other field.

A segment is a masked copy of the file like any other. TOML escapes are blanked
(`\\"`, `\\n`, `\\t`, a line-ending backslash…), so a figure's span is exact; a `\\u`/`\\U`
escape is also a NUL in the view the grammar reads, so no figure runs across a character
the reader sees but the file spells otherwise. The decoded string is checked against
`tomllib`: a field this scanner reads differently is skipped, and a block that is not
valid TOML is a problem (file and line), with no prose taken from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["Field", "find", "prose_fields"]

_OPEN = re.compile(r"\+\+\+[ \t]*\r?\n")
_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.M)
_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"\\\n]*\"|'[^'\n]*')"
_KEY = re.compile(rf"[ \t]*(?P<key>{_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*=[ \t]*")
_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:[btnfr\"\\]|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[ \t]*\r?\n[ \t\r\n]*)")


@dataclass(slots=True)
class Field:
    """A prose field: the string's content at file offsets [start, end), masked."""

    key: str
    start: int
    text: str  # the content with quotes' escapes blanked: len(text) == end - start
    view: str  # `text` with a NUL over each \\u escape ("" when there is none)


def find(source: str) -> tuple[int, int, int, int] | None:
    """(block start, block end, body start, body end) of a `+++` block opening the file."""
    m = _OPEN.match(source)
    if not m:
        return None
    c = _CLOSE.search(source, m.end())
    if not c:
        return None
    return 0, c.end(), m.end(), c.start()


def prose_fields(
    source: str, body: tuple[int, int], wanted: tuple[str, ...], problems: list[tuple[int, str]]
) -> Iterator[Field]:
    """The top-level string fields named in `wanted`, checked against `tomllib`."""
    import tomllib

    b0, b1 = body
    try:
        data = tomllib.loads(source[b0:b1])
    except tomllib.TOMLDecodeError as e:
        problems.append((1, f"TOML front matter does not parse ({e}): no prose read from it"))
        return
    for key, start, end, basic in _strings(source, b0, b1, set(wanted)):
        raw = source[start:end]
        if data.get(key) != _decode(raw, basic):
            continue  # read otherwise than TOML reads it: no span would be right
        text, view = _masked(raw, basic)
        yield Field(key, start, text, view)


def _strings(
    source: str, pos: int, end: int, wanted: set[str]
) -> Iterator[tuple[str, int, int, bool]]:
    """(key, content start, content end, is basic) of each wanted top-level string."""
    while pos < end:
        eol = source.find("\n", pos, end)
        eol = end if eol < 0 else eol
        line = source[pos:eol].strip()
        if not line or line.startswith("#"):
            pos = eol + 1
            continue
        if line.startswith("["):
            return  # a table: no key after it is top-level
        m = _KEY.match(source, pos, end)
        if not m:
            return  # not TOML as this scanner knows it: read nothing more
        key = m.group("key")
        value = m.end()
        for quote in ('"""', "'''", '"', "'"):
            if source.startswith(quote, value):
                start = value + len(quote)
                if len(quote) == 3 and source.startswith("\n", start):
                    start += 1  # a newline right after the opening quotes is not content
                stop = _close(source, start, end, quote)
                if stop < 0:
                    return
                if key in wanted:
                    yield key, start, stop, quote[0] == '"'
                pos = stop + len(quote)
                break
        else:
            pos = _skip(source, value, end)
        eol = source.find("\n", pos, end)
        pos = end if eol < 0 else eol + 1


def _close(source: str, i: int, end: int, quote: str) -> int:
    """Where the string opened by `quote` whose content starts at `i` ends, or -1."""
    basic = quote[0] == '"'
    while i < end:
        ch = source[i]
        if basic and ch == "\\":
            i += 2
            continue
        if len(quote) == 1 and ch == "\n":
            return -1
        if source.startswith(quote, i):
            if len(quote) == 3:  # up to two quotes may end the content: `""""` is `"` + close
                while source.startswith(quote[0], i + 3) and i + 3 < end:
                    i += 1
            return i
        i += 1
    return -1


def _skip(source: str, i: int, end: int) -> int:
    """Past a value that is not a string: arrays and inline tables may span lines."""
    depth = 0
    while i < end:
        ch = source[i]
        if ch in "\"'":
            quote = ch * 3 if source.startswith(ch * 3, i) else ch
            stop = _close(source, i + len(quote), end, quote)
            if stop < 0:
                return end
            i = stop + len(quote)
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "#":
            eol = source.find("\n", i, end)
            i = end if eol < 0 else eol
            continue
        elif ch == "\n" and depth <= 0:
            return i
        i += 1
    return end


def _decode(raw: str, basic: bool) -> str:
    if not basic:
        return raw

    def one(m: re.Match[str]) -> str:
        s = m.group(0)
        if s[1] in "uU":
            return chr(int(s[2:], 16))
        return _SIMPLE.get(s[1], "")  # a line-ending backslash: the whitespace goes

    return _ESCAPE.sub(one, raw)


def _masked(raw: str, basic: bool) -> tuple[str, str]:
    """The content with each escape blanked (newlines kept), and the view if needed."""
    if not basic or "\\" not in raw:
        return raw, ""
    chars = list(raw)
    unicode: list[tuple[int, int]] = []
    for m in _ESCAPE.finditer(raw):
        for k in range(m.start(), m.end()):
            if chars[k] != "\n":
                chars[k] = " "
        if raw[m.start() + 1] in "uU":
            unicode.append((m.start(), m.end()))
    text = "".join(chars)
    if not unicode:
        return text, ""
    vchars = list(text)
    for a, b in unicode:
        vchars[a:b] = ["\x00"] * (b - a)
    return text, "".join(vchars)
