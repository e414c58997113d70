"""Shared test fixtures: the project root, the shipped example, and ../shared/fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "fixtures"
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "mesa-optimization.md").is_file():
        pytest.skip(f"needs ../shared/fixtures beside the repository (looked in {SHARED})")
    return SHARED


@pytest.fixture(scope="session")
def labels(shared: Path) -> dict:
    return json.loads((shared / "mesa-optimization.figures.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def registry():  # type: ignore[no-untyped-def]
    from mesacheck.registry import load

    return load(ROOT / "claims", ROOT / "sources", ROOT)


@pytest.fixture()
def cfg(tmp_path: Path):  # type: ignore[no-untyped-def]
    from mesacheck.config import Config

    return Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
