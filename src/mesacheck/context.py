"""What the rules see.

`CheckContext` is one file's resolved figures with the registry: what a file rule checks
and what a run rule `collect`s from. `RunContext` is what a run rule checks once every
file is done: the registry and what its `collect` returned for each file, in file order.
A registry rule checks a `CheckContext` with no figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    collected: list[Any] = field(default_factory=list)
