"""The registry at run time: claims and sources as plain records, loaded once per run.

Reading and validating the YAML (PyYAML, pydantic) lives in `registry_schema`; the
result is cached in the cache folder as a pickle keyed by the registry files' bytes and
the version, so a run over an unchanged registry imports neither PyYAML nor pydantic.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mesacheck import atomic, grammar
from mesacheck.findings import Finding


@dataclass(frozen=True)
class ClaimSourceData:
    source: str
    quote: str | None = None
    locator: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ClaimData:
    """One claim as written (validated by registry_schema.Claim)."""

    id: str
    statement: str
    value: str
    subject: tuple[str, ...] = ()
    metric: str | None = None
    sources: tuple[ClaimSourceData, ...] = ()
    as_of: str | None = None
    tolerance: str = "rounding"
    status: str = "active"
    superseded_by: str | None = None
    formula: str | None = None
    notes: str | None = None

    @classmethod
    def of(cls, model: Any) -> ClaimData:
        d = model.model_dump()
        d["subject"] = tuple(d["subject"])
        d["sources"] = tuple(ClaimSourceData(**s) for s in d["sources"])
        return cls(**d)


@dataclass(frozen=True)
class ExcerptData:
    quote: str
    locator: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SourceData:
    id: str
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    url: str | None = None
    kind: str | None = None
    published: str | None = None
    excerpts: tuple[ExcerptData, ...] = ()
    notes: str | None = None

    @classmethod
    def of(cls, model: Any) -> SourceData:
        d = model.model_dump()
        d["authors"] = tuple(d["authors"])
        d["excerpts"] = tuple(ExcerptData(**e) for e in d["excerpts"])
        return cls(**d)


@dataclass
class LoadedClaim:
    """A validated claim, its parsed value and where it was written."""

    claim: ClaimData
    parsed: grammar.Figure
    path: str
    line: int
    value_line: int
    source_lines: list[int] = field(default_factory=list)  # line of each `sources:` entry
    quote_lines: list[int] = field(default_factory=list)  # line of each quote (or entry)
    formula_line: int = 0
    computed: float | None = None  # a derived claim's formula, computed
    formula_error: str | None = None

    def compared(self) -> grammar.Figure:
        """The figure a document is checked against: the computed value when derived."""
        if self.computed is None or len(self.parsed.values) != 1:
            return self.parsed
        return replace(self.parsed, values=(self.computed,))


@dataclass
class LoadedSource:
    source: SourceData
    path: str
    line: int


@dataclass
class Registry:
    claims: dict[str, LoadedClaim] = field(default_factory=dict)
    sources: dict[str, LoadedSource] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # MC1xx
    files: list[str] = field(default_factory=list)
    load_failed: bool = False  # a file did not parse or validate (MC101)
    digest: str = ""  # of the registry files and version, when loaded with a cache
    # what the engine derives from the registry alone (its MC1xx findings, the phrase
    # index): computed once when the files are parsed, and cached with them
    prepared: dict[str, Any] = field(default_factory=dict)

    def sourced(self, claim_id: str) -> bool:
        lc = self.claims.get(claim_id)
        if lc is None:
            return False
        c = lc.claim
        if c.status == "draft":
            return False
        if c.formula:
            return True
        return any(s.source in self.sources for s in c.sources)


def _registry_files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    out: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(root) / f for f in sorted(files) if f.endswith((".yaml", ".yml")))
    return out


def load(
    claims_dir: Path | None,
    sources_dir: Path | None,
    root: Path | None = None,
    cache_dir: Path | None = None,
    prepare: Callable[[Registry], None] | None = None,
) -> Registry:
    """Load and validate a registry; problems are collected, never raised.

    With a `cache_dir`, a registry whose files have not changed is read back from a
    pickle instead of being parsed and validated again; `prepare` runs on a freshly
    parsed registry before it is cached (what it stores in `prepared` is kept).
    """
    root = root or Path.cwd()
    key = None
    if cache_dir is not None:
        digest = hashlib.blake2b(repr((atomic.CACHE_FORMAT, str(root))).encode(), digest_size=20)
        for path in [*_registry_files(sources_dir), *_registry_files(claims_dir)]:
            try:
                data = path.read_bytes()
            except OSError:
                data = b"?"
            digest.update(str(path).encode() + b"\0" + data + b"\0")
        key = cache_dir / "registry" / f"{digest.hexdigest()}.pickle"
        cached = atomic.load_pickle(key)
        if isinstance(cached, Registry):
            cached.digest = digest.hexdigest()
            return cached
    from mesacheck.registry_schema import load_uncached

    reg = load_uncached(claims_dir, sources_dir, root)
    _derive(reg)
    if key is not None:
        reg.digest = digest.hexdigest()
    if prepare is not None:
        prepare(reg)
    if key is not None:
        atomic.save_pickle(key, reg)
    return reg


def _derive(reg: Registry) -> None:
    """Compute every derived claim's formula over the other claims' values."""
    from mesacheck.formula import FormulaError, evaluate

    state: dict[str, str] = {}

    def value_of(cid: str) -> float:
        lc = reg.claims.get(cid)
        if lc is None:
            raise FormulaError(f"`{cid}` is not a claim in the registry")
        if len(lc.parsed.values) != 1:
            raise FormulaError(f"`{cid}` is {lc.claim.value}, not a single value")
        if lc.claim.formula:
            compute(lc)
            if lc.computed is None:
                raise FormulaError(f"`{cid}` cannot be computed")
            return lc.computed
        return lc.parsed.values[0]

    def compute(lc: LoadedClaim) -> None:
        cid = lc.claim.id
        if state.get(cid) == "done":
            return
        if state.get(cid) == "busy":
            raise FormulaError(f"`{cid}` is defined in terms of itself")
        state[cid] = "busy"
        try:
            lc.computed = evaluate(lc.claim.formula or "", value_of)
        except FormulaError as e:
            lc.formula_error = str(e)
        finally:
            state[cid] = "done"

    for lc in reg.claims.values():
        if lc.claim.formula:
            try:
                compute(lc)
            except FormulaError as e:
                lc.formula_error = str(e)


def __getattr__(name: str) -> Any:
    """The pydantic models, for code that validates (imported only when asked for)."""
    if name in ("Claim", "Source", "ClaimSource", "Excerpt"):
        from mesacheck import registry_schema

        return getattr(registry_schema, name)
    raise AttributeError(name)
