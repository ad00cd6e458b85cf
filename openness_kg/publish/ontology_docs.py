"""The ontology as files: Turtle, JSON-LD, RDF/XML, and HTML documentation made by pyLODE."""

from __future__ import annotations

import logging

from rdflib import Graph

from ..namespaces import bind_prefixes

SERIALIZATIONS = {"ttl": "turtle", "jsonld": "json-ld", "rdf": "xml", "nt": "nt"}


def ontology_html(graph: Graph) -> str:
    """HTML documentation of the ontology, generated offline by pyLODE's OntPub profile."""
    from pylode import OntPub

    logging.getLogger("root").setLevel(logging.WARNING)
    return str(OntPub(ontology=graph).make_html())


def serialize_ontology(graph: Graph, ext: str) -> bytes:
    g = bind_prefixes(Graph())
    for t in graph:
        g.add(t)
    fmt = SERIALIZATIONS[ext]
    if fmt == "json-ld":
        return g.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    return g.serialize(format=fmt, encoding="utf-8")
