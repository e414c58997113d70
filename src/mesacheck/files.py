"""Which files to check: Markdown files named on the command line or found below folders.

Excludes hold for files found in folders; a file named explicitly is checked even when an
exclude matches it, unless `force_exclude` is set (pre-commit names every staged file, so
a hook needs `--force-exclude` for the project's excludes to hold). Files that git
ignores are skipped when the folder is in a git work tree (`respect_gitignore`).
"""

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


def discover(
    paths: list[str],
    exclude: list[str] | None = None,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> tuple[list[Path], list[str]]:
    """Markdown files under `paths` (in order, unique) and the paths that do not exist."""
    exclude = exclude or []
    found: list[Path] = []
    walked: list[Path] = []
    walked_from: dict[Path, Path] = {}  # file -> the folder it was found under
    missing: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_file():
            if not (force_exclude and excluded(path, exclude)):
                found.append(path)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(
                    d
                    for d in dirs
                    if d not in _SKIP_DIRS
                    and not d.startswith(".")
                    and not excluded(Path(root) / d, exclude)
                )
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() in MARKDOWN_SUFFIXES and not excluded(fp, exclude):
                        walked.append(fp)
                        walked_from[fp] = path
        else:
            missing.append(p)
    if respect_gitignore and walked:
        ignored: set[Path] = set()
        for folder in dict.fromkeys(walked_from.values()):
            ignored |= git_ignored([f for f in walked if walked_from[f] == folder], folder)
        walked = [f for f in walked if f not in ignored]
    seen: set[str] = set()
    unique = []
    for f in found + walked:
        key = os.path.normpath(str(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing


def excluded(path: Path, patterns: list[str]) -> bool:
    """Does a glob match the path, its name, or one of its folders?"""
    s = path.as_posix()
    return any(
        fnmatch.fnmatch(s, pat)
        or fnmatch.fnmatch(path.name, pat)
        or any(fnmatch.fnmatch(part, pat) for part in path.parts)
        for pat in patterns
    )


def git_ignored(files: list[Path], folder: Path) -> set[Path]:
    """The files (found under `folder`) that git ignores; empty outside a work tree."""
    import shutil
    import subprocess  # here: a check of named files never starts git

    if shutil.which("git") is None or not files:
        return set()
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=folder,
            input="\0".join(str(f.resolve()) for f in files) + "\0",
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    by_resolved = {str(f.resolve()): f for f in files}
    return {by_resolved[p] for p in proc.stdout.split("\0") if p in by_resolved}
