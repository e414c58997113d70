"""MC201 unused-suppression: a mesacheck comment that silences nothing.

An `ignore` that covers no finding, or a `disable` block with no finding inside, hides
nothing today and would silently hide a future finding: clean it up. (An `enable` that
closes a block is doing its job and is never reported.) Off by default, like ruff's
unused-noqa: turn it on with `--select MC201` or `extend-select = ["MC201"]`.

Passing (the suppression silences the finding on its line):

    Expert estimates put the probability at 20-70%. <!-- mesacheck: ignore MC001 -->

Failing (the figure has no MC002 finding to silence):

    <!-- mesacheck: ignore MC002 -->
    Expert estimates put the probability at 20-70%.

Fix: remove the comment, or name the code that it is meant to silence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from mesacheck.findings import Finding

ID = "MC201"
NAME = "unused-suppression"
SEVERITY = "info"  # default severity
ENABLED = False  # off by default
SCOPE = "suppressions"  # a file's comments, once the other findings went through them


class Suppression(Protocol):
    """What this rule reads of a parsed comment (`mesacheck.suppress.Suppression`)."""

    verb: str
    codes: frozenset[str]
    line: int
    column: int
    end_column: int
    used: bool


def check(path: str, suppressions: Iterable[Suppression]) -> Iterator[Finding]:
    """A finding for each suppression of `path` that silenced nothing, once
    `mesacheck.suppress.apply` has run over the file's other findings."""
    for s in suppressions:
        if s.used or s.verb == "enable":
            continue
        what = ", ".join(sorted(s.codes)) or "every code"
        yield Finding(
            code=ID,
            name=NAME,
            severity=SEVERITY,
            path=path,
            line=s.line,
            column=s.column,
            end_line=s.line,
            end_column=s.end_column,
            figure="",
            claim=None,
            expected=None,
            message=f"this mesacheck: {s.verb} ({what}) suppresses nothing; remove it",
        )
