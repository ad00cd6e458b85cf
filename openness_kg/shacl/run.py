"""The generic SHACL runner: pySHACL (the reference engine) over a data graph, and its report
read as :class:`ShaclResult` values, as every check of the project compares them (MOF, OSAID,
lineage, ``validate``)."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node


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

    @property
    def order(self) -> tuple[str, ...]:
        """The order every engine lists results in (its key, then the value)."""
        return tuple(x or "" for x in (*self.key, self.value))


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
    """The report's results (its ``sh:result`` values: not the nested results a
    processor may add under one with ``sh:detail``, which explain it and are no results of
    their own); blank-node source shapes are named by the shape that owns them."""
    out = []
    for r in set(report.objects(None, SH.result)):
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
    return sorted(out, key=lambda r: r.order)


def validate_views(views: Graph, shapes: Graph) -> list[ShaclResult]:
    """Validate one graph holding the views of one or many models (each model's view is
    self-contained, so validating many at once equals validating each alone)."""
    _, report = run_shacl(views, shapes)
    return read_results(report)
