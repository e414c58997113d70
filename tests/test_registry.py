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


def test_cached_registry_reads_back_the_same_and_sees_every_edit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The cache hands back an equal registry (claims unpickled as used), and an edit —
    even one that keeps the file's size — is seen on the next load."""
    import os

    from mesacheck.engine import _prepare
    from mesacheck.registry import load

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "papers.yaml").write_text(SOURCE, encoding="utf-8")
    claims = tmp_path / "claims" / "af.yaml"
    claims.write_text(GOOD_CLAIM, encoding="utf-8")
    cache = tmp_path / "cache"

    def loaded():  # type: ignore[no-untyped-def]
        return load(tmp_path / "claims", tmp_path / "sources", tmp_path, cache, _prepare)

    fresh = loaded()
    again = loaded()
    assert fresh.digest == again.digest and type(again.claims).__name__ == "Packed"
    assert dict(again.claims) == dict(fresh.claims)
    assert dict(again.sources) == dict(fresh.sources)
    assert again.prepared["findings"] == fresh.prepared["findings"] == []
    st = claims.stat()
    claims.write_text(GOOD_CLAIM.replace('"78%"', '"79%"'), encoding="utf-8")  # same size
    os.utime(claims, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    edited = loaded()
    assert edited.digest != fresh.digest
    assert edited.claims["alignment-faking.after-rl-rate"].claim.value == "79%"
    assert [f.code for f in edited.prepared["findings"]] == ["MC103"]  # quote says 78%
