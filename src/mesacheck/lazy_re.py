"""Patterns compiled when first used, not when their module is imported.

The grammar's patterns take about a fifth of a second to compile. A warm run (every file
answered from the cache) imports the modules that hold them but matches nothing, and a
one-file run matches few of them: neither should pay for compiling them all.

`lazy(pattern, flags)` stands where `re.compile(pattern, flags)` stood. On first use of a
matching method it compiles the pattern and keeps the compiled pattern's bound methods on
itself, so from then on `P.search(text)` costs what it costs on a compiled pattern.
`P.pattern` is the source string without compiling (patterns are built from each other's
sources). A lazy pattern is not an `re.Pattern`: hand `P.compiled` to code that needs one
(`re.sub(P, ...)` does).
"""

from __future__ import annotations

import re
import weakref
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """`re.compile(pattern, flags)`, done on first use (see the module's docstring)."""

    def __init__(self, pattern: str, flags: int | re.RegexFlag = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        _MADE.add(self)

    def __getattr__(self, name: str) -> Any:
        # only reached for a name the instance does not hold yet: before the first use,
        # or an attribute of the compiled pattern that is not kept (`groupindex`, `flags`)
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            compiled = re.compile(self.pattern, self._flags)
            for method in _METHODS:  # bound once: later look-ups find them on the instance
                setattr(self, method, getattr(compiled, method))
            self.compiled = compiled
        return compiled if name == "compiled" else getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {int(self._flags)})"


_MADE: weakref.WeakSet[LazyPattern] = weakref.WeakSet()


def compile_all() -> int:
    """Compile every lazy pattern made so far; how many were not compiled yet. The fork
    server calls it once it has imported what a worker needs (`runner`), so that each
    worker starts with them compiled instead of compiling them all again."""
    fresh = [p for p in list(_MADE) if "compiled" not in vars(p)]
    for p in fresh:
        p.compiled  # noqa: B018 (compiles it)
    return len(fresh)


def lazy(pattern: str, flags: int | re.RegexFlag = 0) -> LazyPattern:
    """A pattern compiled on first use: `re.compile`'s stand-in at module level."""
    return LazyPattern(pattern, flags)
