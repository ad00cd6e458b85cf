"""A compiled evaluator for the SHACL Core subset ``shapes/mof.ttl`` uses, for speed at Hub scale.

pySHACL is the reference engine (``validate``, the shape tests, the consistency check); this
evaluator reads the same shapes graph and gives the same results (focus node, path, source
shape, constraint component, severity), which tests check against pySHACL on every bundled
file. Supported: sh:targetClass, sh:path (IRI or sequence), sh:minCount, sh:class,
sh:hasValue, sh:node, sh:not, sh:or, sh:property, sh:qualifiedValueShape/qualifiedMinCount.
Anything else raises, so a shape it cannot evaluate is never silently passed.

Speed: the data graph is read once per ``validate`` into a dictionary index (subject,
predicate) -> objects, and whether a node conforms to a shape is computed once per call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from .run import ShaclResult

_IGNORED = {
    RDF.type,
    SH.severity,
    SH.message,
    SH.targetClass,
    SH.path,
    SH.name,
    SH.description,
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    URIRef("https://w3id.org/openness-kg/ontology#mofClass"),
}
_SUPPORTED = {
    SH.minCount,
    SH["class"],
    SH.hasValue,
    SH.node,
    SH["not"],
    SH["or"],
    SH.property,
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
}

_KEY = {p: str(p).rsplit("#", 1)[-1] for p in _SUPPORTED}
Path = tuple[URIRef, ...]


class _Index:
    """The data graph as (subject, predicate) -> objects, read once per ``validate``."""

    __slots__ = ("memo", "out", "typed")

    def __init__(self, data: Iterable[tuple[Node, Node, Node]]) -> None:
        out: dict[tuple[Node, Node], list[Node]] = {}
        typed: dict[Node, list[Node]] = {}
        for s, p, o in data:
            out.setdefault((s, p), []).append(o)
            if p == RDF.type:
                typed.setdefault(o, []).append(s)
        self.out, self.typed = out, typed
        self.memo: dict[tuple[Node, Node], bool] = {}

    def objects(self, s: Node, p: Node) -> list[Node]:
        return self.out.get((s, p), [])

    def has_type(self, s: Node, cls: Node) -> bool:
        return cls in self.out.get((s, RDF.type), ())


Check = Callable[[Graph, Node], list[tuple[Node, Path | None, Node, URIRef]]]


@dataclass
class _Shape:
    node: Node
    path: Path | None
    # (parameter, value) read from the shapes graph once: sh:or's value is the tuple of its
    # member shapes, sh:qualifiedValueShape's the pair (shape, sh:qualifiedMinCount)
    constraints: list[tuple[str, Any]]


class CompiledShapes:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.cache: dict[Node, _Shape] = {}
        # (shape, target class, severity, message)
        self.top: list[tuple[Node, URIRef, URIRef, str]] = []
        for shape, cls in shapes.subject_objects(SH.targetClass):
            sev = shapes.value(shape, SH.severity) or SH.Violation
            message = str(shapes.value(shape, SH.message) or "")
            self.top.append((shape, cls, sev, message))  # type: ignore[arg-type]
            self._shape(shape)

    def _shape(self, node: Node) -> _Shape:
        if node in self.cache:
            return self.cache[node]
        path_node = self.g.value(node, SH.path)
        path: Path | None = None
        if path_node is not None:
            if isinstance(path_node, URIRef):
                path = (path_node,)
            else:
                path = tuple(Collection(self.g, path_node))  # type: ignore[arg-type]
        cons: list[tuple[str, Any]] = []
        for p, o in self.g.predicate_objects(node):
            if p in _IGNORED or p == SH.qualifiedMinCount:
                continue
            if p not in _SUPPORTED:
                raise ValueError(f"compiled SHACL: unsupported {p} on shape {node}")
            assert isinstance(p, URIRef)
            key = _KEY[p]  # a plain string: cheaper to compare than rdflib terms
            if p == SH["or"]:
                cons.append((key, tuple(Collection(self.g, o))))
            elif p == SH.qualifiedValueShape:
                n = int(self.g.value(node, SH.qualifiedMinCount) or 0)  # type: ignore[arg-type]
                cons.append((key, (o, n)))
            else:
                cons.append((key, o))
        s = _Shape(node, path, cons)
        self.cache[node] = s
        return s

    # evaluation -------------------------------------------------------------------------
    def _values(self, data: _Index, focus: Node, path: Path) -> list[Node]:
        nodes = [focus]
        for p in path:
            nodes = [o for n in nodes for o in data.objects(n, p)]
        return list(dict.fromkeys(nodes))

    def conforms(self, data: _Index, shape: Node, focus: Node) -> bool:
        key = (shape, focus)
        known = data.memo.get(key)
        if known is None:
            known = data.memo[key] = not self._eval(data, self._shape(shape), focus)
        return known

    def _eval(
        self, data: _Index, s: _Shape, focus: Node
    ) -> list[tuple[Node, Path | None, URIRef, Node]]:
        """Results (focus, path, constraint component, value) of one shape on one focus node."""
        out: list[tuple[Node, Path | None, URIRef, Node]] = []
        values = self._values(data, focus, s.path) if s.path is not None else [focus]
        for p, o in s.constraints:
            if p == "minCount":
                if len(values) < int(o):
                    out.append((focus, s.path, SH.MinCountConstraintComponent, focus))
            elif p == "class":
                for v in values:
                    if not data.has_type(v, o):
                        out.append((focus, s.path, SH.ClassConstraintComponent, v))
            elif p == "hasValue":
                if o not in values:
                    out.append((focus, s.path, SH.HasValueConstraintComponent, focus))
            elif p == "node":
                for v in values:
                    if not self.conforms(data, o, v):
                        out.append((focus, s.path, SH.NodeConstraintComponent, v))
            elif p == "not":
                for v in values:
                    if self.conforms(data, o, v):
                        out.append((focus, s.path, SH.NotConstraintComponent, v))
            elif p == "or":
                for v in values:
                    if not any(self.conforms(data, m, v) for m in o):
                        out.append((focus, s.path, SH.OrConstraintComponent, v))
            elif p == "property":
                for v in values:
                    out.extend(self._eval(data, self._shape(o), v))
            elif p == "qualifiedValueShape":
                qualified, n = o
                ok = sum(1 for v in values if self.conforms(data, qualified, v))
                if ok < n:
                    out.append((focus, s.path, SH.QualifiedMinCountConstraintComponent, focus))
        return out

    def validate(self, data: Graph | Iterable[tuple[Node, Node, Node]]) -> list[ShaclResult]:
        """The results on ``data`` (a graph, or triples: duplicates are harmless)."""
        results = []
        index = _Index(data)
        for shape, cls, sev, message in self.top:
            s = self._shape(shape)
            for focus in set(index.typed.get(cls, ())):
                for f, path, comp, value in self._eval(index, s, focus):
                    results.append(
                        ShaclResult(
                            focus=str(f),
                            path=_path_text(path),
                            source_shape=str(shape),
                            component=str(comp),
                            severity=str(sev),
                            value=None if comp == SH.MinCountConstraintComponent else str(value),
                            message=message,
                        )
                    )
        return sorted(results, key=lambda r: tuple(x or "" for x in (*r.key, r.value)))


def _path_text(path: Path | None) -> str | None:
    if path is None:
        return None
    if len(path) == 1:
        return str(path[0])
    return "(" + " ".join(str(p) for p in path) + ")"
