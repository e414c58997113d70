"""`junit` output: JUnit XML, for CI systems that show test reports but not SARIF.

Each checked document is a test case that passes when it has no findings and fails once
per finding; a registry file with findings (MC1xx) is a test case too, so a broken claim
shows up even when every article passes. A passing case per clean file keeps "checked and
clean" visible — a report of failures alone could not tell it from "not checked".
ElementTree writes the XML, so quotes, `<` and `&` in messages are escaped properly.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mesacheck.findings import Finding
from mesacheck.reporters import ReportInput

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text XML 1.0 can hold: ElementTree escapes `<` and `&` but not control characters."""
    return _NOT_XML.sub("\ufffd", text)


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
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
