"""The registry at run time: claims and sources as plain records, loaded once per run.

`load` reads every YAML file below the two folders (`registry_schema` parses and
validates them) and returns a `Registry`: the claims and sources, the problems found
while loading (MC101, MC104), the files read and a digest of them. It is data: it knows
nothing of the engine, and `to_plain`/`from_plain` turn it into nested lists and dicts
(for a cache that stores `marshal` data) and back without importing PyYAML or pydantic.
`digest` is what a cache key needs: the files' paths and bytes, without parsing them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from mesacheck import formula, grammar
from mesacheck.cache import blake2b
from mesacheck.files import read_document
from mesacheck.findings import Finding
from mesacheck.registry_schema import Claim, ClaimSource, Excerpt, Source, read_file

MAX_FILE_BYTES = 16 * 1024 * 1024  # a registry file larger than this is refused (MC101)
_PLAIN_FORMAT = 2


@dataclass
class LoadedClaim:
    """A validated claim, its parsed value and where it was written."""

    claim: Claim
    parsed: grammar.Figure
    path: str
    line: int
    value_line: int
    source_lines: list[int] = field(default_factory=list)  # line of each `sources:` entry
    quote_lines: list[int] = field(default_factory=list)  # line of each quote (or entry)
    formula_line: int = 0
    computed: float | None = None  # a derived claim's formula, computed
    formula_error: str | None = None
    pinned_to: str = ""  # a pinned claim's article: `scope` as an absolute path (see pin)

    def compared(self) -> grammar.Figure:
        """The figure a document is checked against: the computed value when derived."""
        if self.computed is None or len(self.parsed.values) != 1:
            return self.parsed
        return replace(self.parsed, values=(self.computed,))


@dataclass
class LoadedSource:
    source: Source
    path: str
    line: int


@dataclass
class Registry:
    claims: Mapping[str, LoadedClaim] = field(
        default_factory=dict
    )  # (rebuilt lazily from the cache)
    sources: dict[str, LoadedSource] = field(default_factory=dict)
    problems: list[Finding] = field(default_factory=list)  # MC101, MC104
    files: list[str] = field(default_factory=list)
    load_failed: bool = False  # a file did not parse or validate (MC101)
    digest: str = ""  # of the registry files' paths and bytes (see `digest`)

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

    def to_plain(self) -> dict[str, Any]:
        """Nested dicts, lists, strings, numbers, booleans and None: what `marshal` (or
        JSON) can store. `Registry.from_plain` makes an equal registry of it."""
        return {
            "format": _PLAIN_FORMAT,
            "claims": [
                [
                    _plain(lc.claim),
                    _plain(lc.parsed),
                    lc.path,
                    lc.line,
                    lc.value_line,
                    list(lc.source_lines),
                    list(lc.quote_lines),
                    lc.formula_line,
                    lc.computed,
                    lc.formula_error,
                    lc.pinned_to,
                ]
                for lc in self.claims.values()
            ],
            "sources": [[_plain(ls.source), ls.path, ls.line] for ls in self.sources.values()],
            "problems": [_plain(f) for f in self.problems],
            "files": list(self.files),
            "load_failed": self.load_failed,
            "digest": self.digest,
        }

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> Registry:
        """The registry `to_plain` gave; ValueError when `data` is not such a value."""
        try:
            if data["format"] != _PLAIN_FORMAT:
                raise ValueError(f"registry data of format {data['format']!r}")
            claims = _Claims({row[0][0]: row for row in data["claims"]})
            sources = {}
            for row in data["sources"]:
                s = _unplain(Source, row[0])
                sources[s.id] = LoadedSource(s, row[1], row[2])
            return cls(
                claims,
                sources,
                [_unplain(Finding, f) for f in data["problems"]],
                list(data["files"]),
                bool(data["load_failed"]),
                str(data["digest"]),
            )
        except (KeyError, IndexError, TypeError, AttributeError) as e:
            raise ValueError(f"not registry data: {e!r}") from e


class _Claims(Mapping[str, "LoadedClaim"]):
    """The claims of a registry read back from the cache, each rebuilt from its plain row
    when first used: a one-file check touches a few claims of a large registry, and
    rebuilding every claim of 1,000 took 30 ms of each such run."""

    def __init__(self, rows: dict[str, list[Any]]) -> None:
        self._rows = rows
        self._live: dict[str, LoadedClaim] = {}

    def __getitem__(self, claim_id: str) -> LoadedClaim:
        got = self._live.get(claim_id)
        if got is None:
            row = self._rows[claim_id]
            got = LoadedClaim(_unplain(Claim, row[0]), _unplain(grammar.Figure, row[1]), *row[2:])
            self._live[claim_id] = got
        return got

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


# the dataclass of the items of a tuple field, for the fields whose items are dataclasses
_ITEMS: dict[str, type] = {"sources": ClaimSource, "excerpts": Excerpt}
_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    got = _NAMES.get(cls)
    if got is None:
        got = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return got


def _plain(obj: Any) -> list[Any]:
    """A dataclass as the list of its fields' values (tuples as lists, items likewise)."""
    out: list[Any] = []
    for name in _names(type(obj)):
        v = getattr(obj, name)
        if isinstance(v, tuple | list):
            v = [_plain(x) if name in _ITEMS else list(x) if isinstance(x, tuple) else x for x in v]
        out.append(v)
    return out


def _unplain(cls: type, row: list[Any]) -> Any:
    """The dataclass `_plain` gave `row` for. Frozen dataclasses without slots are filled
    through their `__dict__` (what `__init__` would store, without a `setattr` per field:
    this is what a warm run pays for every claim)."""
    names = _names(cls)
    if len(row) != len(names):
        raise TypeError(f"{cls.__name__} needs {len(names)} values, got {len(row)}")
    values = list(row)
    for i, v in enumerate(values):
        if v.__class__ is list:
            name = names[i]
            if name in _ITEMS:
                values[i] = tuple(_unplain(_ITEMS[name], x) for x in v)
            elif cls is Finding:  # `related`: a list of (path, line, column, end_column)
                values[i] = [tuple(x) for x in v]
            else:
                values[i] = tuple(v)
    if cls is Finding:
        return cls(*values)
    obj = object.__new__(cls)
    obj.__dict__.update(zip(names, values, strict=True))
    return obj


# ---------------------------------------------------------------- files


def yaml_files(folder: Path | None) -> list[str]:
    """The YAML files under `folder` in os.walk's order (a folder's files, sorted, then
    its subfolders, sorted; hidden folders skipped)."""
    out: list[str] = []
    pending = [str(folder)] if folder is not None and folder.is_dir() else []
    while pending:
        where = pending.pop()
        try:
            entries = sorted(os.scandir(where), key=lambda e: e.name)
        except OSError:
            continue
        subfolders = []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not e.name.startswith("."):
                    subfolders.append(e.path)
            elif e.name.endswith((".yaml", ".yml")):
                out.append(e.path)
        pending.extend(reversed(subfolders))
    return out


def _read(path: str) -> bytes:
    """A registry file's bytes: regular files only (a FIFO would block, a device never
    end), at most MAX_FILE_BYTES whatever the size the file system reports."""
    return read_document(path, MAX_FILE_BYTES)


def _files(claims_dir: Path | None, sources_dir: Path | None) -> list[str]:
    return [*yaml_files(sources_dir), *yaml_files(claims_dir)]


def _hasher(root: Path | None) -> Any:
    h = blake2b(digest_size=20)
    h.update(f"mesacheck-registry\0{root or Path.cwd()}\0".encode())
    return h


def digest(claims_dir: Path | None, sources_dir: Path | None, root: Path | None = None) -> str:
    """A digest of the registry files' paths and bytes (and of `root`, which the paths
    in findings are relative to): equal to `load(...).digest`, without parsing."""
    h = _hasher(root)
    for path in _files(claims_dir, sources_dir):
        try:
            data = _read(path)
        except OSError as e:
            data = f"?{e.strerror}".encode()
        h.update(f"{path}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def load(claims_dir: Path | None, sources_dir: Path | None, root: Path | None = None) -> Registry:
    """Load and validate a registry; problems are collected, never raised."""
    root = root or Path.cwd()
    reg = Registry()
    # a pinned claim's `scope` is relative to the folder that holds the claims folder
    base = (claims_dir if claims_dir is not None else root / "claims").absolute().parent
    h = _hasher(root)
    for path in _files(claims_dir, sources_dir):
        try:
            shown = os.path.relpath(path, root)
        except ValueError:  # pragma: no cover - other drive on Windows
            shown = path
        reg.files.append(shown)
        try:
            data = _read(path)
        except OSError as e:
            h.update(f"{path}\0{len(data := f'?{e.strerror}'.encode())}\0".encode() + data)
            reg.problems.append(_problem("MC101", shown, 1, f"cannot read: {e.strerror}"))
            reg.load_failed = True
            continue
        h.update(f"{path}\0{len(data)}\0".encode() + data)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            reg.problems.append(_problem("MC101", shown, 1, f"not UTF-8 text ({e.reason})"))
            reg.load_failed = True
            continue
        got = read_file(text, shown)
        reg.problems.extend(got.problems)
        reg.load_failed |= got.failed
        for src, node in got.sources:
            _add_source(reg, src, node, shown)
        for claim, node in got.claims:
            _add_claim(reg, claim, node, shown, base)
    reg.digest = h.hexdigest()
    _derive(reg)
    return reg


def _problem(code: str, path: str, line: int, message: str, claim: str | None = None) -> Finding:
    return Finding.at_line(code, path, line, claim=claim, expected=None, message=message)


def _add_source(reg: Registry, src: Source, node: Any, shown: str) -> None:
    if src.id in reg.sources:
        first = reg.sources[src.id]
        reg.problems.append(
            _problem(
                "MC104",
                shown,
                node.key_lines.get("id", node.line),
                f"source id `{src.id}` is already defined at {first.path}:{first.line}",
            )
        )
        return
    reg.sources[src.id] = LoadedSource(src, shown, node.line)


def _add_claim(reg: Registry, claim: Claim, node: Any, shown: str, base: Path) -> None:
    line = node.line
    value_line = node.key_lines.get("value", line)
    try:
        parsed = grammar.parse_value(claim.value)
    except grammar.ValueError_ as e:
        reg.problems.append(
            _problem("MC101", shown, value_line, f"claim `{claim.id}`: {e}", claim.id)
        )
        reg.load_failed = True
        return
    if claim.id in reg.claims:
        first = reg.claims[claim.id]
        reg.problems.append(
            _problem(
                "MC104",
                shown,
                node.key_lines.get("id", line),
                f"claim id `{claim.id}` is already defined at {first.path}:{first.line}",
                claim.id,
            )
        )
        return
    entries = node.get("sources") or []
    lines = [(e.line, e.key_lines.get("quote", e.line)) for e in entries if isinstance(e, dict)]
    reg.claims[claim.id] = LoadedClaim(
        claim,
        parsed,
        shown,
        line,
        value_line,
        [a for a, _ in lines],
        [b for _, b in lines],
        node.key_lines.get("formula", line),
        pinned_to=pinned_path(claim.scope, base) if claim.scope else "",
    )


def pinned_path(scope: str, base: Path) -> str:
    """A pinned claim's article as an absolute, normalised path (see mesacheck.pin)."""
    return os.path.normpath(os.path.join(base, scope))


def _derive(reg: Registry) -> None:
    """Compute every derived claim's formula over the other claims' values.

    A formula's evaluation is a generator that asks for the claims it uses one by one;
    a claim that is itself derived is computed first, on an explicit stack (a chain of
    derived claims of any length needs no recursion). What each claim ends with — its
    value, or why it cannot be computed — is what evaluating the formulas one inside the
    other would give.
    """
    state: dict[str, str] = {}
    for top in reg.claims.values():
        if not top.claim.formula or state.get(top.claim.id) == "done":
            continue
        state[top.claim.id] = "busy"
        stack = [(top, formula.steps(top.claim.formula))]
        sent: float | None = None
        failed: str | None = None
        while stack:
            lc, gen = stack[-1]
            if failed is None:
                try:
                    need = gen.send(sent)
                except StopIteration as stop:
                    lc.computed = stop.value
                except formula.FormulaError as e:
                    lc.formula_error = str(e)
                else:
                    sent, failed, dep = _value_of(reg, state, need)
                    if dep is not None:
                        state[dep.claim.id] = "busy"
                        stack.append((dep, formula.steps(dep.claim.formula or "")))
                        sent = None
                    continue
            else:
                lc.formula_error = failed
                gen.close()
            # this claim is done: its caller (if any) gets its value, or fails
            state[lc.claim.id] = "done"
            stack.pop()
            sent, failed = lc.computed, None
            if lc.computed is None:
                failed = f"`{lc.claim.id}` cannot be computed"


def _value_of(
    reg: Registry, state: dict[str, str], cid: str
) -> tuple[float | None, str | None, LoadedClaim | None]:
    """A claim a formula uses: (its value, None, None); (None, why, None) when it cannot
    be used; (None, None, the claim) when it is derived and must be computed first."""
    lc = reg.claims.get(cid)
    if lc is None:
        return None, f"`{cid}` is not a claim in the registry", None
    if len(lc.parsed.values) != 1:
        return None, f"`{cid}` is {lc.claim.value}, not a single value", None
    if not lc.claim.formula:
        return lc.parsed.values[0], None, None
    got = state.get(cid)
    if got == "busy":
        return None, f"`{cid}` is defined in terms of itself", None
    if got == "done":
        if lc.computed is None:
            return None, f"`{cid}` cannot be computed", None
        return lc.computed, None, None
    return None, None, lc
