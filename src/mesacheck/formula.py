"""Derived claims: `formula:` over other claims' values, parsed safely (no `eval`).

Grammar: expr := term (('+' | '-') term)*; term := factor (('*' | '×' | '/' | '÷') factor)*;
factor := NUMBER | CLAIM-ID | '(' expr ')' | '-' factor. Claim ids may contain '.' and '-',
so a minus sign between two ids must have spaces around it: `a.x - b.y`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator

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
    """The formula's value, asking `value_of` for each claim it uses (left to right)."""
    gen = steps(text)
    try:
        need = next(gen)
        while True:
            need = gen.send(value_of(need))
    except StopIteration as stop:
        return float(stop.value)
    finally:
        gen.close()


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "×": 2, "/": 2, "÷": 2}
_NEG = "neg"  # unary minus on the operator stack


def steps(text: str) -> Generator[str, float | None, float]:
    """Evaluate a formula without recursion: yields each claim id it uses, in order, and
    is sent that claim's value; returns the result (StopIteration.value).

    Operator precedence on two explicit stacks, so 330 nested parentheses cost no more
    stack than one. Claims are asked for, operations applied and errors raised in the
    order a recursive-descent evaluation of the grammar above would have them.
    """
    toks = tokens(text)
    values: list[float] = []
    ops: list[str] = []  # "+", "*", ..., "(" and _NEG

    def apply(op: str) -> None:
        if op == _NEG:
            values.append(-values.pop())
            return
        rhs, lhs = values.pop(), values.pop()
        if op == "+":
            values.append(lhs + rhs)
        elif op == "-":
            values.append(lhs - rhs)
        elif op in "*×":
            values.append(lhs * rhs)
        else:
            if rhs == 0:
                raise FormulaError("division by zero")
            values.append(lhs / rhs)

    def reduce(above: int) -> None:
        """Apply the pending binary operators that bind at least as tightly as `above`
        (1: every one down to the innermost open parenthesis)."""
        while ops and ops[-1] != "(" and _PRECEDENCE[ops[-1]] >= above:
            apply(ops.pop())

    def operand_done() -> None:
        while ops and ops[-1] == _NEG:
            apply(ops.pop())

    expect_operand = True
    for kind, val in toks:
        if expect_operand:
            if kind == "num":
                values.append(float(val))
            elif kind == "id":
                got = yield val
                values.append(float(got))  # type: ignore[arg-type]
            elif val == "(":
                ops.append("(")
                continue
            elif val == "-":
                ops.append(_NEG)
                continue
            else:
                raise FormulaError(f"unexpected {val!r}")
            operand_done()
            expect_operand = False
        elif kind == "op" and val in _PRECEDENCE:
            reduce(_PRECEDENCE[val])
            ops.append(val)
            expect_operand = True
        else:
            reduce(1)
            if val == ")" and ops:  # ops[-1] is "(": every operator above it is applied
                ops.pop()
                operand_done()
                continue
            raise FormulaError("missing ')'" if ops else f"unexpected {val!r}")
    if not expect_operand:
        reduce(1)
    if expect_operand or ops:  # an operand or a ")" is missing
        raise FormulaError("formula ends too early")
    return values[0]
