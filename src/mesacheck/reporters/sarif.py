"""`sarif` output: SARIF 2.1.0, shaped for GitHub code scanning.

Code scanning shows a rule's `help` beside every alert and keeps an alert open across
pushes by its `partialFingerprints`, so the log carries every rule with its documentation
(the rule module's docstring, as `mesacheck explain` prints it) and gives each result a
fingerprint that leaves the line number out: inserting a paragraph above a figure must
not close its alert and open a new one. `relatedLocations` point at the claim's YAML
entry, the place a reader has to look to judge the finding. Columns count Unicode code
points (`columnKind`), as every mesacheck position does, and paths are relative to
`%SRCROOT%`, the working folder, so the log can be uploaded from any checkout.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from mesacheck import __version__
from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput, inert_json, utf8
from mesacheck.rules import ALL

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "mesacheckFingerprint/v1"
# GitHub code scanning takes at most 25,000 results per run (and refuses the upload
# beyond): a larger run keeps the most severe 25,000 and says what it left out
MAX_RESULTS = 25_000
_RANK = {"error": 0, "warning": 1, "info": 2}
SRCROOT = "%SRCROOT%"

Json = dict[str, Any]


def render(report: ReportInput) -> str:
    # valid UTF-8 (a file name's stray byte: U+FFFD) and no `##[` command (reporters.json)
    return inert_json(utf8(json.dumps(build(report), indent=2, ensure_ascii=False))) + "\n"


def build(report: ReportInput) -> Json:
    """The SARIF log as a JSON-ready dict."""
    codes = list(ALL)
    driver: Json = {
        "name": "mesacheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(ALL[code]) for code in codes],
    }
    home = _information_uri()
    if home:
        driver["informationUri"] = home
    fingerprints = _fingerprints(report)  # of every finding: a cap never changes one
    kept = _kept(report.findings)
    results = [
        _result(f, codes.index(f.code), fp, report)
        for i, (f, fp) in enumerate(zip(report.findings, fingerprints, strict=True))
        if kept is None or i in kept
    ]
    notes: list[Json] = [{"level": "note", "message": {"text": report.coverage_line}}]
    left_out = _left_out(report.findings, kept)
    if left_out:
        notes.append(left_out)
    for path, why in report.coverage.unreadable:
        notes.append(
            {
                "level": "warning",
                "message": {"text": f"{path} could not be read: {why}"},
                "locations": [{"physicalLocation": {"artifactLocation": _artifact(path)}}],
            }
        )
    run: Json = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notes}],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _kept(findings: list[Finding]) -> set[int] | None:
    """The indices of the findings the log holds: all (None), or the `MAX_RESULTS` most
    severe (errors, then warnings, then info; in report order within a severity)."""
    if len(findings) <= MAX_RESULTS:
        return None
    order = sorted(range(len(findings)), key=lambda i: _RANK.get(findings[i].severity, 1))
    return set(order[:MAX_RESULTS])


def _left_out(findings: list[Finding], kept: set[int] | None) -> Json | None:
    """A notification saying how many results were cut, and of which codes."""
    if kept is None:
        return None
    by_code: dict[str, int] = {}
    for i, f in enumerate(findings):
        if i not in kept:
            by_code[f.code] = by_code.get(f.code, 0) + 1
    cut = len(findings) - len(kept)
    codes = ", ".join(f"{code} {n:,}" for code, n in sorted(by_code.items()))
    text = (
        f"{cut:,} of {len(findings):,} results are left out of this log ({codes}): GitHub "
        f"code scanning takes at most {MAX_RESULTS:,} per run, so it holds the "
        f"{MAX_RESULTS:,} most severe. `mesacheck check --format json` lists them all."
    )
    return {
        "level": "warning",
        "message": {"text": text},
        "descriptor": {"id": "results-capped"},
        "properties": {"omitted": cut, "total": len(findings), "omittedByCode": by_code},
    }


def _information_uri() -> str | None:
    """The project's home page from the package metadata, when it declares one."""
    try:
        meta = importlib.metadata.metadata("mesacheck")
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _label, _, url = entry.partition(",")
        if url.strip().startswith(("https://", "http://")):
            return url.strip()
    home = (meta.get("Home-page") or "").strip()
    return home if home.startswith(("https://", "http://")) else None


def _rule(rule: ModuleType) -> Json:
    """A rule's SARIF metadata, from its module: code, name, default severity, docstring."""
    doc = (rule.__doc__ or "").strip()
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n")]
    summary = paragraphs[0].split(": ", 1)[-1]
    summary = summary[:1].upper() + summary[1:]
    full = summary
    if len(paragraphs) > 1 and paragraphs[1].endswith("."):  # prose, not a lead-in
        full += " " + paragraphs[1]
    return {
        "id": rule.ID,
        "name": rule.NAME,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.SEVERITY]},
    }


def _uri(path: str) -> str:
    """A forward-slash URI reference relative to the working folder, percent-encoded."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(os.fsencode(p.as_posix()), safe="/")  # the name's own bytes, encoded


def _artifact(path: str) -> Json:
    uri = _uri(path)
    if uri.startswith("file:"):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def _region(f: Finding) -> Json:
    if not f.figure:  # registry findings: a whole YAML line
        return {"startLine": f.line}
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "snippet": {"text": f.figure},
    }


def _line_text(report: ReportInput, path: str, line: int) -> str:
    lines = report.sources.get(path, [])
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def _fingerprints(report: ReportInput) -> list[str]:
    """sha256 of code, path, figure, claim and the line's text — never the line number.

    Identical findings on identical lines of one file are told apart by their order
    (`:1`, `:2`, …), as GitHub does for its own line hashes, so that each stays distinct
    and all survive lines moving."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for f in report.findings:
        parts = (f.code, _uri(f.path), f.figure, f.claim or "", _line_text(report, f.path, f.line))
        joined = "\x00".join(parts).encode("utf-8", "surrogateescape")  # any file name
        digest = hashlib.sha256(joined).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


def _related(f: Finding, report: ReportInput) -> list[Json]:
    out: list[Json] = []
    claim = report.registry.claims.get(f.claim) if f.claim and report.registry else None
    if claim is not None and (claim.path, claim.line) != (f.path, f.line):
        out.append(
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(claim.path),
                    "region": {"startLine": claim.line},
                },
                "message": {"text": f"claim `{f.claim}`"},
            }
        )
    for path, line, column, end_column in f.related:
        region: Json = {"startLine": line, "startColumn": column, "endColumn": end_column}
        lines = report.sources.get(path, [])
        if 0 < line <= len(lines) and lines[line - 1][column - 1 : end_column - 1]:
            region["snippet"] = {"text": lines[line - 1][column - 1 : end_column - 1]}
        out.append(
            {
                "physicalLocation": {"artifactLocation": _artifact(path), "region": region},
                "message": {"text": f"also at {path}:{line}:{column}"},
            }
        )
    unique: list[Json] = []
    for loc in out:  # the schema wants relatedLocations unique
        if loc not in unique:
            unique.append(loc)
    return [{"id": i, **loc} for i, loc in enumerate(unique, start=1)]


def _result(f: Finding, rule_index: int, fingerprint: str, report: ReportInput) -> Json:
    text = f.message + (f" [fix: {f.suggestion}]" if f.suggestion else "")
    result: Json = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": text},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact(f.path),
                    "region": _region(f),
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    related = _related(f, report)
    if related:
        result["relatedLocations"] = related
    if f.figure and f.suggestion:
        deleted = {k: v for k, v in _region(f).items() if k != "snippet"}
        result["fixes"] = [
            {
                "description": {"text": f"Write {f.suggestion}"},
                "artifactChanges": [
                    {
                        "artifactLocation": _artifact(f.path),
                        "replacements": [
                            {"deletedRegion": deleted, "insertedContent": {"text": f.suggestion}}
                        ],
                    }
                ],
            }
        ]
    return result
