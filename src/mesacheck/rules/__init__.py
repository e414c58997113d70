"""The rules: one module per finding code, and this package's `RULES` the only list of them.

Each module is the single source of its rule: `ID`, `NAME`, `SEVERITY` (the default),
`ENABLED` (False: off unless selected), `SCOPE` ("file": each figure or passage on its
own; "run": across the files of a run; "registry": the registry alone), a `check(...)`,
and a docstring that is its documentation (what `mesacheck explain CODE` prints) with a
`Passing:` and a `Failing:` example that the tests run. The table of codes, the codes off
by default, `explain` and the SARIF rule metadata are all built from the modules.
"""

from __future__ import annotations

from types import ModuleType

from mesacheck.rules import (
    mc001_unsourced_figure,
    mc002_value_mismatch,
    mc003_conflicting_figures,
    mc004_arithmetic_mismatch,
    mc005_qualifier_mismatch,
    mc006_stale_claim,
    mc007_date_mismatch,
    mc101_registry_schema,
    mc102_unknown_source,
    mc103_quote_mismatch,
    mc104_duplicate_id,
    mc105_formula_mismatch,
    mc106_claim_without_source,
    mc201_unused_suppression,
)

RULES: tuple[ModuleType, ...] = (
    mc001_unsourced_figure,
    mc002_value_mismatch,
    mc003_conflicting_figures,
    mc004_arithmetic_mismatch,
    mc005_qualifier_mismatch,
    mc006_stale_claim,
    mc007_date_mismatch,
    mc101_registry_schema,
    mc102_unknown_source,
    mc103_quote_mismatch,
    mc104_duplicate_id,
    mc105_formula_mismatch,
    mc106_claim_without_source,
    mc201_unused_suppression,
)
ALL: dict[str, ModuleType] = {m.ID: m for m in RULES}
# code -> (name, default severity), in code order
CODES: dict[str, tuple[str, str]] = {m.ID: (m.NAME, m.SEVERITY) for m in RULES}
OFF_BY_DEFAULT: frozenset[str] = frozenset(m.ID for m in RULES if not m.ENABLED)

# rules that check one file at a time, in the process that analyses it (`check(ctx)`);
# MC201 is not one of them: it reads the suppressions once the others' findings have
# gone through them
FILE_RULES: tuple[ModuleType, ...] = tuple(
    m for m in RULES if m.SCOPE == "file" and m is not mc201_unused_suppression
)
# rules that compare the files of a run: `collect(ctx)` in each file's process (plain,
# marshal-able data: the cache keeps it), optionally `fold(folded, record)`, which the
# engine calls on each file's record as it arrives (`context.gather`), then
# `check(run_ctx)` once over the fold; only the module knows its record and its fold
RUN_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "run")
# rules that check the registry alone (`check(ctx)` with only the registry)
REGISTRY_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "registry")
