"""The shape of the package: no import cycle between mesacheck's modules (issue 10).

Every import counts, wherever it is written: at the top, inside a function (a "lazy"
import only hides a cycle until the day the function runs first), or under
`if TYPE_CHECKING:`. The graph is read from the source with `ast`, not by importing.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "mesacheck"


def _modules(package: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (packages included)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports. Importing `a.b.c` also
    imports the packages `a.b` and `a` (their `__init__` runs first), except the
    importing module's own parents, which were imported before it."""
    modules = _modules(package)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        here = name.split(".") if is_package else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = here[: len(here) - node.level + 1] if node.level else []
                module = ".".join([*base, *([node.module] if node.module else [])])
                targets.add(module)
                targets |= {f"{module}.{alias.name}" for alias in node.names}
        deps = set()
        for target in targets:
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                dep = ".".join(parts[:i])
                own_parent = name.startswith(dep + ".")
                if dep in modules and dep != name and not own_parent:
                    deps.add(dep)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each
    sorted: the groups of modules that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _path(graph: dict[str, set[str]], group: list[str]) -> list[str]:
    """One import loop through the group, for the failure message: a -> b -> … -> a."""
    start = group[0]
    members = set(group)
    seen = {start: [start]}
    todo = [start]
    while todo:
        v = todo.pop(0)
        for w in sorted(graph[v] & members):
            if w == start:
                return [*seen[v], start]
            if w not in seen:
                seen[w] = [*seen[v], w]
                todo.append(w)
    return group  # pragma: no cover - a strongly connected group always has a loop


def test_no_import_cycle_in_mesacheck() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 30 and "mesacheck.rules.mc001_unsourced_figure" in graph
    assert "mesacheck.findings" in graph["mesacheck.rules.mc001_unsourced_figure"]
    loops = [" -> ".join(_path(graph, group)) for group in cycles(graph)]
    assert loops == [], "import cycles:\n" + "\n".join(loops)


def test_the_rules_are_imported_by_what_lists_codes_and_import_none_of_it() -> None:
    """The table of codes lives in the rules package: what lists codes imports it, and
    no rule imports those modules back."""
    graph = import_graph(PACKAGE)
    for user in ("config", "cli", "explain", "suppress", "reporters.sarif"):
        assert "mesacheck.rules" in graph[f"mesacheck.{user}"], user
    assert "mesacheck.rules" not in graph["mesacheck.findings"]


def test_a_lazy_or_type_only_import_still_makes_a_cycle(tmp_path: Path) -> None:
    """The checker itself: a package whose modules import each other only inside a
    function, or only for type checking, or through a relative import, is caught."""
    pkg = tmp_path / "toy"
    (pkg / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from toy import b\n",
        "b.py": "def f():\n    from toy.a import x\n    return x\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from toy import d\n",
        "d.py": "import toy.c\n",
        "e.py": "from toy.sub import g\n",
        "sub/__init__.py": "from . import g\n",
        "sub/g.py": "from ..e import y\n",
        "f.py": "from toy import a, c\n",  # imports the cycles, is in none of them
    }
    for name, text in files.items():
        (pkg / name).write_text(text, encoding="utf-8")
    graph = import_graph(pkg)
    assert graph["toy.sub.g"] == {"toy.e"}  # its own parent package is not an edge
    assert cycles(graph) == [
        ["toy.a", "toy.b"],
        ["toy.c", "toy.d"],
        ["toy.e", "toy.sub", "toy.sub.g"],
    ]
    assert _path(graph, ["toy.a", "toy.b"]) == ["toy.a", "toy.b", "toy.a"]
