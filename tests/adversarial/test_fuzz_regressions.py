"""What the fuzz harness found (issue 11, item 9): one test per crash, hang or span
error, with the input as the fuzzer minimized it. The list, how each was found and what
became of it is in fuzz/README.md ("Findings").

A finding in a module other helpers are rewriting (segments.py, pyrs_tokens.py,
figures.py) was a strict xfail until the front-end rework fixed it; what is still open is
a strict xfail that fails the suite the day its fix lands, so that the marker (and its
entry in tests/test_fuzz_properties.py's KNOWN_OPEN) goes with it.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path

import pytest

from mesacheck import cache, figures, grammar, pipeline, segments
from mesacheck.cli import main
from mesacheck.registry import load

ROOT = Path(__file__).resolve().parents[2]

BACKENDS = ("markdown-it-py", "markdown-it-pyrs")


def _figures(source: str, backend: str) -> list[tuple[int, int, int, str]]:
    doc = segments.parse("f.md", source, backend=backend)
    return [(f.line, f.column, f.end_column, f.text) for f in figures.extract(doc)]


# ---------------------------------------------------------------- grammar


@pytest.mark.parametrize(
    "text",
    [
        "(2022024-2025) |",  # as minimized from a table row of the Rust 2023 survey post
        "2022024-2025",
        "x 2022024-2025 y",
        "therefrom 5 to 6 percent",
        "_2024-2025",
    ],
)
def test_unanchored_reference_scan_agrees_with_the_anchored_scan(text: str) -> None:
    """grammar-anchor: `scan(text, anchored=False)` ran `finditer`, whose match inside
    the number ("2024-2025" from the middle of "2022024") was rejected by `scan` yet
    swallowed the "2025" that the anchored scan (the one a run uses) finds. The reference
    now skips the positions the anchor leaves out instead of consuming them."""
    assert grammar.scan(text, anchored=False) == grammar.scan(text)


def test_the_anchored_scan_is_unchanged_on_the_minimized_input() -> None:
    """The fix is in the reference only: what a run finds in the fuzzer's input stays."""
    assert [(f.text, f.kind) for f in grammar.scan("(2022024-2025) |")] == [("2025", "date")]


# ---------------------------------------------------------------- Markdown front end


def test_a_lone_carriage_return_in_a_table_reaches_the_parser_as_a_newline() -> None:
    """IndexError@segments.parse: markdown-it-py counts a lone CR as a line break, the
    segment line table does not, so `segments.parse('| a |\\n|-|\\r| 1 |')` indexes past
    its lines. A run never hands the parser a CR (pipeline.read_text normalises
    newlines, as harvest does): through that front door the table parses, with both
    backends, and the figure sits at its place in the file as a user sees it."""
    raw = b"| Rate | Year |\n|-|-|\r| 12% | 2024 |\n"
    text, why = pipeline.read_text("t.md", raw)
    assert why is None and text is not None
    for backend in BACKENDS:
        assert _figures(text, backend) == [(3, 3, 6, "12%"), (3, 9, 13, "2024")]


def test_a_lone_carriage_return_is_not_a_crash_in_a_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "t.md").write_bytes(b"| Rate |\n|-|\r| 12% |\n")
    for backend in BACKENDS:
        monkeypatch.setenv("MESACHECK_PARSER", backend)
        segments.default_backend.cache_clear()
        code = main(["check", "--no-cache", "t.md"])
        out = capsys.readouterr()
        assert "Traceback" not in out.err
        assert code == 1 and "t.md:3:3" in out.out, out.out  # MC001: an unsourced figure
    segments.default_backend.cache_clear()


def test_rust_parser_panic_on_bracket_backtick() -> None:
    """PanicException@pyrs_tokens.tokens, minimized by the markdown target."""
    assert _figures("[`\n", "markdown-it-pyrs") == _figures("[`\n", "markdown-it-py")


@pytest.mark.parametrize("backend", BACKENDS)
def test_emphasis_inside_a_range_is_part_of_its_span(backend: str) -> None:
    """span:<backend>:* — minimized from a Rust blog post's front matter by the markdown
    target: `*2024*-20` is reported as the figure '2024 -20' at 1:2-1:10, where the source
    says '2024*-20'. A figure's text must be the source (or the figure split)."""
    source = "*2024*-20\n"
    for line, column, end_column, text in _figures(source, backend):
        assert source.split("\n")[line - 1][column - 1 : end_column - 1] == text


def test_emphasis_over_a_lazy_list_continuation_with_the_rust_parser() -> None:
    """OverflowError@pyrs_tokens._inline_tok, minimized by the markdown target from a
    Rust blog post's list. markdown-it-py reads the same text without complaint."""
    source = "* **12%\n  d\n g**\n"
    assert _figures(source, "markdown-it-py") == [(1, 5, 8, "12%")]
    assert _figures(source, "markdown-it-pyrs") == [(1, 5, 8, "12%")]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("source", ["3 http://.-+ January 2024\n", "3 www.x.org January 2024\n"])
def test_a_figure_is_not_read_across_a_masked_url(backend: str, source: str) -> None:
    """span:<backend>:+-./:a, minimized by the markdown target: the figure
    '3            January 2024' at 1:1-1:26, where the source says
    '3 http://.-+ January 2024'."""
    for line, column, end_column, text in _figures(source, backend):
        assert source.split("\n")[line - 1][column - 1 : end_column - 1] == text


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_figure_is_not_read_across_inline_html(backend: str) -> None:
    """span:<backend>:<>a, minimized by the markdown target (the issue's `1<n>February
    2025` kind): 'greater than   9%' at 1:1-1:18, where the source says
    'greater than<b>9%'."""
    source = "greater than<b>9%\n"
    for line, column, end_column, text in _figures(source, backend):
        assert source.split("\n")[line - 1][column - 1 : end_column - 1] == text


@pytest.mark.parametrize(
    "source",
    ["|20-70%\n--\n", "---\n20%20-70%\n---u\n", "<!y 30×\n"],
)
def test_the_parsers_agree_on_what_the_parsers_target_found(source: str) -> None:
    """disagree:*, minimized by the `parsers` target: a table-like line over `--`, a
    front matter fence closed by `---u`, a `<!` line that is no HTML comment."""
    assert _figures(source, "markdown-it-pyrs") == _figures(source, "markdown-it-py")


# ---------------------------------------------------------------- cache


def test_an_entry_without_the_right_mac_never_reaches_marshal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """slow-unit in the cache target: marshal reads a container's size from the payload
    and allocates it before reading the items, so `[` and 4 bytes ("[form") made
    `marshal.loads` build a 1.8-billion-slot list (10-14 s, then EOFError). Only a payload
    under a right MAC is ever loaded, which needs the user's key: a forged, committed or
    corrupted entry with that payload is refused before marshal sees it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    c = cache.Cache(tmp_path / "cache")
    key = c.key("fuzz", "entry")
    c.put("fuzz", key, {"value": 1})
    entry = tmp_path / "cache" / "fuzz" / key[:2] / key
    good = entry.read_bytes()
    calls: list[bytes] = []
    loads = marshal.loads

    def spy(data: bytes) -> object:
        calls.append(data)
        return loads(data)

    monkeypatch.setattr(cache.marshal, "loads", spy)
    for forged in (
        cache._MAGIC + b"\0" * 32 + b"[form",  # no MAC
        good[: len(cache._MAGIC) + 32] + b"[form",  # another entry's MAC
        b"[form",
        good[:-1] + bytes([good[-1] ^ 1]),
    ):
        entry.write_bytes(forged)
        assert c.get("fuzz", key) is None
    assert calls == []
    entry.write_bytes(good)
    assert c.get("fuzz", key) == {"value": 1}
    assert len(calls) == 1
    assert os.path.getsize(entry) == len(good)


# ---------------------------------------------------------------- registry loader


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ('    as_of: "2024-01"', "YAML reads `2024-01-32` as a date but cannot make one of it "
         "(day is out of range for month): correct it, or quote it to keep it as text"),
        ('    as_of: "2024-01"', "YAML reads `2024-13-01` as a date but cannot make one of it "
         "(month must be in 1..12): correct it, or quote it to keep it as text"),
        ("    status: active", "YAML reads `1111111111111111111111111111111111111… (4,301 "
         "characters)` as an integer but cannot make one of it (Exceeds the limit (4300 "
         "digits) for integer string conversion): correct it, or quote it to keep it as text"),
        ("    status: active", "YAML reads `abc` as a number but cannot make one of it "
         "(could not convert string to float: 'abc'): correct it, or quote it to keep it as "
         "text"),
    ],
)  # fmt: skip
def test_a_scalar_yaml_cannot_construct_is_mc101_at_its_line(
    tmp_path: Path, edit: str, said: str
) -> None:
    """ValueError@registry_yaml.scalar: PyYAML's constructors raise ValueError (not a
    YAMLError) for text that matches a type's pattern but is no value of it — an
    impossible date, an integer past Python's 4,300-digit conversion limit, `!!float abc`
    — and it escaped `registry.load` as a traceback. Found while writing the registry
    property (the fuzzer had not reached it: it came with the YAML dictionary); now each
    is MC101 at its line, with the file's other problems, and the other files load."""
    value = said.split("`")[1]
    if "characters" in said:
        value = "1" * 4301
    elif value == "abc":
        value = "!!float abc"
    original = (ROOT / "claims" / "sleeper-agents.yaml").read_text(encoding="utf-8")
    assert edit in original
    key = edit.split(":")[0]
    text = original.replace(edit, f"{key}: {value}", 1)
    line = text.split("\n").index(f"{key}: {value}") + 1
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "claims" / "sleeper-agents.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "claims" / "simple-probes.yaml").write_bytes(
        (ROOT / "claims" / "simple-probes.yaml").read_bytes()
    )
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    got = [(p.code, p.path, p.line, p.message) for p in reg.problems]
    assert got == [("MC101", "claims/sleeper-agents.yaml", line, said)]
    assert reg.load_failed
    assert {c.split(".")[0] for c in reg.claims} == {"simple-probes"}


def test_a_registry_with_an_impossible_date_exits_2_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    text = (ROOT / "claims" / "sleeper-agents.yaml").read_text(encoding="utf-8")
    (tmp_path / "claims" / "s.yaml").write_text(
        text.replace('as_of: "2024-01"', "as_of: 2024-02-30"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["registry", "check", "--no-cache"]) == 2
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert "claims/s.yaml:12:" in out.out + out.err
    assert "`2024-02-30` as a date" in out.out + out.err


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        # TypeError@registry_yaml.add: PyYAML's `!!set` constructor hands back an empty
        # set before reading the node, and a set as a mapping key is unhashable
        ("!!set :", 1, "the tag `!!set` is on an empty value, which is not a list or "
         "mapping: remove the tag, or quote the value to keep it as text"),
        # IndexError@registry_yaml.scalar: `value[0]` of an empty `!!int`
        ("!!int", 1, "YAML reads an empty value as an integer but cannot make one of it: "
         "correct it, or quote it to keep it as text"),
        # AttributeError@registry_yaml.scalar: `!!timestamp` text the date pattern misses
        ("!!timestamp", 1, "YAML reads an empty value as a date but cannot make one of it: "
         "correct it, or quote it to keep it as text"),
        ("claims:\n  - id: a.b\n    statement: s\n    value: !!timestamp soon\n", 4,
         "YAML reads `soon` as a date but cannot make one of it: correct it, or quote it "
         "to keep it as text"),
        ("claims:\n  - id: a.b\n    statement: s\n    value: !!map 12%\n", 4,
         "the tag `!!map` is on `12%`, which is not a list or mapping: remove the tag, or "
         "quote the value to keep it as text"),
    ],
)  # fmt: skip
def test_an_explicit_tag_pyyaml_cannot_construct_is_mc101(
    tmp_path: Path, text: str, line: int, said: str
) -> None:
    """Found by the registry target with its YAML dictionary (minimized: `!!set :`,
    `!!int`, `!!timestamp`): PyYAML's constructors for explicit tags fail with whatever
    their code meets (TypeError, IndexError, AttributeError), or hand back a half-built
    collection, and each escaped `registry.load` as a traceback."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "t.yaml").write_text(text, encoding="utf-8")
    reg = load(tmp_path / "claims", tmp_path / "sources", tmp_path)
    assert [(p.code, p.line, p.message) for p in reg.problems] == [("MC101", line, said)]
    assert reg.load_failed and not reg.claims


# ---------------------------------------------------------------- baseline reader


def test_a_baseline_with_a_5000_digit_number_is_a_baseline_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """ValueError@baseline.load: `json.loads` raises ValueError (not JSONDecodeError) for
    an integer of more than 4,300 digits, and `check --baseline` ended in a traceback.
    Found while writing the baseline property; now exit 2 with the file named."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("Apollo found scheming in 13% of runs.\n", encoding="utf-8")
    (tmp_path / "b.json").write_text(
        '{"version": 1, "findings": [{"fingerprint": "x", "occurrence": %s}]}' % ("9" * 5000),
        encoding="utf-8",
    )
    assert main(["check", "--no-cache", "--baseline", "b.json", "a.md"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "baseline b.json is not valid JSON (Exceeds the limit (4300 digits)" in err
