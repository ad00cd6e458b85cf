"""Issue 16: the set-at-a-time evaluation (the compiled SHACL evaluator over a batch of
records' views at once) gives pySHACL's results record by record: same focus node, path,
source shape, constraint component, severity, same class and progress for MOF,
same OSAID verdict, on every bundled record and on 1,000 seeded synthetic MOT-like ones;
and so do the MOF shapes compiled to SPARQL and run by the store (``engine="sparql"``)."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest
from query_helpers import bundled_store
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from openness_kg.frameworks.osaid import (
    assess,
    assess_many,
    compiled,
    osaid_shapes,
    osaid_triples,
    osaid_view,
    verdict_from_results,
)
from openness_kg.frameworks.records import record_rows, store_facts
from openness_kg.frameworks.result import Verdict
from openness_kg.frameworks.status import RecordFacts
from openness_kg.history.versions import ox_line, stored_lines
from openness_kg.ingest.mot import Provenance, transform
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classification, Classifier, classify_store
from openness_kg.mof.view import facts_from_lines, facts_from_triples
from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.shacl.compiled import disjoint_batches
from openness_kg.shacl.run import ShaclResult, validate_views
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from synthetic_mot import synthetic_models

MINTER = Minter()
SYNTHETIC = 1000


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    return bundled_store(tmp_path_factory.mktemp("bundled") / "store")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    store = OxigraphStore(tmp_path_factory.mktemp("synthetic") / "store")
    prov = Provenance("https://example.org/synthetic", datetime.date(2026, 1, 1), "synthetic")
    recs = (
        transform(d, f"synthetic-{i}.yml", prov, MINTER)
        for i, d in enumerate(synthetic_models(SYNTHETIC, seed=16))
    )
    assert write_records(store, recs).landed == SYNTHETIC
    return store


def _key(c: Classification) -> tuple[object, ...]:
    results = [r.key for r in c.results]  # both engines sort them alike
    return (str(c.record), str(c.model), c.mof_class, c.progress, c.record_version, results)


def _same_classes(store: OxigraphStore, mode: str, expect: int) -> None:
    ref = [_key(c) for c in classify_store(store, Classifier(mode, "pyshacl", MINTER))]
    assert len(ref) == expect
    for engine in ("fast", "sparql"):  # the compiled evaluator; the shapes as SPARQL
        got = [_key(c) for c in classify_store(store, Classifier(mode, engine, MINTER))]
        assert got == ref, engine


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["default", "strict"])
def test_mof_bundled_batch_equals_pyshacl(bundled: OxigraphStore, mode: str) -> None:
    _same_classes(bundled, mode, 308)


@pytest.mark.slow
def test_mof_synthetic_batch_equals_pyshacl(synthetic: OxigraphStore) -> None:
    _same_classes(synthetic, "default", SYNTHETIC)


def _focus(f: RecordFacts) -> set[str]:
    return {str(f.model)} | {str(c.iri) for c in f.components.values()}


def _osaid_equal(facts: list[RecordFacts]) -> None:
    shapes = osaid_shapes()
    batched: list[tuple[RecordFacts, Verdict, list[ShaclResult]]] = []
    for b in disjoint_batches(facts, _nodes, 400):
        results = compiled().validate(osaid_triples(b, MINTER))
        for f, v in zip(b, assess_many(b, MINTER), strict=True):
            batched.append((f, v, [r for r in results if r.focus in _focus(f)]))
    assert len(batched) == len(facts)
    for f, v, got in batched:
        ref = [r for r in validate_views(osaid_view([f], MINTER), shapes) if r.focus in _focus(f)]
        assert [r.key for r in got] == [r.key for r in ref], f.source
        assert verdict_from_results(f, ref) == v, f.source
        assert assess(f, MINTER) == v, f.source


def _nodes(f: RecordFacts) -> set[Node]:
    return {f.model, *(c.iri for c in f.components.values())}


@pytest.mark.slow
def test_osaid_bundled_batch_equals_pyshacl(bundled: OxigraphStore) -> None:
    facts = list(store_facts(bundled))
    assert len(facts) >= 308
    _osaid_equal(facts)


@pytest.mark.slow
def test_osaid_synthetic_batch_equals_pyshacl(synthetic: OxigraphStore) -> None:
    facts = list(store_facts(synthetic))
    assert len(facts) == SYNTHETIC
    _osaid_equal(facts)


def test_batches_keep_a_model_once() -> None:
    # a model described by two records never shares a batch with itself
    items = ["a", "b", "a", "c", "c"]
    got = list(disjoint_batches(items, lambda x: {x}, 10))
    assert got == [["a", "b"], ["a", "c"], ["c"]]
    assert list(disjoint_batches(range(5), lambda x: {x}, 2)) == [[0, 1], [2, 3], [4]]


def _read_alike(store: OxigraphStore, graphs: list[URIRef]) -> None:
    for g in graphs:
        lines = stored_lines(store, g)
        assert sorted(lines) == sorted(ox_line(q) for q in store.ox_quads(g)), g
        triples = [(s, p, o) for s, p, o, _ in store.quads(g)]
        assert facts_from_lines(lines) == facts_from_triples(triples), g


def test_records_read_as_lines_read_alike(bundled: OxigraphStore, tmp_path: Path) -> None:
    # the fast engine reads a record as the store's N-Triples lines: the same statements as
    # its quads, and the same view facts as from its rdflib triples, on every bundled record
    # and on literals that need escaping (a line break inside a literal is not a line's end)
    graphs = [r.record for r in record_rows(bundled)]
    assert len(graphs) >= 308
    _read_alike(bundled, graphs)
    g, m, c = (URIRef(f"https://example.org/{x}") for x in ("rec", "model", "comp"))
    rec = Record(g, "odd")
    rec.add(m, OKG.hasComponent, c)
    rec.add(m, OKG.hasComponent, BNode("b1"))
    rec.add(c, RDF.type, OKG.ModelParametersFinal)
    rec.add(BNode("b1"), RDF.type, OKG.Datasets)
    for raw in ('MIT "quoted" \\ back', "line\nbreak", "sep\u2028arator", "é", ""):
        rec.add(c, OKG.declaredLicense, Literal(raw))
    rec.add(BNode("b1"), OKG.declaredLicense, Literal("Apache-2.0", lang="en"))
    rec.add(c, OKG.licenseInheritedFrom, Literal("x y", datatype=XSD.token))
    rec.add(c, RDFS.comment, Literal("a\u2028b"))
    store = OxigraphStore(tmp_path / "odd")
    store.replace_graphs([rec])
    _read_alike(store, [g])
