"""A compiled evaluator for the SHACL Core subset ``shapes/mof.ttl`` uses, for speed at Hub scale.

pySHACL is the reference engine (``validate``, the shape tests, the consistency check); this
evaluator reads the same shapes graph and gives the same results (focus node, path, source
shape, constraint component, severity), which tests check against pySHACL on every bundled
file. Supported: sh:targetClass, sh:path (IRI or sequence), sh:minCount, sh:class,
sh:hasValue, sh:node, sh:not, sh:or, sh:property, sh:qualifiedValueShape/qualifiedMinCount.
Anything else raises, so a shape it cannot evaluate is never silently passed.

Speed: the data graph is read once per ``validate`` into a dictionary index (subject,
predicate) -> objects, every term as a plain string (its key, :func:`~openness_kg.terms.key`:
an IRI its text, a literal its N-Triples form, a blank node ``_:id``; built-in strings hash
and compare in C, rdflib terms in Python; :meth:`CompiledShapes.validate_keys` takes data
already as keys), shapes
resolved to objects at compile time, and whether a node conforms to a shape is computed once
per call. One call evaluates the views of many records at once (a batch,
:mod:`openness_kg.mof.classify`): nodes shared by the views (a licence and its flags) are
indexed and checked once.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from ..terms import key as _key
from ..terms import lexical
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


Path = tuple[str, ...]
_Found = tuple[str, Path | None, str, str]  # focus, path, constraint component, value
_MIN_COUNT, _CLASS, _HAS_VALUE, _NODE, _NOT, _OR, _QUALIFIED_MIN_COUNT = (
    str(c)
    for c in (
        SH.MinCountConstraintComponent,
        SH.ClassConstraintComponent,
        SH.HasValueConstraintComponent,
        SH.NodeConstraintComponent,
        SH.NotConstraintComponent,
        SH.OrConstraintComponent,
        SH.QualifiedMinCountConstraintComponent,
    )
)


_TYPE = str(RDF.type)
Triple = tuple[str, str, str]  # keys (:func:`~openness_kg.terms.key`)


class _Index:
    """The data graph as (subject, predicate) -> objects, read once per ``validate``."""

    __slots__ = ("memo", "out", "typed")

    def __init__(self, data: Iterable[Triple]) -> None:
        # objects as an ordered set: the views of many records repeat a licence's flags
        out: dict[tuple[str, str], dict[str, None]] = {}
        typed: dict[str, dict[str, None]] = {}
        for s, p, o in data:
            out.setdefault((s, p), {})[o] = None
            if p == _TYPE:
                typed.setdefault(o, {})[s] = None
        self.out, self.typed = out, typed
        self.memo: dict[tuple[int, str], bool] = {}

    def objects(self, s: str, p: str) -> Iterable[str]:
        return self.out.get((s, p), ())

    def has_type(self, s: str, cls: str) -> bool:
        return cls in self.out.get((s, _TYPE), ())


@dataclass(eq=False)
class _Shape:
    node: Node
    path: Path | None = None
    # (parameter, value) read from the shapes graph once: node/not/property's value is the
    # compiled shape, sh:or's the tuple of its member shapes, sh:qualifiedValueShape's the
    # pair (shape, sh:qualifiedMinCount), class/hasValue's the term's key
    constraints: list[tuple[str, Any]] = field(default_factory=list)
    # the class key when the shape has no path and only a sh:class constraint (a node
    # conforms when it has that type: checked without evaluating the shape)
    class_only: str | None = None


class CompiledShapes:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.cache: dict[Node, _Shape] = {}
        # (shape, target class key, severity, message)
        self.top: list[tuple[_Shape, str, URIRef, str]] = []
        for shape, cls in shapes.subject_objects(SH.targetClass):
            sev = shapes.value(shape, SH.severity) or SH.Violation
            message = str(shapes.value(shape, SH.message) or "")
            self.top.append((self._shape(shape), _key(cls), sev, message))  # type: ignore[arg-type]

    def _shape(self, node: Node) -> _Shape:
        if node in self.cache:
            return self.cache[node]
        s = self.cache[node] = _Shape(node)  # before its constraints: a cycle ends here
        path_node = self.g.value(node, SH.path)
        if path_node is not None:
            if isinstance(path_node, URIRef):
                s.path = (str(path_node),)
            else:
                s.path = tuple(str(p) for p in Collection(self.g, path_node))
        for p, o in self.g.predicate_objects(node):
            if p in _IGNORED or p == SH.qualifiedMinCount:
                continue
            if p not in _SUPPORTED:
                raise ValueError(f"compiled SHACL: unsupported {p} on shape {node}")
            assert isinstance(p, URIRef)
            key = _KEY[p]  # a plain string: cheaper to compare than rdflib terms
            if p == SH["or"]:
                members = tuple(self._shape(m) for m in Collection(self.g, o))
                s.constraints.append((key, members))
            elif p == SH.qualifiedValueShape:
                n = int(self.g.value(node, SH.qualifiedMinCount) or 0)  # type: ignore[arg-type]
                s.constraints.append((key, (self._shape(o), n)))
            elif key == "minCount":
                s.constraints.append((key, int(o)))  # type: ignore[call-overload]
            elif key in ("node", "not", "property"):
                s.constraints.append((key, self._shape(o)))
            else:
                s.constraints.append((key, _key(o)))
        if s.path is None and len(s.constraints) == 1 and s.constraints[0][0] == "class":
            s.class_only = s.constraints[0][1]
        return s

    # evaluation -------------------------------------------------------------------------
    def _values(self, data: _Index, focus: str, path: Path) -> Iterable[str]:
        if len(path) == 1:  # the objects are already distinct (the index's ordered sets)
            return data.out.get((focus, path[0]), ())
        nodes = [focus]
        for p in path:
            nodes = [o for n in nodes for o in data.objects(n, p)]
        return list(dict.fromkeys(nodes))

    def conforms(self, data: _Index, shape: _Shape, focus: str) -> bool:
        cls = shape.class_only
        if cls is not None:  # a shape that only asks for a class: no memo needed
            return cls in data.out.get((focus, _TYPE), ())
        key = (id(shape), focus)
        known = data.memo.get(key)
        if known is None:
            known = data.memo[key] = not self._eval(data, shape, focus)
        return known

    def _eval(self, data: _Index, s: _Shape, focus: str) -> list[_Found]:
        """Results (focus, path, constraint component, value) of one shape on one focus node."""
        out: list[_Found] = []
        values = self._values(data, focus, s.path) if s.path is not None else (focus,)
        for p, o in s.constraints:
            if p == "minCount":
                if len(values) < o:  # type: ignore[arg-type]
                    out.append((focus, s.path, _MIN_COUNT, focus))
            elif p == "class":
                for v in values:
                    if o not in data.out.get((v, _TYPE), ()):
                        out.append((focus, s.path, _CLASS, v))
            elif p == "hasValue":
                if o not in values:
                    out.append((focus, s.path, _HAS_VALUE, focus))
            elif p == "node":
                for v in values:
                    if not self.conforms(data, o, v):
                        out.append((focus, s.path, _NODE, v))
            elif p == "not":
                for v in values:
                    if self.conforms(data, o, v):
                        out.append((focus, s.path, _NOT, v))
            elif p == "or":
                for v in values:
                    if not any(self.conforms(data, m, v) for m in o):
                        out.append((focus, s.path, _OR, v))
            elif p == "property":
                for v in values:
                    out.extend(self._eval(data, o, v))
            elif p == "qualifiedValueShape":
                qualified, n = o
                conforms = self.conforms
                ok = 0
                for v in values:
                    if conforms(data, qualified, v):
                        ok += 1
                        if ok >= n:
                            break
                if ok < n:
                    out.append((focus, s.path, _QUALIFIED_MIN_COUNT, focus))
        return out

    def validate(self, data: Graph | Iterable[tuple[Node, Node, Node]]) -> list[ShaclResult]:
        """The results on ``data`` (a graph, or triples: duplicates are harmless)."""
        return self.validate_keys((_key(s), _key(p), _key(o)) for s, p, o in data)

    def validate_keys(self, data: Iterable[Triple]) -> list[ShaclResult]:
        """The results on ``data`` given as keys (duplicates are harmless)."""
        results = []
        index = _Index(data)
        for s, cls, sev, message in self.top:
            shape = str(s.node)
            severity = str(sev)
            for focus in index.typed.get(cls, ()):
                for f, path, comp, value in self._eval(index, s, focus):
                    results.append(
                        ShaclResult(
                            focus=lexical(f),
                            path=_path_text(path),
                            source_shape=shape,
                            component=comp,
                            severity=severity,
                            value=None if comp == _MIN_COUNT else lexical(value),
                            message=message,
                        )
                    )
        return sorted(results, key=lambda r: r.order)


def _path_text(path: Path | None) -> str | None:
    if path is None:
        return None
    if len(path) == 1:
        return path[0]
    return "(" + " ".join(path) + ")"


T = TypeVar("T")
N = TypeVar("N", bound=Hashable)


def disjoint_batches(
    items: Iterable[T], nodes_of: Callable[[T], set[N]], size: int
) -> Iterator[list[T]]:
    """Batches of at most ``size`` items whose views share no focus node (``nodes_of``: the
    models and components an item's view describes), so that validating a batch's views in
    one call equals validating each alone: a new batch starts when an item repeats a node
    (e.g. a model described by two records). Memory is bounded by the batch."""
    batch: list[T] = []
    nodes: set[N] = set()
    for it in items:
        mine = nodes_of(it)
        if batch and (len(batch) >= size or not nodes.isdisjoint(mine)):
            yield batch
            batch, nodes = [], set()
        batch.append(it)
        nodes |= mine
    if batch:
        yield batch
