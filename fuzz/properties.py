"""The properties the fuzz harness holds mesacheck's input surfaces to.

One function per surface; each takes the input as a reader gets it (text or bytes) and
returns normally when the property holds. A violated property raises `PropertyFailure`
with a *signature* (a short name of the kind of failure, so that the long runs can tell a
new bug from one already found); any other exception escaping a surface is itself the
failure. The atheris targets (`fuzz/fuzz_*.py`) and the hypothesis tests
(`tests/test_fuzz_properties.py`) call these same functions.

This module does not import atheris: the suite imports it without the fuzzing engine.
"""

from __future__ import annotations

import marshal
import math
import os
import re
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mesacheck import baseline, cache, figures, formula, grammar, pipeline, registry, segments

BACKENDS = ("markdown-it-py", "markdown-it-pyrs")
REGISTRY_CODES = frozenset({"MC101", "MC104"})  # what loading may report
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class PropertyFailure(AssertionError):
    """A property that does not hold; `signature` names the kind of failure."""

    def __init__(self, signature: str, message: str) -> None:
        super().__init__(f"[{signature}] {message}")
        self.signature = signature


def signature_of(exc: BaseException) -> str:
    """A short name for an unexpected exception: its type and the innermost mesacheck
    function it escaped from (or the innermost frame when none is mesacheck's)."""
    if isinstance(exc, PropertyFailure):
        return exc.signature
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/mesacheck/" in f.filename.replace(os.sep, "/")]
    where = (ours or frames or [None])[-1]
    place = f"{Path(where.filename).stem}.{where.name}" if where is not None else "?"
    return f"{type(exc).__name__}@{place}"


def _shape(chars: Iterable[str]) -> str:
    """The characters of a span difference, letters and digits folded (`<n>` and `<b>`
    are one kind of failure)."""
    out = set()
    for c in chars:
        out.add("a" if c.isalpha() else "0" if c.isdigit() else c)
    return "".join(sorted(out))[:8]


# ---------------------------------------------------------------- markdown front end


def figure_slice(doc: segments.Document, fig: figures.DocFigure) -> str:
    """The source text at the figure's reported position: `line[column-1:end_column-1]`
    of its line (or from its start to its end line and column when it spans lines)."""
    starts, source = doc.line_starts, doc.source
    start = starts[fig.line - 1] + fig.column - 1
    if fig.end_line == fig.line:
        stop = starts[fig.line] - 1 if fig.line < len(starts) else len(source)
        line = source[starts[fig.line - 1] : stop]
        return line[fig.column - 1 : fig.end_column - 1]
    return source[start : starts[fig.end_line - 1] + fig.end_column - 1]


def front_door(source: str | bytes) -> str | None:
    """The text the Markdown front end gets for a file of these bytes (or this text,
    UTF-8 encoded), as a run reads it (`pipeline.read_text`: UTF-8, a BOM dropped,
    newlines normalised, binary files refused); None for a file a run would not parse."""
    raw = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    text, _why = pipeline.read_text("fuzz.md", raw)
    return text


def check_markdown(source: str | bytes, backends: Iterable[str] = BACKENDS) -> None:
    """`segments.parse` then `figures.extract` of a file's text, with each backend: no
    exception, and every figure's text is the exact source at its reported line and
    columns."""
    text = front_door(source)
    if text is not None:
        check_markdown_text(text, backends)


def check_markdown_text(source: str, backends: Iterable[str] = BACKENDS) -> None:
    """As `check_markdown`, on text as the front end gets it (`front_door`)."""
    for backend in backends:
        doc = segments.parse("fuzz.md", source, backend=backend)
        for fig in figures.extract(doc):
            got = figure_slice(doc, fig)
            if got == fig.text and doc.position(fig.offset) == (fig.line, fig.column):
                continue
            if len(got) == len(fig.text):
                shape = _shape(a for a, b in zip(got, fig.text, strict=True) if a != b)
            else:
                shape = "len"
            raise PropertyFailure(
                f"span:{backend}:{shape or 'position'}",
                f"figure {fig.text!r} at {fig.line}:{fig.column}-{fig.end_line}:"
                f"{fig.end_column} but the source there is {got!r} ({backend})",
            )


def check_parsers_agree(data: str | bytes) -> None:
    """The two backends find the same figures at the same places."""
    source = front_door(data)
    if source is None:
        return
    found = {}
    for backend in BACKENDS:
        doc = segments.parse("fuzz.md", source, backend=backend)
        found[backend] = [(f.offset, f.text) for f in figures.extract(doc)]
    py, rs = (found[b] for b in BACKENDS)
    if py != rs:
        only_py = sorted(set(py) - set(rs))
        only_rs = sorted(set(rs) - set(py))
        side = "py" if only_py and not only_rs else "rs" if only_rs and not only_py else "both"
        raise PropertyFailure(
            f"disagree:{side}:{_shape(''.join(t for _, t in only_py + only_rs))}",
            f"markdown-it-py finds {py}, markdown-it-pyrs finds {rs}",
        )


# ---------------------------------------------------------------- grammar

_BASE = 7  # a non-zero base: spans are offsets into the file, not into the text


def check_grammar(text: str) -> None:
    """`grammar.scan`: figures left to right, not overlapping, each span the exact text,
    finite values with as many half-widths, the same with and without anchoring; and
    `grammar.parse_value` gives one figure or its own ValueError_."""
    for dates in (True, False):
        figs = grammar.scan(text, base=_BASE, dates=dates)
        pos = _BASE
        for f in figs:
            if text[f.start - _BASE : f.end - _BASE] != f.text:
                raise PropertyFailure(
                    "grammar-span", f"{f.text!r} at {f.start}-{f.end} in {text!r}"
                )
            if f.start < pos or f.end <= f.start:
                raise PropertyFailure("grammar-order", f"{f.text!r} at {f.start}-{f.end}")
            pos = f.end
            if f.kind not in grammar.KINDS or not f.values:
                raise PropertyFailure("grammar-kind", f"{f!r}")
            if len(f.values) != len(f.halfwidths):
                raise PropertyFailure("grammar-widths", f"{f!r}")
            if not all(math.isfinite(v) for v in (*f.values, *f.halfwidths)):
                raise PropertyFailure("grammar-finite", f"{f!r}")
        if dates and len(text) <= 2000:  # unanchored tries every position: keep it short
            slow = grammar.scan(text, base=_BASE, dates=dates, anchored=False)
            if slow != figs:
                raise PropertyFailure(
                    "grammar-anchor", f"anchored {figs!r} but unanchored {slow!r}"
                )
    try:
        fig = grammar.parse_value(text)
    except grammar.ValueError_:
        return
    if fig.text != text.strip()[fig.start : fig.end]:
        raise PropertyFailure("value-span", f"{fig!r} for {text!r}")


# ---------------------------------------------------------------- registry loader


def check_registry(data: bytes, as_sources: bool = False) -> None:
    """`registry.load` of a folder holding one YAML file with these bytes: problems
    only (MC101, MC104) at a line of the file, never an exception; formulas computed or
    refused; and the registry survives its plain form (what the cache stores)."""
    with tempfile.TemporaryDirectory(prefix="mc-fuzz-") as tmp:
        root = Path(tmp)
        claims, sources = root / "claims", root / "sources"
        claims.mkdir()
        sources.mkdir()
        where = sources if as_sources else claims
        (where / "f.yaml").write_bytes(data)
        reg = registry.load(claims, sources, root)
    # lines as YAML counts them (and an editor shows them): CR, LF, CRLF, NEL, LS, PS
    lines = len(_YAML_BREAK.split(data.decode("utf-8", "replace"))) if data else 1
    for p in reg.problems:
        if p.code not in REGISTRY_CODES:
            raise PropertyFailure(f"registry-code:{p.code}", f"{p.code} {p.message}")
        if p.path != f"{where.name}/f.yaml" or not 1 <= p.line <= lines + 1:
            raise PropertyFailure("registry-line", f"{p.path}:{p.line} {p.message}")
        if not p.message:
            raise PropertyFailure("registry-message", f"{p!r}")
    for lc in reg.claims.values():
        if lc.computed is not None and not isinstance(lc.computed, float):
            raise PropertyFailure("registry-computed", f"{lc.claim.id}: {lc.computed!r}")
        if lc.claim.formula and (lc.computed is None) == (lc.formula_error is None):
            raise PropertyFailure(
                "registry-formula", f"{lc.claim.id}: {lc.computed!r} / {lc.formula_error!r}"
            )
    plain = reg.to_plain()
    again = registry.Registry.from_plain(plain).to_plain()
    if marshal.dumps(again) != marshal.dumps(plain):
        raise PropertyFailure("registry-plain", "from_plain(to_plain()) differs")


# ---------------------------------------------------------------- formula


def _value(cid: str) -> float:
    """A value for any claim id, deterministic, zero and non-finite ones included."""
    table = (0.0, 1.0, -2.5, 1e308, float("inf"), float("nan"), 3.0, 1e-320)
    return table[sum(cid.encode()) % len(table)]


def check_formula(text: str) -> None:
    """`formula.references`/`evaluate`/`steps`: a float or FormulaError, nothing else; the
    claims asked for are the references, in order."""
    try:
        refs = formula.references(text)
    except formula.FormulaError:
        refs = None
    asked: list[str] = []

    def value_of(cid: str) -> float:
        asked.append(cid)
        return _value(cid)

    try:
        got = formula.evaluate(text, value_of)
    except formula.FormulaError:
        got = None
    if refs is None:
        if got is not None or asked:
            raise PropertyFailure("formula-tokens", f"{text!r} does not tokenize but gave {got}")
        return
    if asked != refs[: len(asked)]:
        raise PropertyFailure("formula-order", f"asked {asked} of references {refs}")
    if got is not None:
        if not isinstance(got, float):
            raise PropertyFailure("formula-type", f"{text!r} gave {got!r}")
        if asked != refs:
            raise PropertyFailure("formula-refs", f"asked {asked}, references {refs}")


# ---------------------------------------------------------------- baseline reader


def check_baseline(data: bytes) -> None:
    """`baseline.load` of a file with these bytes: a Counter of non-empty fingerprints
    with positive counts, or BaselineError; nothing else."""
    with tempfile.TemporaryDirectory(prefix="mc-fuzz-") as tmp:
        path = Path(tmp) / "baseline.json"
        path.write_bytes(data)
        try:
            got = baseline.load(path)
        except baseline.BaselineError as e:
            if str(path) not in str(e):
                raise PropertyFailure("baseline-message", str(e)) from None
            return
    if not isinstance(got, Counter):
        raise PropertyFailure("baseline-type", repr(got))
    for k, n in got.items():
        if not isinstance(k, str) or not k or n < 1:
            raise PropertyFailure("baseline-entry", f"{k!r}: {n!r}")


# ---------------------------------------------------------------- cache reader

CACHE_VALUE: Any = {
    "files": ["docs/a.md", "claims/x.yaml"],
    "counts": (1, 2.5, None, True, b"\x00\xff"),
    "nested": [[{"k": frozenset({1, 2})}]],
}


def _fresh_cache(tmp: Path) -> cache.Cache:
    os.environ["XDG_CACHE_HOME"] = str(tmp / "xdg")  # this run's own key, never the user's
    return cache.Cache(tmp / "cache")


def check_cache_mutation(mode: int, at: int, patch: bytes) -> None:
    """An entry written by `Cache.put`, then changed on disk (`mode`: overwrite bytes at
    `at`, insert, truncate, replace all, append): `get` answers the value written (only
    when the bytes are unchanged) or None; nothing else."""
    with tempfile.TemporaryDirectory(prefix="mc-fuzz-") as tmp:
        c = _fresh_cache(Path(tmp))
        key = c.key("fuzz", "entry")
        c.put("fuzz", key, CACHE_VALUE)
        path = Path(tmp) / "cache" / "fuzz" / key[:2] / key
        data = path.read_bytes()
        at = at % (len(data) + 1)
        mode %= 5
        if mode == 0:
            new = data[:at] + patch + data[at + len(patch) :]
        elif mode == 1:
            new = data[:at] + patch + data[at:]
        elif mode == 2:
            new = data[:at]
        elif mode == 3:
            new = patch
        else:
            new = data + patch
        path.write_bytes(new)
        got = c.get("fuzz", key)
        if got is None:
            return
        if new != data or got != CACHE_VALUE:
            raise PropertyFailure("cache-mutated", f"mode {mode}: a changed entry gave {got!r}")


def check_cache_payload(payload: bytes) -> None:
    """An entry whose MAC is right but whose payload is arbitrary (a leaked key, or a bug
    in `put`): `get` gives a value or None, never an exception."""
    with tempfile.TemporaryDirectory(prefix="mc-fuzz-") as tmp:
        c = _fresh_cache(Path(tmp))
        key = c.key("fuzz", "entry")
        c.put("fuzz", key, None)
        path = Path(tmp) / "cache" / "fuzz" / key[:2] / key
        path.write_bytes(cache._MAGIC + c._mac("fuzz", key, payload) + payload)
        c.get("fuzz", key)
