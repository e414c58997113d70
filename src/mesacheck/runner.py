"""The runner: the one place that decides where and when files are worked on.

It reads each file once, answers from the cache what the cache has, sends the rest to
worker processes when there are many (one process for a few: a pool costs more than it
saves), keeps each file's failure to that file, and hands results back in file order as
they come, so that a caller never has to hold every file's result at once.

What is done to a file is a `Job`: a picklable object whose `__call__(display, raw)`
returns that file's result. The computation lives in `pipeline`; caching, processes
and memory tuning live here, beside it and not inside it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from mesacheck.cache import Cache
from mesacheck.files import MAX_BYTES, Unreadable, read_document

_PARALLEL_FROM = 12  # files to analyse before a process pool pays for itself
MAX_READ = MAX_BYTES  # what is read of one file at most

# A run allocates many small objects that live until it ends; the collector's default (a
# pass every 700 allocations) spent ~15% of a serial run's CPU on the bench corpus
# looking for cycles among them. In workers, collections stay on, just far less often;
# the parent pauses the collector for the run (`collector_paused`).
GC_THRESHOLDS = (100_000, 50, 1000)

Progress = Callable[[int, int], None]


class Job(Protocol):
    """What is done to one file; picklable, since it goes to every worker."""

    namespace: str  # the cache's namespace for its results ("" : not cached)

    def __call__(self, display: str, raw: bytes) -> Any: ...

    def failed(self, display: str, why: str) -> Any: ...

    def plain(self, result: Any) -> Any: ...

    def from_plain(self, data: Any) -> Any: ...


@dataclass(slots=True)
class Input:
    """One file as read: its cache key and (for a few files) its bytes, or why it could
    not be read."""

    path: Path
    display: str
    key: str = ""
    raw: bytes | None = None  # None: read again where it is analysed
    unreadable: str | None = None


def read_all(files: list[tuple[Path, str]], key: Callable[[str, bytes], str]) -> list[Input]:
    """Read every file (path, display) once, for its cache key. The bytes are kept only
    for a run small enough to stay in this process; workers read their files again
    (from the page cache) rather than have a large run's bytes held here and piped."""
    keep = len(files) < _PARALLEL_FROM
    out: list[Input] = []
    for path, display in files:
        try:
            raw = read_bounded(path, MAX_READ)
        except OSError as e:
            out.append(Input(path, display, unreadable=_why(e)))
            continue
        out.append(Input(path, display, key(display, raw), raw if keep else None))
    return out


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (`files.read_document`:
    FIFOs, devices and sockets are refused without blocking, and the bound holds when a
    file's size lies); `OSError` says why not."""
    return read_document(path, limit)


def _why(e: OSError) -> str:
    """Why a file could not be read, as the coverage line says it."""
    return str(e) if isinstance(e, Unreadable) else f"cannot read: {e.strerror or e}"


_JOB: Job | None = None  # a worker's job


def _init_worker(job: Job) -> None:
    global _JOB
    _JOB = job
    gc.set_threshold(*GC_THRESHOLDS)


def _work(item: tuple[str, str]) -> Any:
    assert _JOB is not None
    return _read_and_do(_JOB, Path(item[0]), item[1], None)


def _read_and_do(job: Job, path: Path, display: str, raw: bytes | None) -> Any:
    if raw is None:
        try:
            raw = read_bounded(path, MAX_READ)
        except OSError as e:
            return job.failed(display, _why(e))
    return safely(job, display, raw)


def safely(job: Job, display: str, raw: bytes) -> Any:
    """The job's result, or its failure on this file alone: whatever goes wrong in one
    file (an exception, a parser's panic, a recursion too deep) is that file's finding,
    and the run goes on."""
    try:
        return job(display, raw)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        what = type(e).__name__
        detail = str(e).splitlines()[0][:200] if str(e) else ""
        why = f"mesacheck failed on this file ({what}{': ' + detail if detail else ''})"
        return job.failed(display, why)


def run(
    inputs: list[Input],
    job: Job,
    *,
    cache: Cache | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Iterator[Any]:
    """The job's result for every input, in order: from the cache (under `keys`) when it
    has it, else computed, across processes when there are many."""
    n = len(inputs)
    results: list[Any] = [None] * n
    ready = [False] * n
    todo: list[int] = []
    use_cache = cache is not None and cache.enabled and bool(job.namespace)
    for i, got in enumerate(inputs):
        if got.unreadable is not None:
            results[i], ready[i] = job.failed(got.display, got.unreadable), True
            continue
        if use_cache:
            assert cache is not None
            hit = cache.get(job.namespace, got.key)
            if hit is not None:
                with contextlib.suppress(Exception):  # an entry of another shape: a miss
                    results[i], ready[i] = job.from_plain(hit), True
                    continue
        todo.append(i)
    done = n - len(todo)
    next_out = 0

    def finish(i: int, result: Any) -> None:
        nonlocal done
        results[i], ready[i] = result, True
        if use_cache:
            assert cache is not None
            cache.put(job.namespace, inputs[i].key, job.plain(result))
        done += 1
        if progress:
            progress(done, n)

    def drain() -> Iterator[Any]:
        nonlocal next_out
        while next_out < n and ready[next_out]:
            out, results[next_out] = results[next_out], None  # handed on, not kept
            next_out += 1
            yield out

    if progress and done:
        progress(done, n)
    yield from drain()
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(todo) >= _PARALLEL_FROM and workers > 1 and sys.platform != "win32":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        # forkserver, not fork: a child forked from a parent that already used the Rust
        # parser ran slower than one process here; a clean server process does not
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["mesacheck.worker_preload"])
        # a worker reads its file again (from the page cache): cheaper than sending the
        # bytes the parent read through a pipe
        items = [(str(inputs[i].path), inputs[i].display) for i in todo]
        chunk = max(1, min(16, len(items) // (workers * 4)))
        try:
            with ProcessPoolExecutor(
                max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(job,)
            ) as pool:
                for i, result in zip(todo, pool.map(_work, items, chunksize=chunk), strict=False):
                    finish(i, result)
                    yield from drain()
        except (BrokenProcessPool, OSError):
            pass  # no worker processes here, or one died: the rest in this process
    for i in todo:
        if not ready[i]:
            got = inputs[i]
            finish(i, _read_and_do(job, got.path, got.display, got.raw))
            yield from drain()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while a run builds what it keeps until its end.

    Everything a run holds lives until the run ends and is then freed by reference
    counting; the cycle collector only walked it again and again, and more often the more
    there was (on the ten-times bench corpus 9 s of the parent's CPU). The collector is
    back on when the run ends, and then collects any cycle the run left behind.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
