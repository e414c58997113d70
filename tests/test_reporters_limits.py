"""GitHub's limits, on a run too large for them: a SARIF log of more than 25,000 results
and a step summary of more than 1 MiB.

The run is real: 26,000 unsourced figures in generated articles (a sentence each, as a
wiki's survey pages hold them) and three files that are not UTF-8 (MC008, errors),
checked by the command line (the first run fills the cache the others answer from). The
SARIF log is validated against the official 2.1.0 schema (vendored in tests/data, see
test_formats.py), holds 25,000 results, every error among them, and a notification that
says how many were left out and of which codes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mesacheck.cli import main
from mesacheck.reporters.sarif import MAX_RESULTS

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def schema_errors(log: dict[str, Any]) -> list[str]:
    """The official SARIF 2.1.0 schema's complaints about `log` (none when valid)."""
    import jsonschema  # a test dependency: SARIF validation is never skipped silently

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


WORDS = ("revenue", "users", "downloads", "crates", "contributors", "issues", "builds")


@pytest.fixture(scope="module")
def big_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """13 articles of 2,000 figures each, and 3 files that cannot be read (errors)."""
    root = tmp_path_factory.mktemp("big")
    docs = root / "docs"
    docs.mkdir()
    for k in range(13):
        lines = [f"# Survey {k}\n\n"]
        for i in range(2000):
            word = WORDS[i % len(WORDS)]
            lines.append(f"The {word} of team {k}-{i} grew {i % 97 + 1}.{i % 9}% last year.\n\n")
        (docs / f"survey-{k:02}.md").write_text("".join(lines), encoding="utf-8")
    for k in range(3):
        (docs / f"z-latin1-{k}.md").write_bytes("Caf\u00e9 sales grew 12%.\n".encode("latin-1"))
    return root


def test_sarif_of_more_than_25000_results_is_capped_and_says_so(
    big_run: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(big_run)
    code = main(["check", "docs", "--format", "json", "--output-file", "all.json"])
    assert code == 1
    every = json.loads((big_run / "all.json").read_text(encoding="utf-8"))
    total = every["summary"]["findings"]
    errors = [f for f in every["findings"] if f["severity"] == "error"]
    assert total > MAX_RESULTS and len(errors) == 3, every["summary"]

    code = main(["check", "docs", "--format", "sarif", "-o", "out.sarif"])
    assert code == 1
    log: dict[str, Any] = json.loads((big_run / "out.sarif").read_text(encoding="utf-8"))
    assert schema_errors(log) == []
    (run,) = log["runs"]
    results = run["results"]
    assert len(results) == MAX_RESULTS
    # every error is kept: the cut takes the least severe first
    assert sum(r["level"] == "error" for r in results) == len(errors)
    notes = run["invocations"][0]["toolExecutionNotifications"]
    (cut,) = [n for n in notes if n.get("descriptor", {}).get("id") == "results-capped"]
    assert cut["properties"]["omitted"] == total - MAX_RESULTS
    assert cut["properties"]["total"] == total
    assert sum(cut["properties"]["omittedByCode"].values()) == total - MAX_RESULTS
    assert f"{total - MAX_RESULTS:,} of {total:,} results are left out" in cut["message"]["text"]
    # the fingerprints of the results kept are those of the uncapped log's
    assert len({r["partialFingerprints"]["mesacheckFingerprint/v1"] for r in results}) == len(
        results
    )


def test_step_summary_stays_under_a_mebibyte_with_every_count(
    big_run: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.chdir(big_run)
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert main(["check", "docs", "--format", "github", "-o", "log.txt"]) == 1
    data = summary.read_bytes()
    assert len(data) < 1024 * 1024
    text = data.decode("utf-8")
    assert text.startswith("## an earlier step\n")
    counts = {
        line.split(" | ")[0][2:]: int(line.split("|")[3])
        for line in text.splitlines()
        if line.startswith("| MC")
    }
    assert counts["MC001"] >= 26000 and counts["MC008"] == 3
    shown = [line for line in text.splitlines() if line.startswith("| docs/")]
    assert 1000 < len(shown) < 26000
    assert [row.split(" | ")[2] for row in shown[:3]] == ["error"] * 3  # most severe first
    more = [line for line in text.splitlines() if "more findings are not listed" in line]
    assert len(more) == 1
    left = int(more[0].split(" more findings")[0].replace(",", ""))
    assert left + len(shown) == sum(counts.values())
