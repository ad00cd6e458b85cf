"""``validate``: SHACL reports (pySHACL, the reference engine) for the store or for user files.

The data validated against the MOF shapes is each record's MOF view; other shapes see the
record (or the user's file) as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.util import guess_format

from ..iris import Minter
from ..namespaces import bind_prefixes
from ..paths import SHAPES_DIR
from ..store import KGStore
from .shapes import ShaclResult, mof_shapes, read_results, run_shacl
from .view import DEFAULT, build_view


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


def resolve_shapes(specs: Sequence[str], require_class: int | None) -> tuple[Graph, bool]:
    """``mof``, a bundled shapes NAME (``shapes/NAME.ttl``) or a PATH -> shapes graph, and
    whether the MOF shapes are among them."""
    g = Graph()
    uses_mof = False
    for spec in specs or ["mof"]:
        if spec == "mof":
            uses_mof = True
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
    return g, uses_mof


def validate_graphs(graphs: Iterable[Graph], shapes: Graph) -> ValidationOutcome:
    results: list[ShaclResult] = []
    report = bind_prefixes(Graph())
    for data in graphs:
        _, rep = run_shacl(data, shapes)
        results.extend(read_results(rep))
        for t in rep:
            report.add(t)
    results.sort(key=lambda r: tuple(x or "" for x in (*r.key, r.value)))
    return ValidationOutcome(results, report)


def store_graphs(
    store: KGStore, as_view: bool, mode: str, minter: Minter, model: URIRef | None = None
) -> Iterable[Graph]:
    """The store's records (as MOF views when ``as_view``), or only ``model``'s."""
    from .classify import RECORDS_QUERY

    for row in store.select(RECORDS_QUERY, {"model": model} if model is not None else None):
        triples = [(s, p, o) for s, p, o, _ in store.quads(row["g"])]  # type: ignore[arg-type]
        if as_view:
            yield build_view(triples, mode, minter)
        else:
            g = Graph()
            for t in triples:
                g.add(t)
            yield g


def file_graphs(files: Sequence[Path], as_view: bool, mode: str, minter: Minter) -> list[Graph]:
    data = Graph()
    for f in files:
        if not f.is_file():
            raise ValidationInputError(f"{f}: no such file")
        for t in _parse(f):
            data.add(t)
    return [build_view(data, mode, minter) if as_view else data]


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


__all__ = ["DEFAULT", "ValidationInputError", "resolve_shapes", "validate_graphs"]
