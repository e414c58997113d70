"""Derived claims: `formula:` over other claims' values, parsed safely (no `eval`).

Grammar: expr := term (('+' | '-') term)*; term := factor (('*' | '×' | '/' | '÷') factor)*;
factor := NUMBER | CLAIM-ID | '(' expr ')' | '-' factor. Claim ids may contain '.' and '-',
so a minus sign between two ids must have spaces around it: `a.x - b.y`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)(?![a-z.\-\d])|(?P<id>[a-z0-9][a-z0-9.\-]*[a-z0-9]|[a-z])"
    r"|(?P<op>[-+*/×÷()]))"
)


class FormulaError(Exception):
    """A formula that does not parse or cannot be computed."""


def tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise FormulaError(f"cannot read {text[pos:]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


def references(text: str) -> list[str]:
    """The claim ids a formula uses."""
    return [v for k, v in tokens(text) if k == "id"]


def evaluate(text: str, value_of: Callable[[str], float]) -> float:
    toks = tokens(text)
    pos = 0

    def peek() -> tuple[str, str] | None:
        return toks[pos] if pos < len(toks) else None

    def take() -> tuple[str, str]:
        nonlocal pos
        if pos >= len(toks):
            raise FormulaError("formula ends too early")
        pos += 1
        return toks[pos - 1]

    def expr() -> float:
        v = term()
        while (t := peek()) is not None and t[1] in "+-":
            take()
            v = v + term() if t[1] == "+" else v - term()
        return v

    def term() -> float:
        v = factor()
        while (t := peek()) is not None and t[1] in "*×/÷":
            take()
            rhs = factor()
            if t[1] in "*×":
                v *= rhs
            else:
                if rhs == 0:
                    raise FormulaError("division by zero")
                v /= rhs
        return v

    def factor() -> float:
        kind, val = take()
        if kind == "num":
            return float(val)
        if kind == "id":
            return value_of(val)
        if val == "(":
            v = expr()
            if take()[1] != ")":
                raise FormulaError("missing ')'")
            return v
        if val == "-":
            return -factor()
        raise FormulaError(f"unexpected {val!r}")

    result = expr()
    if pos != len(toks):
        raise FormulaError(f"unexpected {toks[pos][1]!r}")
    return result
