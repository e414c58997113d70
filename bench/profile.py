#!/usr/bin/env python3
"""Where a cold `mesacheck check` spends its time, stage by stage.

    python bench/profile.py [CORPUS] [--files N] [--no-serial]   # default: run.py's corpus

CORPUS holds docs/, claims/ and sources/ (as `bench/generate.py` writes them). Prints two
tables, measured in this process with time.perf_counter and time.process_time:

1. each file's work, done serially (what the worker processes share in a real run), by
   the stages of `pipeline.analyse`: decoding, parsing into segments, extracting figures,
   resolution, the file rules, the run rules' records, unread numbers;
2. a real run through `engine.lint` (every core, no cache): each run rule's fold and
   check in the parent, and the rest.

It measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from mesacheck.cache import Cache


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

    from mesacheck import engine
    from mesacheck.config import load_config

    cfg = load_config(None)
    cfg.claims, cfg.sources = Path("claims"), Path("sources")
    files = sorted(p for p in Path("docs").rglob("*.md") if p.is_file())[: a.files]
    session = engine.Session(cfg, cache_dir=None, jobs=1)
    session.cache = Cache(None)  # no cache: every stage does its work
    if not a.no_serial:
        serial(files, session)
    run(files, cfg)
    return 0


def serial(files: list[Path], session) -> None:  # type: ignore[no-untyped-def]
    """Each file's work, one stage of `pipeline.analyse` at a time, in this process."""
    from mesacheck import figures, segments
    from mesacheck.context import CheckContext
    from mesacheck.pipeline import decode, resolve_all
    from mesacheck.rules import FILE_RULES, RUN_RULES
    try:
        from mesacheck.unread import find_unread
    except ImportError:  # an older checkout, profiled for comparison
        find_unread = None

    settings, resolver = engine_settings(session), session.resolver
    stages = (
        "decode",
        "segments",
        "figures",
        "resolution",
        "file rules",
        "run rules' records",
        "unread numbers",
    )
    spent = dict.fromkeys(stages, 0.0)
    n_figures = 0
    for path in files:
        raw = path.read_bytes()
        t = [time.process_time()]
        text = decode(raw)
        t.append(time.process_time())
        doc = segments.parse(str(path), text, settings.front_matter_fields, settings.backend)
        t.append(time.process_time())
        figs = figures.extract(doc, dates="date" in settings.kinds)
        t.append(time.process_time())
        resolutions = resolve_all(resolver, figs)
        t.append(time.process_time())
        ctx = CheckContext(resolver.registry, resolutions)
        for rule in FILE_RULES:
            list(rule.check(ctx))
        t.append(time.process_time())
        for rule in RUN_RULES:
            rule.collect(ctx)
        t.append(time.process_time())
        if find_unread is not None:
            find_unread(doc, figs)
        t.append(time.process_time())
        n_figures += len(figs)
        for i, key in enumerate(stages):
            spent[key] += t[i + 1] - t[i]
    total = sum(spent.values())
    print(f"Per-file work, serial CPU: {len(files)} files, {n_figures:,} figures and dates\n")
    print("| stage | CPU s | share |\n| :--- | ---: | ---: |")
    for key, d in spent.items():
        print(f"| {key} | {d:.2f} | {100 * d / total:.0f}% |")
    print(f"| total | {total:.2f} | |\n")


def engine_settings(session):  # type: ignore[no-untyped-def]
    from mesacheck import engine

    return engine.settings_of(session.cfg)


def run(files: list[Path], cfg) -> None:  # type: ignore[no-untyped-def]
    """A real run through `engine.lint`, every core, no cache, the cross-file rules timed."""
    from mesacheck import engine
    from mesacheck.rules import RUN_RULES

    rules: dict[str, float] = {}  # each run rule's fold and check, in this process

    def timed(code: str, fn):  # type: ignore[no-untyped-def]
        def call(*args):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            out = fn(*args)
            out = list(out) if code.endswith("check") else out
            rules[code] = rules.get(code, 0.0) + time.perf_counter() - t
            return out

        return call

    for rule in RUN_RULES:
        rule.check = timed(f"{rule.ID} check", rule.check)  # type: ignore[attr-defined]
        if hasattr(rule, "fold"):
            rule.fold = timed(f"{rule.ID} fold", rule.fold)  # type: ignore[attr-defined]
    session = engine.Session(cfg, cache_dir=None)
    session.cache = Cache(None)
    t = time.perf_counter()
    engine.lint(session, files)
    wall = time.perf_counter() - t
    print(f"A run through engine.lint (no cache, {os.cpu_count()} CPUs): {wall:.2f} s wall\n")
    print("| part | s |\n| :--- | ---: |")
    for code, d in rules.items():
        print(f"| rule {code} | {d:.2f} |")
    print(
        f"| the rest (reading, analysis in workers, check of the run rules) | "
        f"{wall - sum(rules.values()):.2f} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
