"""The command line around a check: `config`, excludes for pre-commit, the cache."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mesacheck.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _json(capsys) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(capsys.readouterr().out)


def test_config_prints_effective_settings(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / ".mesacheck.toml").write_text(
        'fail-on = "error"\nextend-exclude = ["drafts"]\n[severity]\nMC001 = "info"\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["config"]) == 0
    out = capsys.readouterr().out
    assert ".mesacheck.toml" in out and 'fail-on = "error"' in out
    assert 'MC001 = "info"' in out and "drafts" in out
    assert "MC201" not in out.split("select =")[1].split("\n")[0]  # off by default


def test_force_exclude_holds_for_named_files(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "x.md").write_text("It rose 12%.\n", "utf-8")
    (tmp_path / ".mesacheck.toml").write_text('exclude = ["drafts"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "drafts/x.md"])
    assert _json(capsys)["summary"]["files"] == 1
    assert main(["check", "--format", "json", "--force-exclude", "drafts/x.md"]) == 0
    assert _json(capsys)["summary"]["files"] == 0


def _entries(cache: Path, namespace: str) -> list[Path]:
    return [p for p in (cache / namespace).glob("*/*") if p.is_file()]


def test_warm_run_answers_from_the_cache_with_the_same_findings(
    tmp_path,
    capsys,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "claims", work / "claims")
    shutil.copytree(ROOT / "sources", work / "sources")
    (work / "docs").mkdir()
    for i in range(3):
        shutil.copy(ROOT / "examples" / "mesa-optimization.md", work / "docs" / f"a{i}.md")
    monkeypatch.chdir(work)
    args = ["check", "--format", "json", "docs"]
    main(args)
    cold = _json(capsys)
    cache = work / ".mesacheck_cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    assert len(_entries(cache, "file")) == 3  # one per file (the name is part of its key)
    assert len(_entries(cache, "run")) == 1  # the whole run's findings
    main(args)
    warm = _json(capsys)
    assert warm == cold
    # an edited registry file misses the whole-run cache (same findings, a second entry)
    claims = sorted((work / "claims").glob("*.yaml"))[0]
    claims.write_text(claims.read_text(encoding="utf-8") + "# reviewed\n", "utf-8")
    main(args)
    assert _json(capsys) == cold
    assert len(_entries(cache, "run")) == 2
    # an edited file misses the cache and is checked again
    doc = work / "docs" / "a0.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace("2,500×", "1,520×"), "utf-8")
    main(args)
    edited = _json(capsys)
    assert edited["summary"]["by_code"]["MC002"] == cold["summary"]["by_code"]["MC002"] - 3
    # and the baseline, which needs every figure, never takes the whole-run shortcut
    assert main(["baseline", "write", "b.json", "docs"]) == 0
    assert json.loads((work / "b.json").read_text(encoding="utf-8"))["findings"]


def test_no_cache_writes_nothing(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text("It rose 12%.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--no-cache", "a.md"])
    assert not (tmp_path / ".mesacheck_cache").exists()
    assert "mesacheck:" not in capsys.readouterr().err  # no progress line off a terminal


def test_many_files_in_parallel_give_the_serial_result(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = (ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    for i in range(14):  # enough files for the process pool
        part = "\n\n".join(blocks[(i * 7) % len(blocks) :][:20])
        (tmp_path / f"p{i:02}.md").write_text(part, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    reg = ["--claims", str(ROOT / "claims"), "--sources", str(ROOT / "sources")]
    main(["check", "--format", "json", "--no-cache", "--jobs", "1", *reg, "."])
    serial = _json(capsys)
    main(["check", "--format", "json", "--no-cache", "--jobs", "2", *reg, "."])
    parallel = _json(capsys)
    assert parallel == serial and serial["summary"]["files"] == 14


def test_no_worker_processes_falls_back_to_one(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An interpreter that cannot start workers (embedded, stdin) still gets its answer."""
    import concurrent.futures
    from concurrent.futures.process import BrokenProcessPool

    class Broken:
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pass

        def __enter__(self):  # type: ignore[no-untyped-def]
            raise BrokenProcessPool("no workers here")

        def __exit__(self, *exc) -> None:  # type: ignore[no-untyped-def]
            return None

    for i in range(14):
        (tmp_path / f"p{i:02}.md").write_text(f"Scheming fell {i + 2}× in run {i}.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    main(["check", "--format", "json", "--no-cache", "--jobs", "1", "."])
    serial = _json(capsys)
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    main(["check", "--format", "json", "--no-cache", "--jobs", "2", "."])
    assert _json(capsys) == serial and serial["summary"]["figures"] == 14


def test_a_run_pauses_the_cycle_collector_and_restores_it(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No cycle collection while a run holds its figures; afterwards, as it was."""
    import gc

    from mesacheck import engine
    from mesacheck.config import Config
    from mesacheck.registry import load
    from mesacheck.rules import mc001_unsourced_figure

    doc = tmp_path / "a.md"
    doc.write_text("Revenue rose 12% in 2024.\n", encoding="utf-8")
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    cfg = Config(root=tmp_path, claims=tmp_path / "claims", sources=tmp_path / "sources")
    seen: list[bool] = []
    real = mc001_unsourced_figure.check

    def check(ctx):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(ctx)

    monkeypatch.setattr(mc001_unsourced_figure, "check", check)
    was = gc.isenabled()
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            result = engine.check([doc], cfg, reg)
            assert [f.code for f in result.findings] == ["MC001"]
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]
