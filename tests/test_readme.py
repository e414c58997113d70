"""Every command in README.md is run, so the README cannot drift from the tool.

Commands are taken from the README's `sh` code blocks and from the `run:` steps of its
GitHub Actions workflow. Each is one of:

* an install (or a line `.ci/run` runs anyway): it must be a line of `.ci/run`, verbatim
  (or one `&&` part of one), which runs them in a fresh virtual environment;
* a long run (bench, fuzz: minutes each, and timings mean nothing on a shared machine):
  its arguments are parsed by the script's own parser, which is all that can drift;
* anything else: run here, with this checkout's `mesacheck` first on PATH, in a copy of
  the repository or, for the adoption path and the workflow, in a scratch writing
  repository; it must exit 0 or 1 (findings), never 2 (usage, a missing file) or 3.

Also checked: the pre-commit snippet's hooks exist and its `rev:` is a tag of this
checkout whose version is the tag's (skipped, saying why, before the release is tagged),
the workflow's actions are at least the versions GitHub supports, and the sample output
is what the first command prints.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"

# commands that run for many minutes: their arguments are parsed, not run
LONG = {
    "python bench/run.py": ROOT / "bench" / "run.py",
    "python fuzz/run.py": ROOT / "fuzz" / "run.py",
}
# sections whose commands run in a scratch writing repository, not in the checkout
WRITING_REPO = ("Adopting it on an existing repository", "GitHub Actions")
# the least version of each action the workflow may use (older ones are deprecated)
ACTIONS = {
    "actions/checkout": 4,
    "actions/setup-python": 5,
    "github/codeql-action/upload-sarif": 4,
}


@dataclass(frozen=True)
class Command:
    section: str
    line: int  # in README.md
    text: str  # comments removed


def _blocks() -> list[tuple[str, str, int, str]]:
    """(section, info string, first line, body) of every fenced code block."""
    out = []
    section = ""
    lines = README.read_text(encoding="utf-8").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("#") and not line.startswith("#!"):
            section = line.lstrip("#").strip()
        fence = re.match(r"^(```+)\s*(\S*)", line)
        if fence:
            end = i + 1
            while end < len(lines) and not lines[end].startswith(fence.group(1)):
                end += 1
            out.append((section, fence.group(2), i + 2, "\n".join(lines[i + 1 : end])))
            i = end
        i += 1
    return out


def _strip_comment(text: str) -> str:
    return re.sub(r"(^|\s+)#(\s.*)?$", "", text).strip()


def commands() -> list[Command]:
    """Every shell command of the README: `sh` blocks' lines and the workflow's `run:`."""
    out: list[Command] = []
    for section, info, first, body in _blocks():
        if info in ("sh", "bash", "shell"):
            for n, raw in enumerate(body.split("\n")):
                text = _strip_comment(raw)
                if text:
                    out.append(Command(section, first + n, text))
        elif info in ("yaml", "yml"):
            data = yaml.safe_load(body)
            if not isinstance(data, dict) or "jobs" not in data:
                continue
            for job in data["jobs"].values():
                for step in job["steps"]:
                    if "run" in step:
                        at = first + body.split("\n").index(
                            next(ln for ln in body.split("\n") if step["run"] in ln)
                        )
                        out.append(Command(section, at, _strip_comment(step["run"])))
    return out


def _ci_lines() -> set[str]:
    """The lines of .ci/run, and each `&&` part of them."""
    out: set[str] = set()
    for line in CI.read_text(encoding="utf-8").split("\n"):
        line = line.strip()
        out.add(line)
        out |= {part.strip() for part in line.split("&&")}
    return out


def _kind(command: Command) -> str:
    if any(command.text.startswith(prefix) for prefix in LONG):
        return "long"
    if command.text in _ci_lines():
        return "ci"
    return "here"


def test_every_readme_command_is_run_somewhere() -> None:
    found = commands()
    assert len(found) >= 15, found  # the blocks were read (a parser that finds none fails)
    kinds = {c.text: _kind(c) for c in found}
    for c in found:
        if "pip install" in c.text:  # installs run in .ci/run's fresh environment only
            assert kinds[c.text] == "ci", f"README.md:{c.line}: {c.text} is not in .ci/run"
    assert {k for k in kinds.values()} == {"long", "ci", "here"}
    # the first two commands, the ones a new user runs, are .ci/run's
    first_two = [c.text for c in found[:2]]
    assert first_two == [
        "python -m pip install . && mesacheck check examples/mesa-optimization.md",
        "python -m pip install '.[test]' && python -m pytest",
    ]
    assert all(kinds[c] == "ci" for c in first_two)
    # each .ci/run line a README command names is really there, not a part of a comment
    ci_text = CI.read_text(encoding="utf-8")
    for c in found:
        if kinds[c.text] == "ci":
            assert any(
                line.strip() == c.text or c.text in line.split("&&")[-1].strip()
                for line in ci_text.split("\n")
                if not line.lstrip().startswith("#")
            ), c.text


def _ran_by_this_module() -> list[Command]:
    return [c for c in commands() if _kind(c) == "here"]


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose `mesacheck` is this checkout's code."""
    bin_dir = tmp_path_factory.mktemp("bin")
    exe = bin_dir / "mesacheck"
    exe.write_text(
        f'#!/bin/sh\nPYTHONPATH="{ROOT / "src"}" exec "{sys.executable}" -m mesacheck "$@"\n',
        encoding="utf-8",
    )
    exe.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{os.path.dirname(sys.executable)}{os.pathsep}"
    env["PATH"] += os.environ.get("PATH", "")
    return env


def _run(command: Command, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command.text],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _failed(command: Command, done: subprocess.CompletedProcess[str]) -> str | None:
    if done.returncode in (0, 1) and "Traceback" not in done.stderr:
        return None
    return f"README.md:{command.line}: `{command.text}` exited {done.returncode}: {done.stderr}"


def _checkout_copy(tmp: Path) -> Path:
    copy = tmp / "mesacheck"
    for part in ("claims", "sources", "examples"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _writing_repo(tmp: Path) -> Path:
    """A writing repository on its first day: docs/ in git, no registry."""
    repo = tmp / "writing"
    (repo / "docs" / "guides").mkdir(parents=True)
    shutil.copy(EXAMPLE, repo / "docs" / "mesa-optimization.md")
    (repo / "docs" / "guides" / "funding.mdx").write_text(
        "# Funding\n\nAI safety received \\$100M in 2024, against \\$152B of industry "
        "investment: a 1,520× gap.\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def test_commands_in_the_checkout_run(tmp_path: Path, shim: dict[str, str]) -> None:
    copy = _checkout_copy(tmp_path)
    failures = []
    ran = 0
    for c in _ran_by_this_module():
        if c.section in WRITING_REPO:
            continue
        failures.append(_failed(c, _run(c, copy, shim)))
        ran += 1
    assert ran >= 4 and [f for f in failures if f] == []


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git on PATH")
def test_adoption_and_workflow_commands_run_in_a_writing_repository(
    tmp_path: Path, shim: dict[str, str]
) -> None:
    repo = _writing_repo(tmp_path)
    summary = tmp_path / "step-summary.md"
    env = {**shim, "GITHUB_STEP_SUMMARY": str(summary)}
    failures: list[str] = []
    ran = {section: 0 for section in WRITING_REPO}
    for c in _ran_by_this_module():
        if c.section not in WRITING_REPO:
            continue
        done = _run(c, repo, env)
        ran[c.section] += 1
        why = _failed(c, done)
        if why:
            failures.append(why)
    assert ran[WRITING_REPO[0]] >= 4 and ran[WRITING_REPO[1]] >= 2, ran
    # the workflow's outputs are what GitHub takes
    assert 0 < summary.stat().st_size < 1024 * 1024
    sarif = json.loads((repo / "mesacheck.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert 0 < len(results) <= 25_000
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results} >= {
        "docs/mesa-optimization.md"
    }
    assert failures == []


def test_long_commands_parse_their_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bench and fuzz commands, parsed by the scripts' own argparse (not run)."""
    import argparse
    import importlib.util
    import shlex

    class Parsed(Exception):
        pass

    real = argparse.ArgumentParser.parse_args

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        real(self, args, namespace)  # exits 2 on an argument the script does not take
        raise Parsed

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_args)
    long = [c for c in commands() if _kind(c) == "long"]
    assert {next(p for p in LONG if c.text.startswith(p)) for c in long} == set(LONG)
    for c in long:
        prefix = next(p for p in LONG if c.text.startswith(p))
        spec = importlib.util.spec_from_file_location(f"readme_{LONG[prefix].stem}", LONG[prefix])
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up
        monkeypatch.syspath_prepend(str(LONG[prefix].parent))
        spec.loader.exec_module(module)
        with pytest.raises(Parsed):
            module.main(shlex.split(c.text)[2:])


def _precommit_snippet() -> dict:
    for _section, info, _first, body in _blocks():
        if info == "yaml" and body.lstrip().startswith("# .pre-commit-config.yaml"):
            data: dict = yaml.safe_load(body)
            return data
    raise AssertionError("README.md has no pre-commit snippet")


def test_precommit_snippet_names_real_hooks() -> None:
    (repo,) = _precommit_snippet()["repos"]
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [h["id"] for h in manifest]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"])


def test_precommit_rev_is_a_tag_of_this_checkout_at_its_version() -> None:
    rev = _precommit_snippet()["repos"][0]["rev"]
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the rev cannot be looked up")
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/tags/{rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.skip(f"this checkout has no tag {rev} yet (the release tags main with it)")
    tagged = subprocess.run(
        ["git", "show", f"{rev}:pyproject.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'version = "{rev.removeprefix("v")}"' in tagged


def test_workflow_uses_current_actions() -> None:
    for _section, info, _first, body in _blocks():
        if info == "yaml" and "jobs:" in body:
            steps = next(iter(yaml.safe_load(body)["jobs"].values()))["steps"]
            break
    else:
        raise AssertionError("README.md has no workflow")
    used = [step["uses"] for step in steps if "uses" in step]
    seen = set()
    for use in used:
        action, _, version = use.partition("@")
        seen.add(action)
        assert action in ACTIONS, use
        assert int(version.lstrip("v").split(".")[0]) >= ACTIONS[action], use
    assert seen == set(ACTIONS)


def test_sample_output_is_what_the_first_command_prints(
    tmp_path: Path, shim: dict[str, str]
) -> None:
    sample = next(
        body
        for section, info, _first, body in _blocks()
        if section == "What it reports" and info == "text"
    )
    done = subprocess.run(
        ["mesacheck", "check", "examples/mesa-optimization.md"],
        cwd=_checkout_copy(tmp_path),
        env=shim,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    printed = done.stdout.split("\n")
    for line in sample.split("\n"):
        assert line in printed, line
