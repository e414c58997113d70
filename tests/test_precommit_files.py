"""Which files pre-commit hands the `mesacheck` hook, decided by pre-commit itself.

The hook's file filters (`types`, `types_or`, `files`, `exclude`) are read from this
repository's `.pre-commit-hooks.yaml` and given to a local hook that only prints its
arguments, so pre-commit's own classifier (identify) picks the files with no install:
.md, .markdown and .mdx files (any case) are selected, nothing else is. The same run
with the old `types_or: [markdown]` shows why it was replaced: identify tags .mdx files
`mdx`, and that filter skipped them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = ("guide.md", "notes.markdown", "page.mdx", "README.MD", "data.txt", "logo.svg")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("pre-commit") is None,
    reason="needs git and pre-commit on PATH",
)


def _manifest_hook(hook_id: str) -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == hook_id]
    return dict(hook)


def _selected(tmp: Path, filters: dict[str, Any]) -> set[str]:
    repo = tmp / "repo"
    repo.mkdir()
    for name in FILES:
        (repo / name).write_text("It rose 12%.\n", encoding="utf-8")
    script = tmp / "which.py"
    script.write_text("import sys\nprint('SELECTED', *sys.argv[1:])\n", encoding="utf-8")
    hook = {
        "id": "which-files",
        "name": "which files",
        "entry": f"{sys.executable} {script}",
        "language": "system",
        "verbose": True,
        **filters,
    }
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp / "home"), "GIT_CONFIG_NOSYSTEM": "1"}
    for args in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(args, cwd=repo, check=True, env=env, capture_output=True)
    done = subprocess.run(
        ["pre-commit", "run", "which-files", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    out = done.stdout + done.stderr
    picked = [line.split()[1:] for line in out.splitlines() if line.startswith("SELECTED")]
    assert picked, out
    return {name for batch in picked for name in batch}


def test_the_mesacheck_hook_gets_md_markdown_and_mdx(tmp_path: Path) -> None:
    hook = _manifest_hook("mesacheck")
    filters = {k: hook[k] for k in ("types", "types_or", "files", "exclude") if k in hook}
    assert _selected(tmp_path, filters) == {"guide.md", "notes.markdown", "page.mdx", "README.MD"}


def test_types_or_markdown_would_skip_mdx(tmp_path: Path) -> None:
    hook = _manifest_hook("mesacheck")
    filters = {"types_or": ["markdown"], "files": hook["files"]}
    assert "page.mdx" not in _selected(tmp_path, filters)
