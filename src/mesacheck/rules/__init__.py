"""The rules: one module per finding code, found here by name (`mcNNN_name.py`), and this
package's `RULES` the only list of them — adding a rule is adding its module (and its
test file in tests/rules/), nothing else.

Each module is the single source of its rule: `ID`, `NAME`, `SEVERITY` (the default),
`ENABLED` (False: off unless selected), `SCOPE`, a `check(...)`, and a docstring that is
its documentation (what `mesacheck explain CODE` prints) with a `Passing:` and a
`Failing:` example that the tests run. The table of codes, the codes off by default,
`explain` and the SARIF rule metadata are all built from the modules.

What `SCOPE` says, and how the engine calls the rule:

* "file": each figure or passage on its own — `check(ctx)` with one file's resolved
  figures (`context.CheckContext`), in the process that analyses the file;
* "run": across the files of a run — `collect(ctx)` per file, in that file's process,
  returns a small record of plain data (it is cached with the file); optionally
  `fold(folded, record)`, which the engine calls on each file's record as it arrives
  (`context.gather`), so that no run keeps every file's record; `check(run_ctx)` then
  runs once over the fold (`context.RunContext`). Only the module knows its record;
* "registry": the registry alone — `check(ctx)` with no figures;
* "files": the files the run could not read — `check(unreadable)` (MC008);
* "suppressions": a file's inline comments once every other finding has gone through
  them — `check(path, suppressions)` (MC201).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

SCOPES = ("file", "run", "registry", "files", "suppressions")


def _discover() -> tuple[ModuleType, ...]:
    """Every rule module of this package, in code order."""
    names = sorted(
        name for _, name, _ in pkgutil.iter_modules(__path__) if re.fullmatch(r"mc\d{3}_\w+", name)
    )
    modules = tuple(importlib.import_module(f"{__name__}.{name}") for name in names)
    return tuple(sorted(modules, key=lambda m: m.ID))


RULES: tuple[ModuleType, ...] = _discover()
ALL: dict[str, ModuleType] = {m.ID: m for m in RULES}
# code -> (name, default severity), in code order
CODES: dict[str, tuple[str, str]] = {m.ID: (m.NAME, m.SEVERITY) for m in RULES}
OFF_BY_DEFAULT: frozenset[str] = frozenset(m.ID for m in RULES if not m.ENABLED)

FILE_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "file")
RUN_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "run")
REGISTRY_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "registry")
FILES_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "files")
SUPPRESSION_RULES: tuple[ModuleType, ...] = tuple(m for m in RULES if m.SCOPE == "suppressions")
