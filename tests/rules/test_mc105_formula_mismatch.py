"""MC105 formula-mismatch: a derived claim's formula does not give its value."""

from __future__ import annotations

import json


def test_formula_claims(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mesacheck.cli import main

    (tmp_path / "claims").mkdir()
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "s.yaml").write_text(
        "sources:\n  - id: s\n    title: A report\n", encoding="utf-8"
    )
    (tmp_path / "claims" / "c.yaml").write_text(
        "claims:\n"
        '  - id: a.big\n    statement: Big\n    value: "$152B"\n    sources: [{source: s}]\n'
        '  - id: a.small\n    statement: Small\n    value: "$100M"\n    sources: [{source: s}]\n'
        '  - id: a.ratio\n    statement: Ratio\n    value: "2,500×"\n'
        "    formula: a.big / a.small\n"
        '  - id: a.sum\n    statement: Sum\n    value: "$152.1B"\n'
        "    formula: (a.big + a.small)\n"
        '  - id: a.bad\n    statement: Bad\n    value: "3×"\n    formula: a.big / nope\n'
        '  - id: a.evil\n    statement: Evil\n    value: "3×"\n'
        "    formula: __import__('os').system('true')\n"
        '  - id: a.loop\n    statement: Loop\n    value: "3×"\n    formula: a.loop * 2\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["registry", "check", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"]
    by_claim = {f["claim"]: f for f in found}
    assert set(by_claim) == {"a.ratio", "a.bad", "a.evil", "a.loop"}
    assert by_claim["a.ratio"]["expected"] == "1,520×" and by_claim["a.ratio"]["line"] == 12
    assert "not a claim" in by_claim["a.bad"]["message"]
    assert "cannot read" in by_claim["a.evil"]["message"]
    assert "itself" in by_claim["a.loop"]["message"]
