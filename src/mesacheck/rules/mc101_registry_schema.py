"""MC101 registry-schema: a claims/ or sources/ file does not parse or validate.

Every file below claims/ and sources/ must be YAML with a `claims:` or `sources:` list
whose entries have the documented fields. PyYAML reads YAML 1.1, so values must be quoted
strings in figure notation: `value: 30` is a number, not a figure; write `value: "30×"`.
A file with this problem is skipped (the rest of the registry still loads) and the run
exits with code 2.

Passing:

    claims:
      - id: deliberative-alignment.reduction
        statement: Reduction in covert actions from deliberative alignment
        value: "~30×"

Failing (an unknown field, and a value that is not a figure):

    claims:
      - id: deliberative-alignment.reduction
        statment: Reduction in covert actions
        value: 30

Fix: correct the field name or quote the value as the message says.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from mesacheck.context import CheckContext
from mesacheck.findings import Finding

ID = "MC101"
NAME = "registry-schema"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    # registry loading finds these problems; this rule reports them as its own
    for p in ctx.registry.problems:
        if p.code == ID:
            yield replace(p, name=NAME, severity=SEVERITY)
