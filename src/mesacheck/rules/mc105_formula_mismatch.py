"""MC105 formula-mismatch: a derived claim's formula does not give its value.

A claim with `formula:` is computed from other claims (`+ - × ÷`, parentheses, numbers;
a minus between two ids needs spaces: `a.x - b.y`). The computed value must agree with
the claim's `value` under the rounding rule, and a figure that quotes the claim is
checked against the computed value.

Passing:

    claims:
      - id: ai-investment.industry-2024
        statement: AI industry investment in 2024
        value: "$152B"
      - id: ai-safety-funding.safety-research-2024
        statement: AI safety research funding in 2024
        value: "~$100M"
      - id: ai-safety-funding.disparity
        statement: Industry investment against safety research funding
        value: "1,520×"
        formula: ai-investment.industry-2024 / ai-safety-funding.safety-research-2024

Failing (with $152B and $100M as the operands, the formula gives 1,520×):

    claims:
      - id: ai-investment.industry-2024
        statement: AI industry investment in 2024
        value: "$152B"
      - id: ai-safety-funding.safety-research-2024
        statement: AI safety research funding in 2024
        value: "~$100M"
      - id: ai-safety-funding.disparity
        statement: Industry investment against safety research funding
        value: "2,500×"
        formula: ai-investment.industry-2024 / ai-safety-funding.safety-research-2024

Fix: correct the value (or the formula, or the operand claims).
"""

from __future__ import annotations

from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding
from mesacheck.values import agrees, degree, render_like

ID = "MC105"
NAME = "formula-mismatch"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "registry"  # checks the registry, not the documents


def check(ctx: CheckContext) -> Iterator[Finding]:
    for lc in ctx.registry.claims.values():
        c = lc.claim
        if not c.formula:
            continue
        if lc.formula_error:
            yield Finding.at_line(
                ID,
                lc.path,
                lc.formula_line,
                name=NAME,
                severity=SEVERITY,
                claim=c.id,
                expected=None,
                message=f"claim `{c.id}`: formula `{c.formula}` cannot be computed: "
                f"{lc.formula_error}",
            )
            continue
        if lc.computed is None or agrees(lc.parsed, lc.compared()):
            continue
        computed = render_like(lc.parsed, lc.computed)
        yield Finding.at_line(
            ID,
            lc.path,
            lc.value_line,
            name=NAME,
            severity=SEVERITY,
            claim=c.id,
            expected=computed,
            message=f"claim `{c.id}` says {c.value}, but its formula `{c.formula}` gives "
            f"{computed} ({degree(lc.parsed, lc.compared())} difference)",
            suggestion=computed,
        )
