"""Coverage: what a run read, so that "no findings" is never mistaken for "did not
understand" — figures found, resolved to a sourced claim or not, dates, numbers in prose
that were not read (`unread`), and every file that could not be read, with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from mesacheck.unread import Unread


class _Counted(Protocol):
    path: str
    unreadable: str | None
    notes: list[str]
    figures: int
    dates: int
    resolved: int
    unresolved: int
    unread: list[Unread]
    numbers: int
    classified: dict[str, int]


@dataclass(slots=True)
class Coverage:
    files: int = 0
    figures: int = 0
    dates: int = 0
    resolved: int = 0  # to a claim with a source
    unresolved: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    notes: list[str] = field(default_factory=list)  # problems worth a line on stderr
    # numbers in prose (`unread`): how many, how many unread, and the others by class
    # (those read as figures are `numbers - unread - sum(classified)`)
    numbers: int = 0
    unread: int = 0
    classified: dict[str, int] = field(default_factory=dict)

    def add(self, got: _Counted) -> None:
        """Count one file's result."""
        self.files += 1
        if got.unreadable is not None:
            self.unreadable.append((got.path, got.unreadable))
            return
        self.notes.extend(got.notes)
        self.figures += got.figures
        self.dates += got.dates
        self.resolved += got.resolved
        self.unresolved += got.unresolved
        self.numbers += got.numbers
        self.unread += len(got.unread)
        for cls, n in got.classified.items():
            self.classified[cls] = self.classified.get(cls, 0) + n

    def line(self) -> str:
        s = "" if self.files == 1 else "s"
        text = (
            f"Checked {self.files} file{s}: {self.figures} figures "
            f"({self.resolved} resolved to a sourced claim, {self.unresolved} unresolved)"
            f", {self.dates} dates, {self.unread} unread number{'' if self.unread == 1 else 's'}"
        )
        if self.unreadable:
            text += f"; {len(self.unreadable)} file(s) could not be read: " + ", ".join(
                f"{p} ({why})" for p, why in self.unreadable
            )
        else:
            text += "; every file parsed"
        return text + "."

    def plain(self) -> tuple:
        counts = (self.files, self.figures, self.dates, self.resolved, self.unresolved)
        return (counts, self.unreadable, self.notes, (self.numbers, self.unread, self.classified))

    @classmethod
    def from_plain(cls, t: tuple | list) -> Coverage:
        counts, unreadable, notes, (numbers, unread, classified) = t
        return cls(
            *counts,
            [tuple(u) for u in unreadable],  # type: ignore[misc]
            list(notes),
            numbers,
            unread,
            dict(classified),
        )
