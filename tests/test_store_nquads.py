"""The N-Quads text of the bulk path, checked against pyoxigraph: parsing our text gives the
quads pyoxigraph builds from the same terms, for terms chosen to be awkward; and an IRI
that could close its ``<...>`` early is refused, so it cannot add a statement."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from openness_kg.records import Record
from openness_kg.store.nquads import records_nquads
from openness_kg.terms import to_ox_quads

G = URIRef("https://example.org/g/1")
S = URIRef("https://example.org/s")
P = URIRef("https://example.org/p")

AWKWARD = [
    Literal("plain"),
    Literal('quote " and backslash \\ and \\n as text'),
    Literal("line\nbreak\r\nand\ttab"),
    Literal("ünïcødé – 日本語 – 🙂"),
    Literal(""),
    Literal("Bonjour", lang="fr"),
    Literal("colour", lang="en-GB"),
    Literal("42", datatype=XSD.integer),
    Literal("62.03071672354948", datatype=XSD.decimal),
    Literal("x", datatype=XSD.string),
    Literal("2025-03-21T00:00:00Z", datatype=XSD.dateTime),
    Literal("odd", datatype=URIRef("https://example.org/dt#odd")),
    URIRef("https://example.org/a%20b/c?d=e&f=g#h"),
    URIRef("https://example.org/ünïcødé/🙂"),
    URIRef("urn:x-test:1"),
    BNode("b1"),
]


def test_text_parses_to_the_quads_pyoxigraph_builds() -> None:
    rec = Record(G, "awkward")
    for o in AWKWARD:
        rec.add(S, P, o)
    rec.add(BNode("b1"), P, S)
    other = Record(URIRef("https://example.org/g/2"), "other")
    other.add(S, P, Literal("again"))
    ours = list(ox.parse(records_nquads([rec, other]), ox.RdfFormat.N_QUADS))
    expected = to_ox_quads(rec.graph, rec.triples) + to_ox_quads(other.graph, other.triples)
    assert ours == expected


@pytest.mark.parametrize(
    "bad",
    [
        "https://example.org/x> <https://example.org/p> <https://example.org/o",
        "https://example.org/with space",
        'https://example.org/"quote',
        "https://example.org/{brace}",
        "https://example.org/new\nline",
    ],
)
def test_iri_that_could_escape_its_brackets_is_refused(bad: str) -> None:
    rec = Record(G, "bad")
    rec.add(URIRef(bad), P, Literal("x"))
    with pytest.raises(ValueError, match="not an IRI"):
        records_nquads([rec])


def test_bad_datatype_iri_is_refused() -> None:
    rec = Record(G, "bad")
    rec.add(S, P, Literal("x", datatype=URIRef("https://example.org/dt> .")))
    with pytest.raises(ValueError, match="not an IRI"):
        records_nquads([rec])
