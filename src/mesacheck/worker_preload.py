"""What the fork server of a parallel run loads before it forks workers (`runner.run`):
the per-file pipeline, the fuzzy matcher, and every lazy pattern of the grammar compiled
(`lazy_re.compile_all`). A worker forked from the server starts with them, instead of
each worker importing and compiling them again."""

from __future__ import annotations

import rapidfuzz.fuzz  # noqa: F401  (loaded for the workers)

import mesacheck.pipeline  # noqa: F401  (loaded for the workers)
from mesacheck.lazy_re import compile_all

COMPILED = compile_all()
