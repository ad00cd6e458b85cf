"""Issue 14 part 1: SERVICE (a federated query) is a server-side request forgery. The public
``/sparql`` refuses it with 400 and says so, ``openness-kg query`` refuses it unless
``--allow-service``; a listener on 127.0.0.1 is the witness that no request was sent (and
that one is, when the CLI is allowed to)."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from click.testing import CliRunner
from query_helpers import small_store
from server_fixture import BASE, make_store
from starlette.testclient import TestClient

from openness_kg.cli import main
from openness_kg.server import create_app, make_site
from openness_kg.sparql.guard import ServiceRefused, uses_service
from openness_kg.sparql.pool import Job, QueryPool
from openness_kg.sparql.run import query_result

EMPTY_RESULTS = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'


class Listener:
    """An HTTP server on 127.0.0.1 that records every request and answers an empty SPARQL
    JSON result."""

    def __init__(self) -> None:
        seen: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self) -> None:
                seen.append(f"{self.command} {self.path}")
                length = int(self.headers.get("content-length") or 0)
                self.rfile.read(length)
                self.send_response(200)
                self.send_header("content-type", "application/sparql-results+json")
                self.send_header("content-length", str(len(EMPTY_RESULTS)))
                self.end_headers()
                self.wfile.write(EMPTY_RESULTS)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.seen = seen
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/internal"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    ears = Listener()
    yield ears
    ears.close()


def hostile_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?a ?b ?c {{ SELECT ?s WHERE {{ SeRvIcE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        f"CONSTRUCT WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        # an IRI with a \u escape and a '#': a lexer that missed the escape would take the rest
        # of the line for a comment
        f"SELECT * WHERE {{ ?s ?p <http://x/\\u0041#> . SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
    ]


def test_the_guard_finds_the_keyword_not_the_word() -> None:
    for q in hostile_queries("http://127.0.0.1:9/x"):
        assert uses_service(q), q
    for q in [
        'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/x> { }" }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }",
        "SELECT ?service WHERE { ?service a <http://www.w3.org/ns/sparql-service-description#S> }",
        "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?o }",
    ]:
        assert not uses_service(q), q


@pytest.fixture(scope="module")
def site_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("service") / "store"
    store = make_store(path)
    site = make_site(store, path, BASE, timeout=5.0, query_workers=1)
    with TestClient(create_app(site)) as client:
        yield client
    store.close()


def test_the_public_endpoint_refuses_service_and_sends_nothing(
    site_client: TestClient, listener: Listener
) -> None:
    for q in hostile_queries(listener.url):
        for r in (
            site_client.get("/sparql", params={"query": q}),
            site_client.post("/sparql", data={"query": q}),
            site_client.post(
                "/sparql", content=q.encode(), headers={"content-type": "application/sparql-query"}
            ),
            site_client.get("/sparql", params={"query": q, "format": "html"}),
        ):
            assert r.status_code == 400, (q, r.text)
            assert "SERVICE" in r.text and "refused" in r.text
            assert listener.url not in r.text
    assert listener.seen == []
    # the word in a string is no SERVICE pattern: answered
    ok = site_client.get(
        "/sparql",
        params={"query": 'ASK { ?s ?p "SERVICE" }'},
        headers={"accept": "application/sparql-results+json"},
    )
    assert ok.status_code == 200


def test_the_pool_itself_refuses_service(tmp_path, listener: Listener) -> None:
    small_store(tmp_path / "st").close()
    with QueryPool(tmp_path / "st", size=1, timeout=5.0) as pool:
        answer = pool.run(Job(hostile_queries(listener.url)[0]))
    assert answer.status == 400 and answer.error == "service"
    with (
        pytest.raises(ServiceRefused),
        query_result(tmp_path / "st", hostile_queries(listener.url)[1]),
    ):
        pass
    assert listener.seen == []


def run_cli(store_dir, *args: str):
    return CliRunner().invoke(main, ["--store", str(store_dir), "query", *args])


def test_the_cli_refuses_service_unless_allowed(tmp_path, listener: Listener) -> None:
    small_store(tmp_path / "st").close()
    for q in hostile_queries(listener.url):
        res = run_cli(tmp_path / "st", "--sparql", q)
        assert res.exit_code == 2, res.output
        assert "SERVICE" in res.stderr and "--allow-service" in res.stderr
    # the endpoint given as a parameter: bound as an IRI term, still a SERVICE pattern
    q = "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }"
    res = run_cli(tmp_path / "st", "--sparql", q, "--param", f"endpoint=<{listener.url}>")
    assert res.exit_code == 2 and "--allow-service" in res.stderr
    assert listener.seen == []

    res = run_cli(
        tmp_path / "st",
        "--sparql",
        f"SELECT ?s WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        "--format",
        "json",
        "--allow-service",
    )
    assert res.exit_code == 0, res.output
    assert listener.seen and all(s.endswith("/internal") for s in listener.seen)
