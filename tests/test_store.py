"""The store interface on the embedded Oxigraph backend."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

G1 = URIRef("https://example.org/g1")
G2 = URIRef("https://example.org/g2")
M = URIRef("https://example.org/m")


def rec(graph: URIRef, *objs: str) -> Record:
    r = Record(graph, str(graph))
    for o in objs:
        r.add(M, OKG.releaseName, Literal(o))
    return r


def test_replace_graphs_replaces_only_named_graphs(mem_store: OxigraphStore) -> None:
    mem_store.replace_graphs([rec(G1, "a", "b"), rec(G2, "c")])
    assert mem_store.graph_sizes() == {G1: 2, G2: 1}
    mem_store.replace_graphs([rec(G1, "z")])
    assert mem_store.graph_sizes() == {G1: 1, G2: 1}
    assert {r["o"] for r in mem_store.select("SELECT ?o WHERE { ?s ?p ?o }")} == {
        Literal("z"),
        Literal("c"),
    }


def test_drop_removes_graphs(mem_store: OxigraphStore) -> None:
    mem_store.replace_graphs([rec(G1, "a"), rec(G2, "c")])
    mem_store.replace_graphs([], drop=[G2])
    assert mem_store.graph_sizes() == {G1: 1}


def test_queries_see_union_of_named_graphs(mem_store: OxigraphStore) -> None:
    r1 = Record(G1, "g1")
    r1.add(M, RDF.type, OKG.Model)
    r2 = Record(G2, "g2")
    r2.add(M, OKG.parameterCount, Literal(7, datatype=XSD.integer))
    mem_store.replace_graphs([r1, r2])
    rows = mem_store.select("SELECT ?n WHERE { ?m a ?t ; ?p ?n . FILTER(isLiteral(?n)) }")
    assert rows == [{"n": Literal("7", datatype=XSD.integer)}]


def test_bindings_are_terms_not_text(mem_store: OxigraphStore) -> None:
    """A hostile value bound as a parameter cannot change the query."""
    mem_store.replace_graphs([rec(G1, "a")])
    hostile = Literal('a" } UNION { ?s ?p ?o } #')
    rows = mem_store.select("SELECT ?s WHERE { ?s ?p ?name }", bindings={"name": hostile})
    assert rows == []
    rows = mem_store.select("SELECT ?s WHERE { ?s ?p ?name }", bindings={"name": Literal("a")})
    assert rows == [{"s": M}]


def test_hostile_literal_cannot_inject_triples(mem_store: OxigraphStore) -> None:
    evil = '"> . <https://example.org/x> <https://example.org/y> "pwned" . } ; DROP ALL ; #\n\x00'
    mem_store.replace_graphs([rec(G1, evil)])
    assert len(mem_store) == 1
    (row,) = mem_store.select("SELECT ?o WHERE { ?s ?p ?o }")
    assert str(row["o"]) == evil


def test_on_disk_store_persists(tmp_path) -> None:
    path = tmp_path / "store"
    s = OxigraphStore(path)
    s.replace_graphs([rec(G1, "a", "b")])
    s.close()
    s2 = OxigraphStore(path, read_only=True)
    assert len(s2) == 2
    assert set(s2.graph(G1).objects()) == {Literal("a"), Literal("b")}


def test_bindings_work_with_aggregates_and_construct(mem_store: OxigraphStore) -> None:
    mem_store.replace_graphs([rec(G1, "a", "b"), rec(G2, "c")])
    rows = mem_store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": G1}
    )
    assert rows == [{"n": Literal("2", datatype=XSD.integer)}]
    g = mem_store.construct(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", bindings={"g": G2}
    )
    assert set(g.objects()) == {Literal("c")}
    assert mem_store.ask("ASK { GRAPH ?g { ?s ?p 'c' } }", bindings={"g": G2})
    assert not mem_store.ask("ASK { GRAPH ?g { ?s ?p 'c' } }", bindings={"g": G1})
