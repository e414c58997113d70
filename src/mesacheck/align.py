"""Inline tokens → masked prose: the aligner behind `segments`.

The children of one inline token (markdown-it-py's, or pyrs_tokens' in the same shape)
are copied onto a blank copy of the source at the places they came from, so that an
offset into the masked text is an offset into the file; what was copied and which
markup no figure may run across are noted for the figure grammar's view (`view`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.DOTALL)
_URL_RE = re.compile(r"(?=[hfw])\b(?:https?://|ftp://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)


@dataclass(slots=True)
class Comment:
    """An HTML comment in the source, kept for mesacheck's own markers."""

    text: str
    offset: int  # file offset of "<!--"
    end: int


class Aligner:
    """Notes where the prose children of one inline token sit in the source (`kept`, in
    source order and disjoint), which markup no figure can run across (`opaque`: code
    spans, inline HTML and comments, autolinks, link destinations), and the comments left
    in kept text (`holes`, blanked in the masked text: `masked`)."""

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source = source
        self.start = start
        self.cursor = start
        self.end = end
        self.comments: list[Comment] = []
        self.kept: list[tuple[int, int]] = []
        self.opaque: list[tuple[int, int]] = []
        self.holes: list[tuple[int, int]] = []

    def find(self, needle: str) -> int:
        if not needle:
            return -1
        return self.source.find(needle, self.cursor, self.end)

    def keep(self, needle: str) -> None:
        i = self.find(needle)
        if i < 0:
            return
        self.kept.append((i, i + len(needle)))
        self.cursor = i + len(needle)
        if "<!--" in needle:
            self._comments_in(needle, i)

    def _comments_in(self, needle: str, i: int) -> None:
        """The comments in kept text at `i`, which the parser left as text (older
        CommonMark: no "--" inside a comment, but `<!-- mesacheck: ignore MC001 -- reason
        -->` has one)."""
        for m in _COMMENT_RE.finditer(needle):
            self.comments.append(Comment(m.group(0), i + m.start(), i + m.end()))
            self.holes.append((i + m.start(), i + m.end()))
            self.opaque.append((i + m.start(), i + m.end()))

    def skip(self, needle: str) -> None:
        i = self.find(needle)
        if i >= 0:
            self.cursor = i + len(needle)

    def children(self, children: list) -> None:  # type: ignore[type-arg]
        # iterative: an image's alt text is its own children, and images nest; one level
        # per open image (and the inline token's own children at the bottom)
        levels = [iter(children)]
        source, end, kept = self.source, self.end, self.kept
        while levels:
            for tok in levels[-1]:
                t = tok.type
                if t == "text":  # the commonest child, so `keep` written out here
                    needle = tok.content
                    i = source.find(needle, self.cursor, end) if needle else -1
                    if i >= 0:
                        self.cursor = i + len(needle)
                        kept.append((i, self.cursor))
                        if "<!--" in needle:
                            self._comments_in(needle, i)
                elif t == "softbreak" or t == "hardbreak":
                    continue
                elif t == "text_special":
                    # an escape ("\\$") or an entity ("&amp;"): keep it as written
                    self.keep(tok.markup or tok.content)
                elif t == "code_inline":
                    i = self.find(tok.markup)
                    self.skip(tok.markup)
                    self.skip(tok.markup)
                    if i >= 0:
                        self.opaque.append((i, self.cursor))
                elif t == "html_inline":
                    i = self.find(tok.content)
                    if i >= 0:
                        if tok.content.startswith("<!--"):
                            self.comments.append(Comment(tok.content, i, i + len(tok.content)))
                        self.cursor = i + len(tok.content)
                        self.opaque.append((i, self.cursor))
                elif t == "link_open":
                    if tok.markup == "autolink" or tok.info == "auto":
                        before = self.cursor
                        self.skip(">")  # past the whole <url>: its text is no prose
                        self.opaque.append((before, self.cursor))
                    else:
                        self.skip("[")
                elif t == "link_close":
                    if tok.markup == "autolink" or tok.info == "auto":
                        self.skip(">")
                    else:
                        self._destination()
                elif t == "image":
                    self.skip("![")
                    levels.append(iter(tok.children or ()))
                    break
                elif tok.markup:
                    self.skip(tok.markup)  # emphasis, strikethrough
            else:  # this level is read to its end
                levels.pop()
                if levels:  # an image's alt text: its destination follows
                    self._destination()

    def masked(self, blanked: str) -> str:
        """source[start:end] with the kept pieces as written and the rest as in `blanked`
        (the source blanked: `blanked`), the comments in kept text blanked too."""
        source, pos = self.source, self.start
        parts: list[str] = []
        for a, b in self.kept:
            parts += (blanked[pos:a], source[a:b])
            pos = b
        parts.append(blanked[pos : self.end])
        text = "".join(parts)
        for a, b in self.holes:
            a, b = a - self.start, b - self.start
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def texts(self, blanked: str) -> tuple[str, str, tuple[tuple[int, ...], tuple[int, ...]]]:
        """The masked text (`masked`, with its URLs blanked: `mask_urls`) and its `view`
        (the view and where its pieces start), made in one pass over the kept pieces when
        no markup is opaque (most segments)."""
        source, start = self.source, self.start
        if self.opaque:
            masked = mask_urls(self.masked(blanked), start, self.opaque)
            return masked, *view(source, start, masked, self.kept, self.opaque)
        mparts: list[str] = []
        vparts: list[str] = []
        vstarts: list[int] = []
        fstarts: list[int] = []
        pos = start
        size = 0
        for a, b in self.kept:
            if a > pos:
                gap = _seen(source[pos:a])
                vparts.append(gap)
                size += len(gap)
            piece = source[a:b]
            mparts += (blanked[pos:a], piece)
            vparts.append(piece)
            vstarts.append(size)
            fstarts.append(a)
            size += b - a
            pos = b
        mparts.append(blanked[pos : self.end])
        masked = mask_urls("".join(mparts), start, self.opaque)
        if self.opaque:  # URLs: the view leaves them out
            return masked, *view(source, start, masked, self.kept, self.opaque)
        return masked, "".join(vparts), (tuple(vstarts), tuple(fstarts))

    def _destination(self) -> None:
        """Past a link's or an image's `](dest)`, which no figure runs across (a figure
        could not be read as it is written: `[20](https://x.org) percent`)."""
        before = self.cursor
        self._skip_destination()
        if self.cursor > before:
            self.opaque.append((before, self.cursor))

    def _skip_destination(self) -> None:
        """After link text: skip `](dest "title")`, `][ref]` or `]`."""
        i = self.find("]")
        if i < 0:
            return
        j = i + 1
        src = self.source
        if j < self.end and src[j] == "(":
            # the first `)` closes it unless a `(` or an escape comes before
            close = src.find(")", j + 1, self.end)
            k = close if close >= 0 else self.end
            if src.find("(", j + 1, k) >= 0 or src.find("\\", j + 1, k) >= 0:
                k = self._closing_parenthesis(j)
            self.cursor = min(k + 1, self.end)
        elif j < self.end and src[j] == "[":
            k = src.find("]", j + 1, self.end)
            self.cursor = k + 1 if k >= 0 else j
        else:
            self.cursor = j

    def _closing_parenthesis(self, j: int) -> int:
        """The `)` that closes the `(` at `j`, past nested pairs and escapes (or the end)."""
        src, depth, k = self.source, 0, j
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
        return k


def blank(source: str, start: int, end: int) -> list[str]:
    return list(blanked(source[start:end]))


def blanked(text: str) -> str:
    """`text` as spaces, its newlines kept."""
    return "\n".join(map(" ".__mul__, map(len, text.split("\n"))))


def mask_urls(text: str, base: int, opaque: list[tuple[int, int]]) -> str:
    """`text` (at file offset `base`) with its bare URLs blanked, each noted as opaque."""
    # every URL holds "://" or "www." (in any case): looked for first, at memory speed
    if "://" not in text and "w." not in text and "W." not in text:
        return text
    parts: list[str] = []
    pos = 0
    for m in _URL_RE.finditer(text):
        a, b = m.span()
        parts += (text[pos:a], " " * (b - a))
        opaque.append((base + a, base + b))
        pos = b
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


_NOT_SPACE = re.compile(r"\S")


def _seen(gap: str) -> str:
    """What the view keeps of the source between two kept pieces (no opaque markup in it):
    its whitespace, a line break and the indentation after it as one line break."""
    if gap == "\n":  # a line break alone (the commonest) stays as it is
        return gap
    if gap.split() == [gap]:  # markup alone (`**`, `[`): left out
        return ""
    gap = _NOT_SPACE.sub("", gap)
    if len(gap) > 1 and "\n" in gap:
        return "\n"  # a line break and the indentation of a list or quote
    return gap


def _cut(kept: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The kept pieces (in source order, disjoint) less the sorted opaque `spans`."""
    visible: list[tuple[int, int]] = []
    j = 0
    for a, b in kept:
        while j < len(spans) and spans[j][1] <= a:
            j += 1
        k = j
        while a < b and k < len(spans) and spans[k][0] < b:
            x, y = spans[k]
            if x > a:
                visible.append((a, x))
            a = max(a, y)
            k += 1
        if a < b:
            visible.append((a, b))
    return visible


def view(
    source: str, base: int, text: str, kept: list[tuple[int, int]], opaque: list[tuple[int, int]]
) -> tuple[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """The prose of a segment as a reader sees it, for the figure grammar.

    The kept text with the markup between its pieces left out (`**90**%` reads "90%")
    except for its whitespace (a line break stays a line break), and a NUL where a code
    span, inline HTML, an autolink, a link's destination, a URL or a comment was: no
    figure runs across those (`1<n>February 2025` holds the date "February 2025").
    Returns the view and, for each piece of it copied from the file, where it starts in
    the view and in the file.
    """
    spans = sorted(opaque)
    visible = _cut(kept, spans) if spans else kept
    parts: list[str] = []
    vstarts: list[int] = []
    fstarts: list[int] = []
    size, prev, j, n = 0, base, 0, len(spans)
    for a, b in visible:
        if a > prev:
            while j < n and spans[j][1] <= prev:
                j += 1
            gap = "\x00" if j < n and spans[j][0] < a else _seen(source[prev:a])
            parts.append(gap)
            size += len(gap)
        vstarts.append(size)
        fstarts.append(a)
        parts.append(text[a - base : b - base])
        size += b - a
        prev = b
    return "".join(parts), (tuple(vstarts), tuple(fstarts))
