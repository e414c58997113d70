"""Harvest over the resolver's public API: the functions it shares with `resolve` and
`figures`, drafts as in-memory claim records, settling without YAML, and streaming."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mesacheck import engine, figures, harvest, resolve, segments
from mesacheck.config import Config
from mesacheck.harvest.links import Links
from mesacheck.registry import Registry, load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"
RUST = ROOT.parent / "shared" / "corpora" / "rust-blog" / "content"


def _tokens(phrase: str) -> frozenset[str]:
    """The tokens the resolver's index files a subject phrase under."""
    return frozenset(resolve.tokens(" ".join(resolve.normalise(phrase).split())))


def _figures_of(path: Path) -> tuple[segments.Document, list[figures.DocFigure]]:
    doc = segments.parse(str(path), path.read_text(encoding="utf-8"))
    return doc, figures.extract(doc)


@pytest.fixture(scope="module")
def example() -> tuple[segments.Document, list[figures.DocFigure]]:
    return _figures_of(EXAMPLE)


# -- the public functions harvest shares with the resolver and the extractor -------------


def test_normalise_keeps_every_offset_of_a_real_sentence(example) -> None:  # type: ignore[no-untyped-def]
    _doc, figs = example
    for f in figs:
        n = resolve.normalise(f.sentence)
        if len(n) != len(f.sentence):  # a letter whose lower case is longer
            continue
        assert n[f.at : f.at + len(f.text)] == resolve.normalise(f.text)
    assert resolve.normalise("scheming 30× in o4-mini") == "scheming 30× in o4 mini"


def test_distance_gives_a_phrase_to_the_nearer_figure_and_stops_at_its_reach(example) -> None:  # type: ignore[no-untyped-def]
    _doc, figs = example
    # "AI safety received approximately \$100M vs \$152B industry investment in 2024"
    small = next(f for f in figs if f.line == 19 and "100M" in f.text)
    big = next(f for f in figs if f.line == 19 and "152B" in f.text)
    assert small.sentence == big.sentence
    s = resolve.normalise(small.sentence)
    at = s.index("industry")
    span = (at, at + len("industry"))
    for f in (small, big):
        assert (f.at, f.at + len(f.text)) in [*big.others, *small.others]
    near = resolve.distance(span, big.at, big.at + len(big.text), big.others)
    assert near is not None and near <= 1
    # nearer the other figure: the phrase is not the small figure's
    assert resolve.distance(span, small.at, small.at + len(small.text), small.others) is None
    # the same span, with no other figure in the way, is as far as it is: reach decides
    far = resolve.distance(span, small.at, small.at + len(small.text), ())
    assert far is not None and far > near
    assert resolve.distance(span, small.at, small.at + len(small.text), (), reach=far - 1) is None
    assert resolve.distance(span, small.at, small.at + len(small.text), (), reach=far) == far


def test_context_words_decide_which_claims_are_candidates(example, registry) -> None:  # type: ignore[no-untyped-def]
    _doc, figs = example
    index = resolve.Index(registry)
    claims = list(registry.claims.values())
    checked = 0
    for f in figs:
        words = resolve.context_words(f)
        want = set()
        for i, lc in enumerate(claims):
            if (lc.parsed.kind == "date") != (f.kind == "date"):
                continue
            phrases = [*lc.claim.subject, *([lc.claim.metric] if lc.claim.metric else [])]
            if any(_tokens(p) and _tokens(p) <= words for p in phrases):
                want.add(i)
        assert set(index.candidates(f)) == want, (f.line, f.text)
        checked += bool(want)
    assert checked >= 50  # most of the example's figures have candidates


def test_sentence_bounds_is_the_sentence_extraction_reads(example) -> None:  # type: ignore[no-untyped-def]
    doc, figs = example
    seen = 0
    for f in figs:
        if f.where != "paragraph":
            continue
        seg = next(g for g in doc.segments if g.offset <= f.offset < g.offset + len(g.text))
        rel = f.offset - seg.offset
        s, e = figures.sentence_bounds(seg.text, rel, rel + len(f.text))
        assert re.sub(r"\s+", " ", seg.text[s:e]).strip() == f.sentence, f.line
        seen += 1
    assert seen >= 30


def test_forget_drops_the_memos_and_changes_no_answer(example, registry) -> None:  # type: ignore[no-untyped-def]
    _doc, figs = example
    index = resolve.Index(registry)
    first = [index.match(f) for f in figs]
    assert index._memo and index._candidates
    index.forget()
    assert not index._memo and not index._candidates
    assert [index.match(f) for f in figs] == first
    assert sum(m[0] is not None for m in first) >= 40


# -- drafts are the records the loader would read --------------------------------------


@pytest.fixture(scope="module")
def example_plan() -> tuple[list, harvest.Harvest]:  # type: ignore[type-arg]
    reg = Registry()
    resolutions = engine.resolve_files([EXAMPLE], Config(root=ROOT), reg)
    return resolutions, harvest.plan(resolutions, reg, root=ROOT)


def test_a_draft_claim_is_what_the_loader_reads_back_from_its_yaml(example_plan, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _resolutions, h = example_plan
    assert len(h.drafts) >= 60
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "drafts.yaml").write_text(harvest.render(h.drafts), encoding="utf-8")
    read = load(tmp_path / "claims", None, tmp_path)
    assert read.problems == [] and not read.load_failed
    assert list(read.claims) == [d.id for d in h.drafts]
    for d in h.drafts:
        mine, loaded = d.claim(), read.claims[d.id]
        assert mine.claim == loaded.claim
        assert loaded.pinned_to == str(tmp_path / "examples" / "mesa-optimization.md")
        assert mine.parsed == loaded.parsed
        assert mine.compared() == loaded.compared()


# -- streaming -------------------------------------------------------------------------


def _same(a: harvest.Harvest, b: harvest.Harvest) -> None:
    key = [(d.id, d.subject, d.url, d.value, d.statement, d.anchor) for d in a.drafts]
    assert key == [(d.id, d.subject, d.url, d.value, d.statement, d.anchor) for d in b.drafts]
    assert (a.sourced, a.drafted, a.dates, a.problems) == (
        b.sourced,
        b.drafted,
        b.dates,
        b.problems,
    )


def test_per_file_lists_a_one_shot_stream_and_a_flat_list_give_the_same_drafts(
    shared, registry
) -> None:  # type: ignore[no-untyped-def]
    files = [EXAMPLE, shared / "mesa-optimization.md"]
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    flat = engine.resolve_files(files, cfg, registry)
    per_file = list(harvest.by_file(flat))
    paths = [{r.figure.path for r in g} for g in per_file]
    assert len(paths) == 2 and all(len(p) == 1 for p in paths) and paths[0] != paths[1]
    assert sum(map(len, per_file)) == len(flat)
    whole = harvest.plan(flat, registry)
    _same(whole, harvest.plan(per_file, registry))
    _same(whole, harvest.plan((list(g) for g in per_file), registry))  # a generator
    assert whole.sourced >= 90 and len(whole.drafts) >= 15
    assert list(harvest.by_file([])) == []


def test_links_keep_one_document_at_a_time(example) -> None:  # type: ignore[no-untyped-def]
    _doc, figs = example
    links = Links(("description",))
    # the FLI link is two lines above the figure, in the same sentence
    fig = next(f for f in figs if (f.line, f.text) == (42, "2,500×"))
    fig.path = str(EXAMPLE)
    assert links.near(fig) == "https://futureoflife.org/ai-safety-index-summer-2025/"
    first = links.document(str(EXAMPLE))
    assert first is not None and links.document(str(EXAMPLE)) is first
    assert links.document(str(ROOT / "README.md")) is not first
    links.forget()
    assert links.document(str(EXAMPLE)) is not first


def test_harvest_creates_the_folder_of_its_output(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    """The README's adoption command on a repository with no claims/ yet."""
    from mesacheck.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Safety got 40% of funding in 2024.\n", "utf-8")
    assert main(["harvest", "docs/", "-o", "claims/drafts.yaml"]) == 0
    assert 'value: "40%"' in (tmp_path / "claims" / "drafts.yaml").read_text(encoding="utf-8")
    assert main(["harvest", "docs/"]) == 0  # the default: one file per article
    assert not (tmp_path / "claims" / "drafts" / "docs" / "a.md.yaml").exists()  # drafted
    (tmp_path / "docs" / "b.md").write_text("Rust got 12% faster builds.\n", "utf-8")
    assert main(["harvest", "docs/"]) == 0
    text = (tmp_path / "claims" / "drafts" / "docs" / "b.md.yaml").read_text(encoding="utf-8")
    assert "id: b.rust-faster-builds" in text or "id: b.rust-got-faster" in text, (
        text and 'scope: "docs/b.md"' in text
    )


def test_an_unwritable_output_is_said_before_any_work(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from mesacheck import engine as engine_module
    from mesacheck.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Safety got 40% of funding.\n", "utf-8")
    (tmp_path / "claims").write_text("a file where a folder should be\n", "utf-8")

    def no_work(*_a: object, **_k: object) -> None:
        raise AssertionError("harvest read the articles before checking its output")

    monkeypatch.setattr(engine_module.ResolveJob, "__call__", no_work)
    assert main(["harvest", "a.md", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "claims/drafts: " in err and "claims is not a folder; nothing was harvested" in err


def test_a_figure_that_fails_is_reported_and_skipped(tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from mesacheck.cli import main
    from mesacheck.harvest import drafts

    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.md").write_text(
        "**Combined estimate**: 0.65 × 0.80 × 0.40 × 0.65 × 0.40 × 0.95 ≈ **5.2%**\n\n"
        "Builds got 30% faster and tests 12% slower.\n",
        "utf-8",
    )
    real = drafts.make

    def flaky(fig, *a, **k):  # type: ignore[no-untyped-def]
        if fig.text == "12%":
            raise IndexError("list index out of range")
        return real(fig, *a, **k)

    monkeypatch.setattr(harvest, "make", flaky)
    assert main(["harvest", "one.md", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "one.md:3:" in err and "12% could not be drafted (IndexError" in err
    text = (tmp_path / "claims" / "drafts" / "one.md.yaml").read_text(encoding="utf-8")
    assert 'value: "30%"' in text and 'value: "12%"' not in text


SURVEY_2020 = ROOT.parent / "shared/corpora/rust-blog/content/rust-survey-2020/index.md"


@pytest.mark.skipif(not SURVEY_2020.is_file(), reason="../shared/corpora/rust-blog is absent")
def test_a_figure_across_emphasis_is_drafted_without_its_markup(tmp_path: Path) -> None:
    """ "available in **14** different languages": the figure's span crosses the bold
    markup (`14** different languages`); its draft is the value without the markup, which
    reads back as the same figure, and is not skipped."""
    article = tmp_path / "index.md"
    article.write_text(SURVEY_2020.read_text(encoding="utf-8"), encoding="utf-8")
    reg = Registry()
    got = harvest.plan(engine.resolve_files([article], Config(root=tmp_path), reg), reg)
    on_16 = {d.value for d in got.drafts if d.figure is not None and d.figure.line == 16}
    assert {"14 different languages", "8,323 total responses"} <= on_16, on_16
    assert not [p for p in got.problems if ":16:" in p], got.problems
