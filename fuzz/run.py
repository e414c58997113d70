"""Run the atheris fuzz targets for a given time (long runs; not part of the suite).

    python fuzz/run.py --target all --seconds 300            # each target 300 s, in turn
    python fuzz/run.py --target grammar,formula --seconds 60
    python fuzz/run.py --target markdown --reproduce ARTIFACT   # run one input again
    python fuzz/run.py --target markdown --minimize ARTIFACT    # shrink a crash (same bug)

Each target runs under libFuzzer with a per-input timeout (hangs are artifacts too) and a
memory limit, on a working corpus in `--work/<target>/corpus` seeded (read-only) from
`fuzz/corpus/<target>/`. When an input fails, libFuzzer stops; this runner records the
failure's signature, adds it to `--work/<target>/known.txt` and restarts the target until
its time is spent, so one bug does not end a long run. Every run is logged to
`--work/<target>/run-N.log` and summed up in `--work/<target>/runs.jsonl`; the summary
table at the end gives the seconds fuzzed, inputs run and failures per target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TARGETS = ("markdown", "grammar", "registry", "formula", "baseline", "cache")
EXTRA = ("parsers",)  # run by name only
MAX_LEN = {
    "markdown": 8192,
    "parsers": 8192,
    "grammar": 4096,
    "registry": 8192,
    "formula": 512,
    "baseline": 8192,
    "cache": 4096,
}
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_SIG = re.compile(r"^FUZZ-SIGNATURE: (.+)$", re.MULTILINE)
_EXECS = re.compile(r"stat::number_of_executed_units:\s*(\d+)|^#(\d+)\s", re.MULTILINE)


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE)])
    env["RUST_BACKTRACE"] = "0"
    env["XDG_CACHE_HOME"] = str(work / "xdg")  # a key of its own, never the user's
    return env


def _libfuzzer_args(args: argparse.Namespace, target: str) -> list[str]:
    out = [
        f"-timeout={args.timeout}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-malloc_limit_mb={args.rss_limit_mb}",
        f"-max_len={args.max_len or MAX_LEN[target]}",
        "-print_final_stats=1",
    ]
    tokens = HERE / "dict" / f"{target}.dict"  # the tokens its inputs are made of
    if tokens.exists():
        out.append(f"-dict={tokens}")
    return out


def _kind(log: str, artifact: str | None) -> str:
    name = Path(artifact).name if artifact else ""
    for kind in ("timeout", "oom", "slow-unit", "crash", "leak"):
        if name.startswith(kind):
            return kind
    if "out-of-memory" in log:
        return "oom"
    return "crash" if artifact else "none"


def fuzz_target(args: argparse.Namespace, target: str) -> dict[str, object]:
    """Fuzz one target for `args.seconds`, restarting after each failure."""
    work = args.work / target
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    known = work / "known.txt"
    known.touch()
    env = {**_env(args.work), "MESACHECK_FUZZ_KNOWN": str(known)}
    deadline = time.monotonic() + args.seconds
    total = {"target": target, "seconds": 0.0, "execs": 0, "runs": 0, "failures": []}
    while (left := int(deadline - time.monotonic())) >= 5:
        n = len(list(work.glob("run-*.log")))
        log_path = work / f"run-{n}.log"
        cmd = [
            sys.executable,
            str(HERE / f"fuzz_{target}.py"),
            str(corpus),
            str(HERE / "corpus" / target),
            f"-max_total_time={left}",
            f"-artifact_prefix={work}/",
            *_libfuzzer_args(args, target),
        ]
        started = time.monotonic()
        with open(log_path, "w", encoding="utf-8") as log:
            log.write(" ".join(cmd) + "\n")
            log.flush()
            done = subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        spent = time.monotonic() - started
        text = log_path.read_text(encoding="utf-8", errors="replace")
        execs = max((int(a or b) for a, b in _EXECS.findall(text)), default=0)
        arts = _ARTIFACT.findall(text)
        sig = _SIG.findall(text)
        record = {
            "target": target,
            "run": n,
            "command": " ".join(cmd),
            "seconds": round(spent, 1),
            "execs": execs,
            "exit": done.returncode,
            "kind": _kind(text, arts[-1] if arts else None),
            "signature": sig[-1].strip() if sig else None,
            "artifact": arts[-1] if arts else None,
            "log": str(log_path),
        }
        with open(work / "runs.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")
        total["seconds"] = round(float(total["seconds"]) + spent, 1)  # type: ignore[arg-type]
        total["execs"] = int(total["execs"]) + execs  # type: ignore[call-overload]
        total["runs"] = int(total["runs"]) + 1  # type: ignore[call-overload]
        if record["kind"] != "none":
            total["failures"].append(record)  # type: ignore[union-attr]
            print(
                f"[{target}] {record['kind']} {record['signature'] or ''} -> {record['artifact']}"
            )
            if record["signature"]:
                with open(known, "a", encoding="utf-8") as fh:
                    fh.write(f"{record['signature']}\n")
        elif done.returncode != 0:
            print(f"[{target}] exited {done.returncode} without an artifact: see {log_path}")
            break
    return total


def reproduce(args: argparse.Namespace, artifact: Path, only: str | None = None) -> str | None:
    """Run the target on one input; its failure's signature (None: it passes)."""
    env = _env(args.work)
    if only:
        env["MESACHECK_FUZZ_ONLY"] = only
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            str(HERE / f"fuzz_{args.target}.py"),
            *_libfuzzer_args(args, args.target),
            f"-artifact_prefix={tmp}/",
            str(artifact),
        ]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    sig = _SIG.findall(done.stdout + done.stderr)
    if done.returncode != 0 and not sig:
        return "timeout-or-oom"
    return sig[-1].strip() if sig else None


def minimize(args: argparse.Namespace, artifact: Path) -> Path:
    """Shrink a failing input, keeping its signature; the minimized file."""
    sig = reproduce(args, artifact)
    if sig is None:
        raise SystemExit(f"{artifact} does not fail")
    out = artifact.with_name(artifact.name + ".min")
    env = _env(args.work)
    if sig != "timeout-or-oom":
        env["MESACHECK_FUZZ_ONLY"] = sig
    cmd = [
        sys.executable,
        str(HERE / f"fuzz_{args.target}.py"),
        *_libfuzzer_args(args, args.target),
        "-minimize_crash=1",
        f"-max_total_time={args.seconds}",
        f"-exact_artifact_path={out}",
        str(artifact),
    ]
    subprocess.run(cmd, env=env, capture_output=True, cwd=ROOT)
    if not out.exists():
        out.write_bytes(artifact.read_bytes())
    print(f"{sig}: {out} ({out.stat().st_size} bytes): {out.read_bytes()[:200]!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--target", default="all", help=f"all, or of {TARGETS + EXTRA}, comma-separated"
    )
    ap.add_argument("--seconds", type=int, default=300, help="per target (default 300)")
    ap.add_argument(
        "--work", type=Path, default=Path("/tmp/fuzz-logs"), help="logs, corpora, artifacts"
    )
    ap.add_argument("--timeout", type=int, default=20, help="seconds per input (a hang)")
    ap.add_argument("--rss-limit-mb", type=int, default=2048, help="memory per target process")
    ap.add_argument("--max-len", type=int, default=0, help="input size bound (default per target)")
    ap.add_argument(
        "--reproduce", type=Path, metavar="INPUT", help="run one input, print its signature"
    )
    ap.add_argument("--minimize", type=Path, metavar="INPUT", help="shrink a failing input")
    args = ap.parse_args(argv)
    targets = TARGETS if args.target == "all" else tuple(args.target.split(","))
    for t in targets:
        if t not in TARGETS + EXTRA:
            ap.error(f"unknown target {t!r}: choose from {', '.join(TARGETS + EXTRA)}")
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.reproduce or args.minimize:
        if len(targets) != 1:
            ap.error("--reproduce and --minimize need one --target")
        args.target = targets[0]
        if args.reproduce:
            print(reproduce(args, args.reproduce) or "passes")
        else:
            minimize(args, args.minimize)
        return 0
    totals = [fuzz_target(args, t) for t in targets]
    print(f"\n{'target':10} {'seconds':>8} {'inputs':>10} {'runs':>5}  failures")
    for t in totals:
        fails = ", ".join(f"{f['kind']}:{f['signature'] or '?'}" for f in t["failures"])  # type: ignore[union-attr]
        print(f"{t['target']:10} {t['seconds']:>8} {t['execs']:>10} {t['runs']:>5}  {fails or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
