"""The registry view (`mesacheck audit --registry --html OUT.html`): every claim with its
sources and every place the files checked quote it; flagged: claims no article uses,
drafts and claims still waiting for a source, claims whose quotes lack their value."""

from __future__ import annotations

from mesacheck.audit_evidence import GROUP_LABEL, ClaimEvidence, FullAuditReport, claim_evidence
from mesacheck.audit_html import claim_html, document, esc
from mesacheck.registry import Registry


def flags(c: ClaimEvidence, quoted: int, operand_of: list[str]) -> list[str]:
    """What an editor should look at for claim `c`, in words."""
    out = []
    if quoted == 0:
        out.append(
            "used only in the formula of " + ", ".join(operand_of)
            if operand_of
            else "no article checked uses it"
        )
    if c.status == "draft":
        out.append("draft: waiting for a source")
    elif not c.sources and not c.formula:
        out.append("no source")
    elif c.status in ("disputed", "deprecated", "superseded"):
        out.append(c.status)
    if any(s.quote and not s.mark for s in c.sources):
        out.append("a quote does not contain the value")
    if any(s.title is None for s in c.sources):
        out.append("cites a source that is not in sources/")
    return out


def registry_page(
    report: FullAuditReport, registry: Registry, href: dict[str, str] | None = None
) -> str:
    """The registry view; `href` maps a figure id to a link (when its page exists)."""
    places: dict[str, list[str]] = {}
    for f in report.figures:
        if f.claim is None:
            continue
        label = GROUP_LABEL.get(f.group, f.group)
        where = f"{esc(f.path)}:{f.line}:{f.column} <code>{esc(f.text)}</code> ({esc(label)})"
        if href and f.id in href:
            where = f'<a href="{esc(href[f.id])}">{where}</a>'
        places.setdefault(f.claim, []).append(f"<li>{where}</li>")
    operand_of: dict[str, list[str]] = {}
    evidences = []
    for claim_id in sorted(registry.claims):
        c = claim_evidence(claim_id, registry)
        if c is None:
            continue
        evidences.append(c)
        for o in c.operands:
            operand_of.setdefault(o.id, []).append(c.id)
    rows = []
    counts = {"claims": 0, "unused": 0, "waiting": 0}
    for c in evidences:
        counts["claims"] += 1
        quoted = places.get(c.id, [])
        flagged = flags(c, len(quoted), operand_of.get(c.id, []))
        if not quoted and not operand_of.get(c.id):
            counts["unused"] += 1
        if c.status == "draft" or (not c.sources and not c.formula):
            counts["waiting"] += 1
        flag_html = "".join(f'<li class="flag">{esc(x)}</li>' for x in flagged)
        rows.append(
            f'<tr id="claim-{esc(c.id)}" data-claim="{esc(c.id)}" '
            f'data-flags="{esc(" | ".join(flagged))}">'
            f"<td>{claim_html(c)}</td>"
            f'<td class="num">{len(quoted)}</td>'
            f"<td><ul>{''.join(quoted)}</ul></td>"
            f"<td><ul>{flag_html}</ul></td></tr>"
        )
    files = report.summary.files
    body = (
        '<header class="bar"><h1>mesacheck audit: the registry</h1>'
        f'<p class="coverage">{counts["claims"]} claims, {len(registry.sources)} sources; '
        f"{files} file{'s' if files != 1 else ''} checked; "
        f"{counts['unused']} claims no article checked uses; "
        f"{counts['waiting']} waiting for a source.</p></header>"
        '<div class="page"><table class="list registry">'
        "<thead><tr><th>Claim and its sources</th><th>Quoted</th><th>Where</th>"
        "<th>To look at</th></tr></thead><tbody>" + "\n".join(rows) + "</tbody></table></div>"
    )
    return document("Audit: the registry", body, script=False)
