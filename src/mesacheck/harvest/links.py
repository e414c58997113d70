"""Finding links: the URL a draft's notes point the writer to.

The link nearest a figure within its sentence (inline, reference-style, autolink or bare
URL), or in the footnote its sentence cites. Only http(s) links count. The document is
read from disk and parsed with the same segmenter as the check, one file at a time: a
harvest never holds more than the document it is drafting for.
"""

from __future__ import annotations

import re
from pathlib import Path

from mesacheck import segments
from mesacheck.figures import DocFigure, sentence_bounds

# bounded repeats: these run on writers' text, which may be built to make regexes backtrack
_LINK = re.compile(
    r"(?<!!)\[(?:[^\[\]]|\[[^\[\]]{0,200}\]){0,300}\]\(\s*<?(?P<url>[^)\s>]{1,2000})>?[^)]{0,300}\)"
)
_REF_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]]{1,300})\]\[(?P<ref>[^\[\]]{0,100})\]")
_LINK_WINDOW = 2000  # characters either side of the figure
_FOOTNOTE = re.compile(r"\[\^(?P<id>[^\]\s]+)\](?!:)")
_AUTOLINK = re.compile(r"<(?P<url>https?://[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![(<\w])(?P<url>https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:])")


class Links:
    """The link nearest each figure within its sentence (or the sentence's footnote).

    Keeps the last document it read, so the figures of one file share one read and
    parse; asking about another file lets the previous document go.
    """

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields
        self._path: str | None = None
        self._doc: segments.Document | None = None

    def document(self, path: str) -> segments.Document | None:
        """The parsed document at `path`, or None when it cannot be read as UTF-8."""
        if path != self._path:
            self._path, self._doc = path, None
            try:
                raw = Path(path).read_bytes().decode("utf-8-sig")
                text = raw.replace("\r\n", "\n").replace("\r", "\n")
                self._doc = segments.parse(path, text, self.fields)
            except (OSError, UnicodeDecodeError):
                pass
        return self._doc

    def forget(self) -> None:
        """Let the document go (the caller is done with its file)."""
        self._path, self._doc = None, None

    def near(self, fig: DocFigure) -> str | None:
        """The http(s) URL nearest the figure in its sentence or its footnote, if any."""
        doc = self.document(fig.path)
        if doc is None:
            return None
        return link_near(doc, fig)


def link_near(doc: segments.Document, fig: DocFigure) -> str | None:
    """The http(s) URL nearest `fig` in its sentence of `doc`, or in a footnote the
    sentence cites (counted one character farther than the footnote mark)."""
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
    s, e = sentence_bounds(seg.text, rel, rel + len(fig.text))
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
