"""Drafts pin what they harvested (issue 14): 200 figures drawn at random (fixed seed) from
a harvest of Rust blog posts; each changed to a value outside rounding, in a copy of its
article, is reported as MC002 against its own draft at least 97% of the time, and its
sentence reworded around the same value adds no finding. The rates are printed (-s).

The posts are a fixed random sample of the corpus (the figures are drawn from all of
their drafts), checked one file at a time with one resolver, so the test takes seconds.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mesacheck import engine, pipeline
from mesacheck.cli import main
from mesacheck.config import Config
from mesacheck.registry import load
from mesacheck.resolve import Resolver
from test_mutation import mutate, reword  # (tests/ is on sys.path under pytest)

ROOT = Path(__file__).resolve().parent.parent
RUST = ROOT.parent / "shared" / "corpora" / "rust-blog" / "content"
SEED = 14
POSTS = 150
FIGURES = 200

pytestmark = pytest.mark.skipif(not RUST.is_dir(), reason="needs ../shared/corpora/rust-blog")


def _findings(path: str, text: str, settings, resolver) -> list:  # type: ignore[no-untyped-def]
    return pipeline.analyse(path, text.encode("utf-8"), settings, resolver).findings


def test_drafts_pin_what_they_harvested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(SEED)
    posts = rng.sample(sorted(RUST.rglob("*.md")), POSTS)
    for p in posts:
        target = tmp_path / "content" / p.relative_to(RUST)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p, target)
    monkeypatch.chdir(tmp_path)
    assert main(["harvest", "content", "--no-cache"]) == 0
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert not reg.load_failed
    cfg = Config(root=tmp_path, claims=tmp_path / "claims", sources=tmp_path / "sources")
    settings = engine.settings_of(cfg)
    resolver = Resolver(reg)

    texts: dict[str, str] = {}
    pinned = []
    for found in engine.Session(cfg, registry=reg).resolve(
        sorted((tmp_path / "content").rglob("*.md"))
    ):
        for r in found:
            if r.how == "pinned":
                pinned.append(r)
                path = r.figure.path
                if path not in texts:
                    raw = (tmp_path / path).read_bytes()
                    texts[path] = pipeline.read_text(path, raw)[0] or ""
    assert len(pinned) >= FIGURES
    rng.shuffle(pinned)

    drawn = reported = reworded_clean = 0
    missed, added = [], []
    for r in pinned:
        if drawn == FIGURES:
            break
        f = r.figure
        text = texts[f.path]
        assert text[f.offset : f.offset + len(f.text)] == f.text
        new = mutate(f.text, r.claim.parsed) if any(c.isdigit() for c in f.text) else None
        if new is None:
            continue  # no number in it to change (a figure that is all words)
        drawn += 1
        changed = text[: f.offset] + new + text[f.offset + len(f.text) :]
        hits = [
            x
            for x in _findings(f.path, changed, settings, resolver)
            if x.code == "MC002" and (x.line, x.column) == (f.line, f.column)
        ]
        if any(x.claim == r.claim.claim.id for x in hits):
            reported += 1
        else:
            missed.append((f.path, f.line, f.text, new, [x.claim for x in hits]))
        before = Counter((x.code, x.figure) for x in _findings(f.path, text, settings, resolver))
        after = Counter(
            (x.code, x.figure)
            for x in _findings(f.path, reword(text, f.offset), settings, resolver)
        )
        if after - before:
            added.append((f.path, f.line, f.text, dict(after - before)))
        else:
            reworded_clean += 1
    rate = reported / drawn
    print(
        f"\n{drawn} figures drawn (seed {SEED}, {POSTS} posts, {len(reg.claims)} drafts): "
        f"changed outside rounding, {reported} reported as MC002 against their own draft "
        f"({rate:.1%}); reworded, {reworded_clean} added no finding "
        f"({reworded_clean / drawn:.1%})"
    )
    for m in missed[:10]:
        print("  missed:", m)
    for a in added[:10]:
        print("  reworded, added:", a)
    assert drawn == FIGURES
    assert rate >= 0.97, missed
    assert added == []
