"""The HTML pages: model list (search, filters, sort, paging), model scorecard, licence,
organization and compare pages, VoID, on the hand-written fixture graph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import VOID
from server_fixture import ALPHA, BASE, BETA, CHAT, FIXTURE, make_store
from starlette.testclient import TestClient

from openness_kg.ontology import load_ontology
from openness_kg.server import create_app, make_site


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("pages") / "store"
    store = make_store(path)
    site = make_site(store, None, BASE)
    with TestClient(create_app(site)) as c:
        yield c
    store.close()


def listed(html: str) -> list[str]:
    return re.findall(r'<a class="model-link" href="/doc/([^"]+)">', html)


def test_model_list_default_order_and_filters(client: TestClient) -> None:
    # default order: the store's index order (stable, and needs no sort of all models)
    assert sorted(listed(client.get("/models").text)) == [
        "model/Beta%20Model",
        "model/acme/alpha-7b",
        "model/acme/alpha-7b-chat",
    ]
    assert listed(client.get("/models?class=1").text) == ["model/acme/alpha-7b"]
    assert listed(client.get("/models?class=3").text) == ["model/acme/alpha-7b-chat"]
    assert listed(client.get("/models?class=2").text) == []
    assert listed(client.get("/models?class=0").text) == ["model/Beta%20Model"]
    cat = quote(BASE + "license-category/restricted-open-weights", safe="")
    assert listed(client.get(f"/models?category={cat}").text) == ["model/acme/alpha-7b-chat"]
    assert listed(client.get("/models?producer=beta+lab").text) == ["model/Beta%20Model"]
    assert listed(client.get("/models?task=fill-mask").text) == ["model/Beta%20Model"]
    assert listed(client.get("/models?q=CHAT").text) == ["model/acme/alpha-7b-chat"]
    # hostile search text is data, not SPARQL
    r = client.get("/models", params={"q": '"} } DROP ALL ; SELECT * { ?s ?p ?o'})
    assert r.status_code == 200 and listed(r.text) == []


def test_model_list_sorting_and_paging(client: TestClient) -> None:
    assert listed(client.get("/models?sort=class").text) == [
        "model/acme/alpha-7b",
        "model/acme/alpha-7b-chat",
        "model/Beta%20Model",
    ]
    assert listed(client.get("/models?sort=name&order=desc").text) == [
        "model/Beta%20Model",
        "model/acme/alpha-7b-chat",
        "model/acme/alpha-7b",
    ]
    p1 = client.get("/models?size=25&sort=name").text
    assert 'rel="next"' not in p1
    # a page size of 1 is not offered; the default applies
    assert len(listed(client.get("/models?size=1").text)) == 3


def test_model_page_scorecard(client: TestClient) -> None:
    html = client.get("/doc/model/acme/alpha-7b").text
    assert "Openness scorecard" in html
    assert 'aria-valuenow="100.0"' in html
    assert "declared as “Apache 2.0”" in html
    assert "https://example.org/acme/alpha-7b/weights" in html
    assert "not listed" in html  # the missing required components
    chat = client.get("/doc/model/acme/alpha-7b-chat").text
    assert 'aria-valuenow="60.0"' in chat  # Class II progress
    assert "fine-tuned from" in chat.lower() or "fine tuned from" in chat.lower()
    assert '/doc/model/acme/alpha-7b"' in chat  # lineage up links the base
    assert "gated" in chat.lower()
    # licence terms in words: the community licence's prohibition with its constraint
    assert "prohibition" in chat.lower() and "700,000,000" in chat
    # every statement's source and retrieval date
    assert "hf/models/acme--alpha-7b-chat.json" in chat and "2026-11-21" in chat


def test_model_name_with_markup_is_escaped(client: TestClient) -> None:
    html = client.get("/doc/model/Beta%20Model").text
    assert "<Model>" not in html and "&lt;Model&gt;" in html


def test_licence_and_organization_pages(client: TestClient) -> None:
    lic = client.get("/doc/license/acme-community").text
    assert "Models using it" in lic and "/doc/model/acme/alpha-7b-chat" in lic
    assert '/doc/model/acme/alpha-7b"' not in lic
    spdx = client.get("/resource", params={"iri": "http://spdx.org/licenses/Apache-2.0"}).text
    assert '/doc/model/acme/alpha-7b"' in spdx
    org = client.get("/doc/org/acme").text
    assert "Models it produces" in org
    assert '/doc/model/acme/alpha-7b"' in org and '/doc/model/acme/alpha-7b-chat"' in org


def test_compare_page(client: TestClient) -> None:
    r = client.get("/compare", params=[("m", str(ALPHA)), ("m", str(CHAT)), ("m", str(BETA))])
    assert r.status_code == 200
    html = r.text
    assert html.count('<th scope="col">') == 4  # aspect + three models
    assert "Class I</span>" in html and "Class III</span>" in html


def test_void_counts_match_the_store(client: TestClient) -> None:
    r = client.get("/.well-known/void", headers={"accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    ds_iri = URIRef("https://w3id.org/openness-kg/.well-known/void#openness-kg")
    # expected: the fixture's quads (read by rdflib from the TriG) plus the ontology graph
    fixture = Dataset()
    fixture.parse(FIXTURE, format="trig")
    quads = {
        q
        for q in fixture.quads((None, None, None, None))
        if q[3] != fixture.default_graph.identifier
    }
    assert g.value(ds_iri, VOID.triples) == Literal(len(quads) + len(load_ontology()))
    assert g.value(ds_iri, VOID.sparqlEndpoint) is None  # this site has no store path
    okg_model = URIRef("https://w3id.org/openness-kg/ontology#Model")
    part = g.value(predicate=VOID["class"], object=okg_model)
    assert g.value(part, VOID.entities) == Literal(3)
    html = client.get("/.well-known/void", headers={"accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html")
