"""`mesacheck explain CODE`: a rule's documentation is its module docstring."""

from __future__ import annotations

from mesacheck.findings import CODES


def explain(code: str) -> str | None:
    code = code.strip().upper()
    if code not in CODES:
        by_name = {name: c for c, (name, _) in CODES.items()}
        code = by_name.get(code.lower(), code)
    from mesacheck.rules import ALL

    rule = ALL.get(code)
    if rule is not None and rule.__doc__:
        name, severity = CODES[code]
        return f"{rule.__doc__.strip()}\n\nDefault severity: {severity}.\n"
    if code in CODES:
        name, severity = CODES[code]
        return (
            f"{code} {name}: described in the design, not yet checked by this version.\n"
            f"Default severity: {severity}.\n"
        )
    return None
