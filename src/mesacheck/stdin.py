"""`mesacheck check -`: the document on stdin, as ruff reads one.

It is checked as a file named `--stdin-filename` (so excludes and per-file ignores apply
to that name), by way of a private temporary file — the engine reads files — that is
never cached; every path of the outcome is then given back the name, and the reporters
read the document's lines from here, not from a file of that name on disk.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
from pathlib import Path

from mesacheck.config import Config
from mesacheck.engine import Outcome, apply_settings, display_name
from mesacheck.files import MARKDOWN_SUFFIXES, MAX_BYTES, excluded


class Stdin:
    """`mesacheck check -`: the document on stdin, checked as a file named
    `--stdin-filename` (excludes and per-file ignores apply to that name). It is written
    to a private temporary file (the engine reads files), never cached, and every path
    of the outcome is given back its name."""

    def __init__(self, name: str, raw: bytes, error: str = "") -> None:
        self.name = name
        self.raw = raw
        self.error = error
        self.texts: dict[str, str] = {}
        self.shown = ""

    @classmethod
    def read(cls, args: argparse.Namespace) -> Stdin:
        """stdin's bytes (at most the bound of a file, and one more to tell it is over)."""
        name = getattr(args, "stdin_filename", None) or "-"
        if args.paths != ["-"]:
            return cls(name, b"", "`-` (read stdin) cannot be given with other paths")
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        return cls(name, raw)

    def files(self, exclude: list[str], force_exclude: bool) -> list[Path]:
        """The one file to check: a private temporary copy of stdin (none when the name
        is excluded and `force_exclude` is set, as for a file named)."""
        if force_exclude and self.name != "-" and excluded(Path(self.name), exclude):
            return []
        folder = Path(tempfile.mkdtemp(prefix="mesacheck-stdin-"))
        atexit.register(shutil.rmtree, folder, True)
        suffix = Path(self.name).suffix.lower()
        path = folder / ("stdin" + (suffix if suffix in MARKDOWN_SUFFIXES else ".md"))
        path.write_bytes(self.raw)
        self.shown = display_name(path)
        text = self.raw.decode("utf-8-sig", "replace")
        self.texts[self.name] = text
        return [path]

    def rename(self, outcome: Outcome, cfg: Config) -> None:
        """Give the outcome's paths (findings, coverage, messages) the name given."""
        if not self.shown:
            return
        old, new = self.shown, self.name
        for f in outcome.findings:
            if f.path == old:
                f.path = new
            f.message = f.message.replace(old, new)
            f.related = [(new if p == old else p, *rest) for p, *rest in f.related]
        outcome.coverage.unreadable = [
            (new if p == old else p, why) for p, why in outcome.coverage.unreadable
        ]
        outcome.coverage.notes = [n.replace(old, new) for n in outcome.coverage.notes]
        outcome.coverage_line = outcome.coverage_line.replace(old, new)
        outcome.files = [new if p == old else p for p in outcome.files]
        outcome.findings = apply_settings(outcome.findings, cfg)  # per-file ignores, by name
