"""The rules: one module per finding code, each with `ID`, `NAME`, `check(ctx)` and a
docstring that is its documentation (what `mesacheck explain CODE` prints)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from types import ModuleType

from mesacheck.figures import DocFigure
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
# per-figure work of the cross-file rules, done where figures are extracted
FIGURE_FEATURES: tuple[Callable[[DocFigure], None], ...] = tuple(
    m.features for m in DOCUMENT_RULES if hasattr(m, "features")
)
# per-file counts the cross-file rules sum over a run, counted where figures are extracted
FILE_TALLIES: tuple[Callable[[list[DocFigure]], dict[str, Counter[str]]], ...] = tuple(
    m.tallies for m in DOCUMENT_RULES if hasattr(m, "tallies")
)
ALL: dict[str, ModuleType] = {m.ID: m for m in DOCUMENT_RULES + REGISTRY_RULES}
