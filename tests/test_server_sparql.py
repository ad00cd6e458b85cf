"""The SPARQL 1.1 Protocol endpoint: query forms, result formats, refusing updates (store
unchanged), 400 on malformed queries, the time limit (worker freed) and the size limit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from rdflib import Graph
from server_fixture import ALPHA, BASE, make_store
from starlette.testclient import TestClient

from openness_kg.server import Site, create_app, make_site

MODELS = (
    "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/openness-kg/ontology#Model> } ORDER BY ?m"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# every quad against every quad, four times over: ~10^12 rows, never finishes in time
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
EXPECTED_MODELS = sorted(
    [BASE + "model/Beta%20Model", BASE + "model/acme/alpha-7b", BASE + "model/acme/alpha-7b-chat"]
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    path = tmp_path_factory.mktemp("sparql") / "store"
    store = make_store(path)
    s = make_site(store, path, BASE, timeout=2.0, query_workers=1)
    yield s
    store.close()


@pytest.fixture(scope="module")
def client(site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as c:
        yield c


def models_of(body: str) -> list[str]:
    return [b["m"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_with_query(client: TestClient) -> None:
    r = client.get(
        "/sparql", params={"query": MODELS}, headers={"accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert models_of(r.text) == EXPECTED_MODELS


def test_post_form_and_post_direct(client: TestClient) -> None:
    r = client.post(
        "/sparql", data={"query": MODELS}, headers={"accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200 and models_of(r.text) == EXPECTED_MODELS
    r = client.post(
        "/sparql",
        content=MODELS.encode(),
        headers={
            "content-type": "application/sparql-query",
            "accept": "application/sparql-results+json",
        },
    )
    assert r.status_code == 200 and models_of(r.text) == EXPECTED_MODELS


def test_select_result_formats(client: TestClient) -> None:
    xml = client.get(
        "/sparql", params={"query": MODELS}, headers={"accept": "application/sparql-results+xml"}
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<sparql" in xml.text and EXPECTED_MODELS[0] in xml.text
    c = client.get("/sparql", params={"query": MODELS}, headers={"accept": "text/csv"})
    assert c.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(c.text)))
    assert rows[0] == ["m"] and [r[0] for r in rows[1:]] == EXPECTED_MODELS
    t = client.get(
        "/sparql", params={"query": MODELS}, headers={"accept": "text/tab-separated-values"}
    )
    lines = t.text.strip().split("\n")
    assert lines[0] == "?m" and lines[1:] == [f"<{m}>" for m in EXPECTED_MODELS]
    # no preference: SPARQL JSON
    d = client.get("/sparql", params={"query": MODELS}, headers={"accept": "*/*"})
    assert d.headers["content-type"].startswith("application/sparql-results+json")


def test_ask_and_construct(client: TestClient) -> None:
    ask = client.get(
        "/sparql",
        params={"query": f"ASK {{ <{ALPHA}> ?p ?o }}"},
        headers={"accept": "application/sparql-results+json"},
    )
    assert json.loads(ask.text)["boolean"] is True
    q = f"CONSTRUCT {{ <{ALPHA}> ?p ?o }} WHERE {{ <{ALPHA}> ?p ?o }}"
    ttl = client.get("/sparql", params={"query": q}, headers={"accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=ttl.text, format="turtle")
    jl = client.get("/sparql", params={"query": q}, headers={"accept": "application/ld+json"})
    assert len(Graph().parse(data=jl.text, format="json-ld")) == len(g) == 11
    nt = client.get("/sparql", params={"query": q}, headers={"accept": "application/n-triples"})
    assert len(Graph().parse(data=nt.text, format="nt")) == 11
    bad = client.get("/sparql", params={"query": q}, headers={"accept": "text/csv"})
    assert bad.status_code == 406


def test_malformed_query_is_400(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400 and "Malformed query" in r.text
    assert client.get("/sparql", headers={"accept": "application/json"}).status_code == 400


@pytest.mark.parametrize(
    "update",
    [
        f'INSERT DATA {{ <{ALPHA}> <http://www.w3.org/2000/01/rdf-schema#label> "hacked" }}',
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/evil.ttl>",
        "CLEAR ALL",
        "DROP ALL",
    ],
)
def test_updates_refused_and_store_unchanged(site: Site, client: TestClient, update: str) -> None:
    before = len(site.store)
    assert before > 1000
    r1 = client.post("/sparql", data={"update": update})
    r2 = client.post(
        "/sparql", content=update.encode(), headers={"content-type": "application/sparql-update"}
    )
    r3 = client.get("/sparql", params={"update": update})
    r4 = client.get("/sparql", params={"query": update})  # an update sent as a query
    r5 = client.post(
        "/sparql", content=update.encode(), headers={"content-type": "application/sparql-query"}
    )
    assert [r1.status_code, r2.status_code, r3.status_code] == [403, 403, 403]
    assert r4.status_code == 400 and r5.status_code == 400
    assert len(site.store) == before
    n = client.get(
        "/sparql", params={"query": COUNT}, headers={"accept": "application/sparql-results+json"}
    )
    assert int(json.loads(n.text)["results"]["bindings"][0]["n"]["value"]) == before


def test_timeout_gives_clear_error_and_frees_the_worker(site: Site, client: TestClient) -> None:
    assert site.pool is not None and site.pool.size == 1
    killed = site.pool.killed
    r = client.get("/sparql", params={"query": SLOW})
    assert r.status_code == 503
    assert "time limit" in r.text
    assert site.pool.killed == killed + 1
    # the only worker was replaced: the next query is answered
    ok = client.get(
        "/sparql", params={"query": MODELS}, headers={"accept": "application/sparql-results+json"}
    )
    assert ok.status_code == 200 and models_of(ok.text) == EXPECTED_MODELS


def test_result_size_limit(site: Site, client: TestClient) -> None:
    assert site.pool is not None
    old = site.pool.max_bytes
    site.pool.max_bytes = 300
    try:
        r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    finally:
        site.pool.max_bytes = old
    assert r.status_code == 400 and "larger than the limit of 300 bytes" in r.text


def test_html_form_lists_competency_questions(client: TestClient) -> None:
    from openness_kg.paths import QUERIES_DIR

    cqs = sorted((QUERIES_DIR / "cq").glob("*.rq"))
    assert cqs, "no competency questions in queries/cq"
    page = client.get("/sparql", headers={"accept": "text/html"})
    assert page.status_code == 200 and '<textarea id="query"' in page.text
    assert page.text.count('class="cq"') == len(cqs)
    res = client.get("/sparql", params={"query": MODELS, "format": "html"})
    assert res.text.count("<tr><td><a") == 3
