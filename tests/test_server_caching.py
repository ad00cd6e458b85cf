"""Issue 16 part 3: a server that holds traffic. Answers carry ETag, Last-Modified (the
build's end) and Cache-Control; a matching conditional request gets 304; answers are gzip-
compressed for clients that accept it; ``serve --workers 2`` serves from several processes a
snapshot of the store, so a writer can go on writing while it serves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from server_fixture import ALPHA, BASE, ServerProcess, make_store
from starlette.testclient import TestClient

from openness_kg.build import build
from openness_kg.bundled import bundled_sources
from openness_kg.cli import main
from openness_kg.iris import Minter
from openness_kg.server import create_app, make_site
from openness_kg.store import OxigraphStore

MOT_FILE = Path(__file__).parent.parent / "data" / "mot" / "models" / "Amber.yml"
BUILT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
PAGE = "/doc/" + str(ALPHA)[len(BASE) :]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("caching") / "store"
    store = make_store(path)
    # a build record with a known end time (the ontology alone: the fixture stays as it is)
    build(store, Minter(), [s for s in bundled_sources() if s.name == "ontology"], now=BUILT)
    site = make_site(store, path, BASE, timeout=5.0, query_workers=1)
    with TestClient(create_app(site)) as c:
        yield c
    store.close()


def test_validators_and_cache_control(client: TestClient) -> None:
    r = client.get(PAGE, headers={"accept": "text/html"})
    assert r.status_code == 200
    etag = r.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert parsedate_to_datetime(r.headers["last-modified"]) == BUILT
    assert "max-age=" in r.headers["cache-control"]
    # the same request, the same validator; another representation, another
    again = client.get(PAGE, headers={"accept": "text/html"})
    assert again.headers["etag"] == etag and again.text == r.text
    turtle = client.get(PAGE.replace("/doc/", "/data/") + ".ttl")
    assert turtle.status_code == 200 and turtle.headers["etag"] != etag


def test_conditional_requests_get_304(client: TestClient) -> None:
    r = client.get(PAGE, headers={"accept": "text/html"})
    etag = r.headers["etag"]
    nm = client.get(PAGE, headers={"accept": "text/html", "if-none-match": etag})
    assert nm.status_code == 304 and nm.content == b"" and nm.headers["etag"] == etag
    other = client.get(PAGE, headers={"accept": "text/html", "if-none-match": '"other"'})
    assert other.status_code == 200
    since = format_datetime(BUILT, usegmt=True)
    ims = client.get(PAGE, headers={"accept": "text/html", "if-modified-since": since})
    assert ims.status_code == 304
    before = format_datetime(BUILT.replace(year=2025), usegmt=True)
    old = client.get(PAGE, headers={"accept": "text/html", "if-modified-since": before})
    assert old.status_code == 200
    # errors are not cached nor validated
    missing = client.get("/doc/model/no/such-model", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "etag" not in missing.headers


def test_gzip_for_clients_that_accept_it(client: TestClient) -> None:
    plain = client.get(PAGE, headers={"accept": "text/html", "accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    r = client.get(PAGE, headers={"accept": "text/html", "accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.text == plain.text  # httpx decompressed it
    assert r.headers["etag"] != plain.headers["etag"]
    q = f"SELECT ?p ?o WHERE {{ <{ALPHA}> ?p ?o }}"
    s = client.get(
        "/sparql",
        params={"query": q},
        headers={"accept": "application/sparql-results+json", "accept-encoding": "gzip"},
    )
    assert s.status_code == 200 and s.headers["content-encoding"] == "gzip"
    same = client.get(
        "/sparql",
        params={"query": q},
        headers={"accept": "application/sparql-results+json", "accept-encoding": "identity"},
    )
    assert "content-encoding" not in same.headers
    assert json.loads(s.text) == json.loads(same.text)
    assert {b["p"]["value"] for b in json.loads(s.text)["results"]["bindings"]} >= {
        "https://w3id.org/openness-kg/ontology#hasComponent"
    }


def test_serve_with_several_processes_while_a_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = make_store(path)
    graphs_before = set(store.graph_sizes())
    store.close()
    with ServerProcess(path, "--workers", "2") as server:
        page = httpx.get(server.url + PAGE.lstrip("/"), headers={"accept": "text/html"})
        assert page.status_code == 200 and "alpha" in page.text.lower()
        # the server serves a snapshot: the store itself is free for a writer
        res = CliRunner().invoke(main, ["--store", str(path), "ingest", "mot", str(MOT_FILE)])
        assert res.exit_code == 0, res.output
        again = httpx.get(server.url + PAGE.lstrip("/"), headers={"accept": "text/html"})
        assert again.status_code == 200
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        r = httpx.get(server.url + "sparql", params={"query": slow}, timeout=60)
        assert r.status_code == 503 and "time limit" in r.text
    # what the writer wrote is in the store
    store = OxigraphStore(path, read_only=True)
    new = {str(g) for g in set(store.graph_sizes()) - graphs_before}
    store.close()
    assert any("/record/mot/" in g for g in new), new
    leftovers = [p for p in tmp_path.iterdir() if ".reader-" in p.name]
    assert leftovers == []  # the snapshot went with the server
