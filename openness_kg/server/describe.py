"""The description of one resource: every statement with it as subject, in every named graph,
with the statements about the blank nodes it points to (two levels), and where each came from.

This is what every representation of a resource shows: the HTML page lists exactly these
triples (and marks each up for machines), the RDF formats serialize exactly these triples.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..app_queries import app_query
from ..namespaces import bind_prefixes
from ..store import KGStore

DESCRIBE = app_query("describe")
# the statements about the blank nodes the subject points to, one and two levels down
NESTED_1 = app_query("describe-nested-1")
NESTED_2 = app_query("describe-nested-2")
RECORDS = app_query("source-records")

Triple = tuple[Node, URIRef, Node]


@dataclass
class SourceInfo:
    """A named graph a statement came from, with what its record says about itself."""

    graph: URIRef
    path: str | None = None
    retrieved: str | None = None
    kind: URIRef | None = None
    kind_label: str | None = None
    derived_from: URIRef | None = None


@dataclass
class Description:
    subject: URIRef
    # (s, p, o) -> named graphs it is stated in; subject's own and nested blank-node triples
    triples: dict[Triple, set[URIRef]] = field(default_factory=dict)
    sources: dict[URIRef, SourceInfo] = field(default_factory=dict)

    @property
    def exists(self) -> bool:
        return bool(self.triples)

    def graph(self) -> Graph:
        g = Graph()
        for t in self.triples:
            g.add(t)
        return g

    def dataset(self) -> Dataset:
        ds = Dataset()
        for (s, p, o), graphs in self.triples.items():
            for name in graphs:
                ds.graph(name).add((s, p, o))
        return ds

    def about(self, node: Node) -> dict[URIRef, list[Node]]:
        """Predicate -> objects for ``node`` (the subject or one of its blank nodes)."""
        out: dict[URIRef, list[Node]] = defaultdict(list)
        for s, p, o in self.triples:
            if s == node:
                out[p].append(o)
        return out

    def values(self, predicate: URIRef) -> list[Node]:
        return [o for (s, p, o) in self.triples if s == self.subject and p == predicate]

    def types(self) -> list[URIRef]:
        return [o for o in self.values(RDF.type) if isinstance(o, URIRef)]

    def nodes(self) -> set[URIRef]:
        """Every IRI in the description (to fetch labels for)."""
        out: set[URIRef] = set()
        for s, p, o in self.triples:
            for n in (s, p, o):
                if isinstance(n, URIRef):
                    out.add(n)
        return out


def describe(store: KGStore, subject: URIRef) -> Description:
    d = Description(subject)
    blank = False
    for row in store.select(DESCRIBE, {"s": subject}):
        g = row["g"]
        assert isinstance(g, URIRef)
        _add(d, (subject, row["p"], row["o"]), g)  # type: ignore[arg-type]
        blank = blank or isinstance(row["o"], BNode)
    if blank:
        nested = False
        for row in store.select(NESTED_1, {"s": subject}):
            _add(d, (row["b"], row["p1"], row["o1"]), row["g"])  # type: ignore[arg-type]
            nested = nested or isinstance(row["o1"], BNode)
        if nested:
            for row in store.select(NESTED_2, {"s": subject}):
                _add(d, (row["b1"], row["p2"], row["o2"]), row["g"])  # type: ignore[arg-type]
    d.sources = source_info(store, {g for gs in d.triples.values() for g in gs})
    return d


def _add(d: Description, t: Triple, g: URIRef) -> None:
    d.triples.setdefault(t, set()).add(g)


def source_info(store: KGStore, graphs: Iterable[URIRef]) -> dict[URIRef, SourceInfo]:
    out = {g: SourceInfo(g) for g in graphs}
    if not out:
        return out
    for row in store.select(RECORDS, {"g": set(out)}):
        g = row["g"]
        info = out.get(g) if isinstance(g, URIRef) else None
        if info is None:
            continue
        info.path = _text(row.get("path")) or info.path
        info.retrieved = _text(row.get("when")) or info.retrieved
        kind = row.get("kind")
        info.kind = kind if isinstance(kind, URIRef) else info.kind
        info.kind_label = _text(row.get("kindLabel")) or info.kind_label
        der = row.get("from")
        info.derived_from = der if isinstance(der, URIRef) else info.derived_from
    return out


def _text(node: Node | None) -> str | None:
    return str(node) if isinstance(node, Literal) else None


def serialize(
    d: Description, rdflib_format: str, quads: bool = False, base: str | None = None
) -> bytes:
    if quads:
        ds = d.dataset()
        bind_prefixes(ds, base)
        return ds.serialize(format=rdflib_format, encoding="utf-8")
    g = bind_prefixes(d.graph(), base)
    if rdflib_format == "json-ld":
        return g.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    return g.serialize(format=rdflib_format, encoding="utf-8")
