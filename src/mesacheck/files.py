"""Which files to check: Markdown files named on the command line or found below folders.

Excludes hold for files found in folders; a file named explicitly is checked even when an
exclude matches it, unless `force_exclude` is set (pre-commit names every staged file, so
a hook needs `--force-exclude` for the project's excludes to hold). Files that git
ignores are skipped when the folder is in a git work tree (`respect_gitignore`). A folder
named that gives no file to check is reported with the reason (`Discovery.empty`).

Patterns are gitignore-style (`excluded`) and relative to a folder: a configuration
file's patterns to its folder (`Glob`), the command line's to the working folder.

`read_document` is the one way a document or registry file is read: regular files only,
and never more than a bound, whatever the file claims its size is.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
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


@dataclass(slots=True)
class Discovery:
    """What `discover_paths` found: the files to check, the paths that do not exist, and
    a warning for each folder that gave nothing to check (saying why)."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)


def discover(
    paths: list[str],
    exclude: list[str] | None = None,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> tuple[list[Path], list[str]]:
    """Markdown files under `paths` (in order, unique) and the paths that do not exist."""
    got = discover_paths(paths, exclude, force_exclude, respect_gitignore)
    return got.files, got.missing


def discover_paths(
    paths: list[str],
    exclude: list[str] | None = None,
    force_exclude: bool = False,
    respect_gitignore: bool = True,
) -> Discovery:
    """`discover`, and why a folder named gave no file (no Markdown in it, all of it
    excluded, or all of it ignored by git), so that a run over nothing is never silent."""
    exclude = exclude or []
    out = Discovery()
    found: list[Path] = []
    walked: list[Path] = []
    walked_from: dict[Path, Path] = {}  # file -> the folder it was found under
    skipped: dict[str, int] = {}  # folder named -> Markdown files or folders excluded
    for p in paths:
        path = Path(p)
        if path.is_dir():
            skipped[p] = 0
            for root, dirs, files in os.walk(path):
                keep = []
                for d in sorted(dirs):
                    if d in _SKIP_DIRS or d.startswith("."):
                        continue
                    if excluded(Path(root) / d, exclude, is_dir=True):
                        skipped[p] += 1
                        continue
                    keep.append(d)
                dirs[:] = keep
                for f in sorted(files):
                    fp = Path(root) / f
                    if fp.suffix.lower() not in MARKDOWN_SUFFIXES:
                        continue
                    if excluded(fp, exclude):
                        skipped[p] += 1
                        continue
                    walked.append(fp)
                    walked_from[fp] = path
        elif os.path.lexists(path):  # a file named, of any type: reading it says what is wrong
            if not (force_exclude and excluded(path, exclude)):
                found.append(path)
        else:
            out.missing.append(p)
    ignored: set[Path] = set()
    if respect_gitignore and walked:
        for folder in dict.fromkeys(walked_from.values()):
            ignored |= git_ignored([f for f in walked if walked_from[f] == folder], folder)
        walked = [f for f in walked if f not in ignored]
    for p, n_skipped in skipped.items():
        folder = Path(p)
        if any(walked_from[f] == folder for f in walked):
            continue
        n_ignored = sum(1 for f in ignored if walked_from[f] == folder)
        if not n_ignored and not n_skipped:
            why = f"no Markdown files ({', '.join(MARKDOWN_SUFFIXES)}) in it"
        else:
            parts = [f"{n_ignored} ignored by git"] if n_ignored else []
            parts += [f"{n_skipped} excluded by the exclude patterns"] if n_skipped else []
            why = "nothing left to check: " + ", ".join(parts)
        out.empty.append(f"{p}: {why}")
    seen: set[str] = set()
    for f in found + walked:
        key = os.path.normpath(str(f))
        if key not in seen:
            seen.add(key)
            out.files.append(f)
    return out


class Glob(str):
    """An exclude or per-file-ignore pattern and the folder it is relative to: the
    configuration file's folder for patterns from a configuration file (so they hold when
    mesacheck runs from a subfolder); a plain `str` pattern is relative to the working
    folder (the command line's)."""

    root: Path | None

    def __new__(cls, text: str, root: Path | None = None) -> Glob:
        obj = super().__new__(cls, text)
        obj.root = root
        return obj

    def __reduce__(self) -> tuple:
        return (Glob, (str(self), self.root))


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> tuple[re.Pattern[str], bool, bool]:
    """A gitignore-style pattern as (regex, anchored, folders only).

    A trailing `/` matches folders only (`examples/`); a pattern with a `/` before its end
    (`docs/drafts`, `/notes`) is anchored at its root folder and matches that path or
    anything below it; one without matches a file or folder of that name at any depth
    (`drafts`, `*.mdx`). `*` and `?` stay within a folder name, `**` crosses folders."""
    dir_only = pattern.endswith("/")
    body = pattern.rstrip("/")
    if body.startswith("./"):
        body = body[2:]
    anchored = "/" in body
    body = body.lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if body.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            close = body.find("]", i + 2)
            if close == -1:
                out.append(re.escape(c))
            else:
                inner = body[i + 1 : close]
                if inner.startswith("!"):
                    inner = "^" + inner[1:]
                out.append("[" + inner.replace("\\", "\\\\") + "]")
                i = close
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out), re.DOTALL), anchored, dir_only


def _parts(path: Path, root: str, cwd: str) -> list[str]:
    """The path's parts relative to `root` when it lies below it, else as given."""
    full = os.path.normpath(os.path.join(cwd, path))
    base = os.path.normpath(os.path.join(cwd, root))
    if full == base:
        return []
    if full.startswith(base.rstrip(os.sep) + os.sep):
        return full[len(base.rstrip(os.sep)) + 1 :].split(os.sep)
    return [p for p in os.path.normpath(path).split(os.sep) if p not in ("", ".")]


def excluded(path: Path, patterns: list[str], is_dir: bool = False) -> bool:
    """Does a gitignore-style pattern match the path or one of its folders? Each pattern
    is relative to its `Glob.root`, or to the working folder for a plain string."""
    if not patterns:
        return False
    cwd = os.getcwd()
    by_root: dict[str, list[str]] = {}
    for pat in patterns:
        root = getattr(pat, "root", None)
        by_root.setdefault(str(root) if root is not None else cwd, []).append(pat)
    for root, pats in by_root.items():
        parts = _parts(path, root, cwd)
        if not parts:
            continue
        last = len(parts) - 1
        for pat in pats:
            regex, anchored, dir_only = _compile(str(pat))
            for i, part in enumerate(parts):
                if dir_only and i == last and not is_dir:
                    break
                target = "/".join(parts[: i + 1]) if anchored else part
                if regex.fullmatch(target):
                    return True
    return False


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
