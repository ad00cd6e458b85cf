"""Competency questions (queries/cq/NN-slug.rq + NN-slug.yaml) over the hand-written fixture KG.

Each question runs on the ontology plus ``tests/fixtures/kg/fixture.trig`` loaded into an
in-memory Oxigraph store, with its parameters bound as RDF terms, and its rows are compared as a
set with the rows its YAML expects (written by hand from the fixture, not from a run).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, ONTOLOGY_IRI
from openness_kg.ontology import lint, lint_queries, load_ontology
from openness_kg.paths import QUERIES_DIR
from openness_kg.records import Record
from openness_kg.store import OxigraphStore
from openness_kg.summaries import LICENCE_KIND, refresh

FIXTURE = Path(__file__).parent / "fixtures" / "kg" / "fixture.trig"
CQ_DIR = QUERIES_DIR / "cq"
CQ_FILES = sorted(CQ_DIR.glob("*.rq"))
CQ_KEYS = {"question", "parameters", "expected"}


def test_competency_questions_found() -> None:
    assert len(CQ_FILES) >= 5, f"expected the competency questions in {CQ_DIR}"


def test_every_cq_has_its_yaml_and_back() -> None:
    rq = {p.stem for p in CQ_DIR.glob("*.rq")}
    ym = {p.stem for p in CQ_DIR.glob("*.yaml")}
    assert rq == ym, f"unpaired: {sorted(rq ^ ym)}"
    for stem in rq:
        assert stem[:2].isdigit() and stem[2] == "-", f"{stem}: name is not NN-slug"


_IRI = re.compile(r"^<([^<>\"{}|^`\\\s]*)>$")
_LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^<>\s]*)>)?$')
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\", "'": "'"}


def term(text: str) -> Node:
    """An N-Triples term from a YAML expectation: ``<iri>``, ``"text"``, ``"x"@en`` or
    ``"v"^^<datatype>``, kept exactly as written (no normalisation of the lexical form)."""
    if m := _IRI.match(text):
        return URIRef(m.group(1))
    if m := _LITERAL.match(text):
        lex = re.sub(r"\\(.)", lambda e: _ESCAPES.get(e.group(1), e.group(0)), m.group(1))
        lang, dt = m.group(2), m.group(3)
        if lang:
            return Literal(lex, lang=lang)
        if dt and dt != str(XSD.string):
            return Literal(lex, datatype=URIRef(dt), normalize=False)
        return Literal(lex)
    raise ValueError(f"not an N-Triples term: {text!r}")


def row_key(row: dict[str, Node]) -> frozenset[tuple[str, str]]:
    return frozenset((var, value.n3()) for var, value in row.items())


def load_fixture(store: OxigraphStore) -> None:
    """The ontology (its own named graph, as ``build`` writes it) and the fixture's graphs;
    then the per-model licence summaries, computed from them as ``build`` does (so the
    questions that read the summaries check them against answers written by hand from the
    fixture's records; the fixture's MOF summaries are written by hand)."""
    store.replace_graphs(
        [Record.from_graph(load_ontology(), "ontology", name=URIRef(ONTOLOGY_IRI))]
    )
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    refresh(store, Minter(), kinds=[LICENCE_KIND])


@pytest.fixture(scope="module")
def kg() -> OxigraphStore:
    store = OxigraphStore(None)
    load_fixture(store)
    return store


def read_spec(path: Path) -> dict[str, Any]:
    spec = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
    assert isinstance(spec, dict) and set(spec) == CQ_KEYS, f"{path.stem}.yaml keys: {CQ_KEYS}"
    assert isinstance(spec["question"], str) and spec["question"].strip()
    return spec


@pytest.mark.parametrize("path", CQ_FILES, ids=[p.stem for p in CQ_FILES])
def test_competency_question(kg: OxigraphStore, path: Path) -> None:
    spec = read_spec(path)
    query = path.read_text(encoding="utf-8")
    params = spec["parameters"] or {}
    bindings = {name: term(value) for name, value in params.items() if value is not None}
    for name in bindings:
        assert f"?{name}" in query, f"parameter ?{name} does not occur in {path.name}"
    expected = spec["expected"]
    if isinstance(expected, bool):
        assert kg.ask(query, bindings) is expected
        return
    assert isinstance(expected, list) and expected, "expected: a non-empty list of rows or a bool"
    want = {row_key({var: term(value) for var, value in row.items()}) for row in expected}
    rows = kg.select(query, bindings)
    got = {row_key(r) for r in rows}
    assert len(rows) == len(got), f"{path.name} returned duplicate rows"
    assert got == want, (
        f"missing: {sorted(map(sorted, want - got))}\nextra: {sorted(map(sorted, got - want))}"
    )


def test_term_parser() -> None:
    assert term("<https://example.org/a>") == URIRef("https://example.org/a")
    assert term('"a \\"b\\""').n3() == Literal('a "b"').n3()
    assert term('"x"@en') == Literal("x", lang="en")
    z = term('"2026-11-18T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>')
    assert str(z) == "2026-11-18T00:00:00Z"
    with pytest.raises(ValueError):
        term("acme/Acme-7B")


def test_parameters_change_the_answer(kg: OxigraphStore) -> None:
    """Bindings are really applied: another parameter value gives another answer."""
    query = (CQ_DIR / "02-fine-tune-ancestors.rq").read_text(encoding="utf-8")
    base = URIRef("https://w3id.org/openness-kg/id/model/acme/Acme-7B")
    assert kg.select(query, {"model": base}) == []
    instruct = URIRef("https://w3id.org/openness-kg/id/model/acme/Acme-7B-Instruct")
    assert kg.select(query, {"model": instruct}) == [{"ancestor": base}]


def test_fixture_conforms_to_the_ontology(kg: OxigraphStore) -> None:
    """Every okg: term the fixture uses is declared; domains and ranges hold (closed world)."""
    findings = lint(kg, lint_queries("data"))
    assert findings == []


def test_data_lint_fires_on_a_bad_statement() -> None:
    store = OxigraphStore(None)
    load_fixture(store)
    bad = Record(URIRef("https://w3id.org/openness-kg/id/record/test/bad"), "bad")
    model = URIRef("https://w3id.org/openness-kg/id/model/acme/Acme-7B")
    bad.add(model, OKG.parameterCount, Literal("7B"))
    bad.add(URIRef("https://example.org/not-a-model"), OKG.gating, OKG.GatedAuto)
    store.replace_graphs([bad])
    found = {(f.check, f.focus) for f in lint(store, lint_queries("data"))}
    assert found == {
        ("datatype-range", str(model)),
        ("domain", "https://example.org/not-a-model"),
    }


def test_fixture_graphs_describe_themselves(kg: OxigraphStore) -> None:
    """Each named graph of the fixture describes itself: a source record (kind, path, retrieval
    date), a derived graph (derived from a record, generated at a time), or a kept version of
    a record (issue 17: a specialization of it, dated)."""
    fixture = ox.Dataset(ox.parse(path=str(FIXTURE), format=ox.RdfFormat.TRIG))
    names = {q.graph_name.value for q in fixture if isinstance(q.graph_name, ox.NamedNode)}
    assert len(names) >= 8
    query = """
    PREFIX okg: <https://w3id.org/openness-kg/ontology#>
    PREFIX prov: <http://www.w3.org/ns/prov#>
    ASK {
      GRAPH ?g {
        { ?g a okg:SourceRecord ; okg:sourceKind ?kind ; okg:sourcePath ?path ;
             okg:retrievedAt ?when }
        UNION
        { ?g a prov:Entity ; prov:wasDerivedFrom ?record ; prov:generatedAtTime ?when }
        UNION
        { ?g a okg:RecordVersion ; prov:specializationOf ?record ; prov:generatedAtTime ?when }
      }
    }
    """
    for name in sorted(names):
        assert kg.ask(query, {"g": URIRef(name)}), f"{name} does not describe itself"
