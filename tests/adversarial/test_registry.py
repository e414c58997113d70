"""A registry loader that cannot be bombed (issue 11, item 5): each input of the issue,
as given, gives MC101/MC105 with file and line, exit 2 when the registry did not load,
no traceback, and the other files still load. Memory and CPU are measured with
`resource` in a child process, never by wall time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import mesacheck
from mesacheck.cli import main
from mesacheck.registry import load

SRC = Path(mesacheck.__file__).resolve().parents[1]  # the child runs the code under test

GOOD = """\
claims:
  - id: alignment-faking.after-rl-rate
    statement: Rate of alignment-faking reasoning after RL training to comply
    value: "78%"
    formula: "39 * 2"
"""

# run `mesacheck registry check` in a child with its address space capped, and report
# the child's own CPU time and peak resident memory (getrusage of itself)
CHILD = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
from mesacheck.cli import main
code = main(["registry", "check", "--format", "json"])
r = resource.getrusage(resource.RUSAGE_SELF)
scale = 1024 if sys.platform != "darwin" else 1
peak = r.ru_maxrss * scale
try:  # this process's own high-water mark: ru_maxrss starts at the forking parent's RSS
    with open("/proc/self/status") as fh:
        peak = next(int(l.split()[1]) * 1024 for l in fh if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(json.dumps({"exit": code, "cpu": r.ru_utime + r.ru_stime, "maxrss": peak}),
      file=sys.stderr)
"""


def _write(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in {"claims/good.yaml": GOOD, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "sources").mkdir(exist_ok=True)


def _in_child(tmp_path: Path, files: dict[str, str]) -> tuple[list[dict], dict, str]:
    _write(tmp_path, files)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    usage = json.loads(done.stderr.strip().splitlines()[-1])
    return json.loads(done.stdout)["findings"], usage, done.stderr


def _check(
    tmp_path: Path,
    files: dict[str, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, list[dict]]:
    _write(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    code = main(["registry", "check", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, json.loads(out)["findings"]


def _where(findings: list[dict]) -> list[tuple[str, str, int]]:
    return [(f["code"], f["path"], f["line"]) for f in findings]


def _good_still_loads(tmp_path: Path) -> None:
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert reg.claims["alignment-faking.after-rl-rate"].computed == 78.0


def test_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    """Billion laughs, 9 levels of 9 aliases, inside a claim (where the old loader
    expanded it while stripping its line markers: 7.9 GB after 60 s)."""
    lines = [
        "claims:",
        "  - id: bomb",
        "    statement: boom",
        '    value: "1%"',
        "    notes: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]",
    ]
    lines += [f"    a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    findings, usage, _ = _in_child(tmp_path, {"claims/bomb.yaml": "\n".join(lines) + "\n"})
    assert usage["exit"] == 2
    assert _where(findings) == [("MC101", "claims/bomb.yaml", 10)]  # at the 100,001st value
    assert "alias bomb" in findings[0]["message"]
    print("alias bomb:", usage)  # shown with -s
    assert usage["cpu"] < 1.0, usage
    assert usage["maxrss"] < 200 * 1024**2, usage
    _good_still_loads(tmp_path)


def test_yaml_nested_400_deep(tmp_path: Path) -> None:
    deep = "claims:\n  - id: deep\n    notes: " + "[" * 400 + "]" * 400 + "\n"
    findings, usage, _ = _in_child(tmp_path, {"claims/deep.yaml": deep})
    assert usage["exit"] == 2
    assert _where(findings) == [("MC101", "claims/deep.yaml", 3)]
    assert "nested deeper than" in findings[0]["message"]
    print("nested 400 deep:", usage)
    assert usage["maxrss"] < 200 * 1024**2, usage


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("claims: 5\n", 1, "`claims:` must be a list of claims"),
        ("sources:\n  12:30\n", 1, "reads `12:30` as a base-60 number, 750"),
        ("claims:\n  id: x\n  value: 5\n", 1, "got a mapping"),
        ("- id: x\n", 1, "expected a mapping with a `claims:` or `sources:` list"),
    ],
    ids=["claims-5", "sources-sexagesimal", "claims-a-mapping", "top-level-list"],
)
def test_wrong_top_level_shape(tmp_path, capsys, monkeypatch, text, line, says) -> None:  # type: ignore[no-untyped-def]
    code, findings = _check(tmp_path, {"claims/shape.yaml": text}, capsys, monkeypatch)
    assert code == 2
    assert _where(findings) == [("MC101", "claims/shape.yaml", line)]
    assert says in findings[0]["message"]
    _good_still_loads(tmp_path)


def test_formula_of_330_nested_parentheses(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Evaluated without recursion: the value it gives is checked (MC105 at the value's
    line), at 330 levels and at 5,000."""
    claims = 'claims:\n  - id: base\n    statement: base\n    value: "4"\n    formula: "4"\n'
    for n, (depth, value) in enumerate([(330, "8"), (5000, "9")]):
        claims += (
            f'  - id: nested-{n}\n    statement: nested\n    value: "{value}"\n'
            f"    formula: {'(' * depth}base * 2{')' * depth}\n"
        )
    code, findings = _check(tmp_path, {"claims/deep.yaml": claims}, capsys, monkeypatch)
    assert code == 1
    assert _where(findings) == [("MC105", "claims/deep.yaml", 12)]
    assert "gives 8" in findings[0]["message"]


def test_chain_of_200_derived_claims(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each claim derived from the one before, 200 (and 3,000) long; the last one is
    written wrong; a loop at the end of a chain is reported, not recursed into."""
    claims = ["claims:", '  - id: c0\n    statement: s\n    value: "1"']
    for i in range(1, 3000):
        value = "2" if i == 199 else "1"
        claims.append(
            f'  - id: c{i}\n    statement: s\n    value: "{value}"\n    formula: c{i - 1}'
        )
    claims.append('  - id: loop\n    statement: s\n    value: "1"\n    formula: loop + c2999')
    code, findings = _check(
        tmp_path, {"claims/chain.yaml": "\n".join(claims) + "\n"}, capsys, monkeypatch
    )
    assert code == 1
    wrong = 4 * 199 + 3  # the value line of c199 (c<i> starts at line 4i+1)
    assert _where(findings) == [
        ("MC106", "claims/chain.yaml", 2),  # c0 has no source
        ("MC105", "claims/chain.yaml", wrong),
        ("MC105", "claims/chain.yaml", 4 * 3000 + 4),  # the formula line of `loop`
    ]
    assert "defined in terms of itself" in findings[2]["message"]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            'claims:\n  - id: a\n    statement: s\n    value: "1"\nclaims:\n'
            '  - id: b\n    statement: s\n    value: "2"\n',
            5,
            "duplicate key `claims` (first at line 1)",
        ),
        (
            'claims:\n  - id: a\n    statement: s\n    value: "1"\n    value: "2"\n',
            5,
            "duplicate key `value` (first at line 4)",
        ),
    ],
    ids=["top-level", "in-a-claim"],
)
def test_duplicate_keys(tmp_path, capsys, monkeypatch, text, line, says) -> None:  # type: ignore[no-untyped-def]
    code, findings = _check(tmp_path, {"claims/dup.yaml": text}, capsys, monkeypatch)
    assert code == 2
    assert _where(findings) == [("MC101", "claims/dup.yaml", line)]
    assert says in findings[0]["message"]
    _good_still_loads(tmp_path)


def test_non_mapping_entries_are_reported_at_their_line(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = (
        'claims:\n  - id: a\n    statement: s\n    value: "1"\n    formula: "1"\n'
        "  - just a string\n  - 5\n"
    )
    code, findings = _check(tmp_path, {"claims/entries.yaml": text}, capsys, monkeypatch)
    assert code == 2
    assert _where(findings) == [
        ("MC101", "claims/entries.yaml", 6),
        ("MC101", "claims/entries.yaml", 7),
    ]
    assert 'got the text "just a string"' in findings[0]["message"]
    assert "got the number 5" in findings[1]["message"]


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("no", 'YAML 1.1 reads `no` as the boolean false, not as text: write value: "no"'),
        (
            "1.9e+10",
            'reads `1.9e+10` as the number 19000000000.0, not as text: write value: "1.9e+10"',
        ),
        ("2024-12-05", 'reads `2024-12-05` as a date, not as text: write value: "2024-12-05"'),
        ("12:30", 'reads `12:30` as a base-60 number, 750, not as text: write value: "12:30"'),
        ("78", 'got int 78: quote it, e.g. value: "78%"'),  # a number as written: as before
    ],
    ids=["boolean", "exponent", "date", "sexagesimal", "plain-number"],
)
def test_yaml_11_surprises_say_what_yaml_did(tmp_path, capsys, monkeypatch, written, says) -> None:  # type: ignore[no-untyped-def]
    text = f"claims:\n  - id: a\n    statement: s\n    value: {written}\n"
    code, findings = _check(tmp_path, {"claims/v.yaml": text}, capsys, monkeypatch)
    assert code == 2
    assert _where(findings) == [("MC101", "claims/v.yaml", 4)]
    assert says in findings[0]["message"]
    assert "False%" not in findings[0]["message"]


def test_exponent_that_yaml_keeps_as_text(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`1.9e10` (no sign) is a string in YAML 1.1: where a number is expected, say so."""
    text = "sources:\n  - id: s\n    title: t\n    year: 1.9e10\n"
    code, findings = _check(tmp_path, {"sources/s.yaml": text}, capsys, monkeypatch)
    assert code == 2
    assert _where(findings) == [("MC101", "sources/s.yaml", 4)]
    assert "reads `1.9e10` as text, not a number" in findings[0]["message"]
