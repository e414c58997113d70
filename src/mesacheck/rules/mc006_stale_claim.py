"""MC006 stale-claim: the figure quotes a claim that is deprecated, superseded or disputed.

A claim's `status` says whether it still stands. A figure that quotes a `deprecated` or
`superseded` claim should move to the newer one (`superseded_by`); one that quotes a
`disputed` claim deserves a second look before publication.

Passing (the claim is `status: active`):

    Linear probes achieve >99% AUROC.

Failing (`ai-safety-funding.safety-research-2024` is `status: disputed`: the amount was
not found in the source the article cites):

    AI safety received approximately \\$100M in 2024.

Fix: quote the claim named in `superseded_by`, or resolve the dispute in claims/.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC006"
NAME = "stale-claim"
SEVERITY = "warning"  # default severity
ENABLED = True
SCOPE = "file"  # judges each figure or passage on its own


def check(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.resolutions:
        if r.claim is None:
            continue
        c = r.claim.claim
        if c.status not in ("deprecated", "superseded", "disputed"):
            continue
        f = r.figure
        newer = ctx.registry.claims.get(c.superseded_by or "")
        if newer is not None:
            msg = (
                f"{f.text} quotes claim `{c.id}`, which is {c.status}: use "
                f"`{newer.claim.id}` ({newer.claim.value}) instead"
            )
            expected, suggestion = newer.claim.value, newer.claim.value
        else:
            first = c.notes.strip().split(". ")[0].rstrip(".") if c.notes else ""
            note = f": {first}" if first else ""
            msg = f"{f.text} quotes claim `{c.id}`, which is {c.status}{note}"
            expected, suggestion = None, None
        yield Finding.at_figure(
            ID,
            f,
            name=NAME,
            severity=SEVERITY,
            claim=c.id,
            expected=expected,
            message=msg,
            suggestion=suggestion,
        )
