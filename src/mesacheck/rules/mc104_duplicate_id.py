"""MC104 duplicate-id: two claims or two sources share an id.

Ids are how articles, formulas and other claims point at a claim or a source, so each
must be unique across the whole registry. The second definition is reported with the
place of the first, and ignored.

Passing:

    claims:
      - id: alignment-faking.monitored-rate
        statement: Rate of alignment-faking reasoning when monitored
        value: "12%"
      - id: alignment-faking.after-rl-rate
        statement: Rate of alignment-faking reasoning after RL training to comply
        value: "78%"

Failing (two files define `alignment-faking.monitored-rate`):

    # claims/alignment-faking.yaml
    claims:
      - id: alignment-faking.monitored-rate
        statement: Rate of alignment-faking reasoning when monitored
        value: "12%"

    # claims/faking-rates.yaml
    claims:
      - id: alignment-faking.monitored-rate
        statement: Alignment-faking rate in the monitored condition
        value: "12%"

Fix: rename one of them (and the markers or formulas that use it), or merge them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC104"
NAME = "duplicate-id"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    # registry loading finds these problems; this rule reports them as its own
    for p in ctx.registry.problems:
        if p.code == ID:
            yield replace(p, name=NAME, severity=SEVERITY)
