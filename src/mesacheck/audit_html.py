"""The HTML audit page of one article: the article with each figure highlighted by status,
a summary bar (counts, coverage with unread numbers, filters by status) and each figure's
evidence, shown for the figure under the pointer or the keyboard focus.

One self-contained file: the CSS and script (`assets/`) are inline, and a
Content-Security-Policy meta element (`default-src 'none'`, the script and style allowed
by their sha256 only) forbids any request and any other script, so even text that
escaped escaping could not run. Every string of the article and the registry goes
through `html.escape` (the article through markdown-it's renderer, see
`audit_markdown`). Each highlight is a `<mark>` with `id`, `data-figure-id`,
`data-status` (one of `audit_evidence.GROUPS`), `tabindex="0"` and a label naming the
status in words; its evidence is the `<section id="ev-ID">` of the side panel, all of
them in the page (printing shows them all; without script they are a list).
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib import resources

from mesacheck.audit import UnreadModel
from mesacheck.audit_evidence import (
    GROUP_LABEL,
    GROUPS,
    AuditFigure,
    ClaimEvidence,
    FullAuditReport,
    ReviewItem,
    SourceEvidence,
)
from mesacheck.audit_markdown import Span, offset_of, offsets, render, span_end
from mesacheck.audit_text import cite

_SAME = 8  # links to other quotes of the same claim, per figure (a page stays linear)
Href = Callable[[str], str]  # a figure id → the link to it ("#f3", "other.html#f3")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


@cache
def asset(name: str) -> str:
    return resources.files("mesacheck").joinpath("assets", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def document(title: str, body: str, script: bool = True) -> str:
    """A whole page: `body` (already escaped HTML) with the inline CSS, script and CSP."""
    css = asset("audit.css")
    js = asset("audit.js") if script else ""
    policy = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src 'sha256-{_sha256(css)}'"
        + (f"; script-src 'sha256-{_sha256(js)}'" if script else "")
    )
    tail = f"<script>{js}</script>\n" if script else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}\n{tail}</body>\n</html>\n"
    )


def article_page(
    path: str,
    source: str,
    report: FullAuditReport,
    figures: list[AuditFigure],
    unread: list[UnreadModel],
    reviews: list[ReviewItem],
    href: Href = lambda i: f"#{i}",
    back: str | None = None,
) -> str:
    """The audit page of the article at `path` (its text `source`)."""
    starts = offsets(source)
    spans: list[Span] = []
    for f in figures:
        start = offset_of(starts, f.line, f.column)
        if start is None:
            continue
        end = span_end(source, start, f.text, offset_of(starts, f.line, f.end_column))
        if end is None:
            continue
        label = GROUP_LABEL.get(f.group, f.group)
        spans.append(
            Span(
                start,
                end,
                f.id,
                {
                    "id": f.id,
                    "class": f"fig s-{f.group}",
                    "data-figure-id": f.id,
                    "data-status": f.group,
                    "data-kind": f.kind,
                    "tabindex": "0",
                    "title": f"{label}: {f.claim or 'no claim'}",
                    "aria-label": f"{f.text} ({label})",
                },
            )
        )
    for n, u in enumerate(unread):
        start = offset_of(starts, u.line, u.column)
        if start is None:
            continue
        end = span_end(source, start, u.text, None)
        if end is not None:
            spans.append(
                Span(start, end, f"u{n}", {"class": "unread", "title": f"unread number: {u.why}"})
            )
    rendered = render(source, spans)
    lost = [f for f in figures if f.id not in rendered.placed]
    by_id = {f.id: f for f in report.figures}
    review_of: dict[str, list[ReviewItem]] = {}
    for r in reviews:
        if r.figure_id:
            review_of.setdefault(r.figure_id, []).append(r)
    parts = [
        summary_bar(path, figures, unread, reviews, report, back),
        '<div class="layout">',
        f'<main class="article" id="article">\n{rendered.html}',
    ]
    if lost:
        parts.append(_unplaced(lost))
    parts.append("</main>")
    parts.append('<aside id="evidence" aria-label="Evidence" aria-live="polite">')
    parts.append(
        '<p class="hint">Point at a figure, or press Tab to move from figure to figure, '
        "to see its claim, source and quote here. Enter moves into the evidence.</p>"
    )
    same: dict[str, list[str]] = {}
    for f in figures:
        if f.claim:
            same.setdefault(f.claim, []).append(f.id)
    parts.extend(
        evidence(f, by_id, review_of.get(f.id, []), href, same.get(f.claim or "", []))
        for f in figures
    )
    parts.append("</aside></div>")
    return document(f"Audit: {path}", "\n".join(parts))


def summary_bar(
    path: str,
    figures: list[AuditFigure],
    unread: list[UnreadModel],
    reviews: list[ReviewItem],
    report: FullAuditReport,
    back: str | None,
) -> str:
    counts = {g: 0 for g in GROUPS}
    for f in figures:
        counts[f.group] = counts.get(f.group, 0) + 1
    boxes = "".join(
        f'<label><input type="checkbox" checked data-filter="{esc(g)}"> '
        f'<span class="badge s-{esc(g)}">{esc(GROUP_LABEL.get(g, g))} '
        f'<b data-count="{esc(g)}">{n}</b></span></label>'
        for g, n in counts.items()
    )
    n = len(figures)
    backed = counts.get("backed", 0)
    undated = [f for f in figures if f.kind != "date"]
    share = f"{100 * backed / n:.0f}%" if n else "-"
    unread_list = "".join(
        f"<li>line {u.line}: <code>{esc(u.text)}</code> ({esc(u.why)})</li>" for u in unread
    )
    unread_html = (
        f"<details><summary>{len(unread)} unread number{'s' if len(unread) != 1 else ''} "
        f"(numbers in prose read neither as a figure nor as a name)</summary><ul>{unread_list}"
        "</ul></details>"
        if unread
        else "<p>0 unread numbers: every number in the prose was read or classified.</p>"
    )
    numbers = (
        f" {report.summary.numbers} numbers in prose: read, classified or unread;"
        if report.summary.files == 1
        else ""
    )
    back_link = f'<a href="{esc(back)}">← all articles</a> · ' if back else ""
    return (
        '<header class="bar">'
        f'<h1>{back_link}mesacheck audit: <span class="path">{esc(path)}</span></h1>'
        '<fieldset class="filters"><legend>Show</legend>'
        f"{boxes}"
        '<label><input type="checkbox" checked data-filter-kind="date"> dates '
        f"<b>{n - len(undated)}</b></label></fieldset>"
        f'<div class="coverage" data-figures="{n}"><p>{n} figures ({len(undated)} besides '
        f"dates), {backed} backed by a sourced claim ({share});{numbers} "
        f"{len(reviews)} to review.</p>{unread_html}</div>"
        "</header>"
    )


def evidence(
    f: AuditFigure,
    by_id: dict[str, AuditFigure],
    reviews: list[ReviewItem],
    href: Href,
    same_claim: Sequence[str] = (),
) -> str:
    """The evidence section of one figure; `same_claim`: the figures of the page that
    quote its claim (at most `_SAME` are linked)."""
    label = GROUP_LABEL.get(f.group, f.group)
    out = [
        f'<section class="ev" id="ev-{esc(f.id)}" data-for="{esc(f.id)}" tabindex="-1">',
        f'<h2><a href="{esc(href(f.id))}" data-goto="{esc(f.id)}">{esc(f.text)}</a> '
        f'<span class="badge s-{esc(f.group)}">{esc(label)}</span></h2>',
        f'<p class="where mono">{esc(f.path)}:{f.line}:{f.column} · {esc(f.kind)}'
        f"{'' if f.status == f.group else ' · ' + esc(f.status)}</p>",
    ]
    for note in f.findings:
        why = [f'<div class="why"><p><span class="flag">{esc(note.code)} {esc(note.name)}</span>']
        if note.expected:
            why.append(f' — expected <strong class="expected">{esc(note.expected)}</strong>')
        if note.degree:
            why.append(f" ({esc(note.degree)})")
        why.append(f"</p><p>{esc(note.message)}</p>")
        if note.suggestion:
            why.append(f"<p>Suggested: <code>{esc(note.suggestion)}</code></p>")
        if note.related:
            why.append("<p>Also at: " + _links(note.related, by_id, href, f.path) + "</p>")
        why.append("</div>")
        out.append("".join(why))
    for r in reviews:
        conf = f" (confidence {r.confidence:.2f})" if r.confidence is not None else ""
        out.append(
            f'<div class="why review"><p><span class="flag">To review: {esc(r.code)} '
            f"{esc(r.name)}</span>{esc(conf)}</p><p>{esc(r.message)}</p>"
            + (
                "<p>May conflict with: " + _links(r.related_ids, by_id, href, f.path) + "</p>"
                if r.related_ids
                else ""
            )
            + "</div>"
        )
    others = [i for i in same_claim if i != f.id]
    if others:
        more = len(others) - _SAME
        out.append(
            '<p class="same">The article quotes this claim also at: '
            + _links(others[:_SAME], by_id, href, f.path)
            + (f" and {more} more" if more > 0 else "")
            + "</p>"
        )
    if f.evidence is None:
        out.append(
            '<p class="flag">No claim in the registry backs this figure.</p>'
            if f.claim is None
            else f'<p class="flag">Claim <code>{esc(f.claim)}</code> is not in the registry.</p>'
        )
    else:
        out.append(claim_html(f.evidence))
    out.append("</section>")
    return "\n".join(out)


def claim_html(c: ClaimEvidence, operand: bool = False) -> str:
    rows = [
        ("Claim", f"<code>{esc(c.id)}</code>"),
        ("Statement", esc(c.statement)),
        ("Registry value", f"<strong>{esc(c.value)}</strong>"),
        ("Claim status", esc(c.status)),
    ]
    if c.formula:
        computed = f" = {c.computed:,.6g}" if c.computed is not None else ""
        rows.append(("Formula", f"<code>{esc(c.formula)}</code>{esc(computed)}"))
    if c.as_of:
        rows.append(("As of", esc(c.as_of)))
    if c.superseded_by:
        rows.append(("Superseded by", f"<code>{esc(c.superseded_by)}</code>"))
    if c.notes:
        rows.append(("Notes", esc(c.notes)))
    rows.append(("Registry", f'<span class="mono">{esc(c.path)}:{c.line}</span>'))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    parts = [f'<div class="{"operand" if operand else "claim"}"><dl>{dl}</dl>']
    if c.sources:
        parts.append('<ol class="sources">')
        parts.extend(f"<li>{source_html(s)}</li>" for s in c.sources)
        parts.append("</ol>")
    elif not c.formula:
        parts.append('<p class="flag">No source is cited for this claim.</p>')
    if c.operands:
        parts.append("<p>Operands of the formula:</p>")
        parts.extend(claim_html(o, operand=True) for o in c.operands)
    parts.append("</div>")
    return "".join(parts)


def source_html(s: SourceEvidence) -> str:
    title = s.title or f"unknown source {s.source}"
    bits = [f'<cite class="source-title">{esc(title)}</cite>']
    if s.authors:
        bits.append(f'<span class="authors">{esc(", ".join(s.authors))}</span>')
    if s.year:
        bits.append(f'<span class="year">{s.year}</span>')
    if s.kind:
        bits.append(esc(s.kind))
    head = " · ".join(bits)
    link = ""
    if s.url:
        if s.url.startswith(("https://", "http://")):
            link = (
                f'<br><a class="url" href="{esc(s.url)}" rel="noopener noreferrer">{esc(s.url)}</a>'
            )
        else:
            link = f'<br><span class="url">{esc(s.url)}</span>'
    locator = f'<br><span class="locator">{esc(s.locator)}</span>' if s.locator else ""
    if s.quote:
        quote = _marked(s.quote, s.mark)
        note = "" if s.mark else ' <span class="flag">(the value is not found in this quote)</span>'
        quoted = f"<blockquote>{quote}</blockquote>{note}"
    else:
        quoted = '<p class="flag">No quote given for this source.</p>'
    short = esc(cite(s.authors, s.year, s.source))
    return f'<p>{head} <span class="visually-hidden">({short})</span>{link}{locator}</p>{quoted}'


def _marked(quote: str, mark: list[int] | None) -> str:
    if not mark or not 0 <= mark[0] < mark[1] <= len(quote):
        return esc(quote)
    a, b = mark
    return f'{esc(quote[:a])}<mark class="qv">{esc(quote[a:b])}</mark>{esc(quote[b:])}'


def _links(ids: Iterable[str], by_id: dict[str, AuditFigure], href: Href, here: str = "") -> str:
    """Links to figures: 'text (line N)' on this page, 'text (path:N)' on another."""
    out = []
    for i in ids:
        f = by_id.get(i)
        where = "" if f is None else f"line {f.line}" if f.path == here else f"{f.path}:{f.line}"
        text = f"{f.text} ({where})" if f else i
        out.append(f'<a href="{esc(href(i))}" data-goto="{esc(i)}">{esc(text)}</a>')
    return ", ".join(out)


def _unplaced(lost: list[AuditFigure]) -> str:
    items = "".join(
        f'<li>line {f.line}: <mark id="{esc(f.id)}" class="fig s-{esc(f.group)}" '
        f'data-figure-id="{esc(f.id)}" data-status="{esc(f.group)}" tabindex="0" '
        f'aria-label="{esc(f.text)} ({esc(GROUP_LABEL.get(f.group, f.group))})">'
        f"{esc(f.text)}</mark></li>"
        for f in lost
    )
    return (
        '<section class="unplaced"><h2>Figures not shown in the text above</h2>'
        "<p>These figures are in places the page does not show as text (image alt text, "
        f"an attribute).</p><ul>{items}</ul></section>"
    )
