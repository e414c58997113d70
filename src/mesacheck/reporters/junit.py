"""`junit` output: JUnit XML, for CI systems that show test reports but not SARIF.

Each checked document is a test case that passes when it has no findings and fails once
per finding; a registry file with findings (MC1xx) is a test case too, so a broken claim
shows up even when every article passes. A passing case per clean file keeps "checked and
clean" visible — a report of failures alone could not tell it from "not checked".
ElementTree writes the XML, so quotes, `<` and `&` in messages are escaped properly;
characters XML 1.0 cannot hold (control characters, and the lone surrogates that stand
for the bytes of a file name that is not UTF-8) become U+FFFD, line breaks in values are
written `&#10;` and the `[` of GitHub's older `##[command]` syntax `&#91;`, so the report
printed in a CI log carries no workflow command.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: ElementTree escapes `<` and `&` but not control characters.

    A line break in a value is marked (U+FFFE, U+FFFF: never left in a value) and written
    as a character reference once the tree is serialised (`_breaks`), so a file name with
    a newline cannot begin a line of the report with a workflow command."""
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("\n", "\ufffe").replace("\r", "\uffff")


def _breaks(xml: str) -> str:
    return xml.replace("\ufffe", "&#10;").replace("\uffff", "&#13;")


def _display(path: str) -> str:
    """A path as findings show it (relative when it was given absolute)."""
    p = Path(path)
    if p.is_absolute():
        try:
            return os.path.relpath(p)
        except ValueError:  # pragma: no cover - another drive on Windows
            return path
    return path


def render(report: ReportInput) -> str:
    by_path: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    cases = list(dict.fromkeys(_display(p) for p in report.files))
    cases += sorted(p for p in by_path if p not in cases)

    failures = len(report.findings)
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    suites = ET.Element("testsuites", name="mesacheck", **counts)
    suite = ET.SubElement(suites, "testsuite", name="mesacheck", skipped="0", **counts)
    ET.SubElement(
        ET.SubElement(suite, "properties"),
        "property",
        name="coverage",
        value=_xml(report.coverage_line),
    )
    for path in cases:
        case = ET.SubElement(suite, "testcase", classname="mesacheck", name=_xml(path))
        for f in by_path.get(path, []):
            message = _xml(f"{f.code} {f.message}")
            failure = ET.SubElement(case, "failure", message=message, type=f.code)
            text = f"{f.path}:{f.line}:{f.column}: {f.code} {f.message}"
            failure.text = _xml(text + (f" [fix: {f.suggestion}]" if f.suggestion else ""))
    ET.SubElement(suite, "system-out").text = _xml(report.coverage_line)
    ET.indent(suites)
    xml = ET.tostring(suites, encoding="unicode", xml_declaration=True)
    return _breaks(xml).replace("##[", "##&#91;") + "\n"  # `[` follows `##` only in text
