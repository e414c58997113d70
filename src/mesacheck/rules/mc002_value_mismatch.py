"""MC002 value-mismatch: the context names a claim, and the value disagrees with it.

A figure agrees with its claim when the two meet under the rounding rule: a written figure
stands for its value ± half a unit of its last written digit ("9%" agrees with 8.7%; "8%"
does not; "30×" agrees with 29× and with 32.5×; "2,500×" does not agree with 1,520×).
Hedges ("about", "~") widen the interval; bounds (">", "at least") open it on one side.
The finding says whether the difference is *minor* (close, outside rounding) or *gross*
(another order of magnitude, the other direction of a change, the other side of a bound).

Passing (claim `deliberative-alignment.o4-mini-covert-rate` is "8.7% → 0.3%"):

    Deliberative alignment cut o4-mini's covert actions from 8.7% to 0.3%.

Failing (the claim `ai-safety-funding.disparity` is "1,520×", i.e. $152B / $100M):

    \\$100M for safety against \\$152B of industry investment (2,500× gap)

Fix: write the claim's value (the suggestion), or, if the source says otherwise, correct
the claim in claims/ with a quote that contains the new value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mesacheck.context import CheckContext
from mesacheck.findings import Finding
from mesacheck.grammar import range_notation
from mesacheck.values import agrees, degree, render_like

ID = "MC002"
NAME = "value-mismatch"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "file"  # judges each figure or passage on its own


def suggestion(written: str, claim_value: str) -> str:
    """The claim's value in the writer's notation (keeps a `\\$` escape)."""
    s = claim_value.strip()
    if "\\$" in written and "$" in s and "\\$" not in s:
        s = s.replace("$", "\\$")
    if "×" in written and re.search(r"\dx\b", s):
        s = re.sub(r"(\d)x\b", r"\1×", s)
    return s


def check(ctx: CheckContext) -> Iterator[Finding]:
    for r in ctx.resolutions:
        if r.claim is None or r.figure.kind == "date":
            continue
        f, lc = r.figure, r.claim
        target = lc.compared()  # a derived claim is checked against its computed value
        if agrees(f.parsed, target):
            continue
        how = degree(f.parsed, target)
        c = lc.claim
        yield Finding.at_figure(
            ID,
            f,
            name=NAME,
            claim=c.id,
            expected=c.value,
            message=(
                f"{f.text} disagrees with claim `{c.id}`, which says {c.value} ({how} difference)"
            ),
            suggestion=(
                # a currency range is suggested as the writer wrote it ("$2-5B/year")
                render_like(f.parsed, (target.values[0], target.values[1]))
                if target.kind == "range"
                and target.unit == f.parsed.unit
                and range_notation(f.parsed) is not None
                else suggestion(f.text, c.value)
            ),
            severity="error" if how == "gross" else "warning",
            degree=how,
        )
