"""File → extraction: read, parse and find the figures (and suppressions) of one file.

This is the expensive, registry-independent part of a run, so it is what the cache keeps
(keyed by the file's bytes and the settings that shape extraction) and what runs in
parallel across cores for many files. Everything here is picklable.
"""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesacheck import atomic, figures, segments, suppress
from mesacheck.figures import DocFigure
from mesacheck.files import Unreadable, read_document
from mesacheck.rules import FIGURE_FEATURES, FILE_TALLIES

if TYPE_CHECKING:
    from mesacheck.resolve import Index, Match

# per figure: (claim id, how it was resolved, an unknown marker's id)
Rows = list[tuple[str | None, str | None, str | None]]

MAX_FILE_BYTES = 20 * 1024 * 1024
_PARALLEL_FROM = 12  # files to extract before a process pool pays for itself


@dataclass(slots=True, frozen=True)
class Settings:
    """What shapes extraction; part of every cache key."""

    front_matter_fields: tuple[str, ...]
    kinds: frozenset[str]
    backend: str

    def salt(self) -> bytes:
        return repr(
            (atomic.CACHE_FORMAT, self.front_matter_fields, sorted(self.kinds), self.backend)
        ).encode()


@dataclass
class Extraction:
    path: str
    figures: list[DocFigure] = field(default_factory=list)
    suppressions: list[suppress.Suppression] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable: str | None = None  # why the file could not be read
    key: str = ""  # the cache key of the file's content and settings
    resolved: Rows | None = None  # set when resolved against a registry (not cached here)
    tallies: dict[str, Counter[str]] | None = None  # the rules' per-file counts


def decode(raw: bytes) -> str:
    """Text as the engine reads it: UTF-8 (BOM dropped), newlines normalised."""
    text = raw.decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def from_bytes(display: str, raw: bytes, settings: Settings) -> Extraction:
    if len(raw) > MAX_FILE_BYTES:
        return Extraction(display, unreadable=f"larger than {MAX_FILE_BYTES // 2**20} MB")
    if b"\x00" in raw[:8192]:
        return Extraction(display, unreadable="binary file")
    try:
        text = decode(raw)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return Extraction(display, unreadable=f"not UTF-8 (line {line}, byte {e.start})")
    doc = segments.parse(display, text, settings.front_matter_fields, settings.backend)
    figs = [
        f for f in figures.extract(doc, dates="date" in settings.kinds) if f.kind in settings.kinds
    ]
    for features in FIGURE_FEATURES:
        for f in figs:
            features(f)
    tallies: dict[str, Counter[str]] = {}
    for tally in FILE_TALLIES:
        tallies.update(tally(figs))
    _share(figs)
    out = Extraction(display, figs, tallies=tallies)
    if doc.comments:
        out.suppressions, out.notes = suppress.parse(doc, [f.line for f in figs])
    return out


def _share(figs: list[DocFigure]) -> None:
    """Equal context strings and feature values of a file's figures made one object.

    Figures of one sentence each built their own copy of it, and their word sets; pickle
    writes an object it has seen once, so shared copies shrink what a worker sends, what
    the parent unpickles and holds, and what the cache stores (13% on the bench corpus).
    """
    seen: dict[Any, Any] = {}
    one = seen.setdefault
    for f in figs:
        f.sentence = one(f.sentence, f.sentence)
        f.row = one(f.row, f.row)
        f.headings = one(f.headings, f.headings)
        f.lead = one(f.lead, f.lead)
        f.features = {
            k: one(v, v) if isinstance(v, str | tuple | frozenset) else v
            for k, v in f.features.items()
        }


class Cache:
    """Extractions on disk, one pickle per (content, settings) digest, like ruff's cache."""

    def __init__(self, folder: Path | None, settings: Settings) -> None:
        self.folder = folder
        self.salt = settings.salt()
        if folder is not None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                ignore = folder / ".gitignore"
                if not ignore.exists():
                    ignore.write_text("# written by mesacheck\n*\n", encoding="utf-8")
            except OSError:
                self.folder = None  # read-only checkout: run without a cache

    def key(self, raw: bytes) -> str:
        return atomic.blake2b(self.salt + raw, digest_size=20).hexdigest()

    def _file(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str, display: str) -> Extraction | None:
        if self.folder is None:
            return None
        got = atomic.load_pickle(self._file(key))
        if not isinstance(got, Extraction):
            return None
        if got.path != display:  # the same text under another name
            got.path = display
            for f in got.figures:
                f.path = display
        return got

    def put(self, key: str, extraction: Extraction) -> None:
        if self.folder is not None:
            atomic.save_pickle(self._file(key), extraction)


class ResolutionCache:
    """Which claim each figure of a file resolved to, keyed by the file's content key and
    the registry's digest: a warm run over unchanged files and registry skips resolution."""

    def __init__(self, cache: Cache | None, registry_digest: str) -> None:
        self.folder = cache.folder / "resolved" if cache and cache.folder else None
        self.digest = registry_digest
        self.salt = cache.salt if cache else b""

    def _file(self, key: str) -> Path | None:
        if self.folder is None or not key or not self.digest:
            return None
        return self.folder / f"{key}-{self.digest[:16]}.pickle"

    def get(self, key: str) -> Rows | None:
        path = self._file(key)
        got = atomic.load_pickle(path) if path is not None else None
        return got if isinstance(got, list) else None

    def put(self, key: str, rows: Rows) -> None:
        path = self._file(key)
        if path is not None:
            atomic.save_pickle(path, rows)

    # By path: after an edit, a file's content key is new, but most of its sentences are
    # not. What its figures resolved to last time, keyed by all that decided it
    # (`resolve.memo_key`), spares resolving them again: a one-file check of an edited
    # page then resolves only the edited sentences.

    def _path_file(self, display: str) -> Path | None:
        if self.folder is None or not self.digest:
            return None
        name = atomic.blake2b(self.salt + display.encode(), digest_size=16).hexdigest()
        return self.folder / "by-path" / f"{name}-{self.digest[:16]}.pickle"

    def earlier(self, display: str) -> dict[tuple, Match]:
        """The matches of the figures this path held when it was last resolved."""
        path = self._path_file(display)
        got = atomic.load_pickle(path) if path is not None else None
        return got if isinstance(got, dict) else {}

    def put_path(self, display: str, figs: list[DocFigure], rows: Rows) -> None:
        path = self._path_file(display)
        if path is not None:
            from mesacheck.resolve import memo_key

            atomic.save_pickle(
                path,
                {
                    memo_key(f): (cid, how, 0.0, unknown)  # the score: read by nothing later
                    for f, (cid, how, unknown) in zip(figs, rows, strict=True)
                },
            )


def resolve_rows(index: Index, figs: list[DocFigure]) -> Rows:
    """Which claim each figure quotes, as picklable rows."""
    out: Rows = []
    for f in figs:
        claim_id, how, _score, unknown = index.match(f)
        out.append((claim_id, how, unknown))
    return out


_INDEX: Index | None = None  # a worker's copy of the registry's index


# A run allocates millions of small objects that live until it ends; the collector's
# default (a pass every 700 allocations) spent ~15% of a serial run's CPU on the bench
# corpus looking for cycles among them. Collections stay on, just far less often.
GC_THRESHOLDS = (100_000, 50, 1000)


def _init_worker(index: Index | None) -> None:
    global _INDEX
    _INDEX = index
    gc.set_threshold(*GC_THRESHOLDS)


def _analyse(display: str, raw: bytes, settings: Settings, index: Index | None) -> Extraction:
    """Extract a file's figures and, given an index, resolve them."""
    got = from_bytes(display, raw, settings)
    if index is not None and got.unreadable is None:
        got.resolved = resolve_rows(index, got.figures)
    return got


def _work(job: tuple[str, str, Settings]) -> Extraction:
    path, display, settings = job
    try:
        raw = read_document(path, MAX_FILE_BYTES)
    except Unreadable as e:
        return Extraction(display, unreadable=str(e))
    except OSError as e:
        return Extraction(display, unreadable=f"cannot read: {e.strerror}")
    return _analyse(display, raw, settings, _INDEX)


@dataclass(slots=True)
class Input:
    """One file as read: its bytes and cache key, or why it could not be read."""

    path: Path
    display: str
    raw: bytes = b""
    key: str = ""
    unreadable: str | None = None


def read_all(files: list[tuple[Path, str]], cache: Cache | None) -> list[Input]:
    """Read every file (path, display) once and key its content for the caches."""
    out: list[Input] = []
    for path, display in files:
        try:
            raw = read_document(path, MAX_FILE_BYTES)  # regular files only, bounded
        except Unreadable as e:
            out.append(Input(path, display, unreadable=str(e)))
            continue
        except OSError as e:
            out.append(Input(path, display, unreadable=f"cannot read: {e.strerror}"))
            continue
        out.append(Input(path, display, raw, cache.key(raw) if cache else ""))
    return out


def extract_all(
    inputs: list[Input],
    settings: Settings,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    index: Index | None = None,
    known: ResolutionCache | None = None,
) -> Iterator[Extraction]:
    """Extractions of the files read, in order: cached, else computed — across processes
    when there are many. With an `index`, each also carries its figures' resolutions
    (from `known` when cached there, else resolved with the extraction)."""
    results: list[Extraction | None] = [None] * len(inputs)
    todo: list[tuple[int, str, bytes | None]] = []
    for i, got in enumerate(inputs):
        if got.unreadable is not None:
            results[i] = Extraction(got.display, unreadable=got.unreadable)
            continue
        key, display = got.key, got.display
        hit = cache.get(key, display) if cache else None
        if hit is not None:
            hit.key = key
            if index is not None:
                rows = known.get(key) if known else None
                if rows is None or len(rows) != len(hit.figures):
                    rows = resolve_rows(index, hit.figures)
                    if known:
                        known.put(key, rows)
                hit.resolved = rows
            results[i] = hit
        else:
            todo.append((i, key, got.raw))
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    done = len(inputs) - len(todo)

    def finish(i: int, key: str, got: Extraction) -> None:
        nonlocal done
        results[i] = got
        got.key = key
        if cache and got.unreadable is None:
            rows, got.resolved = got.resolved, None  # the extraction cache is registry-free
            cache.put(key, got)
            got.resolved = rows
            if known and rows is not None:
                known.put(key, rows)
                known.put_path(got.path, got.figures, rows)
        done += 1
        if progress:
            progress(done, len(inputs))

    if len(todo) >= _PARALLEL_FROM and workers > 1 and sys.platform != "win32":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # forkserver, not fork: a child forked from a parent that already used the Rust
        # parser ran slower than one process here; a clean server process does not
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["mesacheck.extract", "mesacheck.resolve", "rapidfuzz.fuzz"])
        # a worker reads its file again (from the page cache): cheaper than sending the
        # bytes the parent read for the cache key through a pipe
        jobs_ = [(str(inputs[i].path), inputs[i].display, settings) for i, _, _ in todo]
        chunk = max(1, min(16, len(jobs_) // (workers * 4)))
        try:
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(index,)
            ) as pool:
                for (i, key, _), got in zip(
                    todo, pool.map(_work, jobs_, chunksize=chunk), strict=True
                ):
                    finish(i, key, got)
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here (an embedded interpreter): the rest in-process
    for i, key, raw in todo:
        if results[i] is None:
            if index is not None and known:
                index.remember(known.earlier(inputs[i].display))
            finish(i, key, _analyse(inputs[i].display, raw or b"", settings, index))
    for r in results:
        assert r is not None
        yield r
