"""Parameter binding never pastes user text into a query, and keeps queries valid."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from narrow import solutions
from rdflib import BNode, Literal, URIRef

from openness_kg.binding import ParameterError, bind_parameters

X = URIRef("urn:x")


def parses(query: str) -> bool:
    ox.Store().query(query)  # raises SyntaxError when the result is not valid SPARQL
    return True


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a triple pattern: the term stands in place
        ("ASK { ?s ?p ?o }", "ASK { <urn:x> ?p ?o }"),
        # projected: (term AS ?var), so the column stays
        ("SELECT ?s ?o WHERE { ?s ?p ?o }", "SELECT (<urn:x> AS ?s) ?o WHERE { <urn:x> ?p ?o }"),
        # GROUP BY / ORDER BY take an expression in parentheses
        (
            "SELECT ?s (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?s ORDER BY ?s",
            "SELECT (<urn:x> AS ?s) (COUNT(*) AS ?n) { <urn:x> ?p ?o } "
            "GROUP BY (<urn:x>) ORDER BY (<urn:x>)",
        ),
        # inside an aggregate or a filter it is a plain term
        (
            "SELECT (COUNT(?s) AS ?n) { ?s ?p ?o FILTER(?s != <urn:y>) }",
            "SELECT (COUNT(<urn:x>) AS ?n) { <urn:x> ?p ?o FILTER(<urn:x> != <urn:y>) }",
        ),
        # strings, IRIs and comments are not touched
        (
            'CONSTRUCT { ?s <urn:p> "?s { }" } WHERE { ?s ?p ?o } # ?s {',
            'CONSTRUCT { <urn:x> <urn:p> "?s { }" } WHERE { <urn:x> ?p ?o } # ?s {',
        ),
        # a sub-select's ORDER BY ends with the sub-select: the outer ?s is a plain term
        (
            "SELECT ?p { { SELECT ?s { ?s a <urn:T> } ORDER BY ?s } ?s <urn:h> ?p }",
            "SELECT ?p { { SELECT (<urn:x> AS ?s) { <urn:x> a <urn:T> } ORDER BY (<urn:x>) } "
            "<urn:x> <urn:h> ?p }",
        ),
        # a sub-select that does not project ?s has its own ?s: left alone
        (
            "SELECT ?n ?t { ?s <urn:n> ?n { SELECT (COUNT(?s) AS ?t) { ?s <urn:p> ?o } } }",
            "SELECT ?n ?t { <urn:x> <urn:n> ?n { SELECT (COUNT(?s) AS ?t) { ?s <urn:p> ?o } } }",
        ),
        # prefixed names end where SPARQL says: before '!=', and a '#' comment after one
        (
            "PREFIX e: <urn:e#> ASK { ?o ?p ?q FILTER(e:zz!=?s) }",
            "PREFIX e: <urn:e#> ASK { ?o ?p ?q FILTER(e:zz!=<urn:x>) }",
        ),
        (
            "PREFIX e: <urn:e#> ASK { ?s a e:T# the model's name\n. ?s ?p ?o }",
            "PREFIX e: <urn:e#> ASK { <urn:x> a e:T# the model's name\n. <urn:x> ?p ?o }",
        ),
        # SELECT *, BOUND(?s) and VALUES headers fall back to a VALUES block
        ("SELECT * { ?s ?p ?o }", "SELECT * { VALUES ?s { <urn:x> }  ?s ?p ?o }"),
        (
            "ASK { OPTIONAL { ?s ?p ?o } FILTER(!BOUND(?s)) }",
            "ASK { VALUES ?s { <urn:x> }  OPTIONAL { ?s ?p ?o } FILTER(!BOUND(?s)) }",
        ),
        (
            "ASK { VALUES ?s { <urn:a> } ?s ?p ?o }",
            "ASK { VALUES ?s { <urn:x> }  VALUES ?s { <urn:a> } ?s ?p ?o }",
        ),
    ],
)
def test_substitution(query: str, expected: str) -> None:
    out = bind_parameters(query, {"s": X})
    assert out == expected
    assert parses(out)


def test_substituted_and_values_forms_give_the_same_answer() -> None:
    store = ox.Store()
    ex = "http://example.org/"
    for s, o in (("a", "1"), ("a", "2"), ("b", "3")):
        store.add(ox.Quad(ox.NamedNode(ex + s), ox.NamedNode(ex + "p"), ox.Literal(o)))
    q = f"SELECT ?s (COUNT(?o) AS ?n) WHERE {{ ?s <{ex}p> ?o }} GROUP BY ?s"
    out = bind_parameters(q, {"s": URIRef(ex + "a")})
    rows = [(r["s"].value, r["n"].value) for r in solutions(store.query(out))]
    assert rows == [(ex + "a", "2")]


@pytest.mark.parametrize("value", ['x" } UNION { ?s ?p ?o } #', "a\n}\nDROP ALL", "}>{"])
def test_hostile_literals_are_escaped(value: str) -> None:
    out = bind_parameters("ASK { ?s ?p ?v }", {"v": Literal(value)})
    inserted = out[len("ASK { ?s ?p ") : -len(" }")]
    assert inserted.startswith('"') and inserted.endswith('"')
    assert "\n" not in inserted and '"' not in inserted[1:-1].replace('\\"', "")
    assert parses(out)


def test_hostile_iri_is_rejected() -> None:
    with pytest.raises(ValueError):
        bind_parameters("ASK { ?s ?p ?o }", {"s": URIRef("urn:a> <urn:b")})


def test_a_variable_the_query_assigns_is_no_parameter() -> None:
    with pytest.raises(ParameterError, match="assigned by the query"):
        bind_parameters("SELECT ?o { ?o ?p ?q BIND(?q AS ?s) }", {"s": X})


def test_a_blank_node_is_no_parameter() -> None:
    """``_:b`` in a pattern would act as a wildcard, not as the value bound."""
    with pytest.raises(ParameterError, match="blank node"):
        bind_parameters("ASK { ?s ?p ?o }", {"s": BNode()})


def test_bad_variable_name() -> None:
    with pytest.raises(ParameterError):
        bind_parameters("ASK { ?s ?p ?o }", {"s } #": Literal("x")})
