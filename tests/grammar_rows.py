"""The grammar table's rows and checks, shared by tests/test_grammar_table.py and
tests/test_grammar_units.py: a row is a sentence and every figure it holds, each as
(span, kind, values, unit, qualifier)."""

from __future__ import annotations

from mesacheck.grammar import Figure, parse_value, scan

# (text, kind, values, unit, qualifier)
Fig = tuple[str, str, tuple[float, ...], str, str]


def got(text: str, anchored: bool = True) -> list[Fig]:
    """The figures `scan` reads in `text`, as rows."""
    return [(f.text, f.kind, f.values, f.unit, f.qualifier) for f in scan(text, anchored=anchored)]


def same(got: list[Fig], want: list[Fig]) -> bool:
    """The rows agree: spans, kinds, units and qualifiers equal, values to 1e-9."""
    return len(got) == len(want) and all(
        g[0] == w[0]
        and g[1] == w[1]
        and g[3:] == w[3:]
        and len(g[2]) == len(w[2])
        and all(abs(a - b) <= 1e-9 * max(1.0, abs(b)) for a, b in zip(g[2], w[2], strict=True))
        for g, w in zip(got, want, strict=True)
    )


def assert_read_whole(text: str, want: list[Fig]) -> None:
    """`text` reads as exactly `want`, each span is the text it covers, and the grammar
    tried at every position reads the same figures (the anchor misses none)."""
    found = got(text)
    assert same(found, want), f"{text!r}: got {found}"
    for f in scan(text):
        assert text[f.start : f.end] == f.text
    assert same(got(text, anchored=False), want)


def assert_registry_values(want: list[Fig], in_context: set[str]) -> list[Figure]:
    """Each figure of `want` (but those whose reading needs their sentence) is read alike
    as a registry value; the values parsed."""
    parsed = []
    for span, kind, values, unit, qualifier in want:
        if span in in_context:
            continue
        fig = parse_value(span)
        row = [(fig.text, fig.kind, fig.values, fig.unit, fig.qualifier)]
        assert same(row, [(span, kind, values, unit, qualifier)]), f"{span!r}: {row}"
        parsed.append(fig)
    return parsed
