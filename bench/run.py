#!/usr/bin/env python3
"""Time mesacheck as whole processes, next to its peers, on a realistic corpus.

    python bench/run.py [--corpus DIR | --generate N] [--claims M] [--runs K] [--jobs J]
                        [--short-runs K] [--scale] [--registry-scaling]

builds a corpus with bench/generate.py (or takes one: DIR holds docs/, claims/, sources/)
and measures, K times each, wall clock (time.perf_counter around the child) and the peak
RSS of that one child (os.wait4's rusage, exact per process):

  (a)  mesacheck check --format concise on the corpus, cold (no mesacheck cache)
  (b)  the same, warm (a second run with the cache), when the CLI has a cache
  (c)  one changed ~20 KB article, checked alone against the registry
  (d)  python -c "import markdown_it, rapidfuzz": the start-up floor of any run, its
       runs interleaved with those of (c), so that the machine's drift hits both alike
  (e)  ripgrep counting a figure regex over the corpus, if `rg` is installed
  (f)  markdownlint-cli2 on the corpus and on the one file, if it is installed
  (g)  with --scale: (a) on a corpus 10x larger; with --registry-scaling: (a) with a
       registry of 100 and of 10,000 claims

then prints Markdown tables (measurements, derived numbers, the ratios of the speed
issue) and writes everything to bench/results.json. It is a measurement tool: it asserts
nothing. mesacheck exits 1 when it has findings, which is normal; exit 2 (or a crash) is
an error, and its stderr is printed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
GENERATOR = BENCH / "generate.py"
RESULTS = BENCH / "results.json"
NPM_INSTALL = "npm install --prefix bench markdownlint-cli2"
RG_INSTALL = "apt-get install ripgrep  (or: brew install ripgrep, cargo install ripgrep)"

# The figure regex ripgrep counts (the same as bench/generate.py's FIGURE_LIKE).
FIGURE_REGEX = r"[$€£]?\d[\d,.]*\s?(%|×|x\b|[MBK]\b|percent)"
MD_SUFFIXES = (".md", ".markdown", ".mdx")
COVERAGE_RE = re.compile(
    r"Checked (?P<files>[\d,]+) files?: (?P<figures>[\d,]+) figures?"
    r"(?: \((?P<resolved>[\d,]+) resolved[^,)]*, (?P<unresolved>[\d,]+) unresolved\))?"
    r"(?:, (?P<dates>[\d,]+) dates?)?"
)
FINDING_RE = re.compile(r":\d+:\d+: (MC\d{3}) ")
ONE_FILE_TARGET = 20_000  # bytes


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes


@dataclass
class Sample:
    wall: float
    rss_kib: int | None
    code: int


@dataclass
class Measurement:
    key: str
    label: str
    cmd: list[str] = field(default_factory=list)
    cwd: str = ""
    samples: list[Sample] = field(default_factory=list)
    status: str = "ok"  # ok | error | skipped
    note: str = ""
    stdout_tail: str = ""
    stderr_tail: str = ""
    coverage: dict[str, int] | None = None
    findings: dict[str, int] | None = None

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]

    @property
    def median(self) -> float | None:
        return statistics.median(self.walls) if self.samples and self.status == "ok" else None

    def to_json(self) -> dict[str, Any]:
        rss = [s.rss_kib for s in self.samples if s.rss_kib is not None]
        return {
            "label": self.label,
            "status": self.status,
            "note": self.note,
            "cmd": self.cmd,
            "cwd": self.cwd,
            "runs": [
                {"wall_s": s.wall, "peak_rss_kib": s.rss_kib, "exit": s.code} for s in self.samples
            ],
            "median_s": self.median,
            "min_s": min(self.walls) if self.samples and self.status == "ok" else None,
            "max_s": max(self.walls) if self.samples and self.status == "ok" else None,
            "peak_rss_mib": round(max(rss) / 1024, 1) if rss else None,
            "coverage": self.coverage,
            "findings_by_code": self.findings,
            "stderr_tail": self.stderr_tail if self.status == "error" else "",
        }


def _gnu_time() -> str | None:
    """GNU time, whose own tiny footprint is the only floor under the RSS it reports."""
    path = shutil.which("time", path="/usr/bin:/bin:/usr/local/bin")
    if not path:
        return None
    try:
        r = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if "GNU" in (r.stdout + r.stderr) else None


GNU_TIME = _gnu_time()


def _own_rss_kib() -> int:
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss // 1024 if sys.platform == "darwin" else rss


def rss_method() -> str:
    if GNU_TIME:
        return f"GNU time -f %M ({GNU_TIME})"
    return (
        "os.wait4 rusage of the child; it includes the RSS of this script at the fork "
        f"(~{_own_rss_kib() / 1024:.0f} MiB), so small children read high"
    )


def run_once(cmd: list[str], cwd: Path, out: Path, err: Path) -> Sample:
    """One child process: wall clock around it, and its own peak RSS.

    A child's ru_maxrss starts at the RSS of the process that forked it (Linux keeps the
    high-water mark across exec), so the child is started through GNU time when it is
    installed (a ~2 MiB parent) and its %M read back; otherwise os.wait4 gives the rusage
    of exactly this child, with this script's RSS as its floor.
    """
    import resource

    rss_file = out.with_suffix(".rss")
    full = [GNU_TIME, "-f", "%M", "-o", str(rss_file), *cmd] if GNU_TIME else cmd
    with out.open("wb") as o, err.open("wb") as e:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        p = subprocess.Popen(full, cwd=cwd, stdout=o, stderr=e, stdin=subprocess.DEVNULL)
        if hasattr(os, "wait4"):
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            p.returncode = code = os.waitstatus_to_exitcode(status)
            rss: int | None = ru.ru_maxrss
        else:  # no wait4: the RUSAGE_CHILDREN maximum, when this child raised it
            code = p.wait()
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            rss = after if after > before else None
    if rss is not None and sys.platform == "darwin":
        rss //= 1024  # bytes there, KiB on Linux
    if GNU_TIME:
        try:
            rss = int(rss_file.read_text().split()[-1])
        except (OSError, ValueError, IndexError):
            rss = None
        if code == 127 and not shutil.which(cmd[0]) and not Path(cmd[0]).exists():
            raise OSError(f"{cmd[0]}: not found")
    return Sample(wall, rss, code)


def _tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip("\n").splitlines()[-lines:])


class Timer:
    """The runs of one measurement, taken one `step` at a time (see `measure_together`)."""

    def __init__(
        self,
        key: str,
        label: str,
        cmd: list[str],
        cwd: Path,
        runs: int,
        scratch: Path,
        ok_codes: tuple[int, ...],
        mesacheck: bool = False,
        before_each: Any = None,
        after_each: Any = None,
    ) -> None:
        self.m = Measurement(key, label, cmd, str(cwd))
        self.key, self.cmd, self.cwd, self.runs = key, cmd, cwd, runs
        self.ok_codes, self.mesacheck = ok_codes, mesacheck
        self.before_each, self.after_each = before_each, after_each
        self.out, self.err = scratch / f"{key}.out", scratch / f"{key}.err"
        self.failed = False

    def step(self, i: int) -> None:
        m, key, out, err, mesacheck = self.m, self.key, self.out, self.err, self.mesacheck
        if self.before_each:
            self.before_each(i)
        try:
            s = run_once(self.cmd, self.cwd, out, err)
        except OSError as e:
            m.status, m.note = "error", f"could not start: {e}"
            log(f"  {key}: could not start {self.cmd[0]}: {e}")
            self.failed = True
            return
        finally:
            if self.after_each:
                self.after_each(i)
        m.samples.append(s)
        log(
            f"  {key} run {i + 1}/{self.runs}: {fmt_s(s.wall)}, "
            f"peak RSS {fmt_rss(s.rss_kib)}, exit {s.code}"
        )
        stdout = out.read_text(encoding="utf-8", errors="replace") if mesacheck else ""
        crashed = mesacheck and s.code == 1 and not COVERAGE_RE.search(stdout)
        if s.code not in self.ok_codes or crashed:
            m.status = "error"
            m.stderr_tail = _tail(err, 25)
            m.note = f"exit {s.code}" + (" without a coverage line (a crash?)" if crashed else "")
            log(f"  {key}: ERROR ({m.note}); stderr:\n" + _indent(m.stderr_tail or "(empty)"))
            self.failed = True
            return
        if mesacheck and i == 0:
            cov = COVERAGE_RE.search(stdout)
            if cov:
                m.coverage = {k: int(v.replace(",", "")) for k, v in cov.groupdict().items() if v}
            counts: dict[str, int] = {}
            for code in FINDING_RE.findall(stdout):
                counts[code] = counts.get(code, 0) + 1
            m.findings = dict(sorted(counts.items()))

    def result(self) -> Measurement:
        m = self.m
        if self.failed:
            return m
        m.stdout_tail = _tail(self.out, 3)
        if self.mesacheck and not m.note and m.samples:
            m.note = f"exit {m.samples[-1].code}"
        return m


def measure(*args: Any, **kwargs: Any) -> Measurement:
    """K runs of one command, one after another."""
    (m,) = measure_together([Timer(*args, **kwargs)])
    return m


def measure_together(timers: list[Timer]) -> list[Measurement]:
    """The runs of several measurements interleaved, one of each in turn: a shared machine
    that slows down for a while then slows all of them alike, which keeps their ratio (the
    one-file run against the start-up floor) from measuring the machine's drift."""
    for i in range(max(t.runs for t in timers)):
        for t in timers:
            if not t.failed and i < t.runs:
                t.step(i)
    return [t.result() for t in timers]


def skipped(key: str, label: str, why: str) -> Measurement:
    log(f"  {key}: skipped ({why})")
    return Measurement(key, label, status="skipped", note=why)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


# --------------------------------------------------------------------------- corpus


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def generate(out: Path, articles: int, claims: int, seed: int, registry_only: bool = False) -> None:
    """Run bench/generate.py into `out`, unless an identical generation is already there."""
    stamp = out / ".bench-generated"
    want = (
        f"{_sha(GENERATOR)} articles={articles} claims={claims} seed={seed} "
        f"registry_only={registry_only}"
    )
    if stamp.exists() and stamp.read_text() == want:
        log(f"reusing {out} (same generator and parameters)")
        return
    cmd = [
        sys.executable,
        str(GENERATOR),
        str(out),
        "--articles",
        str(articles),
        "--claims",
        str(claims),
        "--seed",
        str(seed),
    ] + (["--registry-only"] if registry_only else [])
    log("$ " + " ".join(cmd))
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    log(f"generated in {time.perf_counter() - t0:.1f} s")
    stamp.write_text(want)


def corpus_totals(corpus: Path) -> dict[str, Any]:
    rx = re.compile(FIGURE_REGEX)
    docs = corpus / "docs"
    files = sorted(p for p in docs.rglob("*") if p.suffix in MD_SUFFIXES and p.is_file())
    size = matches = 0
    for p in files:
        data = p.read_bytes()
        size += len(data)
        matches += len(rx.findall(data.decode("utf-8", errors="replace")))
    claims = (
        sum(
            len(re.findall(r"^\s*-\s+id:", p.read_text(encoding="utf-8", errors="replace"), re.M))
            for p in sorted((corpus / "claims").rglob("*.y*ml"))
        )
        if (corpus / "claims").is_dir()
        else 0
    )
    totals: dict[str, Any] = {
        "path": str(corpus),
        "files": len(files),
        "bytes": size,
        "mb": round(size / 1e6, 2),
        "figure_like_matches": matches,
        "claims": claims,
    }
    meta = corpus / "corpus.json"
    if meta.exists():
        with contextlib.suppress(ValueError):
            totals["generator"] = json.loads(meta.read_text())
    return totals


def pick_one_file(corpus: Path) -> Path | None:
    files = sorted(
        p for p in (corpus / "docs").rglob("*") if p.suffix in MD_SUFFIXES and p.is_file()
    )
    if not files:
        return None
    return min(files, key=lambda p: (abs(p.stat().st_size - ONE_FILE_TARGET), str(p)))


class Edit:
    """Modify a file before each run and put it back (bytes and times) after."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_bytes()
        st = path.stat()
        self.times = (st.st_atime_ns, st.st_mtime_ns)

    def before(self, i: int) -> None:
        self.path.write_bytes(
            self.original
            + f"\nEdited for the benchmark (run {i + 1}): a new sentence with 12% in it.\n".encode()
        )

    def after(self, _i: int) -> None:
        self.path.write_bytes(self.original)
        os.utime(self.path, ns=self.times)


# --------------------------------------------------------------------------- tools


def find_mesacheck(override: str | None) -> list[str]:
    if override:
        return override.split()
    # the entry point of the interpreter running this script, not a pyenv/asdf shim
    local = Path(sys.executable).parent / ("mesacheck.exe" if os.name == "nt" else "mesacheck")
    if local.exists():
        return [str(local)]
    found = shutil.which("mesacheck")
    return [found] if found else [sys.executable, "-m", "mesacheck"]


def interpreter_of(cmd: list[str]) -> str:
    """The Python that runs mesacheck: the shebang of its entry script, else this one."""
    if len(cmd) == 1:
        try:
            first = Path(cmd[0]).read_bytes()[:256].split(b"\n", 1)[0].decode()
        except OSError:
            first = ""
        if first.startswith("#!") and "python" in first:
            parts = first[2:].split()
            if parts and Path(parts[0]).name == "env" and len(parts) > 1:
                return shutil.which(parts[1]) or sys.executable
            if parts and Path(parts[0]).exists():
                return parts[0]
    return cmd[0] if "python" in Path(cmd[0]).name else sys.executable


def find_markdownlint() -> str | None:
    local = BENCH / "node_modules" / ".bin" / "markdownlint-cli2"
    return shutil.which("markdownlint-cli2") or (str(local) if local.exists() else None)


def version_of(cmd: list[str]) -> str | None:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (r.stdout or r.stderr).strip().splitlines()
    return text[0] if text else None


def help_flags(base: list[str]) -> set[str]:
    try:
        r = subprocess.run([*base, "check", "--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", r.stdout + r.stderr))


# --------------------------------------------------------------------------- formatting


def fmt_s(x: float | None) -> str:
    if x is None:
        return "—"
    if x < 1:
        return f"{x * 1000:.0f} ms"
    if x < 100:
        return f"{x:.2f} s"
    return f"{x:.0f} s"


def fmt_rss(kib: int | None) -> str:
    return "—" if kib is None else f"{kib / 1024:.0f} MiB"


def fmt_num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def ratio(a: Measurement | None, b: Measurement | None) -> tuple[float | None, str]:
    if a is None or b is None:
        return None, "not measured"
    for m in (a, b):
        if m.median is None:
            return None, f"{m.key}: {m.status}" + (f" ({m.note})" if m.note else "")
    return a.median / b.median, ""


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    src = p.add_mutually_exclusive_group()
    src.add_argument(
        "--corpus", type=Path, help="an existing corpus folder (docs/, claims/, sources/)"
    )
    src.add_argument("--generate", type=int, metavar="N", help="generate N articles (default 572)")
    p.add_argument(
        "--claims",
        type=int,
        default=1000,
        metavar="M",
        help="registry size when generating (default 1000)",
    )
    p.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    p.add_argument(
        "--runs", type=int, default=5, metavar="K", help="runs per measurement (default 5)"
    )
    p.add_argument(
        "--short-runs",
        type=int,
        default=15,
        metavar="K",
        help="runs for the sub-second measurements, (c) to (f) on one file (default 15, "
        "and never fewer than --runs): a 0.2 s process on a shared machine varies by a "
        "quarter from run to run",
    )
    p.add_argument(
        "--jobs", type=int, metavar="J", help="pass --jobs J to mesacheck, if it has --jobs"
    )
    p.add_argument(
        "--scale", action="store_true", help="also time the cold run on a corpus 10x larger"
    )
    p.add_argument("--scale-runs", type=int, metavar="K", help="runs for --scale (default: --runs)")
    p.add_argument(
        "--registry-scaling",
        action="store_true",
        help="also time the cold run with 100 and 10,000 claims",
    )
    p.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mesacheck-bench",
        help="where generated corpora and caches go (default: %(default)s)",
    )
    p.add_argument(
        "--mesacheck", help="the command to run (default: the mesacheck entry point of this Python)"
    )
    p.add_argument(
        "--json",
        type=Path,
        default=RESULTS,
        help="where to write the results (default: bench/results.json)",
    )
    a = p.parse_args(argv)
    runs = max(1, a.runs)
    short = max(runs, a.short_runs)  # sub-second measurements

    work = a.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="run-", dir=work))

    # ---- the corpus
    if a.corpus:
        corpus = a.corpus.resolve()
        if not (corpus / "docs").is_dir():
            log(f"{corpus} has no docs/ folder")
            return 2
        n_articles = None
    else:
        n_articles = a.generate if a.generate is not None else 572
        corpus = work / f"corpus-a{n_articles}-c{a.claims}-s{a.seed}"
        generate(corpus, n_articles, a.claims, a.seed)
    totals = corpus_totals(corpus)
    log(
        f"corpus {corpus}: {totals['files']:,} files, {totals['mb']:.2f} MB, "
        f"{totals['figure_like_matches']:,} figure-like matches, {totals['claims']:,} claims"
    )

    # ---- the tools
    mc = find_mesacheck(a.mesacheck)
    py = interpreter_of(mc)
    flags = help_flags(mc)
    rg = shutil.which("rg")
    mdl = find_markdownlint()
    env_info = {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "mesacheck": version_of([*mc, "--version"]),
        "mesacheck_cmd": mc,
        "mesacheck_python": py,
        "mesacheck_check_flags": sorted(flags),
        "ripgrep": version_of([rg, "--version"]) if rg else None,
        "markdownlint_cli2": (version_of([mdl, "--help"]) if mdl else None),
        "peak_rss_method": rss_method(),
    }
    log(f"mesacheck: {' '.join(mc)} ({env_info['mesacheck']}); interpreter {py}")
    # an installed package has its bytecode (pip compiles on install); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module on every start instead
    compiled = subprocess.run(
        [
            py,
            "-c",
            "import compileall, os, mesacheck; "
            "print(compileall.compile_dir(os.path.dirname(mesacheck.__file__), quiet=1))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    env_info["bytecode_compiled"] = compiled.stdout.strip() == "True"
    if not flags:
        log("  could not read `mesacheck check --help`; running without optional flags")

    reg_args: list[str] = []
    for name in ("claims", "sources"):
        if (corpus / name).is_dir():
            reg_args += [f"--{name}", name]
    has_cache = "--no-cache" in flags or "--cache-dir" in flags
    cache_dir = work / "mesacheck-cache"
    cold_cache = ["--no-cache"] if "--no-cache" in flags else []
    warm_cache = ["--cache-dir", str(cache_dir)] if "--cache-dir" in flags else []
    jobs: list[str] = []
    notes: list[str] = []
    if a.jobs is not None:
        if "--jobs" in flags:
            jobs = ["--jobs", str(a.jobs)]
        else:
            notes.append(f"--jobs {a.jobs} ignored: `mesacheck check --help` lists no --jobs")
    if not has_cache:
        notes.append(
            "no cache yet: `mesacheck check --help` lists neither --no-cache nor --cache-dir"
        )

    def mc_cmd(*extra: str, paths: list[str], registry: list[str] | None = None) -> list[str]:
        reg = registry if registry is not None else reg_args
        return [*mc, "check", "--format", "concise", *reg, *jobs, *extra, *paths]

    def clear_cold_cache(_i: int) -> None:
        if not cold_cache and "--cache-dir" in flags:  # no --no-cache: start each run empty
            shutil.rmtree(cold_dir, ignore_errors=True)

    cold_dir = work / "mesacheck-cache-cold"
    cold_extra = cold_cache or (["--cache-dir", str(cold_dir)] if "--cache-dir" in flags else [])

    results: dict[str, Measurement] = {}

    def add(m: Measurement) -> None:
        results[m.key] = m

    mc_ok = (0, 1)
    log("(a) mesacheck, corpus, cold")
    add(
        measure(
            "a_cold",
            "(a) mesacheck, corpus, cold",
            mc_cmd(*cold_extra, paths=["docs"]),
            corpus,
            runs,
            scratch,
            mc_ok,
            mesacheck=True,
            before_each=clear_cold_cache,
        )
    )

    log("(b) mesacheck, corpus, warm")
    if has_cache:
        shutil.rmtree(cache_dir, ignore_errors=True)
        warm = mc_cmd(*warm_cache, paths=["docs"])
        log("  populating the cache (untimed)")
        run_once(warm, corpus, scratch / "populate.out", scratch / "populate.err")
        add(
            measure(
                "b_warm",
                "(b) mesacheck, corpus, warm",
                warm,
                corpus,
                runs,
                scratch,
                mc_ok,
                mesacheck=True,
            )
        )
    else:
        add(skipped("b_warm", "(b) mesacheck, corpus, warm", "no cache yet"))

    one = pick_one_file(corpus)
    one_rel = str(one.relative_to(corpus)) if one else None
    one_size = one.stat().st_size if one else 0
    log(
        f"(c) mesacheck, one changed file ({one_rel}, {one_size / 1000:.1f} KB), "
        "(d) the start-up floor and (d′) a bare interpreter, their runs interleaved"
    )
    quick = [
        Timer(
            "d_floor",
            '(d) python -c "import markdown_it, rapidfuzz"',
            [py, "-c", "import markdown_it, rapidfuzz"],
            corpus,
            short,
            scratch,
            (0,),
        ),
        Timer(
            "d_python",
            "(d′) python -c pass (bare interpreter)",
            [py, "-c", "pass"],
            corpus,
            short,
            scratch,
            (0,),
        ),
    ]
    if one is not None:
        edit = Edit(one)
        quick.insert(
            0,
            Timer(
                "c_one_file",
                f"(c) mesacheck, one changed {one_size / 1000:.0f} KB file",
                mc_cmd(*warm_cache, paths=[one_rel]),
                corpus,
                short,
                scratch,
                mc_ok,
                mesacheck=True,
                before_each=edit.before,
                after_each=edit.after,
            ),
        )
    else:
        add(skipped("c_one_file", "(c) mesacheck, one changed file", "no Markdown file in docs/"))
    for m in measure_together(quick):
        add(m)

    log("(e) ripgrep")
    if rg:
        add(
            measure(
                "e_rg",
                "(e) rg -c FIGURE_REGEX, corpus",
                [rg, "-c", "--no-ignore", FIGURE_REGEX, "docs"],
                corpus,
                short,
                scratch,
                (0, 1),
            )
        )
        r = subprocess.run(
            [rg, "--count-matches", "--no-filename", "--no-ignore", FIGURE_REGEX, "docs"],
            cwd=corpus,
            capture_output=True,
            text=True,
        )
        totals["rg_count_matches"] = sum(int(x) for x in r.stdout.split() if x.isdigit())
    else:
        add(skipped("e_rg", "(e) rg -c FIGURE_REGEX, corpus", f"rg not installed: {RG_INSTALL}"))

    log("(f) markdownlint-cli2")
    if mdl:
        add(
            measure(
                "f_mdl",
                "(f) markdownlint-cli2, corpus",
                [mdl, "docs/**/*.md"],
                corpus,
                runs,
                scratch,
                (0, 1),
            )
        )
        if one_rel:
            add(
                measure(
                    "f_mdl_one",
                    "(f) markdownlint-cli2, one file",
                    [mdl, ":" + one_rel],
                    corpus,
                    short,
                    scratch,
                    (0, 1),
                )
            )
    else:
        why = f"markdownlint-cli2 not found; install with: {NPM_INSTALL}"
        add(skipped("f_mdl", "(f) markdownlint-cli2, corpus", why))
        add(skipped("f_mdl_one", "(f) markdownlint-cli2, one file", why))

    if a.scale:
        log("(g) scaling: a corpus 10x larger")
        if n_articles is None:
            n_big = 10 * totals["files"]
            big = work / f"corpus-a{n_big}-c{a.claims}-s{a.seed}"
            notes.append(
                f"--scale with --corpus: the 10x corpus is generated ({n_big} articles), "
                "not a copy of DIR"
            )
        else:
            n_big = 10 * n_articles
            big = work / f"corpus-a{n_big}-c{a.claims}-s{a.seed}"
        generate(big, n_big, a.claims, a.seed)
        totals["scale_10x"] = corpus_totals(big)
        big_reg = [x for n in ("claims", "sources") for x in (f"--{n}", n)]
        add(
            measure(
                "g_10x",
                f"(g) mesacheck, 10x corpus ({totals['scale_10x']['mb']:.0f} MB), cold",
                mc_cmd(*cold_extra, paths=["docs"], registry=big_reg),
                big,
                a.scale_runs or runs,
                scratch,
                mc_ok,
                mesacheck=True,
                before_each=clear_cold_cache,
            )
        )
    if a.registry_scaling:
        log("(g) scaling: registries of 100 and 10,000 claims, same documents")
        for n in (100, 10_000):
            reg = work / f"registry-c{n}-s{a.seed}"
            generate(reg, 0, n, a.seed, registry_only=True)
            reg_flags = ["--claims", str(reg / "claims"), "--sources", str(reg / "sources")]
            if "--cache-dir" in flags:
                # the usual case: the registry has not changed since the last run (its
                # parsed form is cached), every document is checked afresh
                reg_cache = work / f"mesacheck-cache-registry-{n}"
                shutil.rmtree(reg_cache, ignore_errors=True)
                cached = mc_cmd("--cache-dir", str(reg_cache), paths=["docs"], registry=reg_flags)
                run_once(cached, corpus, scratch / "populate.out", scratch / "populate.err")

                def keep_registry_only(_i: int, folder: Path = reg_cache) -> None:
                    for entry in folder.iterdir():
                        if entry.is_dir() and entry.name != "registry":
                            shutil.rmtree(entry, ignore_errors=True)

                add(
                    measure(
                        f"g_claims_cached_{n}",
                        f"(g) mesacheck, corpus, cold files, cached {n:,}-claim registry",
                        cached,
                        corpus,
                        runs,
                        scratch,
                        mc_ok,
                        mesacheck=True,
                        before_each=keep_registry_only,
                    )
                )
            add(
                measure(
                    f"g_claims_{n}",
                    f"(g) mesacheck, corpus, cold, {n:,} claims",
                    mc_cmd(
                        *cold_extra,
                        paths=["docs"],
                        registry=[
                            "--claims",
                            str(reg / "claims"),
                            "--sources",
                            str(reg / "sources"),
                        ],
                    ),
                    corpus,
                    runs,
                    scratch,
                    mc_ok,
                    mesacheck=True,
                    before_each=clear_cold_cache,
                )
            )

    # ---- derived numbers
    cold = results["a_cold"]
    floor = results.get("d_floor")
    derived: dict[str, Any] = {}
    figures = (cold.coverage or {}).get("figures")
    if cold.median:
        derived["files_per_s"] = totals["files"] / cold.median
        derived["mb_per_s"] = totals["bytes"] / 1e6 / cold.median
        if figures:
            derived["figures_reported"] = figures
            derived["ms_per_figure"] = 1000 * cold.median / figures
            if floor and floor.median:
                derived["ms_per_figure_above_floor"] = 1000 * (cold.median - floor.median) / figures
        if floor and floor.median:
            derived["s_per_mb_above_floor"] = (cold.median - floor.median) / (totals["bytes"] / 1e6)
    ratio_defs = [
        ("cold/markdownlint", "a_cold", "f_mdl"),
        ("cold/ripgrep", "a_cold", "e_rg"),
        ("warm/cold", "b_warm", "a_cold"),
        ("one-file/markdownlint-one-file", "c_one_file", "f_mdl_one"),
        ("one-file/start-up-floor", "c_one_file", "d_floor"),
        ("10x/1x", "g_10x", "a_cold"),
        ("10k/100 claims", "g_claims_10000", "g_claims_100"),
        ("10k/100 claims, registry cached", "g_claims_cached_10000", "g_claims_cached_100"),
    ]
    ratios: dict[str, Any] = {}
    for name, x, y in ratio_defs:
        if x == "b_warm" and not has_cache:
            ratios[name] = {"value": None, "why": "no cache yet"}
            continue
        if x == "g_10x" and not a.scale:
            ratios[name] = {"value": None, "why": "run with --scale"}
            continue
        if x.startswith("g_claims") and not a.registry_scaling:
            ratios[name] = {"value": None, "why": "run with --registry-scaling"}
            continue
        v, why = ratio(results.get(x), results.get(y))
        ratios[name] = {"value": v, "why": why}

    # ---- report
    fl = totals["figure_like_matches"]
    lines = [
        f"Corpus: {totals['files']:,} files, {totals['mb']:.2f} MB, {fl:,} figure-like matches, "
        f"{totals['claims']:,} claims. One file: `{one_rel}` ({one_size / 1000:.1f} KB).",
        f"{env_info['mesacheck'] or 'mesacheck ?'}, Python {env_info['python']}, "
        f"{env_info['cpus']} CPUs, {env_info['platform']}; "
        f"{runs} run{'s' if runs != 1 else ''} each, {short} for the sub-second ones"
        + (f"; {env_info['ripgrep']}" if rg else "")
        + (f"; {env_info['markdownlint_cli2']}" if mdl else "")
        + f". Wall clock: time.perf_counter around the process; peak RSS: {rss_method()}.",
        "",
        "| Measurement | Median | Min | Max | Peak RSS | Notes |",
        "| :--- | ---: | ---: | ---: | ---: | :--- |",
    ]
    for m in results.values():
        j = m.to_json()
        note = m.note
        if m.coverage:
            cov = m.coverage
            nf = cov.get("files", 0)
            note += f"; {nf:,} file{'s' if nf != 1 else ''}, {cov.get('figures', 0):,} figures"
            if "resolved" in cov:
                note += f" ({cov['resolved']:,} resolved)"
            if "dates" in cov:
                note += f", {cov['dates']:,} dates"
        if m.findings:
            note += f"; {sum(m.findings.values()):,} findings"
        if m.status == "skipped":
            lines.append(f"| {m.label} | — | — | — | — | {note} |")
        elif m.status == "error":
            lines.append(f"| {m.label} | — | — | — | — | ERROR: {note} |")
        else:
            rss = "—" if j["peak_rss_mib"] is None else f"{j['peak_rss_mib']:.0f} MiB"
            times = " | ".join(fmt_s(j[k]) for k in ("median_s", "min_s", "max_s"))
            lines.append(f"| {m.label} | {times} | {rss} | {note.lstrip('; ')} |")
    lines += ["", "| Derived | Value |", "| :--- | ---: |"]
    for label, k, digits in [
        ("files/s (cold)", "files_per_s", 1),
        ("MB/s (cold)", "mb_per_s", 2),
        ("s/MB above the start-up floor (cold)", "s_per_mb_above_floor", 2),
        ("figures reported (coverage line)", "figures_reported", 0),
        ("ms per figure (cold)", "ms_per_figure", 2),
        ("ms per figure above the start-up floor", "ms_per_figure_above_floor", 2),
    ]:
        lines.append(f"| {label} | {fmt_num(derived.get(k), digits)} |")
    for name, r in ratios.items():
        v = r["value"]
        shown = f"{fmt_num(v, 2 if v < 10 else 1)}×" if v is not None else f"— ({r['why']})"
        lines.append(f"| {name} | {shown} |")
    if cold.findings:
        lines += [
            "",
            "Findings on the corpus (cold run): "
            + ", ".join(f"{k} {v:,}" for k, v in cold.findings.items())
            + ".",
        ]
    if notes:
        lines += [""] + [f"Note: {n}." for n in notes]
    report = "\n".join(lines)
    print(report)

    out = {
        "generated_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "command": [Path(sys.argv[0]).name] + (argv if argv is not None else sys.argv[1:]),
        "environment": env_info,
        "corpus": totals,
        "one_file": {"path": one_rel, "bytes": one_size},
        "runs": runs,
        "short_runs": short,
        "measurements": {k: m.to_json() for k, m in results.items()},
        "derived": derived,
        "ratios": ratios,
        "notes": notes,
        "markdown": report,
    }
    a.json.parent.mkdir(parents=True, exist_ok=True)
    a.json.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log(f"wrote {a.json}")
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
