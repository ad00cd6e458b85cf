"""Records as N-Quads text, for Oxigraph's bulk loader: the fast path of a first ingest.

Building a pyoxigraph term for every rdflib term and serializing those costs about 3 us per
quad, more than the Hub transform itself; writing the N-Quads text directly costs about a
third of that. The text is what the N-Quads grammar allows, and no more
(https://www.w3.org/TR/n-quads/): an IRI with a character ``IRIREF`` excludes is refused (so
no IRI can close its ``<...>`` early and add a statement of its own), literals escape ``"``,
``\\``, LF and CR (``ECHAR``), blank node labels go through pyoxigraph. Oxigraph parses the
text again when it loads it, so an IRI the grammar allows but Oxigraph does not (a relative
one) fails the batch there, and the journal undoes it. The tests check the output against
pyoxigraph's own serializer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..records import Record

_NOT_IN_IRIREF = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _iri(value: str) -> str:
    if _NOT_IN_IRIREF.search(value):
        raise ValueError(f"not an IRI N-Quads can write: {value!r}")
    return f"<{value}>"


def _literal(term: Literal) -> str:
    text = str(term)
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:
        text = (
            text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        )
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None and term.datatype != _XSD_STRING:
        return f'"{text}"^^{_iri(term.datatype)}'
    return f'"{text}"'


def term_text(term: Node) -> str:
    """One rdflib term in N-Quads syntax."""
    if type(term) is URIRef or isinstance(term, URIRef):  # the common case first
        return _iri(term)
    if isinstance(term, Literal):
        return _literal(term)
    if isinstance(term, BNode):
        return str(ox.BlankNode(str(term)))
    raise TypeError(f"not an RDF term: {term!r}")


def records_nquads(records: Iterable[Record]) -> bytes:
    """The records' triples as N-Quads, each in its record's graph (UTF-8)."""
    # a term usually recurs as the very same object (a namespace's term, a record's subject):
    # the dict finds those by identity, without comparing or re-checking them
    seen: dict[Node, str] = {}

    def t(term: Node) -> str:
        text = seen.get(term)
        if text is None:
            text = seen[term] = term_text(term)
        return text

    lines: list[str] = []
    for r in records:
        end = f" {_iri(r.graph)} .\n"
        lines.extend(f"{t(s)} {t(p)} {t(o)}{end}" for s, p, o in r.triples)
    return "".join(lines).encode()
