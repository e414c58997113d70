"""What the rules see: the registry, and every resolved figure of the files checked."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mesacheck.registry import Registry
from mesacheck.resolve import Resolution


@dataclass(slots=True)
class CheckContext:
    registry: Registry
    resolutions: list[Resolution] = field(default_factory=list)
    registry_found: bool = True
    # the rules' per-file counts (`tallies`) summed over the files; None when some file
    # came without them, and a rule then counts over `resolutions` itself
    tallies: dict[str, Counter[str]] | None = None
