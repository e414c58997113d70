"""Atheris plumbing shared by the targets (imported by `fuzz_*.py`, never by the suite).

A target checks one property (`properties.py`) on each input. Anything that escapes it
is a failure with a signature (`properties.signature_of`): the target prints
`FUZZ-SIGNATURE: <sig>` and re-raises, so libFuzzer writes the input as a crash artifact
and stops. `run.py` records the signature and restarts the target with it in
`MESACHECK_FUZZ_KNOWN` (a file, one signature a line), so a long run goes on to find
*other* bugs instead of the first one again. `MESACHECK_FUZZ_ONLY=<sig>` makes every other
failure pass: minimizing a crash then keeps the same bug.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import atheris


class FuzzFailure(Exception):
    """What a target raises for libFuzzer: the signature of the failure it wraps (a
    Rust panic is a BaseException; libFuzzer is handed an Exception either way)."""


def _known() -> set[str]:
    path = os.environ.get("MESACHECK_FUZZ_KNOWN")
    if not path or not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as fh:
        return {line.strip() for line in fh if line.strip()}


def fuzz(check: Callable[[bytes], None]) -> None:
    """Run libFuzzer (options from the command line) on `check`."""
    from properties import signature_of

    known = _known()
    only = os.environ.get("MESACHECK_FUZZ_ONLY")

    def one_input(data: bytes) -> None:
        try:
            check(data)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as e:  # a Rust panic is a BaseException
            sig = signature_of(e)
            if sig in known or (only and sig != only):
                return
            sys.stderr.write(f"\nFUZZ-SIGNATURE: {sig}\nFUZZ-MESSAGE: {str(e)[:2000]!r}\n")
            sys.stderr.flush()
            raise FuzzFailure(sig) from e

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


def text(data: bytes) -> str:
    """The input as text, as a reader that decoded a file would have it."""
    return data.decode("utf-8", "replace")
