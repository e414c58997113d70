"""The registry at run time: claims and sources as plain records, loaded once per run.

Reading and validating the YAML (PyYAML, pydantic) lives in `registry_schema`; the
result is cached in the cache folder as a pickle keyed by the registry files' bytes and
the version, so a run over an unchanged registry imports neither PyYAML nor pydantic.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mesacheck import atomic, grammar
from mesacheck.files import MAX_BYTES, read_document
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


class Packed(Mapping[str, Any]):
    """A read-only table whose entries are unpickled one by one, on first use.

    What a cached registry becomes when read back: a check of a few files touches a few of
    a large registry's claims, and unpickling 10,000 claims at once cost 0.4 s.
    """

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed
        self._live: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        got = self._live.get(key)
        if got is None:
            got = self._live[key] = pickle.loads(self._packed[key])
        return got

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __reduce__(self) -> tuple:  # type: ignore[type-arg]
        return (Packed, (self._packed,))

    @staticmethod
    def pack(table: Mapping[str, Any]) -> dict[str, bytes]:
        if isinstance(table, Packed):
            return table._packed
        return {k: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL) for k, v in table.items()}


@dataclass
class Registry:
    claims: dict[str, LoadedClaim] | Packed = field(default_factory=dict)  # Packed: cached
    sources: dict[str, LoadedSource] | Packed = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # MC1xx
    files: list[str] = field(default_factory=list)
    load_failed: bool = False  # a file did not parse or validate (MC101)
    digest: str = ""  # of the registry files and version, when loaded with a cache
    # what the engine derives from the registry alone (its MC1xx findings, the phrase
    # index): computed once when the files are parsed, and cached with them
    prepared: dict[str, Any] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Claims and sources pickled entry by entry, to be unpickled as they are used."""
        state = dict(self.__dict__)
        state["claims"] = Packed(Packed.pack(self.claims))
        state["sources"] = Packed(Packed.pack(self.sources))
        return state

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


def yaml_files(folder: Path | None) -> list[tuple[str, os.stat_result | None]]:
    """The YAML files under `folder`, each with its stat, in os.walk's order (a folder's
    files, sorted, then its subfolders, sorted; hidden folders skipped)."""
    out: list[tuple[str, os.stat_result | None]] = []

    def visit(where: str) -> None:
        try:
            entries = sorted(os.scandir(where), key=lambda e: e.name)
        except OSError:
            return
        subfolders = []
        for e in entries:
            try:
                if e.is_dir():
                    if not e.name.startswith("."):
                        subfolders.append(e.path)
                elif e.name.endswith((".yaml", ".yml")):
                    out.append((e.path, e.stat()))
            except OSError:
                out.append((e.path, None))
        for sub in subfolders:
            visit(sub)

    if folder is not None and folder.is_dir():
        visit(str(folder))
    return out


def _content_digest(files: list[tuple[str, os.stat_result | None]], salt: bytes) -> str:
    digest = atomic.blake2b(salt, digest_size=20)
    for path, _ in files:
        try:
            data = read_document(path, MAX_BYTES)  # a FIFO must not hang the key
        except OSError:
            data = b"?"
        digest.update(path.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


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

    The cache is keyed by the files' contents. To know that key without reading every
    file, the files' paths, sizes and modification times (in nanoseconds) point to it, as
    make and ruff's cache trust them; a file whose stat changed is read and hashed again.
    """
    root = root or Path.cwd()
    key = None
    if cache_dir is not None:
        salt = repr((atomic.CACHE_FORMAT, str(root))).encode()
        files = [*yaml_files(sources_dir), *yaml_files(claims_dir)]
        stamp = atomic.blake2b(salt, digest_size=20)
        for path, st in files:
            size, mtime = (st.st_size, st.st_mtime_ns) if st else (-1, -1)
            stamp.update(f"{path}\0{size}\0{mtime}\n".encode())
        pointer = cache_dir / "registry" / f"stat-{stamp.hexdigest()}"
        try:
            digest = pointer.read_text(encoding="ascii").strip()
        except OSError:
            digest = ""
        if len(digest) != 40:
            digest = _content_digest(files, salt)
        key = cache_dir / "registry" / f"{digest}.pickle"
        cached = atomic.load_pickle(key)
        if isinstance(cached, Registry):
            cached.digest = digest
            if not pointer.exists():
                atomic.save_bytes(pointer, digest.encode())
            return cached
    from mesacheck.registry_schema import load_uncached

    reg = load_uncached(claims_dir, sources_dir, root)
    _derive(reg)
    if key is not None:
        reg.digest = digest
    if prepare is not None:
        prepare(reg)
    if key is not None:
        atomic.save_pickle(key, reg)
        atomic.save_bytes(pointer, digest.encode())
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
