"""The labelled discrepancies of ../shared/fixtures/rust-blog on the real posts: each is
reported or listed to review (issue 13), and nothing else of theirs is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesacheck import engine
from mesacheck.config import Config

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
POSTS = {
    "Rust-2017-Survey-Results": "content/Rust-2017-Survey-Results/index.md",
    "exploring-pgo-for-the-rust-compiler": (
        "content/inside-rust/exploring-pgo-for-the-rust-compiler/index.md"
    ),
}
CONSISTENCY = {"MC003", "MC004", "MC005", "MC007"}


@pytest.mark.parametrize("name", sorted(POSTS))
def test_labelled_discrepancies_reported_or_to_review(tmp_path: Path, name: str) -> None:
    labels = SHARED / "fixtures" / "rust-blog" / f"{name}.figures.json"
    post = SHARED / "corpora" / "rust-blog" / POSTS[name]
    if not labels.exists() or not post.exists():
        pytest.skip(f"needs {labels} and {post}")
    data = json.loads(labels.read_text(encoding="utf-8"))
    pos = {f["id"]: (f["line"], f["column"]) for f in data["figures"]}
    empty = tmp_path / "no-registry"
    cfg = Config(root=tmp_path, claims=empty / "claims", sources=empty / "sources")
    cfg.select = set(CONSISTENCY)
    outcome = engine.lint(engine.Session(cfg, jobs=1), [post])
    at = {(f.line, f.column) for f in outcome.findings + outcome.to_review}
    for d in data["discrepancies"]:
        assert at & {pos[i] for i in d["figure_ids"]}, (d["id"], d["explanation"])
    assert not outcome.findings  # precision first: on these real posts, only to review
