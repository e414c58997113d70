"""The engine: a run, as a small API the command line (and tests, and harvest) call.

    session = Session(cfg, cache_dir=...)
    result = session.check(files)          # findings of the documents, and coverage
    session.registry_findings()            # the registry's own findings (MC1xx)
    for resolutions in session.resolve(files): ...   # one file's figures at a time

A check runs each file through `pipeline.analyse` (by way of the runner, which owns the
cache and the worker processes), folds what the run rules collected from each file into
each rule's own summary as the file comes in (`context.gather`: compact mentions, never
every figure, nor every file's record), then runs those rules once over the whole run,
applies the files' inline suppressions and counts coverage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from mesacheck import runner, segments, suppress
from mesacheck.cache import Cache
from mesacheck.config import Config
from mesacheck.context import CheckContext, RunContext, gather
from mesacheck.coverage import Coverage
from mesacheck.files import excluded
from mesacheck.findings import Finding
from mesacheck.pipeline import FileResult, Settings, analyse, document_figures, read_text
from mesacheck.registry import Registry, load
from mesacheck.registry import digest as registry_digest
from mesacheck.resolve import Index, Resolution, Resolver
from mesacheck.rules import FILES_RULES, REGISTRY_RULES, RUN_RULES, SUPPRESSION_RULES

_RUNS_KEPT = 8  # whole-run results kept: a few checkouts or path sets, not every run


@dataclass(slots=True)
class RegistrySummary:
    """What a report says of the registry: its files, whether it loaded cleanly, its size
    and its own findings (MC1xx)."""

    files: list[str]
    load_failed: bool
    claims: int
    sources: int
    findings: list[Finding]

    def plain(self) -> tuple:
        counts = (self.load_failed, self.claims, self.sources)
        return (self.files, counts, [f.plain() for f in self.findings])

    @classmethod
    def from_plain(cls, t: tuple | list) -> RegistrySummary:
        files, (failed, claims, sources), findings = t
        return cls(list(files), failed, claims, sources, [Finding.from_plain(f) for f in findings])


@dataclass(slots=True)
class RunResult:
    findings: list[Finding]
    coverage: Coverage
    files: list[str] = field(default_factory=list)  # the documents checked, as displayed


class CheckJob:
    """`pipeline.analyse` as the runner's job: one file's findings and collections."""

    namespace = "file"

    def __init__(self, settings: Settings, resolver: Resolver) -> None:
        self.settings = settings
        self.resolver = resolver

    def __call__(self, display: str, raw: bytes) -> FileResult:
        return analyse(display, raw, self.settings, self.resolver)

    def failed(self, display: str, why: str) -> FileResult:
        return FileResult(display, unreadable=why)

    def plain(self, result: FileResult) -> Any:
        return result.plain()

    def from_plain(self, data: Any) -> FileResult:
        return FileResult.from_plain(data)


class ResolveJob(CheckJob):
    """One file's resolved figures, for harvest and baselines (never cached)."""

    namespace = ""

    def __call__(self, display: str, raw: bytes) -> list[Resolution]:  # type: ignore[override]
        text, _why = read_text(display, raw)
        if text is None:
            return []
        _doc, figs = document_figures(display, text, self.settings)
        return [self.resolver.resolve(f) for f in figs]

    def failed(self, display: str, why: str) -> list[Resolution]:  # type: ignore[override]
        return []


def settings_of(cfg: Config) -> Settings:
    return Settings(
        tuple(cfg.front_matter_fields), frozenset(cfg.kinds), segments.default_backend()
    )


def display_name(path: Path) -> str:
    return os.path.relpath(path) if path.is_absolute() else str(path)


class Session:
    """A configuration, its registry and a cache: what runs of mesacheck share."""

    def __init__(
        self,
        cfg: Config,
        *,
        cache_dir: Path | None = None,
        jobs: int | None = None,
        progress: runner.Progress | None = None,
        registry: Registry | None = None,
    ) -> None:
        self.cfg = cfg
        self.cache = Cache(cache_dir)
        self.jobs = jobs
        self.progress = progress
        self.settings = settings_of(cfg)
        if registry is not None:
            self.__dict__["registry"] = registry
            self.__dict__["registry_digest"] = registry.digest
            if not registry.digest:
                self.cache = Cache(None)  # what decides its results is unknown: no cache

    @cached_property
    def registry_digest(self) -> str:
        """What the registry's files hold (paths and bytes), read but not parsed."""
        return registry_digest(self.cfg.claims, self.cfg.sources, Path.cwd())

    @cached_property
    def registry(self) -> Registry:
        """The registry: from the cache when its files are unchanged, else loaded."""
        key = self.cache.key("registry", self.registry_digest)
        hit = self.cache.get("registry", key)
        if hit is not None:
            try:
                return Registry.from_plain(hit)
            except (TypeError, ValueError, KeyError):
                pass  # an entry of another shape: load again
        reg = load(self.cfg.claims, self.cfg.sources, Path.cwd())
        self.cache.put("registry", key, reg.to_plain())
        return reg

    @cached_property
    def summary(self) -> RegistrySummary:
        """What a report says of the registry, without loading it when the cache has it
        (a warm run over unchanged files and registry parses nothing)."""
        key = self.cache.key("registry-summary", self.registry_digest)
        hit = self.cache.get("registry-summary", key)
        if hit is not None:
            try:
                return RegistrySummary.from_plain(hit)
            except (TypeError, ValueError):
                pass
        reg = self.registry
        got = RegistrySummary(
            list(reg.files),
            reg.load_failed,
            len(reg.claims),
            len(reg.sources),
            registry_findings(reg),
        )
        self.cache.put("registry-summary", key, got.plain())
        return got

    @cached_property
    def resolver(self) -> Resolver:
        """The registry's resolver; its index from the cache when the registry's files
        are unchanged (building it reads every subject phrase of every claim)."""
        key = self.cache.key("index", self.registry_digest)
        hit = self.cache.get("index", key)
        if hit is not None:
            try:
                return Resolver(self.registry, Index.from_plain(hit, self.registry))
            except (TypeError, ValueError):
                pass  # an entry of another shape: build it again
        resolver = Resolver(self.registry)
        if self.cache.enabled:
            self.cache.put("index", key, resolver.index.plain())
        return resolver

    def registry_findings(self) -> list[Finding]:
        """The registry's own findings (MC1xx), as copies the caller may restyle."""
        return [Finding.from_plain(f.plain()) for f in self.summary.findings]

    def _inputs(self, files: list[Path]) -> list[runner.Input]:
        salt = self.settings.salt()
        digest = self.registry_digest

        def key(display: str, raw: bytes) -> str:
            return self.cache.key("file", display, salt, digest, raw)

        return runner.read_all([(p, display_name(p)) for p in files], key)

    def check(self, files: list[Path]) -> RunResult:
        """Check documents: each file's rules (cached per file, in parallel), then the
        rules that compare files, then suppressions. A run over exactly the files,
        contents, registry and settings of an earlier run answers from the cache."""
        with runner.collector_paused():
            return self._check(files)

    def _check(self, files: list[Path]) -> RunResult:
        inputs = self._inputs(files)
        shown = [i.display for i in inputs]
        run_key = self.cache.key(
            "run",
            self.registry_digest,
            *(f"{i.display}\0{i.key}\0{i.unreadable or ''}" for i in inputs),
        )
        hit = self.cache.get("run", run_key)
        if hit is not None:
            try:
                found, cov = hit
                if self.progress:
                    self.progress(len(inputs), len(inputs))
                findings = [Finding.from_plain(f) for f in found]
                return RunResult(findings, Coverage.from_plain(cov), shown)
            except (TypeError, ValueError):
                pass  # an entry of another shape: run again
        cov = Coverage()
        findings: list[Finding] = []
        # each run rule's fold of the records collected so far, never every file's record
        folded: dict[str, Any] = {rule.ID: None for rule in RUN_RULES}
        suppressions: dict[str, list[suppress.Suppression]] = {}
        job = CheckJob(self.settings, self.resolver)
        for got in runner.run(
            inputs, job, cache=self.cache, jobs=self.jobs, progress=self.progress
        ):
            cov.add(got)
            if got.unreadable is not None:
                continue
            findings.extend(got.findings)
            for rule in RUN_RULES:
                folded[rule.ID] = gather(rule, folded[rule.ID], got.collected[rule.ID])
            if got.suppressions:
                suppressions[got.path] = got.suppressions
        for rule in RUN_RULES:
            findings.extend(rule.check(RunContext(self.registry, folded.pop(rule.ID))))
        for rule in FILES_RULES:
            findings.extend(rule.check(cov.unreadable))
        if suppressions:
            findings = _suppressed(findings, suppressions)
        self.cache.put("run", run_key, ([f.plain() for f in findings], cov.plain()))
        self.cache.prune("run", _RUNS_KEPT)
        return RunResult(findings, cov, shown)

    def resolve(self, files: list[Path]) -> Iterator[list[Resolution]]:
        """Each file's resolved figures, one file at a time, in order."""
        job = ResolveJob(self.settings, self.resolver)
        yield from runner.run(self._inputs(files), job, jobs=self.jobs, progress=self.progress)


@dataclass(slots=True)
class Outcome:
    """A command's result, ready to report: findings with the configuration's selection
    and severities applied, in order, and the coverage line that closes every report."""

    findings: list[Finding]
    coverage: Coverage
    coverage_line: str
    files: list[str]
    registry_failed: bool  # the registry did not load cleanly (exit 2)
    to_review: list[Finding] = field(default_factory=list)


def lint(session: Session, files: list[Path]) -> Outcome:
    """`mesacheck check`: the registry's findings and the documents'."""
    summary = session.summary
    result = session.check(files)
    line = result.coverage.line()
    if not summary.files:
        line += (
            f" No registry found (looked for {session.cfg.claims} and {session.cfg.sources}):"
            " every figure counts as unsourced."
        )
    findings = apply_settings(session.registry_findings() + result.findings, session.cfg)
    return Outcome(findings, result.coverage, line, result.files, summary.load_failed)


def lint_registry(session: Session) -> Outcome:
    """`mesacheck registry check`: the registry's findings alone."""
    summary = session.summary
    s = "" if summary.claims == 1 else "s"
    n = len(summary.files)
    line = (
        f"Checked the registry: {summary.claims} claim{s}, {summary.sources} "
        f"sources in {n} file{'' if n == 1 else 's'}."
    )
    findings = apply_settings(session.registry_findings(), session.cfg)
    return Outcome(findings, Coverage(), line, [], summary.load_failed)


def _suppressed(
    findings: list[Finding], suppressions: dict[str, list[suppress.Suppression]]
) -> list[Finding]:
    """The findings no inline comment silences, and MC201 for the comments that silence
    nothing."""
    kept: list[Finding] = []
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    for path, found in by_path.items():
        kept.extend(suppress.apply(found, suppressions.get(path, [])))
    for path, sups in suppressions.items():
        for rule in SUPPRESSION_RULES:
            kept.extend(rule.check(path, sups))
    return kept


def check(
    files: list[Path],
    cfg: Config,
    reg: Registry | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
) -> RunResult:
    """One check with a session of its own (what tests and scripts call)."""
    return Session(cfg, cache_dir=cache_dir, jobs=jobs, registry=reg).check(files)


def registry_findings(reg: Registry) -> list[Finding]:
    """The registry's own findings (MC1xx)."""
    ctx = CheckContext(reg)
    return [f for rule in REGISTRY_RULES for f in rule.check(ctx)]


def resolve_files(files: list[Path], cfg: Config, reg: Registry | None = None) -> list[Resolution]:
    """Every resolved figure of `files`, in order (small runs: tests and scripts)."""
    session = Session(cfg, registry=reg)
    return [r for found in session.resolve(files) for r in found]


def apply_settings(findings: list[Finding], cfg: Config) -> list[Finding]:
    """Select/ignore codes and override severities, then sort."""
    out = []
    for f in findings:
        if f.code not in cfg.select or f.code in cfg.ignore:
            continue
        if cfg.per_file_ignores and any(
            f.code in codes and excluded(Path(f.path), [glob])
            for glob, codes in cfg.per_file_ignores.items()
        ):
            continue
        if f.code in cfg.severity:
            f.severity = cfg.severity[f.code]
        out.append(f)
    out.sort(key=Finding.sort_key)
    return out
