"""`mesacheck audit`: the terminal view, `--format json`, `--html OUT` and `--registry`.

`--html OUT` writes, for one article, the page OUT. For several, OUT is an index page
(one row per article: counts by status, unread numbers) and the articles' pages are
written next to it in the folder `<OUT without .html>-files/` (`001-name.html`, …), each
linking back to the index; a link between figures of two articles goes from page to
page. `--registry --html OUT` writes the registry view (`audit_registry`) to OUT. Every
page is written atomically; nothing else is written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import IO

from mesacheck import atomic, audit, engine
from mesacheck.audit_evidence import GROUP_LABEL, GROUPS, FullAuditReport, enrich
from mesacheck.audit_html import article_page, document, esc
from mesacheck.audit_registry import registry_page
from mesacheck.audit_text import render
from mesacheck.pipeline import read_text


def run(
    session: engine.Session,
    files: list[Path],
    fmt: str,
    out: IO[str],
    html_out: Path | None = None,
    registry_view: bool = False,
) -> int:
    """Write the audit; 2 when the registry did not load (or OUT cannot be written)."""
    if registry_view and html_out is None:
        print("mesacheck: audit --registry needs --html OUT", file=sys.stderr)
        return 2
    report, outcome = audit.build(session, files)
    full = enrich(report, outcome, session.registry)
    code = 2 if outcome.registry_failed else 0
    if html_out is not None:
        try:
            written = write_html(full, session, files, html_out, registry_view)
        except OSError as e:
            print(f"mesacheck: cannot write {html_out}: {e}", file=sys.stderr)
            return 2
        print(f"mesacheck: wrote {written}", file=sys.stderr)
        return code
    if fmt == "json":
        out.write(full.model_dump_json(indent=2) + "\n")
    else:
        out.write(render(full, outcome.coverage_line, out))
    return code


def write_html(
    report: FullAuditReport,
    session: engine.Session,
    files: list[Path],
    html_out: Path,
    registry_view: bool,
) -> str:
    """Write the page(s); what was written, in words. OUT's folder is made if missing."""
    html_out.parent.mkdir(parents=True, exist_ok=True)
    if registry_view:
        atomic.write_text(html_out, registry_page(report, session.registry), newline="\n")
        return str(html_out)
    articles = []
    for path in files:
        display = engine.display_name(path)
        try:
            text, _why = read_text(display, path.read_bytes())
        except OSError:
            text = None
        if text is not None:
            articles.append((display, text))
    if len(articles) == 1:
        display, text = articles[0]
        atomic.write_text(html_out, _page(report, display, text), newline="\n")
        return str(html_out)
    folder = html_out.with_name(html_out.stem + "-files")
    folder.mkdir(parents=True, exist_ok=True)
    names = {
        display: f"{n:03d}-{_slug(display)}.html" for n, (display, _t) in enumerate(articles, 1)
    }
    page_of = {f.id: names.get(f.path, "") for f in report.figures}
    back = f"../{html_out.name}"
    for display, text in articles:
        here = names[display]

        def href(i: str, here: str = here) -> str:
            page = page_of.get(i, "")
            return f"#{i}" if page in ("", here) else f"{page}#{i}"

        atomic.write_text(
            folder / here, _page(report, display, text, href=href, back=back), newline="\n"
        )
    atomic.write_text(
        html_out,
        index_page(report, [(d, f"{folder.name}/{names[d]}") for d, _ in articles]),
        newline="\n",
    )
    return f"{html_out} and {len(articles)} pages in {folder}"


def _page(report: FullAuditReport, display: str, text: str, **kw: object) -> str:
    figures = [f for f in report.figures if f.path == display]
    unread = [u for u in report.unread if u.path == display]
    reviews = [r for r in report.to_review if r.path == display]
    return article_page(display, text, report, figures, unread, reviews, **kw)  # type: ignore[arg-type]


def index_page(report: FullAuditReport, pages: list[tuple[str, str]]) -> str:
    """One row per article: its counts by status and its unread numbers."""
    counts: dict[str, dict[str, int]] = {d: {g: 0 for g in GROUPS} for d, _ in pages}
    for f in report.figures:
        if f.path in counts:
            counts[f.path][f.group] = counts[f.path].get(f.group, 0) + 1
    unread: dict[str, int] = {}
    for u in report.unread:
        unread[u.path] = unread.get(u.path, 0) + 1
    head = "".join(
        f'<th><span class="badge s-{esc(g)}">{esc(GROUP_LABEL[g])}</span></th>' for g in GROUPS
    )
    rows = []
    for display, link in pages:
        c = counts[display]
        cells = "".join(f'<td class="num">{c[g]}</td>' for g in GROUPS)
        rows.append(
            f'<tr><td><a href="{esc(link)}">{esc(display)}</a></td>'
            f'<td class="num">{sum(c.values())}</td>{cells}'
            f'<td class="num">{unread.get(display, 0)}</td></tr>'
        )
    s = report.summary
    body = (
        f'<header class="bar"><h1>mesacheck audit: {len(pages)} articles</h1>'
        f'<p class="coverage">{s.figures} figures, {s.by_group.get("backed", 0)} backed; '
        f"{s.numbers} numbers in prose, {s.unread} unread; {s.to_review} to review.</p>"
        '</header><div class="page"><table class="list index"><thead><tr><th>Article</th>'
        f"<th>Figures</th>{head}<th>Unread</th></tr></thead><tbody>"
        + "\n".join(rows)
        + "</tbody></table></div>"
    )
    return document("Audit: index", body, script=False)


def _slug(display: str) -> str:
    stem = display.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-")[:60] or "article"
