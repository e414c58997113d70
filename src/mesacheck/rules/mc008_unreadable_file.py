"""MC008 unreadable-file: a file given to check that mesacheck could not read.

A file that is not UTF-8 text (saved in another encoding, or binary), that is not a
regular file (a FIFO, a device), that is larger than mesacheck reads, or on which
mesacheck itself failed, has none of its figures checked. It is reported as an error,
so that a CI run can never pass over a file it did not look at: the exit code says so.

Passing:

    Alignment faking appeared in 12% of monitored cases.

Failing (the file was saved as UTF-16, as some editors on Windows do):

    # saved as utf-16
    Alignment faking appeared in 12% of monitored cases.

Fix: save the file as UTF-8 text; exclude files that are not Markdown documents
(`--extend-exclude`); a failure of mesacheck itself is a bug worth reporting.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from mesacheck.findings import Finding

ID = "MC008"
NAME = "unreadable-file"
SEVERITY = "error"  # default severity
ENABLED = True
SCOPE = "files"  # the files a run could not read


def check(unreadable: Iterable[tuple[str, str]]) -> Iterator[Finding]:
    """A finding for each (path, why) that the run could not read or analyse."""
    for path, why in unreadable:
        yield Finding(
            code=ID,
            name=NAME,
            severity=SEVERITY,
            path=path,
            line=1,
            column=1,
            end_line=1,
            end_column=1,
            figure="",
            claim=None,
            expected=None,
            message=f"{path} was not checked: {why}",
        )
