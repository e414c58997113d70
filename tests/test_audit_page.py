"""`mesacheck audit`: the evidence of each figure, the terminal view, the JSON Schema, and
the HTML pages read as text (the browser tests are in test_audit_browser.py)."""

from __future__ import annotations

import io
import json
import re
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from mesacheck.audit_evidence import GROUPS, schema_text
from mesacheck.audit_markdown import Span, render
from mesacheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = "examples/mesa-optimization.md"
REGISTRY = ["--claims", "claims", "--sources", "sources"]  # explicit: the config is elsewhere
SCHEMA = ROOT / "src" / "mesacheck" / "audit_schema.json"


def audit(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["audit", "--no-cache", *args])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    import os

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        code, out = audit([EXAMPLE, "--format", "json"])
    finally:
        os.chdir(here)
    assert code == 0
    return json.loads(out)


@pytest.fixture()
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("NO_COLOR", "1")


class Marks(HTMLParser):
    """The highlights of a page: (data-figure-id, data-status) of each, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[tuple[str, str]] = []
        self.scripts = 0
        self.images = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "data-figure-id" in a:
            self.figures.append((a["data-figure-id"] or "", a.get("data-status") or ""))
        self.scripts += tag == "script"
        self.images += tag == "img"


def marks(page: str) -> Marks:
    m = Marks()
    m.feed(page)
    return m


def test_the_shipped_schema_is_up_to_date() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: python -c 'from mesacheck.audit_evidence import schema_text; "
        'open("src/mesacheck/audit_schema.json", "w").write(schema_text())\''
    )


def test_the_example_validates_against_the_schema(report: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(report, schema)
    broken = json.loads(json.dumps(report))
    del broken["figures"][0]["evidence"]["statement"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_each_figure_has_its_evidence_in_full(report: dict[str, Any]) -> None:
    figures = report["figures"]
    assert report["summary"]["figures"] == len(figures)
    assert sum(report["summary"]["by_group"].values()) == len(figures)
    for f in figures:  # DESIGN.md's fields
        for key in ("path", "line", "column", "end_column", "text", "kind", "value", "unit",
                    "qualifier", "status", "claim", "sources"):  # fmt: skip
            assert key in f
        assert f["group"] in GROUPS
    gap = [f for f in figures if f["text"] == "2,500×"]
    assert [f["line"] for f in gap] == [19, 42, 427]
    for f in gap:
        assert f["group"] == "disagrees"
        assert {n["expected"] for n in f["findings"]} == {"1,520×"}
        assert f["evidence"]["value"] == "1,520×" and f["evidence"]["computed"] == 1520
        operands = {o["id"]: o for o in f["evidence"]["operands"]}
        assert set(operands) == {
            "ai-investment.industry-2024",
            "ai-safety-funding.safety-research-2024",
        }
        assert operands["ai-investment.industry-2024"]["sources"][0]["title"] == (
            "AI Safety Index Summer 2025"
        )
    twelve = next(f for f in figures if f["text"] == "12%" and f["line"] == 226)
    assert twelve["group"] == "backed"
    src = twelve["sources"][0]
    assert src["title"] == "Alignment faking in large language models"
    assert src["authors"][0] == "Ryan Greenblatt" and src["year"] == 2024
    assert src["url"].startswith("https://arxiv.org/")
    a, b = src["mark"]
    assert src["quote"][a:b] == "12%"
    assert twelve["evidence"]["statement"]
    # every figure the check reports is in a group that says so
    assert {f["group"] for f in figures if f["status"] == "stale"} == {"stale"}
    assert {f["group"] for f in figures if f["status"] == "conflicting"} == {"inconsistent"}


def test_terminal_view_groups_figures_by_status(at_root: None) -> None:
    code, out = audit([EXAMPLE])
    assert code == 0
    assert "\x1b[" not in out  # not a terminal, and NO_COLOR
    heads = [line for line in out.splitlines() if re.match(r"^[a-z ]+ \(\d+\)$", line)]
    assert heads == [
        "backed (67)",
        "unsourced (45)",
        "disagrees (12)",
        "internally inconsistent (2)",
        "stale (6)",
    ]
    block = out.split("disagrees (12)")[1].split("internally inconsistent")[0]
    assert re.search(r"^  19 +2,500× +ai-safety-funding\.disparity +formula", block, re.M)
    assert "19 2,500×: expected 1,520×" in block
    backed = out.split("backed (67)")[1].split("unsourced (45)")[0]
    row = next(r for r in backed.splitlines() if r.startswith("  226 "))
    assert "Greenblatt et al. 2024" in row and '"For example, in our prompted' in row


def test_terminal_colour_only_when_asked(at_root: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[1;31mdisagrees (12)" in audit([EXAMPLE])[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in audit([EXAMPLE])[1]


def test_html_page_has_one_highlight_per_figure(
    at_root: None, tmp_path: Path, report: dict[str, Any]
) -> None:
    out = tmp_path / "page.html"
    assert audit([EXAMPLE, "--html", str(out)])[0] == 0
    page = out.read_text(encoding="utf-8")
    m = marks(page)
    assert m.figures == [(f["id"], f["group"]) for f in report["figures"]]
    assert m.scripts == 1 and m.images == 0
    assert 'content="default-src &#x27;none&#x27;;' in page
    assert "@media print" in page
    assert "\ue000" not in page and "\ue001" not in page  # no sentinel left


def test_many_articles_give_an_index_and_one_page_each(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"post{n}.md").write_text(f"# Post {n}\n\nGrowth was {10 + n}% in 2024.\n")
    out = tmp_path / "out" / "audit.html"
    assert audit(["docs", "--html", str(out)])[0] == 0
    index = out.read_text(encoding="utf-8")
    pages = sorted((tmp_path / "out" / "audit-files").glob("*.html"))
    assert [p.name for p in pages] == ["001-post0.html", "002-post1.html", "003-post2.html"]
    for p in pages:
        assert f'href="audit-files/{p.name}"' in index
        page = p.read_text(encoding="utf-8")
        assert 'href="../audit.html"' in page
        assert len(marks(page).figures) == 2  # the percent and the year


def test_a_300_figure_article_renders_every_highlight(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    lines = ["# Many figures", ""]
    for n in range(100):
        lines.append(
            f"In trial {n}, **{n + 1}%** of runs failed, costing ${n + 2}M over {n + 3} weeks."
        )
        lines.append("")
    (tmp_path / "big.md").write_text("\n".join(lines), encoding="utf-8")
    _code, out = audit(["big.md", "--format", "json"])
    figures = json.loads(out)["figures"]
    assert len(figures) >= 300
    page_path = tmp_path / "big.html"
    assert audit(["big.md", "--html", str(page_path)])[0] == 0
    page = page_path.read_text(encoding="utf-8")
    assert [i for i, _s in marks(page).figures] == [f["id"] for f in figures]
    # the page script does no work per figure when it opens: it queries the filters'
    # inputs; it reaches figures only by id, or (in a filter's change handler) those of
    # one status or kind
    script = page.split("<script>")[1].split("</script>")[0]
    queried = re.findall(r"querySelectorAll\(([^;]*?)\);", script)
    assert queried == [
        '"input[data-filter-kind]"',
        """'mark[data-figure-id][data-kind="' + kind + '"]'""",
        '"input[data-filter]"',
        """'mark[data-figure-id][data-status="' + status + '"]'""",
    ]
    assert "getElementById" in script and "forEach" not in script


def test_registry_view_flags_unused_claims_and_drafts(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "c.yaml").write_text(
        textwrap.dedent(
            """\
            claims:
              - id: survey.share
                statement: Share of respondents who use the tool daily
                value: "42%"
                subject: [use the tool daily]
                sources:
                  - source: survey-2024
                    quote: "42% of respondents use it daily"
              - id: survey.unused
                statement: Respondents in Europe
                value: "1,200 respondents"
                sources:
                  - source: survey-2024
                    quote: "1,200 respondents in Europe"
              - id: survey.draft
                statement: A figure harvested from an article
                value: "7%"
                status: draft
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "sources" / "s.yaml").write_text(
        "sources:\n  - id: survey-2024\n    title: The 2024 Survey\n    year: 2024\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("42% <!-- claim: survey.share --> use the tool daily.\n")
    out = tmp_path / "registry.html"
    assert audit(["--registry", "--html", str(out)])[0] == 0
    page = out.read_text(encoding="utf-8")
    flags = dict(re.findall(r'data-claim="([^"]+)" data-flags="([^"]*)"', page))
    assert flags["survey.share"] == ""
    assert flags["survey.unused"] == "no article checked uses it"
    assert flags["survey.draft"].split(" | ") == [
        "no article checked uses it",
        "draft: waiting for a source",
    ]
    assert "a.md:1:1 <code>42%</code> (backed)" in page
    assert "The 2024 Survey" in page
    assert audit(["--registry"])[0] == 2  # needs --html


def test_sentinels_place_spans_across_markup() -> None:
    source = "Up **12**% and `9%` then \\$5M.\n"
    start = source.index("12")
    spans = [
        Span(start, source.index("%") + 1, "a", {"data-figure-id": "a"}),
        Span(source.index("\\$"), source.index("M.") + 1, "b", {"data-figure-id": "b"}),
    ]
    got = render(source, spans)
    assert got.placed == {"a", "b"}
    assert got.html == (
        '<p>Up <strong><mark data-figure-id="a">12</mark></strong>'
        '<mark data-cont="a">%</mark> and <code>9%</code> then '
        '<mark data-figure-id="b">$5M</mark>.</p>\n'
    )
    # a span in an image's alt text is shown in the alt text, never as an attribute
    img = render("![up 12%](x.png)\n", [Span(6, 9, "c", {"data-figure-id": "c"})])
    assert img.placed == {"c"} and "<img" not in img.html


def test_a_to_review_candidate_links_the_figures_it_may_conflict_with(
    at_root: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Consistency findings below the confidence threshold go to `to_review`: with the
    threshold just above the example's two MC003 findings (0.8), they are candidates, each
    linking the figure it may conflict with, and nothing else drops below it."""
    config = tmp_path / "strict.toml"
    config.write_text("confidence-threshold = 0.81\n", encoding="utf-8")
    data = json.loads(audit([EXAMPLE, "--config", str(config), *REGISTRY, "--format", "json"])[1])
    ids = {(f["line"], f["column"]): f["id"] for f in data["figures"]}
    assert [(r["figure_id"], r["related_ids"]) for r in data["to_review"]] == [
        (ids[4, 502], [ids[280, 29]]),
        (ids[16, 35], [ids[280, 29]]),
    ]
    assert data["summary"]["by_group"]["to-review"] == 2
    out = tmp_path / "review.html"
    assert audit([EXAMPLE, "--config", str(config), *REGISTRY, "--html", str(out)])[0] == 0
    page = out.read_text(encoding="utf-8")
    section = page.split(f'<section class="ev" id="ev-{ids[4, 502]}"')[1].split("</section>")[0]
    assert "To review: MC003 conflicting-figures" in section
    assert f'May conflict with: <a href="#{ids[280, 29]}" data-goto="{ids[280, 29]}">' in section
    assert f'data-figure-id="{ids[280, 29]}"' in page  # the link's target is on the page
    assert ('data-status="to-review"' in page) and "⚑ to review" not in page  # icon by CSS
