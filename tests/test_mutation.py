"""Mutation: every registered figure of the example, changed outside rounding, is reported;
its sentence reworded around the same value adds nothing."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from mesacheck import engine
from mesacheck.grammar import scan
from mesacheck.values import agrees

_NUM = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _check(files, cfg, reg):  # type: ignore[no-untyped-def]
    """A check's findings with every resolved figure of the files (tests look at both)."""
    from types import SimpleNamespace

    result = engine.check(files, cfg, reg)
    resolutions = engine.resolve_files(files, cfg, reg)
    return SimpleNamespace(
        findings=result.findings,
        coverage=result.coverage,
        registry=reg,
        resolutions=resolutions,
    )


def _format_like(written: str, value: float) -> str:
    decimals = len(written.split(".", 1)[1]) if "." in written else 0
    text = f"{value:,.{decimals}f}" if "," in written else f"{value:.{decimals}f}"
    return text


def mutate(text: str, claim_fig) -> str | None:  # type: ignore[no-untyped-def]
    """The figure with one number changed to a value that does not round to the claim."""
    nums = list(_NUM.finditer(text))
    target = nums[-1]  # the last number: the end of a range or change, or the only one
    v = float(target.group().replace(",", ""))
    for factor, offset in ((1.7, 3), (0.45, 0), (2.5, 7), (0.2, 0)):
        new_v = v * factor + offset
        if "%" in text and new_v > 100:
            continue
        new = text[: target.start()] + _format_like(target.group(), new_v) + text[target.end() :]
        parsed = [f for f in scan(new) if f.kind != "date"]
        if len(parsed) == 1 and not agrees(parsed[0], claim_fig):
            return new
    return None


_SYNONYMS = [
    (" achieve ", " reach "),
    (" found ", " observed "),
    (" shows ", " demonstrates "),
    (" reduced ", " cut "),
    (" received ", " got "),
]


_BOUNDARY = re.compile(r"(?:[.!?] +(?=[A-Z])|\| +|\n\n|^(?:#+|[*>-]) +|\A)", re.MULTILINE)


def reword(text: str, offset: int) -> str:
    """The figure's sentence in other words: a lead-in at its start, synonyms in it."""
    start = max(m.end() for m in _BOUNDARY.finditer(text, 0, offset) if m.end() <= offset)
    end = offset
    while end < len(text) and text[end] not in ".|\n":
        end += 1
    sentence = "As reported, " + text[start:end]
    for a, b in _SYNONYMS:
        sentence = sentence.replace(a, b)
    return text[:start] + sentence + text[end:]


@pytest.fixture(scope="module")
def baseline(registry, tmp_path_factory):  # type: ignore[no-untyped-def]
    from mesacheck.config import Config

    root = Path(__file__).resolve().parent.parent
    cfg = Config(root=root, claims=root / "claims", sources=root / "sources")
    text = (root / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("mutants")
    result = _check([_write(folder, "base.md", text)], cfg, registry)
    return cfg, text, folder, result


def _write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def _registered(result):  # type: ignore[no-untyped-def]
    return [
        r
        for r in result.resolutions
        if r.claim is not None
        and r.figure.kind != "date"
        and result.registry.sourced(r.claim.claim.id)
    ]


def test_every_registered_figure_changed_outside_rounding_is_reported(baseline, registry) -> None:  # type: ignore[no-untyped-def]
    cfg, text, folder, result = baseline
    lines = text.split("\n")
    registered = _registered(result)
    assert len(registered) >= 40
    missed = []
    for i, r in enumerate(registered):
        f = r.figure
        new = mutate(f.text, r.claim.parsed)
        assert new is not None, f.text
        line = lines[f.line - 1]
        mutated = line[: f.column - 1] + new + line[f.end_column - 1 :]
        copy = "\n".join([*lines[: f.line - 1], mutated, *lines[f.line :]])
        res = _check([_write(folder, f"m{i}.md", copy)], cfg, registry)
        hits = [
            x
            for x in res.findings
            if x.code == "MC002" and x.line == f.line and x.column == f.column
        ]
        if not hits:
            missed.append((f.line, f.text, new))
    assert missed == []


def test_rewording_around_a_figure_adds_no_finding(baseline, registry) -> None:  # type: ignore[no-untyped-def]
    cfg, text, folder, result = baseline

    def signature(findings):  # type: ignore[no-untyped-def]
        return Counter((x.code, x.figure, x.claim) for x in findings)

    before = signature(result.findings)
    changed = []
    for i, r in enumerate(_registered(result)):
        f = r.figure
        copy = reword(text, f.offset)
        assert copy != text
        res = _check([_write(folder, f"r{i}.md", copy)], cfg, registry)
        extra = signature(res.findings) - before
        if extra:
            changed.append((f.line, f.text, dict(extra)))
    assert changed == []
