"""Inline suppressions: HTML comments that silence findings, invisible when rendered.

    <!-- mesacheck: ignore MC001 -->            the figures on this line, or else on the
                                                next line that has figures
    <!-- mesacheck: ignore -->                  the same, for every code
    <!-- mesacheck: disable MC001,MC003 -->     from here …
    <!-- mesacheck: enable -->                  … to here (or to the end of the file)
    <!-- mesacheck: ignore MC002 -- a reason --> anything after `--` is the reason

This module reads the comments and applies them; a suppression that silences nothing is
reported by the rule MC201 (`rules/mc201_unused_suppression.py`), from the `used` marks
that `apply` leaves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mesacheck.findings import Finding
from mesacheck.rules import CODES
from mesacheck.segments import Document

_RE = re.compile(
    r"<!--\s*mesacheck\s*:\s*(?P<verb>ignore|disable|enable)\b(?P<codes>[^-]*?)"
    r"(?:\s--\s*(?P<reason>.*?))?\s*-->",
    re.IGNORECASE | re.DOTALL,
)


@dataclass
class Suppression:
    verb: str
    codes: frozenset[str]  # empty: every code
    line: int
    column: int
    end_column: int
    reason: str = ""
    lines: set[int] = field(default_factory=set)  # for ignore: the lines it covers
    until: tuple[int, int] | None = None  # for disable: where the matching enable is
    used: bool = False

    def covers_code(self, code: str) -> bool:
        return not self.codes or code in self.codes

    def plain(self) -> tuple:
        """As plain data (what the cache stores)."""
        where = (self.line, self.column, self.end_column)
        lines = tuple(sorted(self.lines))
        return (self.verb, self.codes, *where, self.reason, lines, self.until, self.used)

    @classmethod
    def from_plain(cls, t: tuple | list) -> Suppression:
        verb, codes, line, column, end_column, reason, lines, until, used = t
        until = tuple(until) if until is not None else None
        where = (line, column, end_column)
        return cls(verb, frozenset(codes), *where, reason, set(lines), until, used)


def _codes(text: str) -> frozenset[str]:
    out = set()
    for part in re.split(r"[\s,]+", text.strip()):
        if not part:
            continue
        code = part.upper()
        out |= {c for c in CODES if c.startswith(code)} or {code}
    return frozenset(out)


def parse(doc: Document, figure_lines: list[int]) -> tuple[list[Suppression], list[str]]:
    """The suppressions of a document, and messages for malformed ones."""
    found: list[Suppression] = []
    problems: list[str] = []
    for c in doc.comments:
        m = _RE.fullmatch(c.text.strip())
        if m is None:
            if re.match(r"<!--\s*mesacheck\s*:", c.text, re.IGNORECASE):
                line, _ = doc.position(c.offset)
                problems.append(
                    f"{doc.path}:{line}: cannot read this mesacheck comment; "
                    "write `<!-- mesacheck: ignore MC001 -->`, `disable` or `enable`"
                )
            continue
        line, col = doc.position(c.offset)
        _, end_col = doc.position(c.end)
        found.append(
            Suppression(
                m.group("verb").lower(),
                _codes(m.group("codes") or ""),
                line,
                col,
                end_col,
                (m.group("reason") or "").strip(),
            )
        )
    found.sort(key=lambda s: (s.line, s.column))
    lines = sorted(set(figure_lines))
    for s in found:
        if s.verb == "ignore":
            if s.line in lines:
                s.lines = {s.line}
            else:
                later = [n for n in lines if n > s.line]
                s.lines = {later[0]} if later else set()
    # pair each disable with the next enable that covers it
    for i, s in enumerate(found):
        if s.verb != "disable":
            continue
        for e in found[i + 1 :]:
            if e.verb == "enable" and (not e.codes or not s.codes or s.codes & e.codes):
                s.until = (e.line, e.column)
                e.used = True  # an enable that closes a block is doing its job
                break
    return found, problems


def _before(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a < b


def _silences(s: Suppression, f: Finding) -> bool:
    if s.verb == "ignore":
        return f.line in s.lines
    if s.verb != "disable" or not _before((s.line, s.column), (f.line, f.column)):
        return False
    return s.until is None or _before((f.line, f.column), s.until)


def apply(findings: list[Finding], suppressions: list[Suppression]) -> list[Finding]:
    """The findings that no suppression silences; marks the suppressions that were used."""
    kept = []
    for f in findings:
        silenced = False
        for s in suppressions:
            if not s.covers_code(f.code):
                continue
            if _silences(s, f):
                s.used = silenced = True
        if not silenced:
            kept.append(f)
    return kept
