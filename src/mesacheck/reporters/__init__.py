"""Reporters: findings → text for people or machines. One module per format.

Every format is a module here with `render(report: ReportInput) -> str`; `text` colours
and shows the source line on a terminal (`ReportInput.colour`), plain lines otherwise.
No reporter knows the engine: `ReportInput` is all they read.

Every string a report shows may come from a stranger: a document's text, a file name (any
bytes but `/` and NUL). `safe_text` makes it inert for a terminal and a CI log, `utf8`
makes it encodable for a machine format; the formats say which they use.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesacheck.coverage import Coverage
    from mesacheck.findings import Finding
    from mesacheck.registry import Registry

FORMATS = ("text", "concise", "json", "json-lines", "sarif", "github", "junit")
_MODULES = {
    "json": "json",
    "json-lines": "jsonlines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "text": "text",
    "concise": "concise",
}


@dataclass
class ReportInput:
    """Everything a reporter may need about one run."""

    findings: list[Finding]
    coverage: Coverage
    coverage_line: str
    registry: Registry | None  # loaded for the formats that point into it (SARIF)
    files: list[str] = field(default_factory=list)  # the documents checked, as displayed
    command: str = "check"
    colour: bool = False  # text: stdout is a terminal (colours, the line and a caret)
    quiet: bool = False  # text: the findings alone (no "Found" or coverage line)
    texts: dict[str, str] = field(default_factory=dict)  # a document not on disk (stdin)

    @cached_property
    def sources(self) -> dict[str, list[str]]:
        """Lines of every file a finding points at (documents and registry YAML)."""
        out: dict[str, list[str]] = {}
        for path in {f.path for f in self.findings}:
            given = self.texts.get(path)
            if given is not None:
                out[path] = given.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                continue
            lines = source_lines(path)
            if lines is not None:
                out[path] = lines
        return out


def source_lines(path: str) -> list[str] | None:
    """A file's lines as the engine numbers them, or None when it cannot be read.

    The engine's reading: BOM dropped, CR LF and CR made LF, lines split on LF only —
    never `str.splitlines`, which also splits on form feed, U+2028 and others, and would
    put a caret or a fingerprint on the wrong line. Read with `files.read_document`, so a
    FIFO or device among the findings' paths cannot hang a report."""
    from mesacheck.files import MAX_BYTES, read_document

    try:
        text = read_document(path, MAX_BYTES).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# What a terminal or a CI log would act on rather than show: C0 controls but tab (ESC
# starts the sequences that retitle a window or clear a screen; LF and CR start a new
# line, where a workflow command could begin), DEL, C1 (CSI, OSC, NEL), the line and
# paragraph separators, the bidirectional overrides and isolates that make text read in
# an order other than its bytes', and lone surrogates (the bytes of a file name that is
# not UTF-8, as Python decodes them). GitHub's runner also acts on `##[command]` anywhere
# in a line (its first command syntax): that `[` is escaped. Every match is one character,
# so where a column of the text lands in the escaped text is easy to tell (`safe_span`).
_UNSAFE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]|(?<=##)\\["
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code == 0x0A:
        return "\\n"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """`text` with everything a terminal or CI log would act on written as a visible
    escape (`\\x1b`, `\\n`, `\\u202e`, `\\xff` for a byte that is not UTF-8): one line
    that shows what is there and can start no workflow command. Tabs and all printable
    text, in any script, are kept as they are."""
    return _UNSAFE.sub(_escape, text)


def safe_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where `text[start:end]` lies in `safe_text(text)` (to put a caret under it)."""

    def shown(index: int) -> int:
        extra = sum(len(_escape(m)) - 1 for m in _UNSAFE.finditer(text, 0, index))
        return index + extra

    return shown(start), shown(end)


def utf8(text: str) -> str:
    """`text` that encodes as UTF-8: a lone surrogate (a byte of a file name that is not
    UTF-8) becomes U+FFFD, the replacement character. (Most text is ASCII: answered
    without a regex, since every string of every finding of a report comes here.)"""
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def inert_json(text: str) -> str:
    """JSON text whose `##[` (GitHub's older command syntax, acted on anywhere in a line of
    a CI log) is written `##\\u005b`: the same string to a JSON reader. In JSON a `[` can
    follow `##` only inside a string, so nothing else changes."""
    return text.replace("##[", "##\\u005b")


def render(fmt: str, report: ReportInput) -> str:
    module = importlib.import_module(f"mesacheck.reporters.{_MODULES[fmt]}")
    return module.render(report)


def stream(fmt: str, report: ReportInput) -> Iterator[str]:
    """The report in pieces, for writing as it is made: a format that can (`json`,
    `json-lines`) renders a finding at a time, the others all at once."""
    module = importlib.import_module(f"mesacheck.reporters.{_MODULES[fmt]}")
    if hasattr(module, "stream"):
        yield from module.stream(report)
    else:
        yield module.render(report)
