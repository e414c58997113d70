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


COMMANDS = ("check", "audit", "baseline", "harvest", "registry", "config", "explain", "rules")
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
    common.add_argument(
        "--statistics", action="store_true", help="print only the counts per code, not findings"
    )
    # --- ruff's conventions (issue 14) ---
    common.add_argument(
        "--extend-select", type=_codes, help="also these codes (comma-separated), e.g. MC201"
    )
    common.add_argument(
        "-o",
        "--output-file",
        type=Path,
        metavar="FILE",
        help="write the report to FILE, not stdout",
    )
    common.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (2 and 3 still mean errors)",
    )
    common.add_argument(
        "-q", "--quiet", action="store_true", help="print the findings and nothing else"
    )
    # --- end ---
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
        c.add_argument(
            "--stdin-filename",
            metavar="NAME",
            help="the name to report for the document read from stdin (PATH `-`)",
        )

    if wanted("audit"):
        a = sub.add_parser(
            "audit", parents=[caching], help="every figure with its status, and unread numbers"
        )
        a.add_argument("paths", nargs="*", help="Markdown files or folders")
        a.add_argument("--format", default="text", choices=("text", "json"), help="output format")
        # --- audit15: --html OUT and --registry (audit_run.py) ---
        a.add_argument("--html", type=Path, metavar="OUT", help="write the HTML audit to OUT")
        a.add_argument("--registry", action="store_true", help="with --html: the registry view")
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
        # -- harvest (issue 14): drafts go one file per article into a folder --
        h.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="PATH",
            help="folder for the drafts, one file per article (default: <claims>/drafts); "
            "a .yaml file to merge them all into; - to print them",
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

    if wanted("rules"):
        rl = sub.add_parser("rules", help="list every rule: code, name, severity, enabled")
        rl.add_argument("--format", choices=("text", "json"), default="text")

    return p


def main(argv: list[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser = _parser(given[0] if given and given[0] in COMMANDS else None)
    try:
        args, extra = parser.parse_known_args(argv)
        # `baseline write FILE --claims X PATHS`: argparse takes positionals in one go, so
        # PATHS after an option come back unparsed; they are paths all the same
        if extra and getattr(args, "baseline_command", None) == "write":
            if any(x.startswith("-") and x != "-" for x in extra):
                parser.parse_args(argv)  # an unknown option: argparse's own message, exit 2
            default = args.paths == ["."] and "." not in given  # no PATHS before the option
            args.paths = [*([] if default else args.paths), *extra]
        elif extra:
            parser.parse_args(argv)  # argparse's own message, exit 2
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
    if args.command == "rules":
        from mesacheck.explain import rules_table

        print(rules_table(args.format), end="")
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
        cfg.named["claims"] = "--claims"
    if args.sources:
        cfg.sources = args.sources
        cfg.named["sources"] = "--sources"
    if getattr(args, "select", None):
        cfg.select = args.select
    if getattr(args, "extend_select", None):
        cfg.select = cfg.select | args.extend_select
    if getattr(args, "ignore", None):
        cfg.ignore |= args.ignore
    if getattr(args, "fail_on", None):
        cfg.fail_on = args.fail_on
    if getattr(args, "no_dates", False):
        cfg.kinds.discard("date")
    return cfg


def _warn(args: argparse.Namespace, message: str) -> None:
    """A warning on stderr, unless `--quiet`."""
    if not getattr(args, "quiet", False):
        print(f"mesacheck: warning: {safe_text(message)}", file=sys.stderr)


def _run(args: argparse.Namespace) -> int:
    """Parse, then delegate: the engine runs, a reporter writes, the exit code follows."""
    from mesacheck import engine
    from mesacheck.config import ConfigError, check_registry_folders
    from mesacheck.files import discover_paths
    from mesacheck.stdin import Stdin

    try:
        cfg = _config(args)
    except ConfigError as e:
        print(f"mesacheck: {e}", file=sys.stderr)
        return EXIT_ERROR
    action = getattr(args, "action", None)
    if action != "harvest":  # harvest creates the claims folder it writes to
        wrong = check_registry_folders(cfg)
        for message in wrong:
            print(f"mesacheck: error: {safe_text(message)}", file=sys.stderr)
        if wrong:
            return EXIT_ERROR
    if getattr(args, "stdin_filename", None) and not args.paths:
        args.paths = ["-"]  # as ruff: a name for stdin and no paths reads stdin
    stdin = Stdin.read(args) if "-" in (getattr(args, "paths", None) or []) else None
    if stdin is not None and stdin.error:
        print(f"mesacheck: {stdin.error}", file=sys.stderr)
        return EXIT_ERROR
    cache_dir = None
    if not getattr(args, "no_cache", False) and stdin is None:
        cache_dir = getattr(args, "cache_dir", None) or cfg.root / ".mesacheck_cache"
    session = engine.Session(
        cfg,
        cache_dir=cache_dir,
        jobs=getattr(args, "jobs", None),
        progress=None if getattr(args, "quiet", False) else _progress(),
    )
    missed = False
    if args.command == "registry":
        outcome = engine.lint_registry(session)
    else:
        exclude = (args.exclude or cfg.exclude) + getattr(args, "extend_exclude", [])
        if stdin is not None:
            files, missing = stdin.files(exclude, getattr(args, "force_exclude", False)), []
        else:
            found = discover_paths(
                args.paths or cfg.include,
                exclude,
                force_exclude=getattr(args, "force_exclude", False),
                respect_gitignore=cfg.respect_gitignore,
            )
            files, missing = found.files, found.missing
            for message in found.empty:
                _warn(args, message)
        for m in missing:
            print(f"mesacheck: {safe_text(m)}: no such file or folder", file=sys.stderr)
        if missing and not files:
            return EXIT_ERROR
        missed = bool(missing)  # the others are checked and reported; the exit code is 2
        if args.command == "audit":
            from mesacheck import audit_run  # audit15: text, JSON, HTML, registry view

            code = audit_run.run(session, files, args.format, sys.stdout, args.html, args.registry)
            return code or (2 if missed else 0)
        if action == "harvest":
            from mesacheck.harvest import run as harvest

            # one file's figures at a time, each article's drafts written as it is done
            per_file = session.resolve(files)
            claims = cfg.claims or cfg.root / "claims"  # drafts' scopes: relative to its parent
            return harvest(
                per_file,
                session.registry,
                args.output or claims / "drafts",
                cfg.front_matter_fields,
                root=claims.absolute().parent,
            )
        outcome = engine.lint(session, files)
        if stdin is not None:
            stdin.rename(outcome, cfg)
        if not getattr(args, "quiet", False):
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
            # (issue 14) only the entries of the files checked, and the registry's, are judged
            kept, hidden, stale, whole = baseline.apply(
                args.baseline, outcome.findings, outcome.files, session.summary.files
            )
        except baseline.BaselineError as e:
            print(f"mesacheck: {e}", file=sys.stderr)
            return EXIT_ERROR
        outcome.findings = kept
        outcome.coverage_line += baseline.coverage_note(args.baseline, hidden, stale, whole)

    try:
        _report(args, session, outcome, stdin.texts if stdin is not None else {})
    except OSError as e:
        where = getattr(args, "output_file", None) or "stdout"
        print(f"mesacheck: cannot write {where}: {e.strerror or e}", file=sys.stderr)
        return EXIT_ERROR
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
    if getattr(args, "exit_zero", False):
        return EXIT_OK
    return EXIT_FINDINGS if failing else EXIT_OK


def _report(  # type: ignore[no-untyped-def]
    args: argparse.Namespace, session, outcome, texts: dict[str, str]
) -> None:
    """Write the report to stdout, or to `--output-file` (atomically, folders made)."""
    from mesacheck.reporters import ReportInput, stream, text

    output: Path | None = getattr(args, "output_file", None)
    # only SARIF points into the registry's YAML: only SARIF needs it loaded
    registry = session.registry if args.format == "sarif" else None
    report = ReportInput(
        outcome.findings,
        outcome.coverage,
        outcome.coverage_line,
        registry,
        outcome.files,
        args.command,
        colour=output is None and text.use_colour(sys.stdout),
        quiet=getattr(args, "quiet", False),
        texts=texts,
    )
    if args.statistics:  # the counts alone (ruff's --statistics)
        pieces = iter([text.statistics_report(report, as_json=args.format == "json")])
    else:
        pieces = stream(args.format, report)  # a large report is never one string
    if output is None:
        for piece in pieces:
            sys.stdout.write(piece)
        return
    from mesacheck.atomic import write_bytes

    if str(output.parent):
        output.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(output, (piece.encode("utf-8", "replace") for piece in pieces))
