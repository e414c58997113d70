"""Every rule's documentation runs: what `mesacheck explain` prints is what the code does.

A rule module's docstring is its documentation, with a `Passing` and a `Failing`
example. Each example is the indented text under its heading line (the heading may carry
a note in parentheses and ends with a colon). An example is written to files and run
through the command line, as a user would:

* for a document rule, the text is an article (`article.md`), checked against the
  registry shipped with mesacheck (claims/ and sources/ at the root of the repository);
* for a registry rule, the text is a claims file (`claims/example.yaml`), checked with
  the shipped sources/;
* a first line `# saved as ENCODING` writes the example in that encoding (MC008);
* in either, a line `# claims/NAME.yaml` or `# sources/NAME.yaml` (a YAML comment)
  starts a registry file of the example: an example that brings files of claims/ (or of
  sources/) is checked with those instead of the shipped folder.

The passing example must give no finding of the rule's code, the failing one at least
one, reported with the rule's name.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from mesacheck.cli import main
from mesacheck.findings import SEVERITIES
from mesacheck.rules import ALL, RULES, SCOPES

ROOT = Path(__file__).resolve().parents[2]
_HEADING = re.compile(r"^(Passing|Failing)\b[^\n]*?(?:\n(?! {4})[^\n]+?)*:\n", re.MULTILINE)
_SAVED_AS = re.compile(r"# saved as ([\w-]+)\n")
_FILE = re.compile(r"^# ((?:claims|sources)/[\w.-]+\.ya?ml)$", re.MULTILINE)


def examples(doc: str) -> dict[str, str]:
    """'Passing' and 'Failing' -> the example's text (dedented)."""
    out: dict[str, str] = {}
    for m in _HEADING.finditer(doc):
        body = []
        for line in doc[m.end() :].split("\n"):
            if line.strip() and not line.startswith("    "):
                break
            body.append(line)
        assert m.group(1) not in out, f"two {m.group(1)} examples"
        out[m.group(1)] = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
    return out


def files_of(rule: ModuleType, example: str) -> dict[str, str]:
    """The files an example stands for: relative path -> text."""
    heads = list(_FILE.finditer(example))
    lead = example[: heads[0].start()] if heads else example
    out = {}
    if lead.strip():
        main_file = "claims/example.yaml" if rule.SCOPE == "registry" else "article.md"
        out[main_file] = lead.strip("\n") + "\n"
    ends = [m.start() for m in heads[1:]] + [len(example)]
    for m, end in zip(heads, ends[: len(heads)], strict=True):
        out[m.group(1)] = example[m.start() : end].strip("\n") + "\n"
    return out


def run(
    rule: ModuleType,
    example: str,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> dict:
    """The JSON report of checking the example (for a registry rule, `registry check`)."""
    files = files_of(rule, example)
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        saved = _SAVED_AS.match(text)  # `# saved as ENCODING`: the file in that encoding
        if saved:
            text = text[saved.end() :]
        (folder / rel).write_text(text, encoding=saved.group(1) if saved else "utf-8")
    where = []
    for part in ("claims", "sources"):  # the example's own, or else the shipped one
        own = any(rel.startswith(f"{part}/") for rel in files)
        where += [f"--{part}", str((folder if own else ROOT) / part)]
    monkeypatch.chdir(folder)
    if rule.SCOPE == "registry":
        main(["registry", "check", "--format", "json", *where])
    else:
        main(["check", "--no-cache", "--format", "json", "--select", rule.ID, *where, "article.md"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    report: dict = json.loads(out)
    return report


@pytest.mark.parametrize("rule", RULES, ids=[m.ID for m in RULES])
def test_documentation_names_the_rule_and_has_both_examples(rule: ModuleType) -> None:
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{rule.ID} {rule.NAME}: "), doc.split("\n")[0]
    assert ALL[rule.ID] is rule
    assert rule.SEVERITY in SEVERITIES and rule.SCOPE in SCOPES
    assert sorted(examples(doc)) == ["Failing", "Passing"]


@pytest.mark.parametrize("rule", RULES, ids=[m.ID for m in RULES])
def test_passing_example_passes(rule, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    example = examples(rule.__doc__)["Passing"]
    report = run(rule, example, tmp_path, capsys, monkeypatch)
    assert [f for f in report["findings"] if f["code"] == rule.ID] == [], example
    if rule.SCOPE == "registry":  # the example is read: its files are a valid registry
        assert [f for f in report["findings"] if f["code"] == "MC101"] == [], example
    else:  # the example has figures to judge
        assert report["summary"]["figures"] + report["summary"]["dates"] > 0, example


@pytest.mark.parametrize("rule", RULES, ids=[m.ID for m in RULES])
def test_failing_example_fails(rule, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    example = examples(rule.__doc__)["Failing"]
    report = run(rule, example, tmp_path, capsys, monkeypatch)
    found = [f for f in report["findings"] if f["code"] == rule.ID]
    assert found, example
    assert {(f["name"], f["severity"] in SEVERITIES) for f in found} == {(rule.NAME, True)}
