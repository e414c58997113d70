"""What a document says about its own numbers: the second pass of `unread`.

A number a sentence leaves open is often settled by the rest of the document:

- a dotted number after a common word ("landed in 1.65", "before 1.75", "1.12 saw a fair
  number of regressions") is a version when the document names that number as a version
  elsewhere (`Rust 1.65`, `1.65.0`, `version 1.65`, `the 1.65 release`, or its own path
  `Rust-1.65.0.md`), and only then: "a ratio of 1.41" stays unread in a document that
  never calls 1.41 a version;
- a number after a name that the document uses as a name elsewhere is that name again
  ("[The 8472](…)" at the start of a line, after "Congratulations The 8472");
- a number that continues a list or range of versions or names ("Windows 7, 8, and 8.1",
  "macOS 10.7-10.11", "1.87, 1.88, 1.89", "Tier 1 and 2") is one of them, unless a word
  it could count follows it ("LLVM 15 and 3 new targets" is no continuation).

Nothing here reads text again but the few characters around an unread number.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["DocContext"]

_PATH_VERSION = re.compile(r"(?<![\d.])\d+\.\d+(?:\.\d+)*(?![\d])")
_CAPITAL_BEFORE = re.compile(r"(?<![\w-])([A-Z][\w.+]*)[ \u00a0]$")
# what stands between two numbers of one list or range: a comma, "and", "or", "through",
# a dash or a slash, with the markup a reader does not see (blanked) around it, maybe
# after a name in brackets ("API level … from 15 (Ice Cream Sandwich) to 19 (KitKat)")
_CONTINUES = re.compile(
    r"(?:\s*\([^()\d]{1,30}\))?"
    r"[\s\[\]*_]*(?:,[\s\[\]*_]*(?:(?:and|or)\s+)?|[-–—/]|\s(?:and|or|through|to|&))[\s\[\]*_]*"
)
_WORD_AFTER = re.compile(r"[ \u00a0*_\]]*([A-Za-z][a-z-]*)")

# one number of the second pass: [offset, text, status, why, segment text, start, end]
Item = list


class DocContext:
    """The versions and names a document states, gathered while its numbers are
    classified one by one (`note`), then used to settle what stayed unread (`settle`)."""

    __slots__ = ("names", "versions")

    def __init__(self, path: str) -> None:
        self.versions: set[str] = set()
        for v in _PATH_VERSION.findall(path):
            self._version(v)
        self.names: set[tuple[str, str]] = set()

    def _version(self, v: str) -> None:
        self.versions.add(v)
        parts = v.split(".")
        if len(parts) > 2:
            self.versions.add(".".join(parts[:2]))

    def note(self, cls: str, num: str, text: str, s: int) -> None:
        """A number classified on its own: a version or a name the document states."""
        if cls == "version":
            if "." in num:
                self._version(num)
        elif cls == "name":
            m = _CAPITAL_BEFORE.search(text, max(0, s - 32), s)
            if m is not None:
                self.names.add((m.group(1), num))

    def settle(self, items: list[Item], countable: Callable[[str], bool]) -> None:
        """Classify, in place, the unread numbers the document settles. `countable(word)`
        says whether a word after a number could be what it counts."""
        prev: Item | None = None
        for it in items:
            if it[2] == "unread":
                cls = self._settle(it, prev, countable)
                if cls:
                    it[2], it[3] = cls, ""
            prev = it

    def _settle(self, it: Item, prev: Item | None, countable: Callable[[str], bool]) -> str:
        num, text, s, e = it[1], it[4], it[5], it[6]
        dotted = "." in num
        if dotted and num in self.versions:
            return "version"
        if not dotted and self.names:
            m = _CAPITAL_BEFORE.search(text, max(0, s - 32), s)
            if m is not None and (m.group(1), num) in self.names:
                return "name"
        if prev is None or prev[4] is not text or prev[2] not in ("version", "name"):
            return ""
        if not _CONTINUES.fullmatch(text, prev[6], s):
            return ""
        w = _WORD_AFTER.match(text, e)
        if w is not None and countable(w.group(1)):
            return ""  # "LLVM 15 and 3 new targets"
        return "version" if dotted or prev[2] == "version" else "name"
