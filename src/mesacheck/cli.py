"""The command line: `mesacheck check`, `mesacheck registry check`, `mesacheck explain`.

Exit codes: 0 no finding at or above the failing severity; 1 there are (a file that
could not be read is one: MC008); 2 usage, configuration or registry-load errors, or a
path that does not exist; 3 mesacheck itself failed (a bug: the message says where).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mesacheck import __version__
from mesacheck.findings import SEVERITIES
from mesacheck.reporters import FORMATS, safe_text
from mesacheck.rules import CODES

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 3


def _codes(text: str) -> set[str]:
    out: set[str] = set()
    for part in text.split(","):
        code = part.strip().upper()
        if not code:
            continue
        matched = {c for c in CODES if c.startswith(code)}
        if not matched:
            raise argparse.ArgumentTypeError(f"unknown code {part!r} (codes: {', '.join(CODES)})")
        out |= matched
    return out


COMMANDS = ("check", "audit", "baseline", "harvest", "registry", "config", "explain")
_RUN_A_CHECK = ("baseline", "harvest")


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, just that command's part: a one-file check pays
    for one subcommand's parser, not all of them (1.5 ms against 4.0 ms here)."""

    def wanted(command: str) -> bool:
        # baseline and harvest run a check and take its defaults from its parser
        return only in (None, command) or (command == "check" and only in _RUN_A_CHECK)

    p = argparse.ArgumentParser(prog="mesacheck", description="A linter for the numbers in prose.")
    p.add_argument("--version", action="version", version=f"mesacheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--claims", type=Path, help="claims folder (default: claims/)")
    common.add_argument("--sources", type=Path, help="sources folder (default: sources/)")
    common.add_argument("--config", type=Path, help="configuration file")
    common.add_argument(
        "--format",
        default="text",
        choices=FORMATS,
        help="output format (default: text)",
    )
    common.add_argument("--select", type=_codes, help="only these codes (comma-separated)")
    common.add_argument("--ignore", type=_codes, help="skip these codes (comma-separated)")
    common.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        help="lowest severity that makes the exit code 1 (default: warning)",
    )
    common.add_argument("--statistics", action="store_true", help="counts per code")
    caching = argparse.ArgumentParser(add_help=False)
    caching.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    caching.add_argument(
        "--cache-dir", type=Path, help="cache folder (default: .mesacheck_cache at the root)"
    )
    common = argparse.ArgumentParser(add_help=False, parents=[common, caching])

    if wanted("check"):
        c = sub.add_parser("check", parents=[common], help="lint Markdown files and folders")
        c.add_argument(
            "paths", nargs="*", help="files or folders (default: `include` of the config, or .)"
        )
        c.add_argument("--exclude", action="append", default=[], help="glob to skip (replaces)")
        c.add_argument("--extend-exclude", action="append", default=[], help="glob to skip (adds)")
        c.add_argument(
            "--force-exclude",
            action="store_true",
            help="apply excludes to files named explicitly too (for pre-commit)",
        )
        c.add_argument("--no-dates", action="store_true", help="do not extract dates")
        c.add_argument("--jobs", type=int, help="processes for many files (default: one per core)")
        c.add_argument(
            "--baseline",
            type=Path,
            metavar="FILE",
            help="report only findings not recorded in FILE (see `mesacheck baseline write`)",
        )

    if wanted("audit"):
        a = sub.add_parser(
            "audit", parents=[caching], help="every figure with its status, and unread numbers"
        )
        a.add_argument("paths", nargs="+", help="Markdown files or folders")
        a.add_argument("--format", default="text", choices=("text", "json"), help="output format")
        a.add_argument("--claims", type=Path, help="claims folder (default: claims/)")
        a.add_argument("--sources", type=Path, help="sources folder (default: sources/)")
        a.add_argument("--config", type=Path, help="configuration file")
        a.add_argument("--exclude", action="append", default=[], help="glob to skip")
        a.add_argument("--no-dates", action="store_true", help="do not extract dates")

    if wanted("baseline"):
        b = sub.add_parser("baseline", help="record today's findings for `check --baseline`")
        bsub = b.add_subparsers(dest="baseline_command", metavar="SUBCOMMAND")
        bw = bsub.add_parser("write", parents=[common], help="write the findings of PATHS to FILE")
        bw.add_argument("file", type=Path, metavar="FILE", help="the baseline file (JSON) to write")
        bw.add_argument("paths", nargs="*", default=["."], help="files or folders (default: .)")
        bw.add_argument("--exclude", action="append", default=[], help="glob to skip")
        bw.add_argument("--no-dates", action="store_true", help="do not extract dates")

    if wanted("harvest"):
        h = sub.add_parser(
            "harvest",
            parents=[caching],
            help="draft claims for the figures no sourced claim backs",
        )
        h.add_argument("paths", nargs="+", help="Markdown files or folders")
        h.add_argument(
            "-o", "--output", type=Path, metavar="FILE", help="merge the drafts into FILE (YAML)"
        )
        h.add_argument("--claims", type=Path, help="claims folder (default: claims/)")
        h.add_argument("--sources", type=Path, help="sources folder (default: sources/)")
        h.add_argument("--config", type=Path, help="configuration file")
        h.add_argument("--exclude", action="append", default=[], help="glob to skip")

    if wanted("registry"):
        r = sub.add_parser("registry", help="registry commands")
        rsub = r.add_subparsers(dest="registry_command", metavar="SUBCOMMAND")
        rsub.add_parser("check", parents=[common], help="check registry integrity (MC1xx)")

    if wanted("config"):
        g = sub.add_parser("config", help="print the effective configuration")
        g.add_argument("--config", type=Path, help="configuration file")

    if wanted("explain"):
        e = sub.add_parser("explain", help="explain a finding code")
        e.add_argument("code", help="a code such as MC002, or its name")

    return p


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser = _parser(given[0] if given and given[0] in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code) if isinstance(e.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    if args.command == "explain":
        from mesacheck.explain import explain

        text = explain(args.code)
        if text is None:
            print(
                f"mesacheck: unknown code {args.code!r}; codes are {', '.join(CODES)}",
                file=sys.stderr,
            )
            return EXIT_ERROR
        print(text, end="")
        return EXIT_OK
    if args.command == "config":
        from mesacheck.config import ConfigError, load_config

        try:
            print(load_config(args.config).describe(), end="")
        except ConfigError as e:
            print(f"mesacheck: {e}", file=sys.stderr)
            return EXIT_ERROR
        return EXIT_OK
    if args.command == "registry" and args.registry_command != "check":
        parser.parse_args(["registry", "--help"])
        return EXIT_ERROR
    if args.command in ("baseline", "harvest"):
        if args.command == "baseline" and args.baseline_command != "write":
            print("usage: mesacheck baseline write FILE [PATHS ...]", file=sys.stderr)
            return EXIT_ERROR
        # both run a check (with check's options and defaults) and write what it found
        check_defaults = vars(parser.parse_args(["check"]))
        args = argparse.Namespace(
            **{**check_defaults, **vars(args), "action": args.command, "command": "check"}
        )
    try:
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception:
        import traceback

        traceback.print_exc()
        print(
            "mesacheck: internal error (exit 3): this is a bug in mesacheck, not in your "
            "files; please report it with the traceback above",
            file=sys.stderr,
        )
        return EXIT_CRASH


def _progress():  # type: ignore[no-untyped-def]
    """A progress line on stderr for long runs on a terminal; nothing otherwise."""
    if not (hasattr(sys.stderr, "isatty") and sys.stderr.isatty()):
        return None
    import time

    started = time.monotonic()
    shown = [False]

    def report(done: int, total: int) -> None:
        if time.monotonic() - started < 1.0 and not shown[0]:
            return
        shown[0] = True
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rmesacheck: {done}/{total} files{end}")
        sys.stderr.flush()

    return report


def _config(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The configuration file's settings, with the command line's on top."""
    from mesacheck.config import load_config

    cfg = load_config(args.config)
    if args.claims:
        cfg.claims = args.claims
    if args.sources:
        cfg.sources = args.sources
    if getattr(args, "select", None):
        cfg.select = args.select
    if getattr(args, "ignore", None):
        cfg.ignore |= args.ignore
    if getattr(args, "fail_on", None):
        cfg.fail_on = args.fail_on
    if getattr(args, "no_dates", False):
        cfg.kinds.discard("date")
    return cfg


def _run(args: argparse.Namespace) -> int:
    """Parse, then delegate: the engine runs, a reporter writes, the exit code follows."""
    from mesacheck import engine
    from mesacheck.config import ConfigError
    from mesacheck.files import discover

    try:
        cfg = _config(args)
    except ConfigError as e:
        print(f"mesacheck: {e}", file=sys.stderr)
        return EXIT_ERROR
    cache_dir = None
    if not getattr(args, "no_cache", False):
        cache_dir = getattr(args, "cache_dir", None) or cfg.root / ".mesacheck_cache"
    session = engine.Session(
        cfg, cache_dir=cache_dir, jobs=getattr(args, "jobs", None), progress=_progress()
    )
    action = getattr(args, "action", None)
    missed = False
    if args.command == "registry":
        outcome = engine.lint_registry(session)
    else:
        exclude = (args.exclude or cfg.exclude) + getattr(args, "extend_exclude", [])
        files, missing = discover(
            args.paths or cfg.include,
            exclude,
            force_exclude=getattr(args, "force_exclude", False),
            respect_gitignore=cfg.respect_gitignore,
        )
        for m in missing:
            print(f"mesacheck: {safe_text(m)}: no such file or folder", file=sys.stderr)
        if missing and not files:
            return EXIT_ERROR
        missed = bool(missing)  # the others are checked and reported; the exit code is 2
        if args.command == "audit":
            from mesacheck import audit

            return audit.run(session, files, args.format, sys.stdout) or (2 if missed else 0)
        if action == "harvest":
            from mesacheck.harvest import run as harvest

            # one file's figures at a time: harvest keeps its drafts, never every figure
            per_file = session.resolve(files)
            return harvest(per_file, session.registry, args.output, cfg.front_matter_fields)
        outcome = engine.lint(session, files)
        for note in outcome.coverage.notes:
            print(f"mesacheck: {safe_text(note)}", file=sys.stderr)

    # adoption: `baseline write` writes what the check found instead of reporting it;
    # `check --baseline FILE` hides the findings recorded in FILE
    if action == "baseline" or getattr(args, "baseline", None):
        from mesacheck import baseline

        try:
            if action == "baseline":
                return baseline.run_write(
                    args.file, outcome.findings, session.summary, outcome.coverage_line
                )
            kept, hidden, stale = baseline.apply(args.baseline, outcome.findings)
        except baseline.BaselineError as e:
            print(f"mesacheck: {e}", file=sys.stderr)
            return EXIT_ERROR
        outcome.findings = kept
        outcome.coverage_line += baseline.coverage_note(args.baseline, hidden, stale)

    _report(args, session, outcome)
    if outcome.registry_failed:
        print(
            "mesacheck: the registry did not load cleanly (MC101 above); fix it and run again",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if missed:
        return EXIT_ERROR
    threshold = SEVERITIES.index(session.cfg.fail_on)
    failing = [f for f in outcome.findings if SEVERITIES.index(f.severity) >= threshold]
    return EXIT_FINDINGS if failing else EXIT_OK


def _report(args: argparse.Namespace, session, outcome) -> None:  # type: ignore[no-untyped-def]
    from mesacheck.reporters import ReportInput, stream, text

    # only SARIF points into the registry's YAML: only SARIF needs it loaded
    registry = session.registry if args.format == "sarif" else None
    report = ReportInput(
        outcome.findings,
        outcome.coverage,
        outcome.coverage_line,
        registry,
        outcome.files,
        args.command,
        colour=text.use_colour(sys.stdout),
    )
    for piece in stream(args.format, report):  # a large report is never one string
        sys.stdout.write(piece)
    if args.statistics:  # beside a machine format, on stderr: stdout stays parseable
        text.statistics(outcome.findings, sys.stdout if args.format in _PLAIN else sys.stderr)


_PLAIN = ("text", "concise")
