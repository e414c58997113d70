"""MC103 quote-mismatch: a claim's quote does not contain its value.

A quote is the evidence for a claim: the source's exact words, which must contain the
claimed value in some notation the figure grammar reads ("13%->0.4%" contains
"13% → 0.4%", "~30x" contains "~30×", "above 99%" contains ">99%"), at least as precisely
as the claim states it.

Passing:

    claims:
      - id: alignment-faking.after-rl-rate
        statement: Rate of alignment-faking reasoning after RL training to comply
        value: "78%"
        sources:
          - source: greenblatt-2024-alignment-faking
            quote: "…increases the rate of alignment-faking reasoning to 78%…"

Failing:

    claims:
      - id: alignment-faking.monitored-rate
        statement: Rate of alignment-faking reasoning when monitored
        value: "12-78%"
        sources:
          - source: greenblatt-2024-alignment-faking
            quote: "…we see alignment-faking reasoning in 12% of implied training scratchpads"

Fix: correct the value to what the quote says, or quote the passage that says it.
Leave `quote` out rather than write one from memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding
from mesacheck.values import quote_contains

ID = "MC103"
NAME = "quote-mismatch"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    for lc in ctx.registry.claims.values():
        c = lc.claim
        for i, cs in enumerate(c.sources):
            if cs.quote is None or quote_contains(cs.quote, lc.parsed):
                continue
            line = lc.quote_lines[i] if i < len(lc.quote_lines) else lc.line
            short = cs.quote if len(cs.quote) <= 90 else cs.quote[:89] + "…"
            yield Finding.at_line(
                ID,
                lc.path,
                line,
                name=NAME,
                severity=SEVERITY,
                claim=c.id,
                expected=c.value,
                message=(
                    f"claim `{c.id}`: the quote from `{cs.source}` does not contain its "
                    f'value {c.value}: "{short}"'
                ),
            )
