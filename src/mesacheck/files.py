"""Which files to check: Markdown files named on the command line or found below folders."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".mesacheck_cache",
    ".tox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
}


def discover(paths: list[str], exclude: list[str] | None = None) -> tuple[list[Path], list[str]]:
    """Markdown files under `paths` (sorted, unique) and the paths that do not exist."""
    exclude = exclude or []
    found: list[Path] = []
    missing: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_file():
            if not _excluded(path, exclude):
                found.append(path)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in MARKDOWN_SUFFIXES and not _excluded(fp, exclude):
                        found.append(fp)
        else:
            missing.append(p)
    seen: set[str] = set()
    unique = []
    for f in found:
        key = os.path.normpath(str(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def _excluded(path: Path, patterns: list[str]) -> bool:
    s = path.as_posix()
    return any(
        fnmatch.fnmatch(s, pat)
        or fnmatch.fnmatch(path.name, pat)
        or any(fnmatch.fnmatch(part, pat) for part in path.parts)
        for pat in patterns
    )
