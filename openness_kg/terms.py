"""Conversion between rdflib terms (the graph API) and pyoxigraph terms (the store)."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if type(term) is URIRef or isinstance(term, URIRef):  # the common case first, fast
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt), normalize=False)
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_quads(graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> list[ox.Quad]:
    """Triples as pyoxigraph quads in ``graph``."""
    g = ox.NamedNode(graph)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in triples]  # type: ignore[arg-type]


# Keys: a term as one plain string, for code that compares many terms (the compiled SHACL
# evaluator, the MOF view): an IRI its text, a blank node ``_:id``, a literal its N-Triples
# form (lexical form with datatype or language). Built-in strings hash and compare in C.


def key(term: Node) -> str:
    """The key of an rdflib term."""
    if isinstance(term, Literal):
        return str(to_ox(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def nt_parts(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object of one N-Triples line ``S P O .`` as the store writes it
    (:func:`~openness_kg.history.versions.stored_lines`), each still in N-Triples: a subject
    (an IRI or a blank node) and a predicate hold no space, the object is the rest."""
    s, p, rest = line.split(" ", 2)
    return s, p, rest[:-2]


def nt_key(text: str) -> str:
    """The key of a term written in N-Triples (as a line of :func:`store N-Triples
    <openness_kg.history.versions.stored_lines>` writes it)."""
    return text[1:-1] if text[0] == "<" else text


def lexical(k: str) -> str:
    """A key as a report prints the term: an IRI's text, a blank node's id, a literal's
    lexical form."""
    if k[0] != '"':
        return k[2:] if k[:2] == "_:" else k
    end = k.rindex('"')
    if "\\" not in k[:end]:
        return k[1:end]
    return str(from_key(k))


def from_key(k: str) -> Node:
    """The rdflib term of a key."""
    if k[0] == '"':
        (t,) = ox.parse(f"<urn:x-okg:k> <urn:x-okg:k> {k} .", ox.RdfFormat.N_TRIPLES)
        return from_ox(t.object)
    if k[:2] == "_:":
        return BNode(k[2:])
    return URIRef(k)
