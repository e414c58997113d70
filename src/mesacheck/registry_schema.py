"""Reading the registry: YAML files → validated pydantic models → runtime records.

Every `*.yaml`/`*.yml` below the two folders is read with PyYAML (its C loader when
present); each mapping remembers the line it came from, so every problem names a file
and a line. A file that does not parse or validate is reported (MC101) and skipped; the
other files still load. Claim values are strings in figure notation, parsed by the same
grammar as documents.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mesacheck import grammar
from mesacheck.files import MAX_BYTES, read_document
from mesacheck.findings import Finding
from mesacheck.registry import (
    ClaimData,
    LoadedClaim,
    LoadedSource,
    Registry,
    SourceData,
    yaml_files,
)

try:  # the C loader is ~4x faster; fall back quietly where libyaml is missing
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

_ID_PATTERN = r"^[a-z0-9][a-z0-9.\-]*$"
LINE_KEY = "__line__"
LINES_KEY = "__lines__"


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A safe loader whose mappings carry the line of each key (1-based)."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    mapping[LINES_KEY] = {
        k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)
    }
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Excerpt(_Model):
    quote: str
    locator: str | None = None
    url: str | None = None


class Source(_Model):
    id: str = Field(pattern=_ID_PATTERN)
    title: str
    authors: list[str] = []
    year: int | None = None
    url: str | None = None
    kind: str | None = None
    published: str | None = None
    excerpts: list[Excerpt] = []
    notes: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _date_to_str(cls, v: Any) -> Any:
        return v.isoformat() if isinstance(v, _dt.date) else v


class ClaimSource(_Model):
    source: str
    quote: str | None = None
    locator: str | None = None
    url: str | None = None


class Claim(_Model):
    id: str = Field(pattern=_ID_PATTERN)
    statement: str
    value: str
    subject: list[str] = []
    metric: str | None = None
    sources: list[ClaimSource] = []
    as_of: str | None = None
    tolerance: str = "rounding"
    status: Literal["active", "disputed", "deprecated", "superseded", "draft"] = "active"
    superseded_by: str | None = None
    formula: str | None = None
    notes: str | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value_is_text(cls, v: Any) -> Any:
        if not isinstance(v, str):
            raise ValueError(
                f"value must be a string in figure notation, got {type(v).__name__} {v!r}: "
                f'quote it, e.g. value: "{v}%" or value: "{v}×"'
            )
        return v

    @field_validator("as_of", mode="before")
    @classmethod
    def _as_of_str(cls, v: Any) -> Any:
        if isinstance(v, _dt.date):
            return v.isoformat()
        return str(v) if isinstance(v, int) else v

    @field_validator("subject", mode="before")
    @classmethod
    def _subject_list(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


def _yaml_files(folder: Path) -> list[Path]:
    return [Path(p) for p, _ in yaml_files(folder)]


def _problem(code: str, path: str, line: int, message: str, claim: str | None = None) -> Finding:
    return Finding.at_line(
        code,
        path,
        line,
        claim=claim,
        expected=None,
        message=message,
    )


def _load_file(path: Path, display: str, reg: Registry) -> dict[str, Any] | None:
    try:
        raw = read_document(path, MAX_BYTES)  # regular files only, bounded
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        reg.problems.append(_problem("MC101", display, 1, f"not UTF-8 text ({e.reason})"))
        return None
    except OSError as e:
        reg.problems.append(_problem("MC101", display, 1, f"cannot read: {e.strerror}"))
        return None
    try:
        data = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as e:
        # the start of the construct (a quoted string, a flow list) is where a writer looks;
        # the place the parser gave up is said in the message
        problem = getattr(e, "problem_mark", None)
        context = getattr(e, "context_mark", None)
        mark = context or problem
        line = mark.line + 1 if mark else 1
        what = getattr(e, "problem", None) or str(e)
        if context is not None and getattr(e, "context", None):
            what = f"{what} ({e.context} that starts here"
            what += f"; noticed at line {problem.line + 1})" if problem else ")"
        reg.problems.append(_problem("MC101", display, line, f"YAML does not parse: {what}"))
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        reg.problems.append(
            _problem("MC101", display, 1, "expected a mapping with a `claims:` or `sources:` list")
        )
        return None
    return data


def _strip(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _strip(v) for k, v in d.items() if k not in (LINE_KEY, LINES_KEY)}
    if isinstance(d, list):
        return [_strip(x) for x in d]
    return d


def _error_line(entry: dict[str, Any], loc: tuple[Any, ...]) -> int:
    """The line of the field a validation error points at."""
    node: Any = entry
    line = entry.get(LINE_KEY, 1)
    for part in loc:
        if isinstance(node, dict):
            line = node.get(LINES_KEY, {}).get(part, node.get(LINE_KEY, line))
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                line = node.get(LINE_KEY, line)
        else:
            break
    return line


def _validate(
    model: type[BaseModel], entry: Any, display: str, what: str, reg: Registry
) -> BaseModel | None:
    if not isinstance(entry, dict):
        reg.problems.append(_problem("MC101", display, 1, f"each {what} must be a mapping"))
        reg.load_failed = True
        return None
    try:
        return model.model_validate(_strip(entry))
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(err["loc"])
            line = _error_line(entry, loc)
            where = ".".join(str(p) for p in loc) or what
            if err["type"] == "extra_forbidden":
                msg = (
                    f"unknown field `{where}` in {what} (allowed: {', '.join(model.model_fields)})"
                )
            elif err["type"] == "missing":
                msg = f"{what} is missing required field `{where}`"
            else:
                msg = f"{what} field `{where}`: {err['msg']}"
            ident = entry.get("id") if isinstance(entry.get("id"), str) else None
            reg.problems.append(_problem("MC101", display, line, msg, ident))
        reg.load_failed = True
        return None


def load_uncached(
    claims_dir: Path | None, sources_dir: Path | None, root: Path | None = None
) -> Registry:
    """Load and validate a registry; problems are collected, never raised."""
    reg = Registry()
    root = root or Path.cwd()

    def display(p: Path) -> str:
        try:
            return os.path.relpath(p, root)
        except ValueError:  # pragma: no cover - other drive on Windows
            return str(p)

    for folder in (sources_dir, claims_dir):
        if folder is None:
            continue
        for path in _yaml_files(folder):
            shown = display(path)
            reg.files.append(shown)
            data = _load_file(path, shown, reg)
            if data is None:
                reg.load_failed = True
                continue
            unexpected = [k for k in data if k not in ("claims", "sources", LINE_KEY, LINES_KEY)]
            for k in unexpected:
                reg.problems.append(
                    _problem(
                        "MC101",
                        shown,
                        data[LINES_KEY].get(k, 1),
                        f"unknown top-level key `{k}` (expected `claims:` or `sources:`)",
                    )
                )
                reg.load_failed = True
            for entry in data.get("sources") or []:
                _add_source(entry, shown, reg)
            for entry in data.get("claims") or []:
                _add_claim(entry, shown, reg)
    return reg


def _add_source(entry: Any, shown: str, reg: Registry) -> None:
    src = _validate(Source, entry, shown, "source", reg)
    if src is None:
        return
    assert isinstance(src, Source)
    line = entry[LINE_KEY]
    if src.id in reg.sources:
        first = reg.sources[src.id]
        reg.problems.append(
            _problem(
                "MC104",
                shown,
                entry[LINES_KEY].get("id", line),
                f"source id `{src.id}` is already defined at {first.path}:{first.line}",
            )
        )
        return
    reg.sources[src.id] = LoadedSource(SourceData.of(src), shown, line)


def _add_claim(entry: Any, shown: str, reg: Registry) -> None:
    claim = _validate(Claim, entry, shown, "claim", reg)
    if claim is None:
        return
    assert isinstance(claim, Claim)
    line = entry[LINE_KEY]
    value_line = entry[LINES_KEY].get("value", line)
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
                entry[LINES_KEY].get("id", line),
                f"claim id `{claim.id}` is already defined at {first.path}:{first.line}",
                claim.id,
            )
        )
        return
    src_entries = [e for e in entry.get("sources") or [] if isinstance(e, dict)]
    reg.claims[claim.id] = LoadedClaim(
        ClaimData.of(claim),
        parsed,
        shown,
        line,
        value_line,
        [e.get(LINE_KEY, line) for e in src_entries],
        [e.get(LINES_KEY, {}).get("quote", e.get(LINE_KEY, line)) for e in src_entries],
    )
