"""What the parent keeps of a run for the rules that compare files (issue 10, item 8).

A run rule's `collect` keeps a full mention only of the figures one of its checks can
read, and its `fold` holds one summary for the run, not every file's record; the
resolver's memos stay bounded in a worker however many files it analyses.
"""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from mesacheck import engine, resolve
from mesacheck.config import Config
from mesacheck.context import CheckContext, run_context
from mesacheck.mention import Mention
from mesacheck.registry import Registry
from mesacheck.resolve import Resolution
from mesacheck.rules import mc003_conflicting_figures as mc003
from mesacheck.rules import mc005_qualifier_mismatch as mc005
from mesacheck.rules import mc007_date_mismatch as mc007

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "mesa-optimization.md"


@pytest.fixture(scope="module")
def resolved(registry: Registry) -> list[Resolution]:
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    return engine.resolve_files([ARTICLE], cfg, registry)


def _at(found: list[Resolution]) -> dict[tuple[int, int], Resolution]:
    return {(r.figure.line, r.figure.column): r for r in found}


def test_mc003_keeps_mentions_only_of_figures_its_checks_compare(
    resolved: list[Resolution], registry: Registry
) -> None:
    every, near, around, mentions = mc003.collect(CheckContext(registry, resolved))
    at = _at(resolved)
    kept = [at[(m[1], m[2])] for m, _about in mentions]  # each with what it is about
    assert every == len(resolved) and sum(near.values()) and sum(around.values())
    # no date, no figure quoting a sourced claim (MC002's) unless a range, no count
    # without a claim: none of MC003's three checks reads those
    for r in kept:
        assert r.figure.kind != "date"
        if r.claim is not None and r.figure.kind != "range":
            assert not registry.sourced(r.claim.claim.id)
        if r.claim is None and r.figure.kind != "range":
            assert r.figure.kind != "count"
    figures = [r for r in resolved if r.figure.kind != "date"]
    sourced = [r for r in figures if r.claim and registry.sourced(r.claim.claim.id)]
    assert sourced and len(kept) < len(figures)
    # words only where a check reads them: near words of unresolved figures (subjects),
    # around words of ranges (summaries)
    for r, (m, _about) in zip(kept, mentions, strict=True):
        near_words, around_words = m[-1]
        assert bool(near_words) <= (r.claim is None)
        assert bool(around_words) <= (r.figure.kind == "range")
        assert isinstance(near_words, tuple) and list(near_words) == sorted(near_words)


def test_mc005_keeps_a_full_mention_only_of_figures_with_a_metric_or_a_bound(
    resolved: list[Resolution], registry: Registry
) -> None:
    _found, _offsets, path, mentions = mc005.collect(CheckContext(registry, resolved))
    assert path == resolved[0].figure.path
    full = [m for m in mentions if len(m) == len(Mention.__slots__)]
    compact = [m for m in mentions if len(m) != len(Mention.__slots__)]
    compared = [r for r in resolved if r.figure.kind not in ("date", "count")]
    assert len(full) + len(compact) == len(compared)
    marked = [
        r for r in compared if r.figure.metric or r.figure.parsed.qualifier not in {"eq", "approx"}
    ]
    assert full and len(full) == len(marked) and len(compact) > len(full)
    at = _at(resolved)
    for m in full:
        r = at[(m[1], m[2])]
        assert r.figure.metric or r.figure.parsed.qualifier not in {"eq", "approx"}
    # a plain figure: its group (kind, unit, values), where it is, its text, its words
    assert {len(m) for m in compact} == {11}


def test_mc007_keeps_full_mentions_only_of_dates_that_can_be_linked(
    resolved: list[Resolution], registry: Registry
) -> None:
    _found, dates, counts, mentions, mates = mc007.collect(CheckContext(registry, resolved))
    undated = [
        r
        for r in resolved
        if r.figure.kind == "date" and not (r.claim and r.claim.parsed.kind == "date")
    ]
    assert dates == len(undated) and len(mentions) < dates
    assert all(len(m[-1][0]) >= 3 for m, _about in mentions)  # names enough for a link
    assert max(counts.values()) <= dates
    passages = {m[8] for m, _about in mentions}  # a passage's other dates: only beside those
    assert all(passage in passages for passage, _shape in mates)


def test_the_fold_holds_one_summary_for_the_run_not_every_file(
    tmp_path: Path, registry: Registry
) -> None:
    """Ten copies of the article: the fold's word counts are one Counter, and a word,
    a shape and a sentence are one object however many files repeat them."""
    cfg = Config(root=tmp_path, claims=ROOT / "claims", sources=ROOT / "sources")
    text = ARTICLE.read_text(encoding="utf-8")
    paths = []
    for i in range(10):
        paths.append(tmp_path / f"copy{i}.md")
        paths[-1].write_text(text, encoding="utf-8")
    records = [
        marshal.loads(marshal.dumps(mc003.collect(CheckContext(registry, found))))
        for found in engine.Session(cfg, registry=registry).resolve(paths)
    ]
    run = run_context(mc003, registry, records).collected
    assert isinstance(run, mc003._Run)
    assert run.every == 10 * records[0][0]
    assert len(run.near) == len(records[0][1])  # one count per word, summed
    assert all(run.near[w] == 10 * n for w, n in records[0][1].items())
    n = len(records[0][3])
    assert len(run.mentions) == 10 * n
    for first, last in zip(run.mentions[:n], run.mentions[-n:], strict=True):
        assert first.path != last.path and first.text is last.text
        assert first.parsed is last.parsed and first.context is last.context
        assert all(a is b for a, b in zip(first.words, last.words, strict=True))
    assert any(m.words[0] for m in run.mentions[:n])


def test_the_index_memos_are_bounded(
    monkeypatch: pytest.MonkeyPatch, registry: Registry, resolved: list[Resolution]
) -> None:
    """However many sentences a worker resolves, its memos keep at most MEMO_MAX
    entries, and what they answer is what an unbounded memo answers."""
    figs = [r.figure for r in resolved]
    unbounded = resolve.Resolver(registry)
    want = [unbounded.index.match(f) for f in figs]
    assert len(unbounded.index._memo) > 40 and len(unbounded.index._candidates) > 40
    monkeypatch.setattr(resolve, "MEMO_MAX", 10)
    bounded = resolve.Resolver(registry)
    for _ in range(2):  # the second pass, after the memos were cleared
        got = [bounded.index.match(f) for f in figs]
        assert got == want
        assert 0 < len(bounded.index._memo) <= 10
        assert 0 < len(bounded.index._candidates) <= 10
    assert any(r.claim is not None for r in resolved)
