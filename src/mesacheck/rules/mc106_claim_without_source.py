"""MC106 claim-without-source: a claim has no source.

A registry claim exists to tie a figure to its evidence; a claim without `sources:` ties
it to nothing. Derived claims (with a `formula:`) are sourced through the claims they are
computed from, and `status: draft` claims (from `mesacheck harvest`) are still waiting
for theirs.

Passing:

    claims:
      - id: probes.auroc
        statement: Linear probes detect sleeper agent defection
        value: ">99%"
        sources:
          - source: macdiarmid-2024-simple-probes

Failing:

    claims:
      - id: probes.auroc
        statement: Linear probes detect sleeper agent defection
        value: ">99%"

Fix: add the paper or page the value comes from under `sources:`.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC106"
NAME = "claim-without-source"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    for lc in ctx.registry.claims.values():
        c = lc.claim
        if c.sources or c.formula or c.status == "draft":
            continue
        yield Finding.at_line(
            ID,
            lc.path,
            lc.line,
            name=NAME,
            severity=SEVERITY,
            claim=c.id,
            expected=None,
            message=(
                f"claim `{c.id}` has no source: add `sources:` with the paper or page it "
                "comes from (or a `formula:` if it is derived)"
            ),
        )
