"""MC102 unknown-source: a claim cites a source id that does not exist.

A claim's `sources:` entries name sources by id; each id must be defined by a file in
sources/.

Passing (a file in sources/ defines `greenblatt-2024-alignment-faking`):

    claims:
      - id: alignment-faking.after-rl-rate
        statement: Rate of alignment-faking reasoning after RL training to comply
        value: "78%"
        sources:
          - source: greenblatt-2024-alignment-faking

Failing (a typo: no file in sources/ defines `greenblat-2024-alignment-faking`):

    claims:
      - id: alignment-faking.after-rl-rate
        statement: Rate of alignment-faking reasoning after RL training to comply
        value: "78%"
        sources:
          - source: greenblat-2024-alignment-faking

Fix: correct the id, or add the source (title, authors, year, url) to sources/.
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC102"
NAME = "unknown-source"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    reg = ctx.registry
    for lc in reg.claims.values():
        for i, cs in enumerate(lc.claim.sources):
            if cs.source is None or cs.source in reg.sources:  # (a draft's link: `url`)
                continue
            line = lc.source_lines[i] if i < len(lc.source_lines) else lc.line
            yield Finding.at_line(
                ID,
                lc.path,
                line,
                name=NAME,
                severity=SEVERITY,
                claim=lc.claim.id,
                expected=None,
                message=(
                    f"claim `{lc.claim.id}` cites source `{cs.source}`, which no file in "
                    "sources/ defines: fix the id or add the source"
                ),
            )
