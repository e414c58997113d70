"""The rules: one module per finding code, each with `ID`, `NAME`, `check(ctx)` and a
docstring that is its documentation (what `mesacheck explain CODE` prints)."""

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
)

DOCUMENT_RULES: tuple[ModuleType, ...] = (
    mc001_unsourced_figure,
    mc002_value_mismatch,
    mc003_conflicting_figures,
    mc004_arithmetic_mismatch,
    mc005_qualifier_mismatch,
    mc006_stale_claim,
    mc007_date_mismatch,
)
REGISTRY_RULES: tuple[ModuleType, ...] = (
    mc101_registry_schema,
    mc102_unknown_source,
    mc103_quote_mismatch,
    mc104_duplicate_id,
    mc105_formula_mismatch,
    mc106_claim_without_source,
)
# rules that check one file at a time (in the worker that analyses it)
FILE_RULES: tuple[ModuleType, ...] = (
    mc001_unsourced_figure,
    mc002_value_mismatch,
    mc004_arithmetic_mismatch,
    mc006_stale_claim,
)
# rules that compare files: `collect(ctx)` per file, then `check(run_ctx)` once
RUN_RULES: tuple[ModuleType, ...] = (
    mc003_conflicting_figures,
    mc005_qualifier_mismatch,
    mc007_date_mismatch,
)
ALL: dict[str, ModuleType] = {m.ID: m for m in DOCUMENT_RULES + REGISTRY_RULES}
