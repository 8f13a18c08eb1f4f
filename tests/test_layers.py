"""The package's layers: every import (function-level ones included) points down, never in a circle.

Layers, lowest first; a module may import its own layer's package and anything below it, never a
sibling package of the same rank nor anything above:

    core <- sie <- books <- accounting <- fees, treasury <- planning <- reports <- workbook <- cli, example

(the auditors' workbook stands on the monthly report's figures: it may import ``reports``, never the reverse)
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "nns_finance"
RANK = {"core": 0, "sie": 1, "books": 2, "accounting": 3, "fees": 4, "treasury": 4,
        "planning": 5, "reports": 6, "workbook": 6.5, "cli": 7, "example": 7}
TOP_LEVEL = {"__init__", "__main__"}   # the face: `nns_finance.load`, `python -m nns_finance`


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Every nns_finance module ``name`` imports, wherever the import statement stands."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("nns_finance"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not base.startswith("nns_finance"):
                continue
            for alias in node.names:
                child = f"{base}.{alias.name}"
                found.add(child if child in MODULES else base)
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def test_every_module_lives_in_a_layer():
    loose = [m for m in MODULES if _layer(m) is None and m.split(".")[-1] not in TOP_LEVEL
             and m != "nns_finance"]
    assert loose == []
    assert len([p for p in PACKAGE.glob("*.py")]) <= 12


def test_imports_point_down_only():
    wrong = []
    for name, path in MODULES.items():
        mine = _layer(name)
        for target in sorted(_imports(name, path)):
            theirs = _layer(target)
            if mine is None:             # the package face may hand on any public name
                continue
            if theirs is None:
                wrong.append(f"{name} imports {target} (the package face; import the module itself)")
            elif theirs != mine and RANK[theirs] >= RANK[mine]:
                wrong.append(f"{name} ({mine}) imports {target} ({theirs})")
    assert wrong == []


def test_no_import_cycles():
    graph = {name: {t for t in _imports(name, path) if t in MODULES and t != name}
             for name, path in MODULES.items()}
    # Tarjan's strongly connected components
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v, counter=[0]):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    assert cycles == []
