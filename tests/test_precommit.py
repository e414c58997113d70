"""pre-commit, for real: a scratch writing repo installs this checkout's hooks.

A commit with a misquoted figure is refused with the figure's line in the output; the
fixed commit passes; a change to claims/ alone makes the registry hook fail on the
article that quotes the changed claim. The hooks are installed from this repository at
its HEAD commit (pre-commit builds them in their own virtual environment, from PyPI).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None,
    reason="needs git and pre-commit on PATH",
)

CLAIMS = """\
claims:
  - id: funding.industry-2024
    statement: AI industry investment in 2024
    value: "$152B"
    subject: [industry investment]
    sources: [{source: report}]
  - id: funding.safety-2024
    statement: AI safety research funding in 2024
    value: "$100M"
    subject: [safety research, AI safety received]
    sources: [{source: report}]
  - id: funding.disparity
    statement: Ratio of industry investment to safety funding
    value: "1,520×"
    subject: [disparity, gap]
    formula: funding.industry-2024 / funding.safety-2024
"""
SOURCES = """\
sources:
  - id: report
    title: A funding report
    year: 2025
    url: https://example.org/report
"""
ARTICLE = """\
# Funding

Intro paragraph without figures.

AI safety received \\$100M vs \\$152B industry investment ({ratio} disparity).
"""


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.fixture(scope="module")
def writing_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if head.returncode != 0:
        pytest.skip("this checkout has no commit to install the hooks from")
    repo = tmp_path_factory.mktemp("writing-repo")
    (repo / "claims").mkdir()
    (repo / "sources").mkdir()
    (repo / "claims" / "funding.yaml").write_text(CLAIMS, encoding="utf-8")
    (repo / "sources" / "report.yaml").write_text(SOURCES, encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(f"""\
        repos:
          - repo: {ROOT}
            rev: {head.stdout.strip()}
            hooks:
              - id: mesacheck
              - id: mesacheck-registry
        """),
        encoding="utf-8",
    )
    os.environ.setdefault("PRE_COMMIT_HOME", str(tmp_path_factory.mktemp("pre-commit-home")))
    assert _git(repo, "init", "-q").returncode == 0
    installed = subprocess.run(
        ["pre-commit", "install"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert installed.returncode == 0, installed.stderr
    return repo


def test_commit_is_refused_then_fixed_then_registry_change_fails(writing_repo: Path) -> None:
    repo = writing_repo
    article = repo / "article.md"
    article.write_text(ARTICLE.format(ratio="2,500×"), encoding="utf-8")
    _git(repo, "add", "-A")
    refused = _git(repo, "commit", "-q", "-m", "add article")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "article.md:5:" in out and "MC002" in out and "2,500×" in out

    article.write_text(ARTICLE.format(ratio="1,520×"), encoding="utf-8")
    _git(repo, "add", "-A")
    passed = _git(repo, "commit", "-q", "-m", "add article, fixed")
    assert passed.returncode == 0, passed.stdout + passed.stderr

    claims = repo / "claims" / "funding.yaml"
    claims.write_text(
        CLAIMS.replace('"$152B"', '"$200B"').replace('"1,520×"', '"2,000×"'), encoding="utf-8"
    )
    _git(repo, "add", "-A")
    registry_change = _git(repo, "commit", "-q", "-m", "update the industry figure")
    out = registry_change.stdout + registry_change.stderr
    assert registry_change.returncode != 0, out
    assert "article.md:5:" in out and "MC002" in out
