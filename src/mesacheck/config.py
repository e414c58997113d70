"""Configuration: `[tool.mesacheck]` in pyproject.toml or `.mesacheck.toml`, found upward."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mesacheck.files import Glob
from mesacheck.findings import SEVERITIES
from mesacheck.rules import CODES, OFF_BY_DEFAULT

_KEYS = {
    "claims",
    "sources",
    "front-matter-fields",
    "select",
    "extend-select",
    "ignore",
    "fail-on",
    "severity",
    "include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "per-file-ignores",
    "kinds",
    "dates",
}
KINDS = ("percent", "range", "multiplier", "currency", "change", "count", "proportion", "date")


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
    include: list[str] = field(default_factory=lambda: ["."])  # what `check` checks by default
    exclude: list[str] = field(default_factory=list)
    respect_gitignore: bool = True
    per_file_ignores: dict[str, set[str]] = field(default_factory=dict)
    kinds: set[str] = field(default_factory=lambda: set(KINDS))
    # registry folders named explicitly ("claims" -> where): a missing one is an error
    named: dict[str, str] = field(default_factory=dict)

    @property
    def dates(self) -> bool:
        return "date" in self.kinds

    def describe(self) -> str:
        """The effective settings, as `mesacheck config` prints them (TOML-like)."""
        lines = [
            f"# from {self.file}" if self.file else "# no configuration file found",
            f'claims = "{self.claims}"',
            f'sources = "{self.sources}"',
            f"front-matter-fields = {list(self.front_matter_fields)}",
            f"select = {sorted(self.select)}",
            f"ignore = {sorted(self.ignore)}",
            f'fail-on = "{self.fail_on}"',
            f"include = {self.include}",
            f"exclude = {self.exclude}",
            f"respect-gitignore = {str(self.respect_gitignore).lower()}",
            f"kinds = {sorted(self.kinds)}",
        ]
        lines.append("[severity]")
        lines += [f'{c} = "{s}"' for c, s in sorted(self.severity.items())]
        lines.append("[per-file-ignores]")
        lines += [f'"{g}" = {sorted(c)}' for g, c in sorted(self.per_file_ignores.items())]
        return "\n".join(lines) + "\n"


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
    import tomllib  # only when there is a file to read

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


def _strings(value: object, path: Path, key: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: `{key}` must be a list of strings")
    return list(value)


# --- patterns relative to the configuration file's folder (issue 14) -------------------


def _globs(cfg: Config, value: object, path: Path, key: str) -> list[str]:
    """Exclude patterns (gitignore-style, `files.excluded`) relative to `cfg.root`."""
    return [Glob(v, cfg.root) for v in _strings(value, path, key)]


def check_registry_folders(cfg: Config) -> list[str]:
    """A message for each registry folder named (on the command line or in the
    configuration) that does not exist: a typo must not run as "no registry"."""
    out = []
    for key in ("claims", "sources"):
        folder = getattr(cfg, key)
        if key in cfg.named and folder is not None and not Path(folder).is_dir():
            what = "no such folder" if not Path(folder).exists() else "not a folder"
            out.append(f"{folder}: {what} (the {key} folder named by {cfg.named[key]})")
    return out


# --- end of issue 14 block ----------------------------------------------------------


def _apply(cfg: Config, table: dict, path: Path) -> None:
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(
                f"{path}: unknown key `{key}` in [tool.mesacheck] "
                f"(known: {', '.join(sorted(_KEYS))})"
            )
        if key in ("claims", "sources"):
            setattr(cfg, key, (cfg.root / str(value)).resolve())
            cfg.named[key] = f"`{key}` of {path}"
        elif key == "front-matter-fields":
            cfg.front_matter_fields = tuple(_strings(value, path, key))
        elif key == "select":
            cfg.select = _codes(value, path, key)
        elif key == "extend-select":
            cfg.select |= _codes(value, path, key)
        elif key == "ignore":
            cfg.ignore = _codes(value, path, key)
        elif key == "fail-on":
            if value not in SEVERITIES:
                raise ConfigError(f"{path}: `fail-on` must be one of {', '.join(SEVERITIES)}")
            cfg.fail_on = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: `severity` must be a table of CODE = severity")
            for code, sev in value.items():
                if code not in CODES or sev not in SEVERITIES:
                    raise ConfigError(
                        f"{path}: `severity.{code} = {sev!r}` is not a known code and severity"
                    )
                cfg.severity[code] = sev
        elif key == "include":
            # relative to the configuration file's folder, shown relative to the working one
            cfg.include = [
                os.path.relpath(cfg.root / v) if not Path(v).is_absolute() else v
                for v in _strings(value, path, key)
            ]
        elif key == "exclude":
            cfg.exclude = _globs(cfg, value, path, key)
        elif key == "extend-exclude":
            cfg.exclude = cfg.exclude + _globs(cfg, value, path, key)
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: `respect-gitignore` must be true or false")
            cfg.respect_gitignore = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: `per-file-ignores` must be a table of glob = codes")
            cfg.per_file_ignores = {
                Glob(str(glob), cfg.root): _codes(codes, path, f"per-file-ignores.{glob}")
                for glob, codes in value.items()
            }
        elif key == "kinds":
            kinds = set(_strings(value, path, key))
            unknown = kinds - set(KINDS)
            if unknown:
                raise ConfigError(
                    f"{path}: `kinds` has unknown kind(s) {sorted(unknown)} "
                    f"(known: {', '.join(KINDS)})"
                )
            cfg.kinds = kinds
        elif key == "dates":
            if not isinstance(value, bool):
                raise ConfigError(f"{path}: `dates` must be true or false")
            cfg.kinds = cfg.kinds | {"date"} if value else cfg.kinds - {"date"}
