"""Running queries: syntax errors with positions, the worker, the timeout, safe parameters."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from narrow import solutions, triples
from query_helpers import (
    HOSTILE,
    HOSTILE_NAME,
    MINTER,
    SLOW_QUERY,
    A,
    B,
    filler_store,
    small_store,
)
from rdflib import Literal, URIRef

from openness_kg.namespaces import OKG
from openness_kg.sparql.cq import ParameterValueError, guess_term, to_term
from openness_kg.sparql.run import (
    NoStore,
    QuerySyntaxError,
    QueryTimeout,
    check_syntax,
    query_result,
    with_prologue,
)

NAMES = "SELECT ?m ?name WHERE { ?m a okg:Model ; okg:releaseName ?name } ORDER BY ?name"


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(QuerySyntaxError, match=r"error at 3:3: near .FILTER"):
        check_syntax("SELECT ?m WHERE {\n  ?m a okg:Model .\n  FILTER(?m = ) }")


def test_project_prefixes_need_no_declaration_and_declared_ones_win() -> None:
    assert check_syntax("SELECT * WHERE { ?m a okg:Model }") == "solutions"
    assert check_syntax("ASK { ?m a okg:Model }") == "boolean"
    assert check_syntax("CONSTRUCT WHERE { ?m a okg:Model }") == "triples"
    text = with_prologue("PREFIX okg: <http://other/>\nSELECT * WHERE { ?m a okg:X ; prov:p ?o }")
    assert "PREFIX okg:" not in text.splitlines()[0]
    assert text.splitlines()[0] == "PREFIX prov: <http://www.w3.org/ns/prov#>"


def test_worker_runs_every_form_on_disk(tmp_path) -> None:
    small_store(tmp_path / "st").close()
    with query_result(tmp_path / "st", NAMES) as result:
        assert isinstance(result, ox.QuerySolutions)
        names = [s["name"].value for s in result]
    assert names == ["A", 'B"}', HOSTILE_NAME]
    with query_result(tmp_path / "st", "ASK { ?m okg:releaseName 'A' }") as result:
        assert bool(result) is True
    with query_result(tmp_path / "st", "CONSTRUCT WHERE { ?m a okg:Model }") as result:
        subjects = {t.subject.value for t in triples(result)}  # type: ignore[union-attr]
    assert subjects == {str(A), str(B), str(HOSTILE)}


def test_worker_reads_while_a_writer_holds_the_store(tmp_path) -> None:
    store = small_store(tmp_path / "st")  # open for writing in this process
    with query_result(store, "SELECT (COUNT(*) AS ?n) WHERE { ?m a okg:Model }") as result:
        assert [s["n"].value for s in solutions(result)] == ["3"]
    store.close()


def test_timeout_stops_the_query(tmp_path) -> None:
    filler_store(tmp_path / "st")
    with (
        pytest.raises(QueryTimeout, match=r"longer than 0\.5 s"),
        query_result(tmp_path / "st", SLOW_QUERY, timeout=0.5),
    ):
        pass


def test_missing_store_is_reported(tmp_path) -> None:
    with pytest.raises(NoStore), query_result(tmp_path / "nothing", "ASK {}"):
        pass


@pytest.mark.parametrize("value", [HOSTILE_NAME, 'a"b', "a>b", "a}b", "a\nb"])
def test_hostile_model_ids_cannot_change_the_query(tmp_path, value: str) -> None:
    """A model id with quotes, >, } or a newline is bound as one IRI term: the query keeps
    its shape and finds that model or nothing."""
    store = small_store(None)
    term = to_term(value, "model", MINTER)
    assert isinstance(term, URIRef)
    with query_result(store, NAMES, {"m": term}) as result:
        assert isinstance(result, ox.QuerySolutions)
        rows = [(s["m"], s["name"]) for s in result]
    expected = [(ox.NamedNode(str(HOSTILE)), ox.Literal(HOSTILE_NAME))]
    assert rows == (expected if value == HOSTILE_NAME else [])


def test_hostile_literals_and_iris() -> None:
    store = small_store(None)
    with query_result(store, NAMES, {"name": Literal('B"}')}) as result:
        assert [s["m"].value for s in solutions(result)] == [str(B)]
    with pytest.raises(ParameterValueError):
        to_term("<http://x> } UNION { ?s ?p ?o", "iri", MINTER)
    with pytest.raises(ParameterValueError):
        guess_term('http://x/"} UNION {')


def test_parameter_types() -> None:
    assert to_term("meta-llama/Llama-3.1-8B", "model", MINTER) == MINTER.hub_model(
        "meta-llama/Llama-3.1-8B"
    )
    assert to_term("Polyglot Ko", "model", MINTER) == MINTER.named_model("Polyglot Ko")
    assert to_term("II", "mof-class", MINTER) == OKG.MofClassII
    assert to_term("Class III", "mof-class", MINTER) == OKG.MofClassIII
    assert to_term("1", "mof-class", MINTER) == OKG.MofClassI
    assert to_term("MIT", "license", MINTER) == URIRef("http://spdx.org/licenses/MIT")
    assert to_term("okg:Model", "iri", MINTER) == OKG.Model
    assert guess_term("42") == Literal(42)
    assert guess_term('"42"') == Literal("42")
    assert guess_term("<https://example.org/x>") == URIRef("https://example.org/x")
    with pytest.raises(ParameterValueError):
        to_term("IV", "mof-class", MINTER)
