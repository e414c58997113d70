"""`mesacheck harvest`: draft claims that the resolver picks again for their own figures."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from mesacheck import engine, harvest
from mesacheck.cli import main
from mesacheck.config import Config
from mesacheck.grammar import scan
from mesacheck.registry import load
from mesacheck.values import agrees

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"

_NUM = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _check(files, cfg, reg):  # type: ignore[no-untyped-def]
    """A check's findings with every resolved figure of the files (tests look at both)."""
    from types import SimpleNamespace

    result = engine.check(files, cfg, reg)
    resolutions = engine.resolve_files(files, cfg, reg)
    return SimpleNamespace(
        findings=result.findings,
        coverage=result.coverage,
        registry=reg,
        resolutions=resolutions,
    )


def _format_like(written: str, value: float) -> str:
    decimals = len(written.split(".", 1)[1]) if "." in written else 0
    return f"{value:,.{decimals}f}" if "," in written else f"{value:.{decimals}f}"


def mutate(text: str, claim_fig) -> str | None:  # type: ignore[no-untyped-def]
    """The figure with one number changed to a value that does not round to the claim
    (as in test_mutation.py; the first number too, for ranges such as 40-70%)."""
    nums = list(_NUM.finditer(text))
    for target in (nums[-1], nums[0]):
        v = float(target.group().replace(",", ""))
        for factor, offset in ((1.7, 3), (0.45, 0), (2.5, 7), (0.2, 0)):
            new_v = v * factor + offset
            if "%" in text and new_v > 100:
                continue
            new = text[: target.start()] + _format_like(target.group(), new_v)
            new += text[target.end() :]
            parsed = [f for f in scan(new) if f.kind != "date"]
            if len(parsed) == 1 and not agrees(parsed[0], claim_fig):
                return new
    return None


def harvest_cli(article: Path, folder: Path, *more: str) -> int:
    return main(
        [
            "harvest",
            str(article),
            "--claims",
            str(folder / "claims"),
            "--sources",
            str(folder / "sources"),
            *more,
        ]
    )


@pytest.fixture(scope="module")
def harvested(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The example harvested into an empty registry: (folder, article, drafts file)."""
    folder = tmp_path_factory.mktemp("adopt")
    (folder / "claims").mkdir()
    (folder / "sources").mkdir()
    article = folder / "article.md"
    shutil.copyfile(EXAMPLE, article)
    assert harvest_cli(article, folder) == 0  # the default: claims/drafts/<article>.yaml
    drafts = folder / "claims" / "drafts" / "article.md.yaml"
    assert sorted(p.name for p in (folder / "claims").rglob("*.yaml")) == ["article.md.yaml"]
    return folder, article, drafts


@pytest.fixture(scope="module")
def drafted(harvested):  # type: ignore[no-untyped-def]
    """The registry of drafts, a config for it and the check of the unchanged article."""
    folder, article, _drafts = harvested
    reg = load(folder / "claims", folder / "sources", folder)
    cfg = Config(root=folder, claims=folder / "claims", sources=folder / "sources")
    return reg, cfg, _check([article], cfg, reg)


def test_drafts_load_with_no_registry_problems(drafted) -> None:  # type: ignore[no-untyped-def]
    reg, _cfg, _result = drafted
    assert not reg.load_failed
    assert reg.problems == []
    assert engine.registry_findings(reg) == []
    assert len(reg.claims) >= 60
    for lc in reg.claims.values():
        c = lc.claim
        assert re.fullmatch(r"article\.[a-z0-9-]+", c.id), c.id
        assert c.status == "draft" and c.scope == "article.md" and c.anchor
        assert all(s.source is None and s.url for s in c.sources)
        assert "|" not in c.statement or " — " in c.statement, c.statement


def test_every_figure_resolves_to_its_own_draft_and_is_reported_as_a_draft(drafted) -> None:  # type: ignore[no-untyped-def]
    _reg, _cfg, result = drafted
    figures = [r for r in result.resolutions if r.figure.kind != "date"]
    assert len(figures) >= 60
    mc001 = {(f.line, f.column): f for f in result.findings if f.code == "MC001"}
    wrong = []
    for r in figures:
        f = r.figure
        if r.claim is None or r.how != "pinned" or r.claim.claim.scope != "article.md":
            wrong.append((f.line, f.text, r.claim and r.claim.claim.id))
            continue
        assert agrees(f.parsed, r.claim.parsed), (f.line, f.text)
        assert "is a draft" in mc001[(f.line, f.column)].message
    assert wrong == []
    assert [x for x in result.findings if x.code == "MC002"] == []
    ids = [r.claim.claim.id for r in figures]
    assert len(set(ids)) == len(ids)  # each figure its own draft


def test_harvesting_again_changes_nothing(harvested, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, article, drafts = harvested
    before = drafts.read_bytes()
    capsys.readouterr()
    assert harvest_cli(article, folder) == 0
    assert drafts.read_bytes() == before
    err = capsys.readouterr().err
    assert "0 draft claims written to 0 files" in err and "65 already drafted" in err


def test_ids_are_stable_across_runs_and_clones(harvested, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    _folder, _article, drafts = harvested
    clone = tmp_path / "elsewhere"
    (clone / "claims").mkdir(parents=True)
    (clone / "sources").mkdir()
    other = clone / "article.md"
    shutil.copyfile(EXAMPLE, other)
    capsys.readouterr()
    assert harvest_cli(other, clone, "-o", "-") == 0  # to stdout
    printed = yaml.safe_load("claims:\n" + capsys.readouterr().out)
    written = yaml.safe_load(drafts.read_text(encoding="utf-8"))
    assert printed["claims"] == written["claims"]
    by_value = {c["value"]: c["id"] for c in written["claims"]}
    assert by_value["2,500×"] == "article.investment-gap", by_value


def test_every_figure_changed_outside_rounding_is_reported_against_its_draft(
    drafted, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    reg, cfg, result = drafted
    article = Path(result.resolutions[0].figure.path)
    text = article.read_text(encoding="utf-8")
    lines = text.split("\n")
    missed = []
    figures = [r for r in result.resolutions if r.figure.kind != "date"]
    try:
        for r in figures:
            f = r.figure
            new = mutate(f.text, r.claim.parsed)
            assert new is not None, f.text
            line = lines[f.line - 1]
            assert line[f.column - 1 : f.end_column - 1] == f.text
            copy = [*lines[: f.line - 1], line[: f.column - 1] + new + line[f.end_column - 1 :]]
            # the copy is the article itself: a draft pins its own article only
            article.write_text("\n".join([*copy, *lines[f.line :]]), encoding="utf-8")
            res = _check([article], cfg, reg)
            hits = [
                x
                for x in res.findings
                if x.code == "MC002"
                and (x.line, x.column) == (f.line, f.column)
                and x.claim == r.claim.claim.id
            ]
            if not hits:
                missed.append((f.line, f.text, new))
    finally:
        article.write_text(text, encoding="utf-8")
    assert missed == []


def test_a_copy_of_the_article_elsewhere_is_not_pinned(drafted, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A draft never resolves a figure of another article, even one with its words."""
    reg, cfg, _result = drafted
    for other in (tmp_path / "article.md", tmp_path / "copy.md"):
        shutil.copyfile(EXAMPLE, other)
        res = _check([other], cfg, reg)
        assert [r for r in res.resolutions if r.claim is not None] == []
        assert {f.code for f in res.findings} <= {"MC001", "MC003", "MC004", "MC005", "MC007"}
        assert [f for f in res.findings if f.claim] == []


def test_values_read_back_as_the_figures_written(drafted) -> None:  # type: ignore[no-untyped-def]
    _reg, _cfg, result = drafted
    by_text = {}
    for r in result.resolutions:
        if r.figure.kind != "date":
            by_text[r.claim.claim.value] = r.figure.text
    assert by_text["approximately $100M"] == "approximately \\$100M"
    assert by_text["$152B"] == "\\$152B"
    assert "greater than 99%" in by_text and ">99%" in by_text and "140+ papers" in by_text


def test_a_link_in_the_sentence_becomes_a_source_url(drafted) -> None:  # type: ignore[no-untyped-def]
    _reg, _cfg, result = drafted
    urls = {
        (r.figure.line, r.figure.text): [s.url for s in r.claim.claim.sources]
        for r in result.resolutions
        if r.figure.kind != "date"
    }
    # the FLI link is two lines above the figure, in the same sentence
    assert urls[(42, "2,500×")] == ["https://futureoflife.org/ai-safety-index-summer-2025/"]
    assert urls[(225, "97%")] == []  # its sentence has no link
    assert all(r.claim.claim.notes is None for r in result.resolutions if r.claim)


def test_with_the_shipped_registry_only_unsourced_figures_get_drafts(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    claims = tmp_path / "claims"
    shutil.copytree(ROOT / "claims", claims)
    article = tmp_path / "article.md"
    shutil.copyfile(EXAMPLE, article)
    cfg = Config(root=tmp_path, claims=claims, sources=ROOT / "sources")
    reg = load(claims, ROOT / "sources", tmp_path)
    before = _check([article], cfg, reg)
    backed = {
        (r.figure.line, r.figure.column): r.claim.claim.id
        for r in before.resolutions
        if r.claim is not None and reg.sourced(r.claim.claim.id)
    }
    unsourced = before.coverage.unresolved
    capsys.readouterr()
    sources = str(ROOT / "sources")
    code = main(["harvest", str(article), "--claims", str(claims), "--sources", sources])
    assert code == 0
    out = claims / "drafts" / "article.md.yaml"
    added = yaml.safe_load(out.read_text(encoding="utf-8"))["claims"]
    assert len(added) == unsourced

    reg2 = load(claims, ROOT / "sources", tmp_path)
    assert [p for p in reg2.problems if "drafts" in p.path] == []
    after = _check([article], cfg, reg2)
    for r in after.resolutions:
        if r.figure.kind == "date":
            continue
        key = (r.figure.line, r.figure.column)
        assert r.claim is not None, key
        if key in backed:  # a draft never takes a figure from the claim that backs it
            assert r.claim.claim.id == backed[key]
        else:
            assert r.how == "pinned" and r.claim.claim.status == "draft"
    assert after.coverage.resolved == before.coverage.resolved
    old = {(f.code, f.line, f.column) for f in before.findings}
    assert {(f.code, f.line, f.column) for f in after.findings} <= old


def test_merge_keeps_existing_entries_byte_for_byte(harvested) -> None:  # type: ignore[no-untyped-def]
    folder, article, _drafts = harvested
    reg = load(None, None, folder)
    cfg = Config(root=folder)
    plan = harvest.plan(engine.resolve_files([article], cfg, reg), reg)
    first, second = plan.drafts[0], plan.drafts[1]
    existing = (
        "# our claims\n"
        "claims:\n"
        "- id: ours.kept   # a comment that must survive\n"
        "  statement: Something we wrote by hand\n"
        '  value: "12%"\n'
        f"- id: {first.id}\n"
        "  statement: a draft someone already edited\n"
        '  value: "12-78%"\n'
        "  status: draft\n"
        "sources:\n"
        "- id: ours\n"
        "  title: Our source\n"
    )
    merged, new = harvest.merge(existing, plan.drafts[:2], "claims/x.yaml")
    assert [d.id for d in new] == [second.id]
    head = existing[: existing.index("sources:\n")]
    assert merged.startswith(head)
    assert merged.endswith("sources:\n- id: ours\n  title: Our source\n")
    data = yaml.safe_load(merged)
    assert [c["id"] for c in data["claims"]] == ["ours.kept", first.id, second.id]
    assert data["claims"][1]["statement"] == "a draft someone already edited"
    assert f"\n- id: {second.id}\n  statement: " in merged  # the file's own indentation
    assert harvest.merge(merged, plan.drafts[:2], "claims/x.yaml") == (merged, [])

    for empty in ("claims: []\n", "claims:\n", "# only a comment\n"):
        merged, new = harvest.merge(empty, [first], "claims/x.yaml")
        assert [c["id"] for c in yaml.safe_load(merged)["claims"]] == [first.id]


def test_a_broken_output_file_is_an_error_and_is_left_alone(harvested, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, article, _drafts = harvested
    out = tmp_path / "broken.yaml"
    out.write_text("claims: [\n", encoding="utf-8")
    capsys.readouterr()
    assert harvest_cli(article, folder, "-o", str(out)) == 2
    assert str(out) in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "claims: [\n"


def test_an_unknown_marker_gets_a_draft_with_its_id(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    article = tmp_path / "a.md"
    article.write_text(
        "Our survey found that 45% <!-- claim: survey.share-worried --> of readers worry.\n",
        encoding="utf-8",
    )
    assert harvest_cli(article, tmp_path) == 0
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert list(reg.claims) == ["survey.share-worried"]
    assert reg.claims["survey.share-worried"].claim.value == "45%"


def test_a_draft_never_takes_a_figure_from_a_sourced_claim(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "ours.yaml").write_text(
        "claims:\n"
        "  - id: faking.rate\n"
        "    statement: Alignment faking rate\n"
        '    value: "12%"\n'
        "    subject: [faking]\n"
        "    sources:\n"
        "      - source: paper\n"
        "sources:\n"
        "  - id: paper\n"
        "    title: The paper\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.md"
    article.write_text(
        "Alignment faking happened in 12% of monitored cases.\n\n"
        "Sycophancy happened in 12% of monitored cases.\n",
        encoding="utf-8",
    )
    assert harvest_cli(article, tmp_path) == 0
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    (draft,) = [lc.claim for lc in reg.claims.values() if lc.claim.status == "draft"]
    assert draft.id == "a.sycophancy-happened-monitored"
    assert list(draft.subject) == ["Sycophancy happened", "monitored cases"]
    cfg = Config(root=tmp_path, claims=tmp_path / "claims", sources=tmp_path / "sources")
    got = [r.claim.claim.id for r in engine.resolve_files([article], cfg, reg) if r.claim]
    assert got == ["faking.rate", draft.id]
    # a new article saying the same gets nothing from the draft of another article
    new = tmp_path / "b.md"
    new.write_text("Sycophancy happened in 40% of monitored cases.\n", encoding="utf-8")
    assert [r.claim for r in engine.resolve_files([new], cfg, reg)] == [None]
