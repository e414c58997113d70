"""Which files to check: Markdown files named on the command line or found below folders.

Excludes hold for files found in folders; a file named explicitly is checked even when an
exclude matches it, unless `force_exclude` is set (pre-commit names every staged file, so
a hook needs `--force-exclude` for the project's excludes to hold). Files that git
ignores are skipped when the folder is in a git work tree (`respect_gitignore`).

`read_document` is the one way a document or registry file is read: regular files only,
and never more than a bound, whatever the file claims its size is.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from pathlib import Path

# the most a document or registry file may hold (as extract.MAX_FILE_BYTES)
MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class Unreadable(OSError):
    """A file mesacheck will not read; `str(e)` and `e.strerror` say why, for a person."""

    def __init__(self, why: str) -> None:
        super().__init__(errno.EINVAL, why)

    def __str__(self) -> str:
        return str(self.strerror)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "of an unknown type")
    return f"not a regular file: {kind}"


def read_document(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file `path` (a symlink is followed to a regular file only).

    Raises `Unreadable` for a FIFO, device, socket or folder (without ever blocking: the
    type is checked before opening, the file is opened non-blocking and checked again on
    the open descriptor, so a file swapped in between cannot hang the run) and for a file
    of more than `limit` bytes; any other `OSError` as the system gave it. At most
    `limit + 1` bytes are read, so the bound holds when `st_size` lies (`/proc` files say
    0, and so would a file that grows while it is read).
    """
    why = _not_regular(os.stat(path).st_mode)
    if why:
        raise Unreadable(why)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        why = _not_regular(st.st_mode)
        if why:
            raise Unreadable(why)
        if st.st_size > limit:
            raise Unreadable(_too_large(limit))
        chunks: list[bytes] = []
        total = 0
        want = st.st_size + 1 if st.st_size else _CHUNK  # one read, and one to see the end
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = _CHUNK
    finally:
        os.close(fd)
    if total > limit:
        raise Unreadable(_too_large(limit))
    return b"".join(chunks)  # one chunk (the usual case) is returned without a copy


def _too_large(limit: int) -> str:
    return f"larger than {limit // 2**20} MB" if limit >= 2**20 else f"larger than {limit} bytes"


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
        if path.is_dir():
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
        elif os.path.lexists(path):  # a file named, of any type: reading it says what is wrong
            if not (force_exclude and excluded(path, exclude)):
                found.append(path)
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


# Git reads the configuration of the repository it runs in, and a scanned folder may hold
# a repository nobody trusted (an unpacked archive, a fork's fixture): its `.git/config`
# must not run a program. `git check-ignore` reads no pager, hook or filter settings
# (stdout is a pipe), but the index it consults can start `core.fsmonitor`: a command
# line `-c` beats every configuration file, so that is switched off, as hooks are in case
# a later git grows one here. Optional locks are off (a linter never writes the index),
# and nothing may prompt.
_GIT = (
    "git",
    "--no-pager",
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.hooksPath=/dev/null",
    "check-ignore",
    "--stdin",
    "-z",
)
_GIT_ENV = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat"}


def git_ignored(files: list[Path], folder: Path) -> set[Path]:
    """The files (found under `folder`) that git ignores; empty outside a work tree."""
    import shutil
    import subprocess  # here: a check of named files never starts git

    if shutil.which("git") is None or not files:
        return set()
    # bytes, not text: a file name need not be UTF-8 (os.fsencode gives its own bytes)
    by_resolved = {os.fsencode(f.resolve()): f for f in files}
    try:
        proc = subprocess.run(
            _GIT,
            cwd=folder,
            input=b"".join(p + b"\0" for p in by_resolved),
            capture_output=True,
            check=False,
            timeout=30,
            env={**os.environ, **_GIT_ENV},
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    return {by_resolved[p] for p in proc.stdout.split(b"\0") if p in by_resolved}
