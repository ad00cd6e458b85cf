"""``openness-kg publish``: every dump parses and holds what the store holds, the VoID counts
match the store, checksums verify, the JSON-LD context reads plain JSON as the intended RDF."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, VOID
from rdflib.term import IdentifiedNode, Node
from server_fixture import FIXTURE, make_store

from openness_kg.cli import main

OKG = "https://w3id.org/openness-kg/ontology#"


@pytest.fixture(scope="module")
def release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("publish")
    make_store(tmp / "store").close()
    out = tmp / "release"
    result = CliRunner().invoke(
        main,
        [
            "--store",
            str(tmp / "store"),
            "publish",
            str(out),
            "--release-url",
            "https://example.org/okg/1.0/",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def store_quads(tmp: Path) -> set[tuple[Node, Node, Node, IdentifiedNode | None]]:
    """The quads the store was loaded with, read independently by rdflib."""
    from openness_kg.namespaces import ONTOLOGY_IRI
    from openness_kg.ontology import load_ontology

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    quads = {q for q in ds.quads((None, None, None, None)) if q[3] != ds.default_graph.identifier}
    for s, p, o in load_ontology():
        quads.add((s, p, o, URIRef(ONTOLOGY_IRI)))
    return quads


def test_every_dump_parses_with_the_stores_content(release: Path) -> None:
    expected_quads = store_quads(release)
    expected = Graph()
    for s, p, o, _g in expected_quads:
        expected.add((s, p, o))
    nt = Graph().parse(
        data=gzip.decompress((release / "dumps/openness-kg.nt.gz").read_bytes()), format="nt"
    )
    ttl = Graph().parse(release / "dumps/openness-kg.ttl", format="turtle")
    jsonld = Graph().parse(release / "dumps/openness-kg.jsonld", format="json-ld")
    for g in (nt, ttl, jsonld):
        assert isomorphic(g, expected)
    nq = Dataset()
    nq.parse(
        data=gzip.decompress((release / "dumps/openness-kg.nq.gz").read_bytes()), format="nquads"
    )
    assert len({q for q in nq.quads((None, None, None, None))}) == len(expected_quads)


def test_ontology_files_and_docs(release: Path) -> None:
    ttl = Graph().parse(release / "ontology/okg.ttl", format="turtle")
    assert (URIRef(OKG + "Model"), RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ttl
    for name, fmt in (("okg.jsonld", "json-ld"), ("okg.rdf", "xml"), ("okg.nt", "nt")):
        assert isomorphic(Graph().parse(release / "ontology" / name, format=fmt), ttl), name
    html = (release / "ontology/index.html").read_text()
    assert 'id="Model"' in html and "<html" in html


def test_void_counts_match_the_store(release: Path) -> None:
    quads = store_quads(release)
    g = Graph().parse(release / "void.ttl", format="turtle")
    ds = URIRef("https://w3id.org/openness-kg/.well-known/void#openness-kg")
    assert g.value(ds, VOID.triples) == Literal(len(quads))
    subjects = {q[0] for q in quads}
    assert g.value(ds, VOID.distinctSubjects) == Literal(len(subjects))
    assert g.value(ds, VOID.entities) == Literal(
        len({s for s in subjects if isinstance(s, URIRef)})
    )
    assert g.value(ds, VOID.properties) == Literal(len({q[1] for q in quads}))
    classes = {q[2] for q in quads if q[1] == RDF.type}
    assert g.value(ds, VOID.classes) == Literal(len(classes))
    dumps = sorted(str(o) for o in g.objects(ds, VOID.dataDump))
    assert dumps[0] == "https://example.org/okg/1.0/dumps/openness-kg.jsonld"
    assert len(dumps) == 4
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef("https://example.org/okg/1.0/sparql")
    # DCAT: a dataset with distributions and the SPARQL data service
    assert isomorphic(Graph().parse(release / "void.jsonld", format="json-ld"), g)


def test_checksums_and_version(release: Path) -> None:
    lines = (release / "SHA256SUMS").read_text().splitlines()
    assert len(lines) >= 15
    for line in lines:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == digest, name
    info = json.loads((release / "release.json").read_text())
    from openness_kg import __version__

    assert info["version"] == __version__
    assert (release / "VERSION").read_text().startswith(f"openness-kg {__version__} ")


def test_htaccess_redirects(release: Path) -> None:
    text = (release / ".htaccess").read_text()
    assert "RewriteEngine on" in text
    assert "RewriteRule ^ontology/?$ https://example.org/okg/1.0/ontology/okg.ttl [R=303,L]" in text
    assert "RewriteRule ^id/ https://example.org/okg/1.0/id/%1 [R=302,L,NE]" in text


def test_json_ld_context_reads_plain_json_model_metadata(release: Path) -> None:
    ctx = json.loads((release / "context.jsonld").read_text())
    doc = json.loads((release / "example-model.json").read_text())
    doc["@context"] = ctx["@context"]  # offline: the context inline instead of by URL
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    base = "https://w3id.org/openness-kg/id/"
    m = URIRef(base + "model/example-org/example-model")
    w = URIRef(base + "model/example-org/example-model/component/model-parameters-final")
    dct = "http://purl.org/dc/terms/"
    # what the example means, written out by hand
    assert (m, RDF.type, URIRef(OKG + "Model")) in g
    assert (m, URIRef(OKG + "gating"), URIRef(OKG + "NotGated")) in g
    assert (m, URIRef(dct + "license"), URIRef("http://spdx.org/licenses/Apache-2.0")) in g
    assert (m, URIRef(OKG + "producer"), URIRef(base + "org/example-org")) in g
    assert (m, URIRef(OKG + "hasComponent"), w) in g
    assert (w, RDF.type, URIRef(OKG + "ModelParametersFinal")) in g
    assert (w, URIRef(OKG + "declaredLicense"), Literal("Apache-2.0")) in g
    # model 7 (type, label, producer, licence, gating, 2 components), producer 2, weights 3,
    # training code 2
    assert len(g) == 14
