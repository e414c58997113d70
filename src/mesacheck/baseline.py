"""Baselines: record today's findings so that `check --baseline FILE` reports only new ones.

How a repo adopts mesacheck without fixing every old finding first:

    mesacheck baseline write .mesacheck-baseline.json docs/
    mesacheck check --baseline .mesacheck-baseline.json docs/

A finding is recorded by a fingerprint that survives edits elsewhere in the file (lines
inserted above it, its paragraph moved): a SHA-256 over its code, its path (relative to
the baseline file's folder, so the working folder does not matter), the figure as written,
its claim id, and the words of its sentence or table cell with every figure and number in
it masked. Line numbers are never part of it, and neither are other figures of the same
sentence, so changing one figure brings back only that figure's findings. Two identical
findings in one file are two entries (an `occurrence` index tells them apart), and reading
is count-aware: two entries hide at most two findings.

The file is JSON, sorted and deterministic (rewriting an unchanged baseline gives the same
bytes), with a `version`, and it is written atomically.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from mesacheck import atomic
from mesacheck.files import MAX_BYTES, read_document
from mesacheck.findings import Finding
from mesacheck.reporters import safe_text
from mesacheck.rules import RUN_RULES

if TYPE_CHECKING:
    from mesacheck.engine import RegistrySummary

VERSION = 1
MAX_BASELINE_BYTES = 256 * 1024 * 1024  # about a million findings
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file."""


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` atomically (see mesacheck.atomic); newlines as written."""
    atomic.write_text(path, text)


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _Lines:
    """Source lines of files, read once, for findings that have no figure (MC1xx, MC201)."""

    def __init__(self) -> None:
        self.cache: dict[str, list[str]] = {}

    def get(self, path: str, line: int) -> str:
        if path not in self.cache:
            try:
                text = read_document(path, MAX_BYTES).decode("utf-8", errors="replace")
            except OSError:
                text = ""
            # numbered as the engine numbers lines: split on newlines only, never on the
            # form feeds and U+2028 that str.splitlines also splits on
            self.cache[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = self.cache[path]
        return lines[line - 1] if 0 < line <= len(lines) else ""


@lru_cache(maxsize=65536)
def _relative(path: str, base: Path) -> str:
    """The finding's path relative to the baseline's folder, with forward slashes
    (memoised: a report has thousands of findings in a few files, and `realpath` asks the
    file system about every folder of the path)."""
    try:
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(base))
    except ValueError:  # pragma: no cover - another drive on Windows
        rel = path
    return rel.replace(os.sep, "/")


def fingerprints(findings: Iterable[Finding], base: Path) -> list[tuple[Finding, str, str]]:
    """(finding, relative path, fingerprint) for each finding, in report order."""
    lines = _Lines()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        if f.context is not None and f.figure:
            context = f.context  # the figure's sentence, numbers masked
        else:
            context = _collapse(lines.get(f.path, f.line))
        rel = _relative(f.path, base)
        parts = (f.code, rel, _collapse(f.figure), f.claim or "", context)
        digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
        out.append((f, rel, digest))
    return out


def render(findings: Iterable[Finding], base: Path) -> str:
    """The baseline file's text: sorted entries, each with its occurrence index."""
    seen: Counter[str] = Counter()
    entries = []
    for f, rel, fp in fingerprints(findings, base):
        entry = {
            "code": f.code,
            "path": rel,
            "figure": f.figure,
            "claim": f.claim,
            "fingerprint": fp,
            "occurrence": seen[fp],
        }
        also = sorted({_relative(r[0], base) for r in f.related or ()} - {rel})
        if also:  # a cross-file finding: judged only by a run over all of these files
            entry["with"] = also
        entries.append(entry)
        seen[fp] += 1
    entries.sort(key=lambda e: (e["path"], e["code"], e["fingerprint"], e["occurrence"]))
    doc = {"version": VERSION, "tool": "mesacheck", "findings": entries}
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write(path: Path, findings: list[Finding]) -> int:
    """Record `findings` in the baseline file `path`; the number of entries written."""
    text = render(findings, path.absolute().parent)
    try:
        write_text_atomic(path, text)
    except OSError as e:
        raise BaselineError(f"cannot write baseline {path}: {e.strerror or e}") from None
    return len(findings)


def run_write(
    path: Path,
    findings: list[Finding],
    registry: RegistrySummary,
    coverage_line: str,
) -> int:
    """`mesacheck baseline write FILE`: record the findings; the exit code."""
    if registry.load_failed:
        for p in registry.findings:
            if p.code == "MC101":
                print(safe_text(f"{p.path}:{p.line}: {p.code} {p.message}"), file=sys.stderr)
        print(
            "mesacheck: the registry did not load cleanly (MC101 above); fix it before writing "
            "a baseline, or the baseline would record problems that are not the article's",
            file=sys.stderr,
        )
        return 2
    n = write(path, findings)
    s = "" if n == 1 else "s"
    print(f"Wrote {n} finding{s} to the baseline {path}. {coverage_line}")
    return 0


def load(path: Path) -> Counter[str]:
    """How many findings of each fingerprint the baseline file `path` hides."""
    return load_entries(path)[0]


def load_entries(path: Path) -> tuple[Counter[str], dict[str, tuple[str, ...]]]:
    """How many findings of each fingerprint the baseline file `path` hides, and the
    code and files (relative to the baseline's folder) each was recorded for: its path,
    and the other files of a cross-file finding."""
    try:
        text = read_document(path, MAX_BASELINE_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f"baseline {path} does not exist: write it with `mesacheck baseline write {path}`"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        why = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
        raise BaselineError(f"cannot read baseline {path}: {why}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BaselineError(
            f"baseline {path} is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})"
        ) from None
    except ValueError as e:  # a number Python will not convert (more than 4,300 digits)
        raise BaselineError(f"baseline {path} is not valid JSON ({str(e).split(':')[0]})") from None
    except RecursionError:  # the JSON parser recurses once per `[` or `{` it is inside
        raise BaselineError(
            f"baseline {path} is nested too deeply to be a mesacheck baseline (a list of "
            "findings, each a flat object)"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(
            f'baseline {path} is not a mesacheck baseline (expected {{"version": 1, '
            '"findings": [...]}})'
        )
    version = data.get("version")
    if version != VERSION:
        raise BaselineError(
            f"baseline {path} has version {version!r}; this mesacheck reads version {VERSION}"
        )
    counts: Counter[str] = Counter()
    paths: dict[str, tuple[str, ...]] = {}
    for i, entry in enumerate(data["findings"]):
        fp = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(fp, str) or not fp:
            raise BaselineError(f"baseline {path}: entry {i + 1} has no `fingerprint`")
        counts[fp] += 1
        where, also = entry.get("path"), entry.get("with")
        files = [where, *(also if isinstance(also, list) else ())]
        paths[fp] = (str(entry.get("code")), *(p for p in files if isinstance(p, str)))
    return counts, paths


def apply(
    path: Path,
    findings: list[Finding],
    checked: Iterable[str] | None = None,
    registry_files: Iterable[str] = (),
) -> tuple[list[Finding], int, int, bool]:
    """The findings the baseline does not hide, how many it hid, how many of its entries
    matched nothing (findings fixed since it was written), and whether the run covered
    every file the baseline records.

    `checked`: the files the run checked, and `registry_files` (whose findings every run
    reports); an entry of a file outside them is not judged: a run over some files says
    nothing of the others' findings. None: every entry is judged.
    """
    left, paths = load_entries(path)
    base = path.absolute().parent
    hidden: set[int] = set()
    for f, _rel, fp in fingerprints(findings, base):
        if left[fp] > 0:
            left[fp] -= 1
            hidden.add(id(f))
    kept = [f for f in findings if id(f) not in hidden]
    if checked is None:
        return kept, len(hidden), sum(left.values()), True
    judged = {_relative(p, base) for p in checked}
    if any(files[0].startswith("MC1") for files in paths.values()):  # registry findings
        judged.update(_relative(p, base) for p in registry_files)
    whole = all(set(files[1:]) <= judged for files in paths.values())
    run_codes = set() if whole else {rule.ID for rule in RUN_RULES}
    stale = 0
    for fp, n in left.items():
        code, *files = paths.get(fp, ("", ""))
        # a rule that compares the figures of a run finds less in fewer files: its
        # entries are judged only by a run over every file the baseline records
        if n and code not in run_codes and set(files) <= judged:
            stale += n
    return kept, len(hidden), stale, whole


def coverage_note(path: Path, hidden: int, stale: int, whole: bool = True) -> str:
    """The sentence the coverage line gains when a baseline is used. Rewriting it is
    advised only after a run over every file it records: written from a partial run, it
    would forget the other files' findings."""
    s = "" if hidden == 1 else "s"
    note = f" The baseline {path} hid {hidden} finding{s}"
    if stale:
        note += f"; {stale} of its entries for the files checked match nothing any more (fixed)"
        if whole:
            note += f": rewrite it with `mesacheck baseline write {path}`"
    return note + "."
