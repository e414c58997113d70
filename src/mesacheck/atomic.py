"""Writing files atomically.

mesacheck writes a user's files only when a command asks it to (a baseline, harvested
drafts) and its own cache (`cache.py`); every write goes through a temporary file in the same folder
and os.replace, so a reader (or a second mesacheck) never sees half a file.

A write keeps what it replaces: the bytes given are written as given (no newline is
translated), `write_text` writes the line endings of the file it replaces (text read with
Python's universal newlines has lost them), the file keeps its permissions, and a
symlink stays a symlink: its target is written, by a temporary file in the target's
folder, as `cat > link` would, rather than the link being replaced by a regular file.
A device or a pipe (`/dev/null`, a FIFO) is written into, never replaced.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "newline_of",
    "save_bytes",
    "target",
    "write_bytes",
    "write_text",
]


def target(path: Path) -> Path:
    """The file a write to `path` changes: a symlink's final target, else `path` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def write_bytes(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Replace `path` (through a symlink: its target) with `data` atomically; an existing
    file keeps its permissions. `data` may be chunks, written as they come (a large
    report is never held whole in memory)."""
    path = target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        st = path.stat()
        mode = st.st_mode & 0o777
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            # a device or a pipe (`--output-file /dev/null`, `/dev/stdout`, a FIFO) is
            # written into: replacing it would put a regular file where the device was
            _write_into(path, data)
            return
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = _mkstemp(folder, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, bytes):
                fh.write(data)
            else:
                for chunk in data:
                    fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_into(path: Path, data: bytes | Iterable[bytes]) -> None:
    with open(path, "wb") as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            for chunk in data:
                fh.write(chunk)


def write_text(path: Path, text: str, newline: str | None = None) -> None:
    """Write `text` as UTF-8 with `newline` for each "\\n"; by default, the line ending of
    the file it replaces ("\\r\\n" when that file's first line ends so), unless `text`
    holds a "\\r" already and is therefore written as given."""
    if newline is None:
        newline = "\n" if "\r" in text else newline_of(target(path))
    if newline != "\n":
        text = text.replace("\n", newline)
    write_bytes(path, text.encode("utf-8"))


def newline_of(path: Path) -> str:
    """The line ending of a file's first line ("\\n" when there is no file or no line)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return "\n"
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return "\n"
    end = head.find(b"\n")
    return "\r\n" if end > 0 and head[end - 1 : end] == b"\r" else "\n"


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
