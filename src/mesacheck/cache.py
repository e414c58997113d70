"""The cache: the one module that owns every key and every entry on disk.

What a key holds: the namespace of the entry, a digest of mesacheck's own code (every
module of the package, so that a changed rule, grammar or an upgrade never answers with
an older program's results), and what the caller says decides the entry (a file's bytes,
the settings that shape extraction, the registry's digest, the configuration).

What an entry holds: plain data only — None, bools, numbers, strings, bytes, tuples,
lists, dicts, sets — written with `marshal`, whose loading builds values and never runs
code (unlike pickle). Every entry starts with a MAC (keyed BLAKE2b) under a per-user key
kept outside the repository (`$XDG_CACHE_HOME/mesacheck/secret`, else
`~/.cache/mesacheck/secret`): an entry this user's mesacheck did not write — committed to a
repository, copied from another machine, truncated, corrupted — fails the check and is
ignored, then rebuilt. The cache never follows a symbolic link: a cache folder, subfolder
or entry that is a link is not read, written through or pruned.

A cache never fails a run: anything that goes wrong reading or writing it is a miss.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
from pathlib import Path
from typing import Any

from mesacheck import atomic

try:  # BLAKE2 alone: importing hashlib (or hmac) also loads OpenSSL, ~4 ms of every start-up
    from _blake2 import blake2b
    from _operator import _compare_digest as compare_digest  # what hmac.compare_digest is
except ImportError:  # pragma: no cover - a Python without these C modules
    from hashlib import blake2b
    from hmac import compare_digest

__all__ = ["Cache", "blake2b", "code_digest", "digest"]

_MAGIC = b"MC\x01"
_MAC_SIZE = 32
_MARSHAL_VERSION = 4
_PACKAGE = Path(__file__).resolve().parent
_code_digest: str | None = None


def digest(*parts: bytes | str, size: int = 20) -> str:
    """A hex digest of `parts`, each length-prefixed so that no two lists collide."""
    h = blake2b(digest_size=size)
    for p in parts:
        data = p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def code_digest() -> str:
    """A digest of every module of the mesacheck package as it is on disk now."""
    global _code_digest
    if _code_digest is None:
        h = blake2b(digest_size=20)
        for root, dirs, names in os.walk(_PACKAGE):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py"):
                    path = os.path.join(root, name)
                    h.update(os.path.relpath(path, _PACKAGE).encode() + b"\0")
                    with open(path, "rb") as fh:
                        h.update(fh.read())
                    h.update(b"\0")
        _code_digest = h.hexdigest()
    return _code_digest


def _secret_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "mesacheck" / "secret"
    home = os.environ.get("HOME") or os.path.expanduser("~")
    if not home or home == "~":
        return None
    return Path(home) / ".cache" / "mesacheck" / "secret"


def _read_secret(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            return None
        data = fh.read(65)
    return data if len(data) == 64 else None


def _secret() -> bytes:
    """This user's cache key: made once, kept outside any repository, readable by the
    user alone. Where none can be kept, a key for this process only (the cache then
    serves this run and is rebuilt by the next)."""
    path = _secret_file()
    if path is None:
        return os.urandom(64)
    got = _read_secret(path)
    if got is not None:
        return got
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
        with os.fdopen(fd, "wb") as fh:
            fh.write(os.urandom(64))
    got = _read_secret(path)  # another process may have won the race: use its key
    return got if got is not None else os.urandom(64)


def _real_folder(path: Path) -> bool:
    """`path` is a folder and no link (lstat: a link is not followed)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


class Cache:
    """Entries under `folder`, one file each: `<namespace>/<key[:2]>/<key>`.

    `folder=None` is a cache that never hits and never writes (`--no-cache`)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder: Path | None = None
        self._key: bytes | None = None
        if folder is None:
            return
        try:
            if os.path.islink(folder):
                return  # a cache folder that is a link is never written through
            folder.mkdir(parents=True, exist_ok=True)
            if not _real_folder(folder):
                return
            ignore = folder / ".gitignore"
            if not os.path.lexists(ignore):
                fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write("# written by mesacheck: a cache, never to be committed\n*\n")
        except OSError:
            return  # a read-only checkout: run without a cache
        self.folder = folder

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, namespace: str, *parts: bytes | str) -> str:
        """The key of an entry: its namespace, mesacheck's code and what decides it."""
        return digest(namespace, code_digest(), *parts)

    def _secret(self) -> bytes:
        if self._key is None:
            self._key = _secret()
        return self._key

    def _mac(self, namespace: str, key: str, payload: bytes) -> bytes:
        h = blake2b(key=self._secret(), digest_size=_MAC_SIZE)
        h.update(f"{namespace}\0{key}\0".encode())
        h.update(payload)
        return h.digest()

    def _place(self, namespace: str, key: str, create: bool) -> Path | None:
        """The entry's file, its folders checked (or made) as real folders, not links."""
        if self.folder is None or not key.isalnum():
            return None
        here = self.folder
        for part in (namespace, key[:2]):
            here = here / part
            if create and not os.path.lexists(here):
                with contextlib.suppress(OSError):
                    here.mkdir()
            if not _real_folder(here):
                return None
        return here / key

    def get(self, namespace: str, key: str) -> Any | None:
        """The value stored under `key`, or None: missing, foreign, corrupt or unreadable."""
        path = self._place(namespace, key, create=False)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    return None
                data = fh.read()
        except OSError:
            return None
        head = len(_MAGIC) + _MAC_SIZE
        if len(data) < head or not data.startswith(_MAGIC):
            return None
        payload = data[head:]
        if not compare_digest(data[len(_MAGIC) : head], self._mac(namespace, key, payload)):
            return None
        try:
            return marshal.loads(payload)
        except (ValueError, EOFError, TypeError):  # pragma: no cover - a MAC'd entry is ours
            return None

    def put(self, namespace: str, key: str, value: Any) -> None:
        """Store `value` (plain data) under `key`, atomically; a failed write is a miss."""
        path = self._place(namespace, key, create=True)
        if path is None:
            return
        try:
            payload = marshal.dumps(value, _MARSHAL_VERSION)
        except ValueError:
            return  # not plain data: nothing is stored rather than something wrong
        data = _MAGIC + self._mac(namespace, key, payload) + payload
        atomic.save_bytes(path, data)

    def prune(self, namespace: str, keep: int) -> None:
        """Keep the `keep` newest entries of a namespace (links are never followed)."""
        if self.folder is None or not _real_folder(self.folder / namespace):
            return
        entries: list[tuple[float, str]] = []
        with contextlib.suppress(OSError):
            for sub in os.scandir(self.folder / namespace):
                if not sub.is_dir(follow_symlinks=False):
                    continue
                for e in os.scandir(sub.path):
                    if e.is_file(follow_symlinks=False):
                        entries.append((e.stat(follow_symlinks=False).st_mtime, e.path))
        entries.sort(reverse=True)
        for _, old in entries[keep:]:
            with contextlib.suppress(OSError):
                os.unlink(old)
