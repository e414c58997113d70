"""The machine formats — sarif, github, junit, json-lines — on the shipped example.

The SARIF log is validated against the official SARIF 2.1.0 JSON schema (OASIS, errata
01), vendored in tests/data/ from oasis-tcs/sarif-spec `Schemata/sarif-schema-2.1.0.json`.
"""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema  # a test dependency: SARIF validation must never be skipped silently
import pytest

from mesacheck.cli import main
from mesacheck.reporters.github import escape_data, escape_property
from mesacheck.rules import CODES

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
ARTICLE = "examples/mesa-optimization.md"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    return code, capsys.readouterr().out


@pytest.fixture()
def in_root(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return root


@pytest.fixture()
def json_report(in_root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out = run(["check", ARTICLE, "--format", "json"], capsys)
    assert code == 1
    report: dict[str, Any] = json.loads(out)
    assert report["summary"]["findings"] > 10  # the example has real mistakes
    return report


@pytest.fixture()
def sarif(in_root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code, out = run(["check", ARTICLE, "--format", "sarif"], capsys)
    assert code == 1
    log: dict[str, Any] = json.loads(out)
    return log


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def validator() -> Any:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "2.1.0" in schema["title"] and "2.1.0" in schema["id"]
    cls = jsonschema.validators.validator_for(schema)  # the draft its "$schema" names
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(log: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(log)]


# --- sarif -------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(sarif: dict[str, Any]) -> None:
    assert sarif["version"] == "2.1.0" and "sarif-schema-2.1.0" in sarif["$schema"]
    assert schema_errors(sarif) == []

    bad = copy.deepcopy(sarif)
    bad["runs"][0]["results"][0]["level"] = "fatal"
    assert any("fatal" in e for e in schema_errors(bad))
    bad = copy.deepcopy(sarif)
    del bad["runs"][0]["tool"]["driver"]["name"]
    assert schema_errors(bad)


def test_sarif_run_is_complete_for_code_scanning(
    sarif: dict[str, Any], json_report: dict[str, Any], in_root: Path
) -> None:
    (run_,) = sarif["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["invocations"][0]["executionSuccessful"] is True
    srcroot = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert srcroot == in_root.as_uri() + "/"
    driver = run_["tool"]["driver"]
    from mesacheck import __version__

    assert (driver["name"], driver["version"]) == ("mesacheck", __version__)
    results = run_["results"]
    assert len(results) == json_report["summary"]["findings"]
    for result, finding in zip(results, json_report["findings"], strict=True):
        assert result["ruleId"] == finding["code"]
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        level = {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert result["level"] == level
        assert result["message"]["text"].startswith(finding["message"])
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": ARTICLE, "uriBaseId": "%SRCROOT%"}


def test_sarif_rules_list_every_code_with_its_documentation(sarif: dict[str, Any]) -> None:
    from mesacheck.rules import ALL

    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    for rule in rules:
        name, severity = CODES[rule["id"]]
        assert rule["name"] == name
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[severity]
        assert rule["defaultConfiguration"]["level"] == level
        assert rule["help"]["text"].strip()
        if rule["id"] in ALL:
            assert rule["help"]["text"] == ALL[rule["id"]].__doc__.strip()


def test_sarif_regions_are_the_figures_exact_text(sarif: dict[str, Any], in_root: Path) -> None:
    results = sarif["runs"][0]["results"]
    lines = lines_of(in_root / ARTICLE)
    checked = 0
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        assert region["endLine"] == region["startLine"]
        got = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        assert got == region["snippet"]["text"]
        checked += 1
    assert checked == len(results)
    figures = {r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] for r in results}
    assert {"2,500×", "12-78%", "20-70%"} <= figures


def test_sarif_related_locations_point_at_the_claims_yaml(
    sarif: dict[str, Any], in_root: Path
) -> None:
    results = sarif["runs"][0]["results"]
    mismatch = next(
        r
        for r in results
        if r["ruleId"] == "MC002"
        and r["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "2,500×"
    )
    (claim_loc,) = [
        loc
        for loc in mismatch["relatedLocations"]
        if loc["physicalLocation"]["artifactLocation"]["uri"] == "claims/ai-safety-funding.yaml"
    ]
    assert claim_loc["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    line = claim_loc["physicalLocation"]["region"]["startLine"]
    yaml_line = lines_of(in_root / "claims/ai-safety-funding.yaml")[line - 1]
    assert yaml_line.strip() == "- id: ai-safety-funding.disparity"

    # MC003's other places are related locations too, each on its figure
    conflict = next(r for r in results if r["ruleId"] == "MC003")
    lines = lines_of(in_root / ARTICLE)
    others = [
        loc["physicalLocation"]["region"]
        for loc in conflict["relatedLocations"]
        if loc["physicalLocation"]["artifactLocation"]["uri"] == ARTICLE
    ]
    assert others
    for region in others:
        text = lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
        assert text == region["snippet"]["text"]


def test_sarif_fingerprints_survive_lines_moving(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "mesa.md"
    text = (root / ARTICLE).read_text(encoding="utf-8")
    registry = ["--claims", str(root / "claims"), "--sources", str(root / "sources")]

    def sarif_of(content: str) -> list[dict[str, Any]]:
        article.write_text(content, encoding="utf-8")
        _, out = run(["check", "mesa.md", "--format", "sarif", *registry], capsys)
        log = json.loads(out)
        assert schema_errors(log) == []
        return list(log["runs"][0]["results"])

    # ten blank lines at the top of the body (above it the front matter would stop being
    # front matter, and its figures would no longer be read as such)
    lines_ = text.split("\n")
    body = lines_.index("---", 1) + 1 if lines_[0] == "---" else 0
    shifted = "\n".join([*lines_[:body], *[""] * 10, *lines_[body:]])
    before = sarif_of(text)
    after = sarif_of(shifted)

    def prints(rs: list[dict[str, Any]]) -> list[str]:
        return [r["partialFingerprints"]["mesacheckFingerprint/v1"] for r in rs]

    def lines(rs: list[dict[str, Any]]) -> list[int]:
        return [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in rs]

    assert len(before) > 10
    moved = [n + 10 if n > body else n for n in lines(before)]
    assert moved == lines(after) and any(n > body for n in lines(before))  # lines did move
    assert len(set(prints(before))) == len(before)  # every result has its own fingerprint
    assert set(prints(before)) == set(prints(after))
    assert all(re.fullmatch(r"[0-9a-f]{64}:\d+", p) for p in prints(before))

    # and a change to the line's text is a new result
    edited = sarif_of(text.replace("2,500×", "2,400×", 1))
    assert set(prints(edited)) != set(prints(before))


def test_sarif_registry_findings_are_a_whole_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = write_broken_registry(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["registry", "check", "--claims", "claims", "--sources", "sources"]
    _, out = run([*args, "--format", "sarif"], capsys)
    log = json.loads(out)
    assert schema_errors(log) == []
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"MC102", "MC106"}
    yaml_lines = lines_of(claims)
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "claims/bad.yaml"
        assert set(loc["region"]) == {"startLine"}
        assert yaml_lines[loc["region"]["startLine"] - 1].strip()


# --- github ------------------------------------------------------------------------------


def test_github_escapes() -> None:
    assert escape_data("12-78%\r\nnext") == "12-78%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def unescape(text: str) -> str:
    chars = {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: chars[m.group(1)], text)


def test_github_annotations_escape_every_percent(
    in_root: Path, json_report: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run(["check", ARTICLE, "--format", "github"], capsys)
    lines = out.splitlines()
    findings = json_report["findings"]
    assert len(lines) == len(findings) + 1
    assert lines[-1].startswith("Checked 1 file:")  # coverage closes the log, plainly
    assert "12-78%25" in out
    level = {"error": "error", "warning": "warning", "info": "notice"}
    bare_percent = re.compile(r"%(?!25|0D|0A|3A|2C)")
    for line, finding in zip(lines[:-1], findings, strict=True):
        m = re.fullmatch(r"::(error|warning|notice) (.*?)::(.*)", line)
        assert m, line
        assert m.group(1) == level[finding["severity"]]
        props, data = m.group(2), m.group(3)
        assert not bare_percent.search(data) and not bare_percent.search(props)
        expected = finding["message"]
        if finding["suggestion"]:
            expected += f" [fix: {finding['suggestion']}]"
        assert unescape(data) == expected
        fields = dict(p.split("=", 1) for p in props.split(","))
        assert unescape(fields["file"]) == finding["path"]
        assert int(fields["line"]) == finding["line"]
        assert int(fields["col"]) == finding["column"]
        assert int(fields["endColumn"]) == finding["end_column"]
        assert unescape(fields["title"]) == f"{finding['code']} {finding['name']}"


def test_github_writes_a_step_summary(
    in_root: Path,
    json_report: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run(["check", ARTICLE, "--format", "github"], capsys)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, not overwritten
    assert "Checked 1 file:" in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    counts = {code: n for code, n in json_report["summary"]["by_code"].items()}
    for code, n in counts.items():
        assert any(r.startswith(f"| {code} | {CODES[code][0]} | {n} |") for r in rows)
    finding_rows = [r for r in rows if r.startswith(f"| {ARTICLE}:")]
    assert len(finding_rows) == json_report["summary"]["findings"]
    for row in finding_rows:
        assert len(re.findall(r"(?<!\\)\|", row)) == 7  # six cells: no stray pipe
        assert "<!--" not in row  # a message's comment syntax cannot hide the table
    assert "| --- | --- | --- | --- | --- |" in text


# --- junit -------------------------------------------------------------------------------


def test_junit_counts_match_the_json_report(
    in_root: Path,
    json_report: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# Notes\n\nNothing to count here.\n", encoding="utf-8")
    _, out = run(["check", ARTICLE, str(clean), "--format", "junit"], capsys)
    root_el = ET.fromstring(out)
    (suite,) = root_el.iter("testsuite")
    assert suite.get("name") == "mesacheck"
    cases = suite.findall("testcase")
    failures = suite.findall("testcase/failure")
    assert int(suite.get("tests", "")) == len(cases) == 2
    assert int(suite.get("failures", "")) == len(failures) == json_report["summary"]["findings"]
    article, other = cases
    assert (article.get("classname"), article.get("name")) == ("mesacheck", ARTICLE)
    assert other.findall("failure") == []  # a file with no findings passes
    assert other.get("name", "").endswith("clean.md")
    for failure, finding in zip(article.findall("failure"), json_report["findings"], strict=True):
        assert failure.get("type") == finding["code"]
        assert failure.get("message") == f"{finding['code']} {finding['message']}"
        where = f"{finding['path']}:{finding['line']}:{finding['column']}: {finding['code']}"
        assert (failure.text or "").startswith(where)


def test_junit_registry_file_is_a_test_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_broken_registry(tmp_path)
    monkeypatch.chdir(tmp_path)
    _, out = run(
        ["registry", "check", "--claims", "claims", "--sources", "sources", "--format", "junit"],
        capsys,
    )
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    (case,) = suite.findall("testcase")
    assert case.get("name") == "claims/bad.yaml"
    assert sorted(f.get("type", "") for f in case.findall("failure")) == ["MC102", "MC106"]
    assert suite.get("failures") == "2"


# --- json-lines --------------------------------------------------------------------------


def test_json_lines_is_the_json_report_one_line_at_a_time(
    in_root: Path, json_report: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = run(["check", ARTICLE, "--format", "json-lines"], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    *findings, last = records
    assert last == {"summary": json_report["summary"]}
    assert len(findings) == json_report["summary"]["findings"]
    assert findings == json_report["findings"]


# --- every format, on edge cases ---------------------------------------------------------


def test_a_clean_file_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "clean.md").write_text("# Notes\n\nNothing to count.\n", encoding="utf-8")
    outputs = {}
    for fmt in ("sarif", "github", "junit", "json-lines"):
        code, outputs[fmt] = run(["check", "clean.md", "--format", fmt], capsys)
        assert code == 0
    log = json.loads(outputs["sarif"])
    assert schema_errors(log) == [] and log["runs"][0]["results"] == []
    assert outputs["github"].splitlines()[-1].startswith("Checked 1 file:")
    assert "::" not in outputs["github"]
    suite = ET.fromstring(outputs["junit"]).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("1", "0")
    (only,) = outputs["json-lines"].splitlines()
    assert json.loads(only)["summary"]["findings"] == 0


def test_severity_levels_and_awkward_text() -> None:
    from mesacheck.engine import Coverage
    from mesacheck.findings import Finding
    from mesacheck.registry import Registry
    from mesacheck.reporters import ReportInput, github, junit, sarif

    def finding(severity: str) -> Finding:
        return Finding(
            code="MC001", name="unsourced-figure", path="notes, draft: v2.md", line=3,
            column=5, end_line=3, end_column=8, figure="50%", claim=None, expected=None,
            message="50% <is> & \"odd\"\x0c\nsecond line", severity=severity,
        )  # fmt: skip

    findings = [finding("info"), finding("warning"), finding("error")]
    report = ReportInput(findings, Coverage(files=1), "Checked 1 file.", Registry(), [])
    annotations = github.render(report).split("\n")
    assert [a.split(" ", 1)[0] for a in annotations[:3]] == ["::notice", "::warning", "::error"]
    assert annotations[0].startswith("::notice file=notes%2C draft%3A v2.md,line=3,col=5,")
    assert annotations[0].endswith('::50%25 <is> & "odd"\x0c%0Asecond line')
    log = sarif.build(report)
    assert schema_errors(log) == []
    results = log["runs"][0]["results"]
    assert [r["level"] for r in results] == ["note", "warning", "error"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "notes%2C%20draft%3A%20v2.md"  # a relative reference, percent-encoded
    failures = ET.fromstring(junit.render(report)).iter("failure")
    expected = 'MC001 50% <is> & "odd"\ufffd\nsecond line'  # control characters replaced
    assert [f.get("message") for f in failures] == [expected] * 3


# --- helpers -----------------------------------------------------------------------------


def write_broken_registry(folder: Path) -> Path:
    (folder / "sources").mkdir()
    claims = folder / "claims" / "bad.yaml"
    claims.parent.mkdir()
    claims.write_text(
        "claims:\n"
        "  - id: demo.no-source\n"
        '    statement: "A claim with no source."\n'
        '    value: "50%"\n'
        "    subject: [demo]\n"
        "    status: active\n"
        "  - id: demo.unknown-source\n"
        '    statement: "A claim citing a source nobody registered."\n'
        '    value: "12%"\n'
        "    subject: [demo two]\n"
        "    sources:\n"
        "      - source: nobody-2020\n"
        '        quote: "12% of something"\n',
        encoding="utf-8",
    )
    return claims
