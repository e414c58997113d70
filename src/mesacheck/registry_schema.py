"""What a registry file may say: the one definition of a claim and a source, and the
validation of a file's entries (MC101 with file and line).

`Claim`, `ClaimSource`, `Source` and `Excerpt` are plain frozen dataclasses: the run uses
them as they are, and pydantic validates into them (`pydantic.TypeAdapter` over the
dataclass; the markers in their annotations speak pydantic's protocol without importing
it). PyYAML and pydantic are imported only when a file is read, so a run that gets its
registry from a cache imports neither.

The YAML is read by `registry_yaml`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import cache
from typing import Annotated, Any, ClassVar, Literal

from mesacheck.findings import Finding
from mesacheck.registry_yaml import Node, Seq, YamlProblem, read_yaml, what_yaml_did


def _quoted(text: str) -> str:
    """`text` as a JSON (and YAML) double-quoted string, for a message."""
    import json  # messages only: a load without problems never needs it

    return json.dumps(text, ensure_ascii=False)


_FORBID: dict[str, Any] = {"extra": "forbid"}  # pydantic's ConfigDict, as a plain dict


class _Pattern:
    """A pydantic annotation: the string must match `pattern`."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        return {**handler(source), "pattern": self.pattern}


class _Before:
    """A pydantic annotation: `fn` runs on the input before the type is checked."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.fn, handler(source))


def _date_to_str(v: Any) -> Any:
    import datetime  # only when a claim is validated: a warm run never does

    return v.isoformat() if isinstance(v, datetime.date) else v


def _as_of_str(v: Any) -> Any:
    return str(v) if isinstance(v, int) else _date_to_str(v)


def _one_or_many(v: Any) -> Any:
    return [v] if isinstance(v, str) else v


def _value_is_text(v: Any) -> Any:
    if not isinstance(v, str):
        kind = (
            "list" if isinstance(v, list) else "dict" if isinstance(v, dict) else type(v).__name__
        )
        raise ValueError(
            f"value must be a string in figure notation, got {kind} {v!r}: "
            f'quote it, e.g. value: "{v}%" or value: "{v}×"'
        )
    return v


Id = Annotated[str, _Pattern(r"^[a-z0-9][a-z0-9.\-]*$")]


@dataclass(frozen=True)
class ClaimSource:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    source: str | None = None  # a source id; a draft may have only the `url` of a link
    quote: str | None = None
    locator: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Claim:
    """One claim as written in `claims/` (see DESIGN.md, Files)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    id: Id
    statement: str
    value: Annotated[str, _Before(_value_is_text)]
    subject: Annotated[tuple[str, ...], _Before(_one_or_many)] = ()
    metric: str | None = None
    sources: tuple[ClaimSource, ...] = ()
    as_of: Annotated[str | None, _Before(_as_of_str)] = None
    tolerance: str = "rounding"
    status: Literal["active", "disputed", "deprecated", "superseded", "draft"] = "active"
    superseded_by: str | None = None
    formula: str | None = None
    notes: str | None = None
    # a pinned claim (what `harvest` drafts): quoted only by the figure of the article
    # `scope` whose words are nearest `anchor` (see mesacheck.pin)
    scope: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Excerpt:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    quote: str
    locator: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Source:
    """One source as written in `sources/`."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID
    id: Id
    title: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    url: str | None = None
    kind: str | None = None
    published: Annotated[str | None, _Before(_date_to_str)] = None
    excerpts: tuple[Excerpt, ...] = ()
    notes: str | None = None


# ---------------------------------------------------------------- a file, validated


@dataclass
class FileEntries:
    """What one registry file holds: valid entries with their YAML mappings (for lines),
    and the problems of the rest (MC101). `failed`: something was not loaded."""

    sources: list[tuple[Source, Node]]
    claims: list[tuple[Claim, Node]]
    problems: list[Finding]
    failed: bool = False


def _problem(path: str, line: int, message: str, claim: str | None = None) -> Finding:
    return Finding.at_line("MC101", path, line, claim=claim, expected=None, message=message)


def read_file(text: str, display: str) -> FileEntries:
    """Parse and validate one registry file; problems are collected, never raised."""
    import yaml

    out = FileEntries([], [], [])
    try:
        data = read_yaml(text)
    except YamlProblem as e:
        out.problems.extend(_problem(display, line, msg) for line, msg in e.problems)
        out.failed = True
        return out
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
        out.problems.append(_problem(display, line, f"YAML does not parse: {what}"))
        out.failed = True
        return out
    if data is None:
        return out
    if not isinstance(data, Node):
        line = data.line if isinstance(data, Seq) else 1
        out.problems.append(
            _problem(display, line, "expected a mapping with a `claims:` or `sources:` list")
        )
        out.failed = True
        return out
    for k in data:
        if k not in ("claims", "sources"):
            out.problems.append(
                _problem(
                    display,
                    data.key_lines.get(k, 1),
                    f"unknown top-level key `{k}` (expected `claims:` or `sources:`)",
                )
            )
            out.failed = True
    for key, cls, what, into in (
        ("sources", Source, "source", out.sources),
        ("claims", Claim, "claim", out.claims),
    ):
        entries = data.get(key)
        if entries is None:
            continue
        if not isinstance(entries, Seq):
            got = what_yaml_did(data.raw.get(key), entries) or f"got {_kind(entries)}"
            out.problems.append(
                _problem(
                    display,
                    data.key_lines[key],
                    f"`{key}:` must be a list of {what}s (each starting with `- id:`); {got}",
                )
            )
            out.failed = True
            continue
        for i, entry in enumerate(entries):
            valid = _validate(
                cls, entry, entries.item_lines[i], entries.raw.get(i), what, display, out
            )
            if valid is not None:
                into.append((valid, entry))  # type: ignore[arg-type]
    return out


def _kind(v: Any) -> str:
    if isinstance(v, dict):
        return "a mapping"
    if isinstance(v, str):
        return f"the text {_quoted(v)}"
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f"the number {v!r}"
    return f"{type(v).__name__} {v!r}"


def _validate(
    cls: type,
    entry: Any,
    line: int,
    raw: tuple[str, str] | None,
    what: str,
    display: str,
    out: FileEntries,
) -> Any:
    if not isinstance(entry, Node):
        got = what_yaml_did(raw, entry) or f"got {_kind(entry)}"
        out.problems.append(
            _problem(
                display, line, f"each {what} must be a mapping (`- id: …` with its fields); {got}"
            )
        )
        out.failed = True
        return None
    from pydantic import ValidationError

    try:
        return _adapter(cls).validate_python(entry)
    except ValidationError as e:
        ident = entry.get("id") if isinstance(entry.get("id"), str) else None
        for err in e.errors():
            loc = tuple(err["loc"])
            line, container, last = _located(entry, loc)
            where = ".".join(str(p) for p in loc) or what
            did = None
            if container is not None and last in container.raw:
                did = what_yaml_did(container.raw[last], container[last])
            if err["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
                allowed = ", ".join(f.name for f in fields(_owner(cls, loc)))
                msg = f"unknown field `{where}` in {what} (allowed: {allowed})"
            elif err["type"] in ("missing", "missing_argument"):
                msg = f"{what} is missing required field `{where}`"
            elif did is not None:
                text = container.raw[last][0]
                quoted = _quoted(text)
                fix = f"write {last}: {quoted}" if isinstance(last, str) else f"write {quoted}"
                if container.raw[last][1].endswith(":str"):
                    msg = f"{what} field `{where}`: {did}"
                elif container.raw[last][1].endswith(":null"):
                    msg = f"{what} field `{where}` has no value ({did})"
                else:
                    msg = f"{what} field `{where}`: {did}, not as text: {fix} (in quotes)"
            else:
                detail = (
                    "Input should be a valid list" if err["type"] == "tuple_type" else err["msg"]
                )
                msg = f"{what} field `{where}`: {detail}"
            out.problems.append(_problem(display, line, msg, ident))
        out.failed = True
        return None


@cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def _owner(cls: type, loc: tuple[Any, ...]) -> type:
    """The dataclass an error's location is in (`sources.0.x` is in a ClaimSource)."""
    nested = {("Claim", "sources"): ClaimSource, ("Source", "excerpts"): Excerpt}
    if len(loc) > 2 and isinstance(loc[1], int):
        return nested.get((cls.__name__, loc[0]), cls)
    return cls


def _located(entry: Node, loc: tuple[Any, ...]) -> tuple[int, Node | Seq | None, Any]:
    """The line of the field a validation error points at, its mapping or list, and its
    key or index there."""
    node: Any = entry
    line = entry.line
    container: Node | Seq | None = None
    last: Any = None
    for part in loc:
        if isinstance(node, Node):
            line = node.key_lines.get(part, node.line)
            container, last = node, part
            node = node.get(part)
        elif isinstance(node, Seq) and isinstance(part, int) and part < len(node):
            line = node.item_lines[part]
            container, last = node, part
            node = node[part]
            if isinstance(node, Node):
                line = node.line
        else:
            break
    return line, container, last
