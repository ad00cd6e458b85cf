"""Helpers the templates use to show RDF terms: labels, links, N-Triples forms, sources."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from ..terms import to_ox
from .describe import Description, SourceInfo
from .labels import Labels, qname
from .urls import UrlMap

TOP = [RDF.type, RDFS.label]
INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}
PLAIN_TYPES = {
    XSD.string,
    XSD.boolean,
    XSD.decimal,
    XSD.double,
    XSD.dateTime,
    XSD.date,
    *INTEGER_TYPES,
}


@dataclass
class Group:
    predicate: URIRef
    values: list[tuple[Node, list[URIRef]]]  # object, graphs it is stated in


class View:
    def __init__(self, urls: UrlMap, labels: Labels, description: Description | None = None):
        self.urls = urls
        self.labels = labels
        self.d = description

    def sub(self, description: Description) -> View:
        return View(self.urls, self.labels, description)

    # terms -----------------------------------------------------------------------------
    def label(self, node: Node) -> str:
        return self.labels(node)

    def definition(self, node: Node) -> str:
        return self.labels.definition.get(node, "") if isinstance(node, URIRef) else ""

    def qname(self, node: Node) -> str:
        return (qname(str(node)) or str(node)) if isinstance(node, URIRef) else ""

    def href(self, node: Node) -> str | None:
        """A link for an IRI: our page when we describe it, else the IRI itself (if web)."""
        if not isinstance(node, URIRef):
            return None
        iri = str(node)
        if self.urls.is_instance(iri) or self.urls.is_ontology(iri) or node in self.labels.known:
            return self.urls.page(iri)
        if iri.startswith(("http://", "https://")):
            return iri
        return None

    def nt(self, node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{node}"
        return str(to_ox(node))

    def is_iri(self, node: Node) -> bool:
        return isinstance(node, URIRef)

    def is_bnode(self, node: Node) -> bool:
        return isinstance(node, BNode)

    def literal_note(self, node: Node) -> str:
        if not isinstance(node, Literal):
            return ""
        if node.language:
            return f"@{node.language}"
        if node.datatype and node.datatype not in PLAIN_TYPES:
            return qname(str(node.datatype)) or str(node.datatype)
        return ""

    def show_literal(self, node: Node) -> str:
        if isinstance(node, Literal):
            if node.datatype == XSD.boolean:
                return "yes" if node.toPython() is True else "no"
            if node.datatype in INTEGER_TYPES:
                try:
                    return f"{int(str(node)):,}"
                except ValueError:
                    return str(node)
            if node.datatype == XSD.dateTime:
                return str(node).replace("T00:00:00Z", "").replace("T", " ")
        return str(node)

    # statements ------------------------------------------------------------------------
    def groups(self, subject: Node) -> list[Group]:
        assert self.d is not None
        by_p: dict[URIRef, list[tuple[Node, list[URIRef]]]] = {}
        for (s, p, o), graphs in self.d.triples.items():
            if s == subject:
                by_p.setdefault(p, []).append((o, sorted(graphs)))

        def pkey(p: URIRef) -> tuple[int, str]:
            return (TOP.index(p) if p in TOP else len(TOP), self.label(p).lower())

        return [
            Group(p, sorted(vals, key=lambda v: (self.label(v[0]).lower(), str(v[0]))))
            for p, vals in sorted(by_p.items(), key=lambda kv: pkey(kv[0]))
        ]

    def source(self, graph: URIRef) -> SourceInfo:
        assert self.d is not None
        return self.d.sources.get(graph) or SourceInfo(graph)

    def source_text(self, graph: URIRef) -> str:
        info = self.source(graph)
        if info.path:
            return info.path
        if str(graph).startswith(self.urls.base):
            return str(graph)[len(self.urls.base) :]
        return self.label(graph)

    def progress(self, value: float | None) -> str:
        return "" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")
