"""Coverage: what a run read, so that "no findings" is never mistaken for "did not
understand" — figures found, resolved to a sourced claim or not, dates, and every file
that could not be read, with the reason."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


class _Counted(Protocol):
    path: str
    unreadable: str | None
    notes: list[str]
    figures: int
    dates: int
    resolved: int
    unresolved: int


@dataclass(slots=True)
class Coverage:
    files: int = 0
    figures: int = 0
    dates: int = 0
    resolved: int = 0  # to a claim with a source
    unresolved: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    notes: list[str] = field(default_factory=list)  # problems worth a line on stderr

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

    def line(self) -> str:
        s = "" if self.files == 1 else "s"
        text = (
            f"Checked {self.files} file{s}: {self.figures} figures "
            f"({self.resolved} resolved to a sourced claim, {self.unresolved} unresolved)"
            f", {self.dates} dates"
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
        return (counts, self.unreadable, self.notes)

    @classmethod
    def from_plain(cls, t: tuple | list) -> Coverage:
        counts, unreadable, notes = t
        return cls(*counts, [tuple(u) for u in unreadable], list(notes))  # type: ignore[misc]
