"""``validate``: SHACL reports (pySHACL, the reference engine) for the store or for user files.

The data validated against the MOF shapes is each record's MOF view; other shapes see the
record (or the user's file) as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node
from rdflib.util import guess_format

from ..iris import Minter
from ..namespaces import bind_prefixes
from ..paths import SHAPES_DIR
from ..shacl.run import ShaclResult, read_results, run_shacl
from ..store import KGStore
from .shapes import mof_shapes
from .view import DEFAULT, build_view

Triple = tuple[Node, Node, Node]
# a view: (a record's triples, the graph to add the view to) -> that graph
View = Callable[[list[Triple], Graph], Graph]
VIEW_SHAPES = ("mof", "osaid")


class ValidationInputError(ValueError):
    """Shapes or data that cannot be read."""


@dataclass
class ValidationOutcome:
    results: list[ShaclResult]
    report: Graph

    @property
    def violations(self) -> int:
        return sum(1 for r in self.results if r.severity == str(SH.Violation))


def _parse(path: Path) -> Graph:
    fmt = guess_format(str(path)) or "turtle"
    try:
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds
        raise ValidationInputError(f"{path}: cannot parse as {fmt}: {exc}") from exc


def resolve_shapes(specs: Sequence[str], require_class: int | None) -> tuple[Graph, set[str]]:
    """``mof``, a bundled shapes NAME (``shapes/NAME.ttl``) or a PATH -> shapes graph, and
    the bundled shapes among them that read a view (``mof``, ``osaid``) rather than the
    record as it is."""
    g = Graph()
    views: set[str] = set()
    for spec in specs or ["mof"]:
        if spec in VIEW_SHAPES:
            views.add(spec)
        if spec == "mof":
            part = mof_shapes(require_class)
        elif (SHAPES_DIR / f"{spec}.ttl").is_file():
            part = _parse(SHAPES_DIR / f"{spec}.ttl")
        elif Path(spec).is_file():
            part = _parse(Path(spec))
        else:
            raise ValidationInputError(
                f"no shapes {spec!r} (not 'mof', shapes/{spec}.ttl or a file)"
            )
        for t in part:
            g.add(t)
    return g, views


def validate_graphs(graphs: Iterable[Graph], shapes: Graph) -> ValidationOutcome:
    results: list[ShaclResult] = []
    report = bind_prefixes(Graph())
    for data in graphs:
        _, rep = run_shacl(data, shapes)
        results.extend(read_results(rep))
        for t in rep:
            report.add(t)
    results.sort(key=lambda r: r.order)
    return ValidationOutcome(results, report)


def mof_view(mode: str, minter: Minter) -> View:
    """The view the MOF shapes read, for :func:`store_graphs` and :func:`file_graphs`."""
    return lambda triples, into: build_view(triples, mode, minter, into=into)


def _as_view(triples: list[Triple], views: Sequence[View]) -> Graph:
    g = Graph()
    if not views:
        for t in triples:
            g.add(t)
    for view in views:
        view(triples, g)
    return g


def store_graphs(
    store: KGStore, views: Sequence[View], model: URIRef | None = None
) -> Iterable[Graph]:
    """Each record describing a model's components (or only ``model``'s), as the ``views``
    (none: as it is)."""
    from .classify import RECORDS_QUERY

    for row in store.select(RECORDS_QUERY, {"model": model} if model is not None else None):
        triples = [(s, p, o) for s, p, o, _ in store.quads(row["g"])]  # type: ignore[arg-type]
        yield _as_view(triples, views)


def file_graphs(files: Sequence[Path], views: Sequence[View]) -> list[Graph]:
    data = Graph()
    for f in files:
        if not f.is_file():
            raise ValidationInputError(f"{f}: no such file")
        for t in _parse(f):
            data.add(t)
    return [_as_view(list(data), views)]


def results_json(results: Sequence[ShaclResult]) -> str:
    return json.dumps(
        [
            {
                "focus_node": r.focus,
                "path": r.path,
                "source_shape": r.source_shape,
                "constraint_component": r.component,
                "severity": r.severity.rsplit("#", 1)[-1],
                "value": r.value,
                "message": r.message,
            }
            for r in results
        ],
        indent=2,
    )


def results_text(results: Sequence[ShaclResult]) -> str:
    lines = []
    for r in results:
        sev = r.severity.rsplit("#", 1)[-1]
        comp = r.component.rsplit("#", 1)[-1]
        val = f" value <{r.value}>" if r.value and r.value != r.focus else ""
        lines.append(
            f"{sev}: <{r.focus}>{val} [{r.source_shape.rsplit('#', 1)[-1]} {comp}] {r.message}"
        )
    return "\n".join(lines)


__all__ = ["DEFAULT", "ValidationInputError", "mof_view", "resolve_shapes", "validate_graphs"]
