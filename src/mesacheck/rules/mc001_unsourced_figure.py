"""MC001 unsourced-figure: a figure that resolves to no claim with a source.

Every quoted figure should be traceable to a registry claim that cites a source. A figure
is unsourced when no claim's subject phrases match its sentence, when the claim it
resolves to cites no existing source, or when that claim is only a `status: draft`.
Dates are an optional class and are not reported as unsourced.

Passing (claims/ has `deliberative-alignment.reduction` with value "~30×", subject
"deliberative alignment", and a source):

    Deliberative alignment reduced scheming 30× in o4-mini.

Failing (no claim mentions expert probability estimates):

    Expert estimates put the probability at 20-70%.

Fix: add a claim with its source to claims/ (`mesacheck harvest` drafts one), or name
the claim after the figure: `20-70% <!-- claim: some.claim-id -->`.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC001"
NAME = "unsourced-figure"
SEVERITY = "warning"  # default severity
ENABLED = True
SCOPE = "file"  # judges each figure or passage on its own


def check(ctx: CheckContext) -> Iterator[Finding]:
    reg = ctx.registry
    for r in ctx.resolutions:
        f = r.figure
        if f.kind == "date":
            continue
        if r.unknown_marker:
            msg = (
                f"{f.text} is marked as claim `{r.unknown_marker}`, which the registry does "
                "not define: fix the id in the marker or add the claim to claims/"
            )
        elif r.claim is None:
            msg = (
                f"{f.text} has no sourced claim: add one to claims/ with its source, or "
                "name it with <!-- claim: id -->"
            )
        elif not reg.sourced(r.claim.claim.id):
            c = r.claim.claim
            why = "is a draft" if c.status == "draft" else "cites no known source"
            msg = f"{f.text} quotes claim `{c.id}`, which {why}: add a source to the claim"
        else:
            continue
        yield Finding.at_figure(
            ID,
            f,
            name=NAME,
            severity=SEVERITY,
            claim=r.claim.claim.id if r.claim else None,
            expected=None,
            message=msg,
        )
