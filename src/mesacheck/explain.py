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


def rules_table(fmt: str = "text") -> str:
    """`mesacheck rules`: every rule of `rules/__init__.py` — code, name, default
    severity, whether it runs unless selected, and its one-line summary — as a table or
    as JSON."""
    rows = [
        {
            "code": code,
            "name": rule.NAME,
            "severity": rule.SEVERITY,
            "enabled": bool(rule.ENABLED),
            "summary": _summary(rule.__doc__ or ""),
        }
        for code, rule in ALL.items()
    ]
    if fmt == "json":
        import json

        return json.dumps(rows, indent=2) + "\n"
    name_w = max(len(r["name"]) for r in rows)
    lines = [f"{'code':<6} {'name':<{name_w}} {'severity':<8} enabled  summary"]
    for r in rows:
        enabled = "yes" if r["enabled"] else "no"
        lines.append(
            f"{r['code']:<6} {r['name']:<{name_w}} {r['severity']:<8} {enabled:<8} {r['summary']}"
        )
    return "\n".join(lines) + "\n"


def _summary(doc: str) -> str:
    """A rule docstring's first sentence, without its `MCnnn name:` lead."""
    first = " ".join(doc.strip().split("\n\n")[0].split())
    return first.split(": ", 1)[-1]
