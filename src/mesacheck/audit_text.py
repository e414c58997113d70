"""The terminal view of `mesacheck audit`: every figure, grouped by the editor's status.

    backed (67)
      line  figure  claim                                          source               quote
      4     30×     deliberative-alignment.covert-action-reduction  Balesni et al. 2025  "We…"

One block per status in `GROUPS` order, figures by place; a figure's line is `path:line`
when several files are audited. Colour only when the stream is a terminal and NO_COLOR is
not set (FORCE_COLOR forces it), as the `text` reporter does. Then the to_review
candidates, the unread numbers and the coverage line.
"""

from __future__ import annotations

from typing import TextIO

from mesacheck.audit_evidence import GROUP_LABEL, GROUPS, AuditFigure, FullAuditReport
from mesacheck.reporters.text import use_colour

_COLOUR = {
    "backed": "32",
    "unsourced": "33",
    "disagrees": "31",
    "inconsistent": "35",
    "stale": "36",
    "to-review": "34",
}
_WIDTH = {"figure": 22, "claim": 48, "source": 26, "quote": 60}


def render(report: FullAuditReport, coverage_line: str, stream: TextIO) -> str:
    """The audit as the terminal shows it (coloured when `stream` is a terminal)."""
    colour = use_colour(stream)
    many = len({f.path for f in report.figures}) > 1

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if colour else text

    out: list[str] = []
    by_group: dict[str, list[AuditFigure]] = {g: [] for g in GROUPS}
    for f in report.figures:
        by_group.setdefault(f.group, []).append(f)
    for group, figs in by_group.items():
        if not figs:
            continue
        label = GROUP_LABEL.get(group, group)
        out.append(paint(f"{label} ({len(figs)})", "1;" + _COLOUR.get(group, "0")))
        rows = [("line", "figure", "claim", "source", "quote")]
        rows += [_row(f, many) for f in figs]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        for k, r in enumerate(rows):
            line = "  " + "  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True))
            line = (line + "  " + r[4]).rstrip()
            out.append(paint(line, "2") if k == 0 else line)
        for f in figs:
            for note in f.findings:
                if note.expected and group in ("disagrees", "inconsistent"):
                    where = f"{f.path}:{f.line}" if many else f"{f.line}"
                    out.append(
                        f"    {where} {cell(f.text)}: expected {cell(note.expected)}"
                        f" ({note.code} {cell(note.message, 90)})"
                    )
        out.append("")
    if report.to_review:
        out.append(
            paint(f"to review: candidates below the threshold ({len(report.to_review)})", "1")
        )
        for r in report.to_review:
            conf = f" confidence {r.confidence:.2f}" if r.confidence is not None else ""
            out.append(f"  {r.path}:{r.line}:{r.column}: {r.code}{conf} {cell(r.message, 100)}")
        out.append("")
    if report.unread:
        out.append(paint(f"unread numbers ({len(report.unread)})", "1"))
        for u in report.unread:
            out.append(f"  {u.path}:{u.line}:{u.column}: {cell(u.text)} ({cell(u.why)})")
        out.append("")
    out.append(coverage_line)
    return "\n".join(out) + "\n"


def _row(f: AuditFigure, many: bool) -> tuple[str, str, str, str, str]:
    where = f"{f.path}:{f.line}" if many else str(f.line)
    source = quote = "-"
    if f.sources:
        s = f.sources[0]
        source = cite(s.authors, s.year, s.title or s.source)
        if s.quote:
            quote = '"' + cell(s.quote, _WIDTH["quote"]) + '"'
        if len(f.sources) > 1:
            source += f" +{len(f.sources) - 1}"
    elif f.evidence and f.evidence.formula:
        source = "formula"
        quote = cell(f.evidence.formula, _WIDTH["quote"])
    return (
        where,
        cell(f.text, _WIDTH["figure"]),
        cell(f.claim or "-", _WIDTH["claim"]),
        cell(source, _WIDTH["source"]),
        quote,
    )


_ORG_WORDS = {
    "team",
    "research",
    "institute",
    "lab",
    "labs",
    "inc",
    "inc.",
    "university",
    "openai",
    "anthropic",
    "deepmind",
    "apollo",
    "organisers",
    "organizers",
    "foundation",
    "center",
    "centre",
    "forum",
    "group",
    "council",
    "office",
    "agency",
}


def _short(author: str) -> str:
    """A person's family name; an organisation's name whole."""
    words = author.split()
    if 2 <= len(words) <= 4 and not _ORG_WORDS & {w.lower().strip("(),") for w in words}:
        return words[-1]
    return author


def cite(authors: list[str], year: int | None, fallback: str) -> str:
    """A short cite: 'Greenblatt et al. 2024', 'Future of Life Institute 2025'."""
    if len(authors) > 2:
        who = f"{_short(authors[0])} et al."
    elif authors:
        who = " & ".join(_short(a) for a in authors)
    else:
        who = fallback
    return f"{who} {year}" if year else who


def cell(text: str, width: int = 0) -> str:
    """One line of text: whitespace runs and control characters as one space; cut to
    `width` code points with an ellipsis when given."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if width and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return flat
