"""Adoption on a real repository, end to end (issue 14): a scratch git repository of 120
posts of the Rust blog goes through the README's path — check, harvest, check, baseline
write, pre-commit with the project's hooks, a commit that changes one figure.

Harvest exits 0; the check right after it has no finding the harvest created; the
pre-commit run on the commit reports the changed figure and nothing else (no finding of an
untouched file). The hooks are those of `.pre-commit-hooks.yaml` (id, entry, file filters),
run as `repo: local` hooks with this checkout's Python, so no virtual environment is built.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from mesacheck import grammar
from mesacheck.cli import main
from mesacheck.grammar import scan
from mesacheck.values import agrees

ROOT = Path(__file__).resolve().parent.parent
RUST = ROOT.parent / "shared" / "corpora" / "rust-blog"
POSTS = 120

pytestmark = [
    pytest.mark.skipif(not RUST.is_dir(), reason="needs ../shared/corpora/rust-blog"),
    pytest.mark.skipif(
        shutil.which("git") is None or shutil.which("pre-commit") is None,
        reason="needs git and pre-commit on PATH",
    ),
]

_NUM = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=repo, env=_env(), capture_output=True, text=True, timeout=600
    )


def _local_hooks() -> str:
    """The project's hooks as `repo: local` hooks running this checkout's code."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    local = []
    for h in hooks:
        words = shlex.split(h["entry"])
        assert words[0] == "mesacheck", h["entry"]
        hook = {k: v for k, v in h.items() if k not in ("language", "entry")}
        hook["language"] = "system"
        hook["entry"] = shlex.join([sys.executable, "-m", "mesacheck", *words[1:]])
        hook["args"] = ["--baseline", ".mesacheck-baseline.json"]
        local.append(hook)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": local}]}, sort_keys=False)


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> set[tuple]:
    capsys.readouterr()
    main(["check", "--format", "json", *args])
    data = json.loads(capsys.readouterr().out)
    return {(f["code"], f["path"], f["line"], f["column"], f["figure"]) for f in data["findings"]}


def _mutated(text: str, claim_value) -> str | None:  # type: ignore[no-untyped-def]
    """The figure with its last number changed to a value outside rounding."""
    nums = list(_NUM.finditer(text))
    if not nums:
        return None
    m = nums[-1]
    v = float(m.group().replace(",", ""))
    decimals = len(m.group().split(".", 1)[1]) if "." in m.group() else 0
    for new_v in (v * 1.7 + 3, v * 0.45, v * 2.5 + 7):
        if "%" in text and new_v > 100:
            continue
        new = text[: m.start()] + f"{new_v:.{decimals}f}" + text[m.end() :]
        parsed = [f for f in scan(new) if f.kind != "date"]
        if len(parsed) == 1 and not agrees(parsed[0], claim_value):
            return new
    return None


def test_a_new_user_adopts_mesacheck_on_the_rust_blog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "blog"
    posts = sorted((RUST / "content").rglob("*.md"))[:POSTS]
    for p in posts:
        target = repo / "content" / p.relative_to(RUST / "content")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    (repo / ".gitignore").write_text(".mesacheck_cache/\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(_local_hooks(), encoding="utf-8")
    monkeypatch.chdir(repo)

    # 1. check: every figure unsourced, and the consistency findings of the posts
    before = _findings(capsys, "content")
    assert len({f[1] for f in before}) >= 50

    # 2. harvest: exit 0, one drafts file per article that has figures
    capsys.readouterr()
    assert main(["harvest", "content"]) == 0
    said = capsys.readouterr().err
    assert "Traceback" not in said
    drafts = sorted((repo / "claims" / "drafts").rglob("*.yaml"))
    assert len(drafts) >= 30, said

    # 3. check again: nothing the harvest created
    after = _findings(capsys, "content")
    assert after - before == set()
    assert {f[0] for f in before - after} <= {"MC001"}  # (none, in fact: drafts are unsourced)
    assert after == before

    # 4. baseline write, and a first commit
    capsys.readouterr()
    assert main(["baseline", "write", ".mesacheck-baseline.json", "content"]) == 0
    assert _run(repo, "git", "init", "-q").returncode == 0
    assert _run(repo, "git", "add", "-A").returncode == 0
    first = _run(repo, "git", "commit", "-q", "-m", "adopt mesacheck")
    assert first.returncode == 0, first.stderr
    installed = _run(repo, "pre-commit", "install")
    assert installed.returncode == 0, installed.stderr

    # 5. a commit that changes one drafted figure to a value outside rounding
    found = None
    for path in drafts:
        claims = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
        article = repo / claims[0]["scope"]
        text = article.read_text(encoding="utf-8")
        for c in claims:
            written = c["value"]
            new = _mutated(written, grammar.parse_value(written))
            if new is not None and text.count(written) == 1:
                found = article, text, written, new, claims
                break
        if found:
            break
    assert found is not None, "no figure to change"
    article, text, written, new, claims = found
    at = text.find(written)
    article.write_text(text[:at] + new + text[at + len(written) :], encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    assert _run(repo, "git", "add", str(article)).returncode == 0
    commit = _run(repo, "git", "commit", "-m", "change one figure")
    assert commit.returncode != 0, commit.stdout  # refused
    out = commit.stdout + commit.stderr
    rel = article.relative_to(repo).as_posix()
    print(out)  # (shown with -s: what the writer sees)
    reported = re.findall(r"^(\S+?):(\d+):(\d+): (MC\d{3})", out, re.MULTILINE)
    assert reported, out
    assert {(p, int(n)) for p, n, _c, _code in reported} == {(rel, line)}, out
    assert "MC002" in {code for *_x, code in reported}, out
    assert claims_id_in(out, [c["id"] for c in claims])
    assert "rewrite" not in out  # no advice to rewrite the baseline from a partial run


def claims_id_in(out: str, ids: list[str]) -> bool:
    """The report names the draft the changed figure is pinned to."""
    return any(f"`{i}`" in out for i in ids)
