"""Validating MOF views against ``shapes/mof.ttl`` with pySHACL, and reading the report.

The class a model conforms to is decided here: Class N when no shape of Classes III..N
(``okg:mofClass`` on the shape) reports the model or one of its components.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..namespaces import OKG
from ..paths import SHAPES_DIR
from .settings import MOF_CLASS_IRI

MOF_SHAPES = SHAPES_DIR / "mof.ttl"
LEVEL = {v: k for k, v in MOF_CLASS_IRI.items()}  # okg:MofClassIII -> 3


@dataclass(frozen=True, order=True)
class ShaclResult:
    """One validation result, as the shape tests compare them."""

    focus: str
    path: str | None
    source_shape: str
    component: str
    severity: str
    value: str | None = None
    message: str = ""

    @property
    def key(self) -> tuple[str, str | None, str, str, str]:
        return (self.focus, self.path, self.source_shape, self.component, self.severity)


@cache
def _load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def shape_levels(shapes: Graph) -> dict[Node, int]:
    """Shape -> MOF class level (3, 2, 1) for shapes that decide a class."""
    return {
        s: LEVEL[o]
        for s, o in shapes.subject_objects(OKG.mofClass)
        if isinstance(o, URIRef) and o in LEVEL
    }


def mof_shapes(require_class: int | None = None, path: Path = MOF_SHAPES) -> Graph:
    """The MOF shapes; with ``require_class`` N the shapes of Classes III..N become Violations."""
    base = _load(path)
    if require_class is None:
        return base
    if require_class not in (1, 2, 3):
        raise ValueError(f"--require-class takes 1, 2 or 3, not {require_class}")
    g = Graph()
    for t in base:
        g.add(t)
    for shape, level in shape_levels(base).items():
        if level >= require_class:
            g.remove((shape, SH.severity, None))
            g.add((shape, SH.severity, SH.Violation))
    return g


def run_shacl(data: Graph, shapes: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = validate(
        data, shacl_graph=shapes, inference="none", advanced=False, allow_warnings=False
    )
    return bool(conforms), report


def _path_text(report: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return str(node)
    # a sequence path: rdf:List of IRIs
    items = list(report.items(node))
    return "(" + " ".join(str(i) for i in items) + ")" if items else str(node)


def read_results(report: Graph, shapes: Graph | None = None) -> list[ShaclResult]:
    """The report's results; blank-node source shapes are named by the shape that owns them."""
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        shape = report.value(r, SH.sourceShape)
        value = report.value(r, SH.value)
        msg = report.value(r, SH.resultMessage)
        out.append(
            ShaclResult(
                focus=str(report.value(r, SH.focusNode)),
                path=_path_text(report, report.value(r, SH.resultPath)),
                source_shape=str(shape),
                component=str(report.value(r, SH.sourceConstraintComponent)),
                severity=str(report.value(r, SH.resultSeverity)),
                value=None if value is None else str(value),
                message="" if msg is None else str(msg),
            )
        )
    return sorted(out, key=lambda r: tuple(x or "" for x in (*r.key, r.value)))


def validate_views(views: Graph, shapes: Graph) -> list[ShaclResult]:
    """Validate one graph holding the views of one or many models (each model's view is
    self-contained, so validating many at once equals validating each alone)."""
    _, report = run_shacl(views, shapes)
    return read_results(report)


def mof_class_from_results(
    results: Iterable[ShaclResult], focus_model: dict[str, str], shapes: Graph
) -> dict[str, int]:
    """Model -> the most open MOF class none of whose shapes (or less open ones) reported it.

    ``focus_model`` maps every focus node (model or component IRI) to its model IRI."""
    levels = {str(k): v for k, v in shape_levels(shapes).items()}
    worst: dict[str, int] = {}  # model -> highest class level (3 = III) with a result
    for r in results:
        level = levels.get(r.source_shape)
        if level is None:
            continue
        model = focus_model.get(r.focus, r.focus)
        worst[model] = max(worst.get(model, 0), level)
    out = {}
    for model in set(focus_model.values()):
        w = worst.get(model, 0)
        out[model] = 0 if w == 3 else (w + 1 if w else 1)
    return out
