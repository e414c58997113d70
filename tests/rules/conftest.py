"""What the per-rule tests share: running `mesacheck check` and `mesacheck registry check`
on text written as a user would write it, and a small real registry to edit."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from mesacheck.cli import main
from mesacheck.registry import Registry, load

ROOT = Path(__file__).resolve().parents[2]

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

Check = Callable[..., list[dict]]
RegistryCheck = Callable[[str], tuple[int, list[dict], str]]


@pytest.fixture()
def check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Check:
    """`check(code, {"a.md": text}, claims=None, sources=None)`: the findings of `code`
    (JSON) when the files are checked; the registry is the shipped one unless claims or
    sources YAML is given (then it is written to claims/ or sources/ of the folder)."""

    def run(
        code: str,
        files: dict[str, str],
        claims: str | None = None,
        sources: str | None = None,
    ) -> list[dict]:
        for name, text in files.items():
            (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
        where = []
        for part, text in (("claims", claims), ("sources", sources)):
            folder = ROOT / part
            if text is not None:
                folder = tmp_path / part
                folder.mkdir(exist_ok=True)
                (folder / f"{part}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
            where += [f"--{part}", str(folder)]
        monkeypatch.chdir(tmp_path)
        argv = ["check", "--no-cache", "--format", "json", "--select", code, *where]
        main([*argv, *files])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return [f for f in json.loads(out)["findings"] if f["code"] == code]

    return run


@pytest.fixture()
def registry_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> RegistryCheck:
    """`registry_check(claims_yaml)`: exit code, findings and stderr of
    `mesacheck registry check` on claims/af.yaml with SOURCE in sources/."""

    def run(claims: str) -> tuple[int, list[dict], str]:
        (tmp_path / "claims").mkdir(exist_ok=True)
        (tmp_path / "sources").mkdir(exist_ok=True)
        (tmp_path / "sources" / "papers.yaml").write_text(SOURCE, encoding="utf-8")
        (tmp_path / "claims" / "af.yaml").write_text(textwrap.dedent(claims), encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        code = main(["registry", "check", "--format", "json"])
        out, err = capsys.readouterr()
        return code, json.loads(out)["findings"], err

    return run


@pytest.fixture(scope="session")
def empty_registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    empty = tmp_path_factory.mktemp("empty")
    return load(empty / "claims", empty / "sources", empty)


@pytest.fixture()
def good_claim() -> str:
    """A claims file that `registry check` passes: one sourced claim, its quote quoted."""
    return GOOD_CLAIM


@pytest.fixture()
def one_registry_finding(registry_check: RegistryCheck) -> Callable[..., dict]:
    """`one_registry_finding(claims, code, line, exit_code, says)`: `registry check` on
    claims/af.yaml reports exactly one finding, of `code` at `line`, whose message says
    `says`, with that exit code and no traceback; the finding (JSON)."""

    def run(claims: str, code: str, line: int, exit_code: int, says: str) -> dict:
        got, findings, err = registry_check(claims)
        assert "Traceback" not in err
        assert [(f["code"], f["path"], f["line"]) for f in findings] == [
            (code, "claims/af.yaml", line)
        ]
        assert says in findings[0]["message"]
        assert got == exit_code
        return findings[0]

    return run
