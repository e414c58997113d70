"""The registry: the shipped one is clean; bad input gives one finding with file and line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.context import CheckContext
from mesacheck.rules import REGISTRY_RULES

SOURCE = """\
sources:
  - id: greenblatt-2024-alignment-faking
    title: Alignment faking in large language models
    authors: [Ryan Greenblatt, Evan Hubinger]
    year: 2024
    url: https://arxiv.org/abs/2412.14093
    excerpts:
      - quote: "increases the rate of alignment-faking reasoning to 78%"
        locator: abstract
"""

GOOD_CLAIM = """\
claims:
  - id: alignment-faking.after-rl-rate
    statement: Rate of alignment-faking reasoning after RL training to comply
    value: "78%"
    subject: [alignment faking, retrained]
    sources:
      - source: greenblatt-2024-alignment-faking
        quote: "increases the rate of alignment-faking reasoning to 78%"
"""


def registry_check(
    tmp_path: Path, claims: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, list[dict], str]:
    (tmp_path / "claims").mkdir(exist_ok=True)
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "papers.yaml").write_text(SOURCE, encoding="utf-8")
    (tmp_path / "claims" / "af.yaml").write_text(textwrap.dedent(claims), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["registry", "check", "--format", "json"])
    out, err = capsys.readouterr()
    return code, json.loads(out)["findings"], err


def test_shipped_registry_is_clean(registry) -> None:  # type: ignore[no-untyped-def]
    ctx = CheckContext(registry)
    problems = [f for rule in REGISTRY_RULES for f in rule.check(ctx)]
    assert problems == []
    assert len(registry.claims) >= 15 and len(registry.sources) >= 15
    assert not registry.load_failed


def test_good_registry(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, findings, _err = registry_check(tmp_path, GOOD_CLAIM, capsys, monkeypatch)
    assert (code, findings) == (0, [])


def test_a_broken_file_does_not_stop_the_others(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "zz-broken.yaml").write_text("claims: [\n", encoding="utf-8")
    (tmp_path / "claims" / "bin.yml").write_bytes(b"\xff\xfe\x00bad")
    code, findings, _err = registry_check(tmp_path, GOOD_CLAIM, capsys, monkeypatch)
    assert code == 2
    assert sorted(f["path"] for f in findings) == ["claims/bin.yml", "claims/zz-broken.yaml"]
    from mesacheck.registry import load

    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert "alignment-faking.after-rl-rate" in reg.claims


def test_yaml_11_dates_and_numbers_are_handled(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    claims = GOOD_CLAIM.replace('value: "78%"', 'value: "78%"\n    as_of: 2024-12-05')
    code, findings, _err = registry_check(tmp_path, claims, capsys, monkeypatch)
    assert (code, findings) == (0, [])


def test_plain_data_rebuilds_an_equal_registry(registry, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What a cache stores: marshal of `to_plain()` gives back an equal registry, on the
    shipped one and on one with every kind of problem (findings and failed formulas)."""
    import marshal

    from mesacheck.registry import Registry, load

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "papers.yaml").write_text(SOURCE, encoding="utf-8")
    broken = GOOD_CLAIM.replace('"78%"', '"79%"') + (
        "  - id: derived.rate\n"
        "    statement: Half of it\n"
        '    value: "39%"\n'
        "    formula: alignment-faking.after-rl-rate / 2\n"
        "  - id: derived.loop\n"
        "    statement: Itself\n"
        '    value: "1"\n'
        "    formula: derived.loop * 2\n"
        "  - 5\n"
    )
    (tmp_path / "claims" / "af.yaml").write_text(broken, encoding="utf-8")
    mixed = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert mixed.problems and mixed.load_failed
    assert mixed.claims["derived.rate"].computed == 39.5
    assert mixed.claims["derived.loop"].formula_error
    for reg in (registry, mixed):
        plain = marshal.loads(marshal.dumps(reg.to_plain()))
        again = Registry.from_plain(plain)
        assert again == reg
        assert again.sourced("alignment-faking.after-rl-rate") == reg.sourced(
            "alignment-faking.after-rl-rate"
        )
    with pytest.raises(ValueError):
        Registry.from_plain({"format": 1, "claims": [[1, 2]]})


def test_from_plain_imports_neither_yaml_nor_pydantic(registry) -> None:  # type: ignore[no-untyped-def]
    """A warm run gets its registry from plain data: loading it must stay cheap."""
    import marshal
    import subprocess
    import sys

    data = marshal.dumps(registry.to_plain())
    code = (
        "import marshal, sys\n"
        "from mesacheck.registry import Registry\n"
        "reg = Registry.from_plain(marshal.loads(sys.stdin.buffer.read()))\n"
        "print(len(reg.claims), sorted(m for m in ('yaml', 'pydantic') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert out.split() == [str(len(registry.claims)), "[]"]


def test_digest_sees_every_edit_without_parsing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`digest` is `load(...).digest`, and changes with any byte, even one that keeps
    the file's size and its modification time."""
    import os

    from mesacheck.registry import digest, load

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "papers.yaml").write_text(SOURCE, encoding="utf-8")
    claims = tmp_path / "claims" / "af.yaml"
    claims.write_text(GOOD_CLAIM, encoding="utf-8")
    folders = (tmp_path / "claims", tmp_path / "sources", tmp_path)
    first = digest(*folders)
    assert first == load(*folders).digest == digest(*folders)
    st = claims.stat()
    claims.write_text(GOOD_CLAIM.replace('"78%"', '"79%"'), encoding="utf-8")  # same size
    os.utime(claims, ns=(st.st_atime_ns, st.st_mtime_ns))
    edited = load(*folders)
    assert edited.digest == digest(*folders) != first
    assert edited.claims["alignment-faking.after-rl-rate"].claim.value == "79%"
    (tmp_path / "claims" / "more.yml").write_text("claims:\n", encoding="utf-8")
    assert digest(*folders) != edited.digest
