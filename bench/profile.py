#!/usr/bin/env python3
"""Where a cold `mesacheck check` spends its time, stage by stage.

    python bench/profile.py [CORPUS] [--files N] [--no-serial]   # default: run.py's corpus

CORPUS holds docs/, claims/ and sources/ (as `bench/generate.py` writes them). Prints two
tables, measured in this process with time.perf_counter and time.process_time:

1. each file's work, done serially (what the worker processes share in a real run):
   decoding, parsing into segments, extracting figures, the rules' per-figure features
   and per-file tallies, resolution;
2. a real run through `engine.check` (every core, no cache): the parallel stage, the
   parent's own CPU during it (reading, hashing, receiving results), each cross-file
   rule, and the rest.

It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(tempfile.gettempdir()) / "mesacheck-bench" / "corpus-a572-c1000-s1"
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--files", type=int, help="only the first N files (sorted by path)")
    ap.add_argument(
        "--no-serial",
        action="store_true",
        help="skip the serial pass (it leaves this process larger for the real run)",
    )
    a = ap.parse_args(argv)
    if not (a.corpus / "docs").is_dir():
        print(
            f"{a.corpus}/docs not found: run bench/run.py (or generate.py) first", file=sys.stderr
        )
        return 2
    os.chdir(a.corpus)

    from mesacheck import engine, extract
    from mesacheck.config import load_config

    gc.set_threshold(*extract.GC_THRESHOLDS)  # as the CLI runs
    cfg = load_config(None)
    cfg.claims, cfg.sources = Path("claims"), Path("sources")
    reg = engine.load_registry(cfg)
    index = engine.index_of(reg)
    settings = engine.settings_of(cfg)
    files = sorted(p for p in Path("docs").rglob("*.md") if p.is_file())[: a.files]

    if not a.no_serial:
        serial(files, settings, index)
    run(files, cfg, reg)
    return 0


def serial(files: list[Path], settings, index) -> None:  # type: ignore[no-untyped-def]
    """Each file's work, one stage at a time, in this process."""
    from mesacheck import extract, figures, segments
    from mesacheck.rules import FIGURE_FEATURES, FILE_TALLIES

    stages = ("decode", "segments", "figures", "features and tallies", "resolution")
    spent = dict.fromkeys(stages, 0.0)
    n_figures = 0
    for path in files:
        raw = path.read_bytes()
        t0 = time.process_time()
        text = extract.decode(raw)
        t1 = time.process_time()
        doc = segments.parse(str(path), text, settings.front_matter_fields, settings.backend)
        t2 = time.process_time()
        figs = [f for f in figures.extract(doc) if f.kind in settings.kinds]
        t3 = time.process_time()
        for features in FIGURE_FEATURES:
            for f in figs:
                features(f)
        for tally in FILE_TALLIES:
            tally(figs)
        t4 = time.process_time()
        extract.resolve_rows(index, figs)
        t5 = time.process_time()
        n_figures += len(figs)
        for key, d in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[key] += d
    total = sum(spent.values())
    print(f"Per-file work, serial CPU: {len(files)} files, {n_figures:,} figures and dates\n")
    print("| stage | CPU s | share |\n| :--- | ---: | ---: |")
    for key, d in spent.items():
        print(f"| {key} | {d:.2f} | {100 * d / total:.0f}% |")
    print(f"| total | {total:.2f} | |\n")


def run(files: list[Path], cfg, reg) -> None:  # type: ignore[no-untyped-def]
    """A real run through the engine, every core, no cache, its parts timed."""
    from mesacheck import engine, extract
    from mesacheck.rules import DOCUMENT_RULES

    timed: dict[str, float] = {}
    real_extract_all = extract.extract_all

    def extract_all(*args, **kwargs):  # type: ignore[no-untyped-def]
        t, c = time.perf_counter(), time.process_time()
        out = list(real_extract_all(*args, **kwargs))
        timed["parallel stage (wall)"] = time.perf_counter() - t
        timed["parent CPU during it"] = time.process_time() - c
        return iter(out)

    extract.extract_all = extract_all  # type: ignore[assignment]
    rules: dict[str, float] = {}
    for rule in DOCUMENT_RULES:

        def run_rule(ctx, code=rule.ID, check=rule.check):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            out = list(check(ctx))
            rules[code] = time.perf_counter() - t
            return out

        rule.check = run_rule  # type: ignore[attr-defined]
    t = time.perf_counter()
    engine.check(files, cfg, reg)
    wall = time.perf_counter() - t
    print(f"A run through engine.check (no cache, {os.cpu_count()} CPUs): {wall:.2f} s wall\n")
    print("| part | s |\n| :--- | ---: |")
    for key, d in timed.items():
        print(f"| {key} | {d:.2f} |")
    for code, d in rules.items():
        print(f"| rule {code} | {d:.2f} |")
    rest = wall - timed.get("parallel stage (wall)", 0.0) - sum(rules.values())
    print(f"| the rest (suppressions, coverage) | {rest:.2f} |")


if __name__ == "__main__":
    raise SystemExit(main())
