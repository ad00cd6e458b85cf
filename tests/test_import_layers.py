"""Issue 15: no import circle through the store or the SPARQL layer (the binder and the store
imported each other), found by walking every import statement of ``openness_kg/`` (those
inside functions too) rather than by importing anything."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).parent.parent / "openness_kg"


def module_graph() -> dict[str, set[str]]:
    paths = {}
    for p in ROOT.rglob("*.py"):
        parts = list(p.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        paths[".".join(parts)] = p
    assert len(paths) > 50, "found too few modules: the walk is broken"
    graph: dict[str, set[str]] = {m: set() for m in paths}
    for mod, path in paths.items():
        package = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                # a module's own packages are already being imported when it runs
                if name in paths and name != mod and not mod.startswith(name + "."):
                    graph[mod].add(name)
                # importing a.b.c runs a/__init__ and a/b/__init__ first (but a module's own
                # packages are already being imported when it runs)
                parts = name.split(".")
                for i in range(2, len(parts)):
                    parent = ".".join(parts[:i])
                    if parent in paths and not mod.startswith(parent + "."):
                        graph[mod].add(parent)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_through_the_store_or_sparql() -> None:
    graph = module_graph()
    assert "openness_kg.store.embedded" in graph["openness_kg.store"]  # the walk sees imports
    layered = ("openness_kg.store", "openness_kg.sparql", "openness_kg.terms")
    bad = [c for c in cycles(graph) if any(m.startswith(layered) for m in c)]
    assert bad == []


def test_the_binder_does_not_import_the_store() -> None:
    graph = module_graph()
    assert not {m for m in graph["openness_kg.binding"] if m.startswith("openness_kg.store")}


def test_the_cycle_finder_finds_a_circle() -> None:
    # a hand-made graph: a -> b -> c -> a is one circle, d only hangs off it
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_anywhere_in_the_package() -> None:
    """Issue 15: the 7-module circle through the bundled-source registry is gone too, and no
    new module brings one back (the server reaches models through resolve.py, not the CLI)."""
    assert cycles(module_graph()) == []


def store_imports_of_sparql(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each module of ``openness_kg.store`` that imports from ``openness_kg.sparql``, with
    what it imports."""
    store = [m for m in graph if m == "openness_kg.store" or m.startswith("openness_kg.store.")]
    found = {
        m: sorted(t for t in graph[m] if t.split(".")[:2] == ["openness_kg", "sparql"])
        for m in store
    }
    return {m: ts for m, ts in found.items() if ts}


def test_the_store_does_not_import_the_sparql_layer() -> None:
    """Issue 15: store/ is below sparql/. The store takes bound text (``query_raw``); its
    ``select``/``ask``/``construct`` bind through ``openness_kg.binding``, and Virtuoso's
    client-side ORDER BY sorts with ``openness_kg.ordering``, the same sort the query worker
    uses: both sit below the two layers and import neither."""
    graph = module_graph()
    assert "openness_kg.ordering" in graph["openness_kg.store.remote"]  # the walk sees it
    assert store_imports_of_sparql(graph) == {}
    for below in ("openness_kg.binding", "openness_kg.ordering"):
        layers = ("openness_kg.store", "openness_kg.sparql")
        assert not {t for t in graph[below] if t.startswith(layers)}


def test_the_layer_check_finds_a_store_module_importing_sparql() -> None:
    # a hand-made graph: the store's remote backend importing the worker is caught, the
    # SPARQL layer importing the store is the allowed direction
    graph = {
        "openness_kg.store": {"openness_kg.store.remote"},
        "openness_kg.store.remote": {"openness_kg.sparql.worker", "openness_kg.terms"},
        "openness_kg.sparql.worker": {"openness_kg.store"},
        "openness_kg.sparqlish": set(),
    }
    assert store_imports_of_sparql(graph) == {
        "openness_kg.store.remote": ["openness_kg.sparql.worker"]
    }


def test_mof_reads_no_ingester() -> None:
    """Issue 15: the MOF reads the MOT snapshot's provenance from ``mof/settings.py`` (beside
    MOT's settings), not through the MOT ingester: ingesters build on the MOF's component
    list, never the other way round."""
    graph = module_graph()
    mof = [m for m in graph if m.startswith("openness_kg.mof.")]
    assert "openness_kg.mof.classify" in mof
    assert {m: t for m in mof for t in graph[m] if t.startswith("openness_kg.ingest")} == {}
    assert "openness_kg.mof.settings" in graph["openness_kg.ingest.mot"]
