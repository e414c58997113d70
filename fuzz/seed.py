"""Build the seed corpora in `fuzz/corpus/<target>/` from real material.

    python fuzz/seed.py [--shared ../shared]

Seeds are what a user's files hold: paragraphs of the shipped example and of the labelled
fixture article, a few Rust blog posts (tables, versions, dates), lines with figures,
the shipped `claims/` and `sources/` files and the fixture's sources file, the formulas
of the shipped claims, a baseline written by mesacheck over the example, and cache
entries of real values. Each seed is named by its digest, so rebuilding adds nothing
twice. The inputs the issue lists are not seeds: the harness must find its bugs itself.
"""

from __future__ import annotations

import argparse
import hashlib
import marshal
import re
import sys
from collections.abc import Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RUST_POSTS = (  # tables, version numbers, dates, percentages, money
    "Rust-1.88.0.md",
    "Rust-1.90.0.md",
    "Rust-Survey-2023-Results/index.md",
    "2025-state-of-rust-survey-results/index.md",
    "Scheduling-2021-Roadmap.md",
    "Final-1.0-timeline.md",
    "Fearless-Concurrency.md",
)
CHUNK = 2048


def _paragraph_chunks(text: str, size: int = CHUNK) -> list[str]:
    """The text in runs of whole paragraphs of about `size` characters."""
    out, cur = [], ""
    for para in re.split(r"(?<=\n)\n", text):
        if cur and len(cur) + len(para) > size:
            out.append(cur)
            cur = ""
        cur += para + "\n"
    if cur.strip():
        out.append(cur)
    return out


def _write(target: str, seeds: Iterable[bytes], limit: int) -> int:
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for s in seeds:
        if not s or n >= limit:
            continue
        (folder / hashlib.sha1(s).hexdigest()[:16]).write_bytes(s)
        n += 1
    return n


def _articles(shared: Path) -> list[str]:
    texts = [(ROOT / "examples" / "mesa-optimization.md").read_text(encoding="utf-8")]
    fixture = shared / "fixtures" / "mesa-optimization.md"
    if fixture.is_file():
        texts.append(fixture.read_text(encoding="utf-8"))
    return texts


def _rust_posts(shared: Path) -> list[str]:
    folder = shared / "corpora" / "rust-blog" / "content"
    return [
        (folder / name).read_text(encoding="utf-8")
        for name in RUST_POSTS
        if (folder / name).is_file()
    ]


def _registry_files(shared: Path) -> list[bytes]:
    files = sorted((ROOT / "claims").glob("*.yaml")) + sorted((ROOT / "sources").glob("*.yaml"))
    out = [p.read_bytes() for p in files]
    extra = shared / "fixtures" / "mesa-optimization.sources.yaml"
    if extra.is_file():
        out.extend(c.encode() for c in _paragraph_chunks(extra.read_text(encoding="utf-8"), 6000))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))

    articles = _articles(args.shared)
    posts = _rust_posts(args.shared)
    chunks = [c for t in articles for c in _paragraph_chunks(t)]
    post_chunks = [c for t in posts for c in _paragraph_chunks(t)[:4]]
    counts = {}
    counts["markdown"] = _write("markdown", (c.encode() for c in chunks + post_chunks), 80)
    counts["parsers"] = _write("parsers", (c.encode() for c in chunks + post_chunks), 80)

    lines = [ln for t in articles + posts for ln in t.splitlines() if re.search(r"\d", ln)]
    values = re.findall(
        r'value: "([^"]*)"', "\n".join(p.decode() for p in _registry_files(args.shared))
    )
    counts["grammar"] = _write("grammar", (s.encode() for s in lines[::3] + values), 150)

    registry = _registry_files(args.shared)
    counts["registry"] = _write("registry", registry, 60)

    formulas = re.findall(r'formula: "([^"]*)"', "\n".join(p.decode() for p in registry))
    ids = re.findall(
        r"- id: ([a-z0-9.\-]+)", (ROOT / "claims" / "alignment-faking.yaml").read_text()
    )
    formulas += [
        f"{ids[0]} / {ids[1]}",
        f"({ids[0]} - {ids[1]}) / {ids[1]} * 100",
        f"-{ids[2]} + 2.5 × ({ids[0]} ÷ 4)",
        "12 * (3 + 4) / 0.5",
    ]
    counts["formula"] = _write("formula", (f.encode() for f in formulas), 30)

    counts["baseline"] = _write("baseline", _baselines(), 10)
    counts["cache"] = _write("cache", _cache_seeds(), 20)
    for name, n in counts.items():
        print(f"{name}: {n} seeds in fuzz/corpus/{name}/")
    return 0


def _baselines() -> list[bytes]:
    """The baseline mesacheck writes for the shipped example, whole and cut short."""
    import contextlib
    import io
    import os
    import tempfile

    from mesacheck.cli import main as cli

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "baseline.json"
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            with (
                contextlib.redirect_stdout(io.StringIO()),
                contextlib.redirect_stderr(io.StringIO()),
            ):
                cli(["baseline", "write", "--no-cache", str(out), "examples/mesa-optimization.md"])
        finally:
            os.chdir(cwd)
        data = out.read_bytes()
    entries = data.split(b"    {")
    small = b"    {".join(entries[:3]).rstrip(b", \n") + b"\n  ]\n}\n"
    return [data[:8192], small, b'{"version": 1, "findings": []}\n']


def _cache_seeds() -> list[bytes]:
    """Cache target inputs: changes of a real entry, and entries replaced by real values
    written without a MAC (mode 3: replace the whole entry)."""
    from mesacheck import registry

    reg = registry.load(ROOT / "claims", ROOT / "sources", ROOT).to_plain()
    first = {**reg, "claims": reg["claims"][:2], "sources": reg["sources"][:2], "problems": []}
    payloads = [marshal.dumps(first, 4), marshal.dumps(reg["claims"][0], 4), marshal.dumps(None, 4)]
    seeds = [bytes([3, 0, 0]) + p for p in payloads]
    for mode in range(5):
        seeds.append(bytes([mode, 0, 40 + mode]) + b"\x00\xff" * (mode + 1))
    return seeds


if __name__ == "__main__":
    raise SystemExit(main())
