"""The cache holds data, never code; no entry it did not write is trusted; a change of
mesacheck's own code, or of anything else that decides a result, is never answered from
an older entry; and nothing a repository commits into the cache folder can run, hide a
finding or end a run."""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mesacheck.cache import Cache
from mesacheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "mesa-optimization.md"


@pytest.fixture(autouse=True)
def _own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test has its own per-user key (outside the repositories it makes)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))


SHORT = """# Funding

AI safety research received \\$100M vs \\$152B industry investment (2,500× disparity).
Alignment faking appeared in 12% of monitored cases, and 3 of 5 labs agree.
"""


def _repo(where: Path, short: bool = False) -> Path:
    """A writing repository: the shipped registry and the example article (or, where a
    test runs many checks, a short article with the same kinds of findings)."""
    work = where / "repo"
    shutil.copytree(ROOT / "claims", work / "claims")
    shutil.copytree(ROOT / "sources", work / "sources")
    (work / "docs").mkdir()
    if short:
        (work / "docs" / "article.md").write_text(SHORT, encoding="utf-8")
    else:
        shutil.copy(EXAMPLE, work / "docs" / "article.md")
    return work


def _check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def _entries(cache: Path) -> list[Path]:
    return [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"]


def test_an_entry_round_trips_plain_data_and_nothing_else(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    value = (1, 2.5, "x", b"y", [None, True], {"k": frozenset({"a"})})
    key = cache.key("test", "a")
    cache.put("test", key, value)
    assert cache.get("test", key) == value
    assert cache.get("other", key) is None  # an entry answers in its namespace only
    cache.put("test", key, object())  # not plain data: nothing stored, nothing raised
    assert cache.get("test", key) == value


def test_keys_hold_the_code_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    from mesacheck import cache as module

    before = Cache(None).key("file", "same input")
    monkeypatch.setattr(module, "_code_digest", "another program")
    assert Cache(None).key("file", "same input") != before


def test_a_changed_rule_is_never_answered_from_the_cache(
    tmp_path: Path,
) -> None:
    """A copy of the package whose MC001 message changes: the next cached run says the
    new message, not the old one (the code is part of every key)."""
    pkg = tmp_path / "pkg"
    shutil.copytree(ROOT / "src" / "mesacheck", pkg / "mesacheck")
    work = _repo(tmp_path, short=True)
    env = {**os.environ, "PYTHONPATH": str(pkg), "XDG_CACHE_HOME": str(tmp_path / "uc")}
    cmd = [sys.executable, "-m", "mesacheck", "check", "--format", "json", "docs"]

    def run() -> dict:
        out = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, check=False)
        assert out.returncode == 1, out.stderr
        return json.loads(out.stdout)

    first = run()
    assert any("has no sourced claim" in f["message"] for f in first["findings"])
    rule = pkg / "mesacheck" / "rules" / "mc001_unsourced_figure.py"
    text = rule.read_text(encoding="utf-8")
    assert "has no sourced claim" in text
    rule.write_text(text.replace("has no sourced claim", "is not backed by a claim"), "utf-8")
    second = run()
    messages = [f["message"] for f in second["findings"] if f["code"] == "MC001"]
    assert messages and all("is not backed by a claim" in m for m in messages)


def test_a_truncated_or_corrupt_entry_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = _repo(tmp_path)
    monkeypatch.chdir(work)
    code, cold = _check_json(capsys, "docs")
    entries = _entries(work / ".mesacheck_cache")
    assert len(entries) >= 2  # the file's result and the run's
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        flipped = data[:-1] + bytes([data[-1] ^ 0xFF])  # always another byte
        entry.write_bytes(data[: len(data) // 2] if i % 2 else flipped)
    assert _check_json(capsys, "docs") == (code, cold)
    # and rebuilt: every entry reads back again
    cache = Cache(work / ".mesacheck_cache")
    for entry in _entries(work / ".mesacheck_cache"):
        namespace = entry.parent.parent.name
        assert cache.get(namespace, entry.name) is not None, entry


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


class _Boom:
    """What a hostile entry would run when unpickled."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_cache_committed_to_a_repository_runs_nothing_and_hides_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    work = _repo(tmp_path)
    monkeypatch.chdir(work)
    _code, honest = _check_json(capsys, "--no-cache", "docs")
    # the attacker's own run fills the cache with entries of the right names ...
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    _check_json(capsys, "docs")
    marker = tmp_path / "pwned"
    rng = random.Random(7)
    cache = work / ".mesacheck_cache"
    payloads = [
        b"MC\x01" + b"\0" * 32 + pickle.dumps(_Boom(str(marker))),  # code, if unpickled
        pickle.dumps(_Boom(str(marker))),
        b"MC\x01" + bytes(32) + __import__("marshal").dumps(([], ((0, 0, 0, 0, 0), [], []))),
        bytes(rng.randrange(256) for _ in range(200)),  # random bytes
        b"",
    ]
    for i, entry in enumerate(_entries(cache)):
        entry.write_bytes(payloads[i % len(payloads)])
    for ns in ("file", "run"):  # and more entries of every kind under made-up keys
        for j, payload in enumerate(payloads):
            place = cache / ns / "ab" / f"ab{j:038d}"
            place.parent.mkdir(parents=True, exist_ok=True)
            place.write_bytes(payload)
    (cache / ".gitignore").unlink()
    _git(work, "init", "-q")
    _git(work, "add", "-f", ".")
    _git(work, "commit", "-qm", "a repository with a cache in it")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(work), str(clone)], check=True)
    assert (clone / ".mesacheck_cache" / "run").is_dir()
    # ... and the victim, with a key of their own, checks the clone
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "victim"))
    monkeypatch.chdir(clone)
    code, got = _check_json(capsys, "docs")
    assert not marker.exists()
    assert code == 1
    assert got["findings"] == honest["findings"]
    assert got["summary"] == honest["summary"]


def test_mutated_entries_never_escape_as_an_exception(tmp_path: Path) -> None:
    """Thousands of mutations of real entries (flipped bytes, truncations, insertions,
    foreign MACs): every read is a value this user stored or a miss."""
    from mesacheck.config import Config
    from mesacheck.engine import Session

    work = _repo(tmp_path, short=True)
    cfg = Config(root=work, claims=work / "claims", sources=work / "sources")
    os.chdir(work)
    try:
        Session(cfg, cache_dir=work / ".c").check([Path("docs/article.md")])
    finally:
        os.chdir(ROOT)
    cache = Cache(work / ".c")
    entries = _entries(work / ".c")
    originals = {e: e.read_bytes() for e in entries}
    rng = random.Random(2024)
    cases = 0
    for entry, data in originals.items():
        ns = entry.parent.parent.name
        expected = cache.get(ns, entry.name)
        assert expected is not None
        for _ in range(1600):
            mutated = bytearray(data)
            how = rng.randrange(4)
            if how == 0 and mutated:
                for _ in range(rng.randint(1, 8)):
                    mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            elif how == 1:
                del mutated[rng.randrange(len(mutated) + 1) :]
            elif how == 2:
                at = rng.randrange(len(mutated) + 1)
                mutated[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
            else:
                mutated[3:35] = bytes(rng.randrange(256) for _ in range(32))
            entry.write_bytes(bytes(mutated))
            got = cache.get(ns, entry.name)
            assert got is None or (bytes(mutated) == data and got == expected)
            cases += 1
        entry.write_bytes(data)
    assert cases >= 3000


def test_the_cache_never_follows_a_link_out_of_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = _repo(tmp_path, short=True)
    outside = tmp_path / "outside"
    (outside / "ab").mkdir(parents=True)
    keep = outside / "ab" / "precious"
    keep.write_text("mine\n", encoding="utf-8")
    cache = work / ".mesacheck_cache"
    cache.mkdir()
    (cache / "run").symlink_to(outside, target_is_directory=True)
    (cache / "file").symlink_to(outside, target_is_directory=True)
    monkeypatch.chdir(work)
    for _ in range(10):  # enough runs to prune, were pruning to follow the link
        (work / "docs" / "article.md").write_text(SHORT + f"\nAnother {_ + 1}% here.\n", "utf-8")
        code, _got = _check_json(capsys, "docs")
        assert code == 1
    assert sorted(p.name for p in outside.rglob("*")) == ["ab", "precious"]
    assert keep.read_text(encoding="utf-8") == "mine\n"
    # a cache folder that is itself a link is not used at all
    linked = tmp_path / "linked"
    linked.symlink_to(outside, target_is_directory=True)
    assert not Cache(linked).enabled


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--no-cache", "docs"],
        ["registry", "check", "--no-cache"],
        ["baseline", "write", "--no-cache", "b.json", "docs"],
        ["harvest", "--no-cache", "docs"],
    ],
)
def test_every_command_accepts_no_cache_and_then_writes_none(
    argv: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = _repo(tmp_path, short=True)
    monkeypatch.chdir(work)
    assert main(argv) in (0, 1)
    capsys.readouterr()
    assert not (work / ".mesacheck_cache").exists()


def test_the_resolver_index_and_claims_round_trip_through_the_cache(registry) -> None:  # type: ignore[no-untyped-def]
    """A warm session rebuilds the index and the registry from plain data (claims lazily):
    the same claims, phrases and postings, and the same resolution for every figure."""
    import marshal

    from mesacheck.config import Config
    from mesacheck.engine import resolve_files
    from mesacheck.registry import Registry
    from mesacheck.resolve import Index, Resolver

    reg = Registry.from_plain(marshal.loads(marshal.dumps(registry.to_plain())))
    assert sorted(reg.claims) == sorted(registry.claims) and len(reg.claims) == len(registry.claims)
    built = Index(registry)
    again = Index.from_plain(marshal.loads(marshal.dumps(built.plain())), reg)
    assert (again.claims, again.phrases, again.ids, again.rare) == (
        built.claims,
        built.phrases,
        built.ids,
        built.rare,
    )
    assert dict(again.owners) == dict(built.owners) and dict(again.by_rare) == dict(built.by_rare)
    cfg = Config(root=ROOT, claims=ROOT / "claims", sources=ROOT / "sources")
    figs = [r.figure for r in resolve_files([EXAMPLE], cfg, registry)]
    fresh, cached = Resolver(registry, built), Resolver(reg, again)
    got = [cached.resolve(f) for f in figs]
    want = [fresh.resolve(f) for f in figs]
    assert [(r.claim.claim if r.claim else None, r.how) for r in got] == [
        (r.claim.claim if r.claim else None, r.how) for r in want
    ]
    assert sum(1 for r in got if r.claim is not None) > 40
