"""Writing files atomically, and the cache's pickles.

mesacheck writes a user's files only when a command asks it to (a baseline, harvested
drafts) and its own cache; every write goes through a temporary file in the same folder
and os.replace, so a reader (or a second mesacheck) never sees half a file.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from pathlib import Path
from typing import Any

from mesacheck import __version__

try:  # BLAKE2 alone: importing hashlib also loads OpenSSL, ~4 ms of every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b

__all__ = [
    "CACHE_FORMAT",
    "blake2b",
    "load_pickle",
    "save_bytes",
    "save_pickle",
    "write_bytes",
    "write_text",
]

# part of every cache key: bump it when what the cache pickles changes shape, so that an
# upgraded mesacheck never reads an older cache's objects
CACHE_FORMAT = f"{__version__}/6"


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically; an existing file keeps its permissions."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = _mkstemp(folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def load_pickle(path: Path) -> Any | None:
    """A cached object, or None when it is missing or unreadable (a cache never fails)."""
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None


def save_pickle(path: Path, obj: Any) -> None:
    """Store a cached object; a cache that cannot be written is skipped silently."""
    save_bytes(path, pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL))


def save_bytes(path: Path, data: bytes) -> None:
    """Store a cache entry atomically; one that cannot be written is skipped silently."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _mkstemp(path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _mkstemp(folder: Path, prefix: str | None = None) -> tuple[int, str]:
    import tempfile  # writes are rare; reads (the cache) are not

    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
