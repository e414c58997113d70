"""Patterns compiled on first use (`mesacheck.lazy_re`): the same answers as the compiled
pattern, and nothing compiled by importing the modules that hold them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from mesacheck import grammar
from mesacheck.lazy_re import LazyPattern, lazy

TEXT = "Spending is $2-5B/year. Adoption reached 40%+ of 1 234 567 users (≈30× more)."


@pytest.mark.parametrize("flags", [0, re.IGNORECASE | re.VERBOSE])
def test_a_lazy_pattern_answers_as_the_compiled_one(flags: int) -> None:
    source = r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<u>%|b|users)?"
    p, c = lazy(source, flags), re.compile(source, flags)
    assert p.pattern == c.pattern  # known before compiling: patterns are built from it
    assert "compiled" not in vars(p)
    assert p.search(TEXT).span() == c.search(TEXT).span()  # type: ignore[union-attr]
    assert [m.span() for m in p.finditer(TEXT)] == [m.span() for m in c.finditer(TEXT)]
    assert p.findall(TEXT) == c.findall(TEXT)
    assert p.sub("N", TEXT) == c.sub("N", TEXT)
    assert p.split(TEXT) == c.split(TEXT)
    assert p.match(TEXT) is None and c.match(TEXT) is None
    assert p.fullmatch("12%") is not None
    assert p.groupindex == c.groupindex and p.flags == c.flags
    assert p.compiled is p.compiled and p.compiled.pattern == source
    assert re.sub(p.compiled, "N", TEXT) == c.sub("N", TEXT)


def test_the_grammar_reads_through_lazy_patterns() -> None:
    assert isinstance(grammar._RE, LazyPattern)
    figures = [f.text for f in grammar.scan(TEXT)]
    assert "$2-5B/year" in figures and "40%+" in figures


def test_importing_the_tool_compiles_none_of_its_lazy_patterns() -> None:
    """What a warm run (every file from the cache) imports compiles nothing lazy."""
    code = (
        "import gc, sys\n"
        "import mesacheck.cli, mesacheck.engine, mesacheck.reporters.json\n"
        "from mesacheck.lazy_re import LazyPattern\n"
        "ps = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(len(ps), sum('compiled' in vars(p) for p in ps))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    held, compiled = map(int, out.stdout.split())
    assert held > 50  # the grammar's patterns are lazy ...
    assert compiled == 0  # ... and importing compiles none of them


def test_the_fork_server_preload_compiles_every_lazy_pattern() -> None:
    """Workers fork from a server that has them compiled: none compiles them again."""
    code = (
        "import gc\n"
        "import mesacheck.worker_preload as w\n"
        "from mesacheck.lazy_re import LazyPattern\n"
        "ps = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(w.COMPILED, len(ps), sum('compiled' in vars(p) for p in ps))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    fresh, held, compiled = map(int, out.stdout.split())
    assert held > 50 and compiled == held == fresh
