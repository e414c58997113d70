"""MC104 duplicate-id: two claims or two sources share an id.

Ids are how articles, formulas and other claims point at a claim or a source, so each
must be unique across the whole registry. The second definition is reported with the
place of the first, and ignored.

Passing: `alignment-faking.monitored-rate` and `alignment-faking.after-rl-rate`.

Failing: two files both define `- id: alignment-faking.monitored-rate`.

Fix: rename one of them (and the markers or formulas that use it), or merge them.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC104"
NAME = "duplicate-id"


def check(ctx: CheckContext) -> Iterator[Finding]:
    yield from (p for p in ctx.registry.problems if p.code == ID)
