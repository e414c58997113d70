"""Configuration: `[tool.mesacheck]` in pyproject.toml or `.mesacheck.toml`, found upward."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from mesacheck.findings import CODES, OFF_BY_DEFAULT, SEVERITIES

_KEYS = {
    "claims",
    "sources",
    "front-matter-fields",
    "select",
    "ignore",
    "fail-on",
    "severity",
    "exclude",
    "dates",
}


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file and key."""


@dataclass(slots=True)
class Config:
    root: Path
    file: Path | None = None
    claims: Path | None = None
    sources: Path | None = None
    front_matter_fields: tuple[str, ...] = ("description", "summary", "llmSummary")
    select: set[str] = field(default_factory=lambda: set(CODES) - OFF_BY_DEFAULT)
    ignore: set[str] = field(default_factory=set)
    fail_on: str = "warning"
    severity: dict[str, str] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    dates: bool = True


def find_config(start: Path) -> tuple[Path | None, dict]:
    """The nearest `.mesacheck.toml` or pyproject.toml with `[tool.mesacheck]`."""
    for folder in [start, *start.parents]:
        dot = folder / ".mesacheck.toml"
        if dot.is_file():
            return dot, _read(dot)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read(py)
            if "mesacheck" in data.get("tool", {}):
                return py, data
    return None, {}


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML does not parse: {e}") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror}") from None


def _codes(value: object, path: Path, key: str) -> set[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        raise ConfigError(f"{path}: `{key}` must be a list of codes")
    out: set[str] = set()
    for item in items:
        code = str(item).strip().upper()
        matched = {c for c in CODES if c.startswith(code)} if code else set()
        if not matched:
            raise ConfigError(f"{path}: `{key}` has unknown code {item!r}")
        out |= matched
    return out


def load_config(explicit: Path | None = None, cwd: Path | None = None) -> Config:
    cwd = cwd or Path.cwd()
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: configuration file not found")
        data = _read(explicit)
        path: Path | None = explicit
    else:
        path, data = find_config(cwd)
    if path is None:
        cfg = Config(root=cwd)
    else:
        table = (
            data.get("tool", {}).get("mesacheck", data) if path.name == "pyproject.toml" else data
        )
        if path.name != "pyproject.toml" and "tool" in data:
            table = data["tool"].get("mesacheck", {})
        cfg = Config(root=path.parent.resolve(), file=path)
        _apply(cfg, table, path)
    if cfg.claims is None:
        cfg.claims = cfg.root / "claims"
    if cfg.sources is None:
        cfg.sources = cfg.root / "sources"
    return cfg


def _apply(cfg: Config, table: dict, path: Path) -> None:
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(
                f"{path}: unknown key `{key}` in [tool.mesacheck] "
                f"(known: {', '.join(sorted(_KEYS))})"
            )
        if key in ("claims", "sources"):
            setattr(cfg, key, (cfg.root / str(value)).resolve())
        elif key == "front-matter-fields":
            cfg.front_matter_fields = tuple(str(v) for v in value)
        elif key == "select":
            cfg.select = _codes(value, path, key)
        elif key == "ignore":
            cfg.ignore = _codes(value, path, key)
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise ConfigError(f"{path}: `fail-on` must be one of {', '.join(SEVERITIES)}")
            cfg.fail_on = value
        elif key == "severity":
            for code, sev in dict(value).items():
                if code not in CODES or sev not in SEVERITIES:
                    raise ConfigError(
                        f"{path}: `severity.{code} = {sev!r}` is not a known code and severity"
                    )
                cfg.severity[code] = sev
        elif key == "exclude":
            cfg.exclude = [str(v) for v in value]
        elif key == "dates":
            cfg.dates = bool(value)
