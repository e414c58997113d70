"""What the rules see.

`CheckContext` is one file's resolved figures with the registry: what a file rule checks
and what a run rule `collect`s from. `RunContext` is what a run rule checks once every
file is done: the registry and what its `collect` returned for each file, folded file by
file as the files come in (`gather`). A registry rule checks a `CheckContext` with no
figures.

Folding is how a run stays small: the engine never holds every file's record, only the
rule's fold of those seen so far. A run rule that declares `fold(folded, record)` folds
its own records (`folded` is None for the first file; it returns the new fold, for
example word counts summed into one Counter and only the mentions its checks can read);
for a rule without `fold`, the fold is the list of its records in file order. Only the
rule's module knows the shape of its record and of its fold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from mesacheck.registry import Registry
from mesacheck.resolve import Resolution


@dataclass(slots=True)
class CheckContext:
    registry: Registry
    resolutions: list[Resolution] = field(default_factory=list)


@dataclass(slots=True)
class RunContext:
    registry: Registry
    collected: Any = None  # the rule's fold of every file's record (None: no file)


def gather(rule: ModuleType, folded: Any, record: Any) -> Any:
    """`folded` with one more file's `record` of `rule`: the rule's `fold`, or the list
    of records in file order for a rule without one."""
    own = getattr(rule, "fold", None)
    if own is not None:
        return own(folded, record)
    if folded is None:
        return [record]
    folded.append(record)
    return folded


def run_context(rule: ModuleType, registry: Registry, records: Iterable[Any]) -> RunContext:
    """The context `rule.check` sees after files whose records are `records`, in order."""
    folded = None
    for record in records:
        folded = gather(rule, folded, record)
    return RunContext(registry, folded)
