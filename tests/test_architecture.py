"""The engine's layers, as the folder tree shows them: nothing imports from a layer above it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

MACROS = ROOT / "macros"
#: Bottom to top; adapter and tools sit side by side on top and do not import each other.
LAYERS = {"core": 0, "engine": 1, "website": 2, "adapter": 3, "tools": 3}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module (or package) that ``path`` imports, relative imports resolved."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "macros" and parts[1] in LAYERS else None


def sources() -> list[Path]:
    return sorted(MACROS.rglob("*.py"))


def test_every_module_lives_in_a_layer() -> None:
    loose = [str(p.relative_to(ROOT)) for p in sources() if p.parent != MACROS and _layer(_module(p)) is None]
    assert not loose, loose


def upward(module: str, targets: set[str]) -> list[str]:
    """The imports of ``module`` that reach a layer above its own (or the other top layer)."""
    own = _layer(module)
    if own is None:
        return []
    found = []
    for target in sorted(targets):
        other = _layer(target)
        if other is not None and other != own and LAYERS[other] >= LAYERS[own]:  # adapter and tools stay apart too
            found.append(f"{module} → {target}")
    return found


def test_nothing_imports_from_a_layer_above_it() -> None:
    found = [line for path in sources() for line in upward(_module(path), imports(path))]
    assert not found, "\n".join(found)


def test_only_the_adapter_imports_mkdocs() -> None:
    found = [f"{p.relative_to(ROOT)} → {t}" for p in sources() if _layer(_module(p)) != "adapter"
             for t in imports(p) if t == "mkdocs" or t.startswith(("mkdocs.", "material"))]
    assert not found, found


def cycles(graph: dict[str, set[str]]) -> list[str]:
    """Import cycles between files (a package's ``__init__`` importing its own submodules is not one)."""
    seen: dict[str, int] = {}  # 1: on the current path, 2: done
    found: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for target in sorted(graph[module]):
            if seen.get(target) == 1:
                found.append(" → ".join([*path[path.index(target):], target]))
            elif target not in seen:
                visit(target, [*path, target])
        seen[module] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])
    return [c for c in found if not all(part.startswith(c.split(" → ")[0]) for part in c.split(" → "))]


def test_no_import_cycles_between_files() -> None:
    modules = {_module(p): p for p in sources()}
    graph = {m: {t for t in imports(p) if t in modules and t != m} for m, p in modules.items()}
    found = cycles(graph)
    assert not found, "\n".join(found)


def subpackage(module: str) -> str:
    """The package a module belongs to inside its layer (``macros.engine.diff.words`` →
    ``macros.engine.diff``); a module directly in a layer is its own."""
    return ".".join(module.split(".")[:3])


def subpackage_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    packages: dict[str, set[str]] = {subpackage(m): set() for m in graph}
    for module, targets in graph.items():
        packages[subpackage(module)].update(subpackage(t) for t in targets if subpackage(t) != subpackage(module))
    return packages


def test_no_import_cycles_between_subpackages() -> None:
    """The layers inside a layer: engine.diff and engine.layers, website.pages and
    website.publish … depend one way, not on each other."""
    modules = {_module(p): p for p in sources()}
    graph = {m: {t for t in imports(p) if t in modules and t != m} for m, p in modules.items()}
    found = cycles(subpackage_graph(graph))
    assert not found, "\n".join(found)


def test_the_checks_can_fail() -> None:
    assert upward("macros.core.urls", {"macros.website.site", "macros.core.text"}) == ["macros.core.urls → macros.website.site"]
    assert upward("macros.adapter.x", {"macros.tools.cli.main"}) == ["macros.adapter.x → macros.tools.cli.main"]
    assert upward("macros.website.site", {"macros.engine.layers", "macros.core"}) == []
    assert cycles({"macros.a": {"macros.b"}, "macros.b": {"macros.a"}}) == ["macros.a → macros.b → macros.a"]
    assert cycles({"macros.p": {"macros.p.x"}, "macros.p.x": {"macros.p"}}) == []
    two_ways = {"macros.engine.diff.comparison": {"macros.engine.layers.lineage"},
                "macros.engine.layers.build": {"macros.engine.diff.comparison"},
                "macros.engine.layers.lineage": set()}
    assert cycles(two_ways) == []  # no cycle between the files …
    assert cycles(subpackage_graph(two_ways)) == [  # … but one between their packages
        "macros.engine.diff → macros.engine.layers → macros.engine.diff"]
