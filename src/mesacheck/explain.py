"""`mesacheck explain CODE`: a rule's documentation is its module docstring."""

from __future__ import annotations

from mesacheck.rules import ALL


def explain(code: str) -> str | None:
    """The documentation of the rule with this code or name, or None if there is none."""
    code = code.strip().upper()
    if code not in ALL:
        by_name = {rule.NAME: c for c, rule in ALL.items()}
        code = by_name.get(code.lower(), code)
    rule = ALL.get(code)
    if rule is None:
        return None
    return f"{(rule.__doc__ or '').strip()}\n\nDefault severity: {rule.SEVERITY}.\n"
