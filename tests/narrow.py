"""A query answer narrowed to the type a test expects, failing loudly when it is another.

pyoxigraph's ``query`` returns solutions, a boolean or triples, and a store's ``select`` row
holds any rdflib ``Node``: a test that knows which one it asked for says so here, so the type
checker follows it and a wrong answer fails as an assertion, not as an AttributeError later.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node


def solutions(result: object) -> ox.QuerySolutions:
    """The solutions of a SELECT (``result`` from ``Store.query`` or ``parse_query_results``)."""
    assert isinstance(result, ox.QuerySolutions), f"not SELECT solutions: {type(result)}"
    return result


def triples(result: object) -> Iterator[ox.Triple]:
    """The triples of a CONSTRUCT or DESCRIBE."""
    assert not isinstance(result, ox.QuerySolutions | ox.QueryBoolean), "not triples"
    assert isinstance(result, Iterable), f"not triples: {type(result)}"
    for t in result:
        assert isinstance(t, ox.Triple), f"not a triple: {t!r}"
        yield t


def iri(node: Node | None) -> URIRef:
    """A value that must be an IRI (a model, a record)."""
    assert isinstance(node, URIRef), f"not an IRI: {node!r}"
    return node


def literal(node: Node | None) -> Literal:
    """A value that must be a literal (a count, a date, a notation)."""
    assert isinstance(node, Literal), f"not a literal: {node!r}"
    return node
