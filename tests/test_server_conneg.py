"""Content negotiation: for every kind of resource, the HTML page, Turtle and JSON-LD of the
same IRI describe the same triples, and those are the triples the fixture states about it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from server_fixture import (
    ACME,
    ALPHA,
    APACHE,
    BASE,
    BETA,
    COMMUNITY,
    PILE,
    WEIGHTS,
    expected_description,
    html_statements,
    make_store,
)
from starlette.testclient import TestClient

from openness_kg.server import create_app, make_site

KINDS = {
    "model": ALPHA,
    "model with an encoded IRI": BETA,
    "component": WEIGHTS,
    "licence (ours)": COMMUNITY,
    "licence (SPDX, external IRI)": APACHE,
    "organization": ACME,
    "dataset": PILE,
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("conneg") / "store"
    store = make_store(path)
    site = make_site(store, path, BASE, query_workers=1)
    with TestClient(create_app(site), base_url="https://w3id.org") as c:
        yield c
    store.close()


def request_path(iri: str) -> str:
    """What a client asks for when it dereferences ``iri`` at the default public URL."""
    if iri.startswith(BASE):
        return "/openness-kg/id/" + iri[len(BASE) :]
    return "/resource?iri=" + quote(iri, safe="")


def fetch(client: TestClient, iri: str, accept: str) -> tuple[str, str]:
    path = request_path(iri)
    if path.startswith("/openness-kg/"):
        path = path[len("/openness-kg") :]  # the app is mounted at the site root
        first = client.get(path, headers={"accept": accept}, follow_redirects=False)
        assert first.status_code == 303, (iri, accept, first.status_code)
        assert first.headers["vary"] == "Accept"
        r = client.get(first.headers["location"], headers={"accept": accept})
    else:
        r = client.get(path, headers={"accept": accept})
    assert r.status_code == 200, (iri, accept, r.status_code)
    return r.headers["content-type"], r.text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_html_turtle_jsonld_describe_the_same_triples(client: TestClient, kind: str) -> None:
    iri = str(KINDS[kind])
    expected = expected_description(URIRef(iri))
    assert len(expected) >= 2
    ctype, html = fetch(client, iri, "text/html")
    assert ctype.startswith("text/html")
    from_html = Graph().parse(data="\n".join(html_statements(html)), format="nt")
    ctype, ttl = fetch(client, iri, "text/turtle")
    assert ctype.startswith("text/turtle")
    from_ttl = Graph().parse(data=ttl, format="turtle")
    ctype, jsonld = fetch(client, iri, "application/ld+json")
    assert ctype.startswith("application/ld+json")
    from_jsonld = Graph().parse(data=jsonld, format="json-ld")
    for name, g in (("html", from_html), ("turtle", from_ttl), ("json-ld", from_jsonld)):
        assert isomorphic(g, expected), (name, _diff(g, expected))


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("application/n-triples", "nt"), ("application/rdf+xml", "xml")],
)
def test_other_rdf_formats(client: TestClient, accept: str, fmt: str) -> None:
    ctype, body = fetch(client, str(ALPHA), accept)
    assert ctype.startswith(accept)
    assert isomorphic(Graph().parse(data=body, format=fmt), expected_description(ALPHA))


def test_html_page_links_its_rdf_alternates(client: TestClient) -> None:
    _ctype, html = fetch(client, str(ALPHA), "text/html")
    for media in (
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/rdf+xml",
    ):
        assert f'<link rel="alternate" type="{media}" href="/data/model/acme/alpha-7b.' in html


def test_browser_accept_header_gets_html(client: TestClient) -> None:
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = client.get("/id/model/acme/alpha-7b", headers={"accept": accept}, follow_redirects=False)
    assert r.headers["location"] == "/doc/model/acme/alpha-7b"


def test_unknown_iri_is_404_and_unacceptable_is_406(client: TestClient) -> None:
    assert client.get("/doc/model/nobody/nothing").status_code == 404
    assert client.get("/data/model/nobody/nothing.ttl").status_code == 404
    r = client.get(
        "/id/model/acme/alpha-7b", headers={"accept": "image/png"}, follow_redirects=False
    )
    assert r.status_code == 406


def test_ontology_terms_hash_iris_direct_conneg(client: TestClient) -> None:
    r = client.get("/ontology", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    okg = "https://w3id.org/openness-kg/ontology#"
    from rdflib.namespace import OWL, RDF

    assert (URIRef(okg + "Model"), RDF.type, OWL.Class) in g
    j = client.get("/ontology", headers={"accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=j.text, format="json-ld"), g)
    x = client.get("/ontology", headers={"accept": "application/rdf+xml"})
    assert isomorphic(Graph().parse(data=x.text, format="xml"), g)
    h = client.get("/ontology", headers={"accept": "text/html"})
    assert h.headers["content-type"].startswith("text/html")
    assert 'id="Model"' in h.text


def test_served_under_another_host_and_base(tmp_path: Path) -> None:
    """With --public-url, links point there and the instance IRIs keep their canonical form."""
    store = make_store(tmp_path / "store")
    site = make_site(store, None, BASE, public_url="http://127.0.0.1:8080/kg/")
    with TestClient(create_app(site), base_url="http://127.0.0.1:8080") as c:
        r = c.get(
            "/id/model/acme/alpha-7b", headers={"accept": "text/turtle"}, follow_redirects=False
        )
        assert r.headers["location"] == "http://127.0.0.1:8080/kg/data/model/acme/alpha-7b.ttl"
        page = c.get("/doc/model/acme/alpha-7b").text
        assert 'href="http://127.0.0.1:8080/kg/doc/org/acme"' in page
        g = Graph().parse(data=c.get("/data/model/acme/alpha-7b.ttl").text, format="turtle")
        assert isomorphic(g, expected_description(ALPHA))
    store.close()


def _diff(a: Graph, b: Graph) -> str:
    ia, ib = to_isomorphic(a), to_isomorphic(b)
    only_a = sorted(ia - ib)
    only_b = sorted(ib - ia)
    return f"only in served: {only_a[:5]}; only expected: {only_b[:5]}"
