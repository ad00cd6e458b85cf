"""Parameter binding never pastes user text into a query."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef

from openness_kg.sparql_params import ParameterError, bind_parameters


def test_values_block_goes_into_where_not_into_strings_or_templates() -> None:
    q = 'CONSTRUCT { ?s <urn:p> "{ not here }" } WHERE { ?s ?p ?o } # { comment'
    out = bind_parameters(q, {"s": URIRef("urn:x")})
    assert out.endswith("WHERE { VALUES ?s { <urn:x> }  ?s ?p ?o } # { comment")


def test_select_without_where_keyword() -> None:
    out = bind_parameters("SELECT * { ?s ?p ?o }", {"o": Literal("a")})
    assert out == 'SELECT * { VALUES ?o { "a" }  ?s ?p ?o }'


@pytest.mark.parametrize("value", ['x" } UNION { ?s ?p ?o } #', "a\n}\nDROP ALL", "}>{"])
def test_hostile_literals_are_escaped(value: str) -> None:
    out = bind_parameters("ASK { ?s ?p ?v }", {"v": Literal(value)})
    # the literal is a single escaped token: no raw newline or closing quote leaks out
    inserted = out[len("ASK { VALUES ?v { ") : out.index(" }  ?s")]
    assert inserted.startswith('"') and inserted.endswith('"')
    assert "\n" not in inserted and '"' not in inserted[1:-1].replace('\\"', "")


def test_hostile_iri_is_rejected() -> None:
    with pytest.raises(ValueError):
        bind_parameters("ASK { ?s ?p ?o }", {"s": URIRef("urn:a> <urn:b")})


def test_bad_variable_name() -> None:
    with pytest.raises(ParameterError):
        bind_parameters("ASK { ?s ?p ?o }", {"s } #": Literal("x")})
