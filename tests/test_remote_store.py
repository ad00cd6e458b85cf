"""The remote SPARQL 1.1 backend against a real Oxigraph server started by the test.

The server (``oxigraph serve``, from the ``oxigraph`` PyPI package) runs on 127.0.0.1 with a
temporary directory and is stopped at the end. Quad counts are asked over plain HTTP, not
through our code.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from query_helpers import (
    HOSTILE,
    HOSTILE_NAME,
    MINTER,
    SLOW_QUERY,
    A,
    bundled_store,
    classified_bundled_store,
    local_count,
    rows,
    small_records,
    sparql_http,
)
from rdflib import Literal, URIRef

from openness_kg.cli import main
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.records import Record
from openness_kg.sparql.cq import questions
from openness_kg.sparql.run import query_result
from openness_kg.store import QueryTimeout
from openness_kg.store.remote import Endpoint, RemoteStore

pytestmark = pytest.mark.server


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(found).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("the oxigraph server binary is required in CI (pip install oxigraph)")
        pytest.skip("no oxigraph server binary (pip install oxigraph)")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def oxigraph_server(location: Path, *extra: str) -> Iterator[str]:
    """Start ``oxigraph serve`` and yield its base URL; stop it (the process we started)."""
    port = free_port()
    log = (location.parent / f"oxigraph-{port}.log").open("wb")
    proc = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            *extra,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                sparql_http(base + "/query", "ASK {}")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph server did not start: see {log.name}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def count_http(base: str, runs: bool = True) -> int:
    """Quads in named graphs (without the graphs describing runs, issue 17, if not ``runs``)."""
    skip = "" if runs else 'FILTER (!CONTAINS(STR(?g), "/id/run/"))'
    data = sparql_http(
        base + "/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {skip} }}"
    )
    return int(data["results"]["bindings"][0]["n"]["value"])


def remote(base: str) -> RemoteStore:
    return RemoteStore(Endpoint(base + "/query", update_url=base + "/update"))


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> Path:
    return classified_bundled_store(tmp_path_factory.mktemp("local") / "st")


@pytest.fixture(scope="module")
def pushed(local, tmp_path_factory) -> Iterator[str]:
    """A server holding what ``openness-kg push`` copied from the bundled build."""
    with oxigraph_server(tmp_path_factory.mktemp("server") / "data") as base:
        res = CliRunner().invoke(
            main,
            [
                "--store",
                str(local),
                "push",
                "--to",
                base + "/query",
                "--update",
                base + "/update",
                "--batch-size",
                "5000",
            ],
        )
        assert res.exit_code == 0, res.output
        yield base


def test_push_copies_every_quad(local, pushed) -> None:
    n = local_count(local)
    assert n > 10_000
    assert count_http(pushed) == n


def test_every_competency_question_answers_the_same_remotely(local, pushed) -> None:
    found = questions()
    assert found, "no competency question in queries/cq/"
    store = remote(pushed)
    for q in found:
        bindings = q.bindings({}, MINTER)  # the defaults of the YAML
        with query_result(local, q.text, bindings) as result:
            here = rows(result)
        with query_result(store, q.text, bindings) as result:
            there = rows(result)
        assert here == there, q.name


def test_cli_query_export_and_stats_against_the_endpoint(local, pushed, tmp_path) -> None:
    ep = ["--endpoint", pushed + "/query", "--update-endpoint", pushed + "/update"]
    query = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a okg:Model }"
    here = CliRunner().invoke(
        main, ["--store", str(local), "query", "--sparql", query, "--format", "csv"]
    )
    there = CliRunner().invoke(main, [*ep, "query", "--sparql", query, "--format", "csv"])
    assert there.exit_code == 0, there.output
    assert here.stdout == there.stdout and int(here.stdout.split()[1]) > 100

    out = tmp_path / "remote.nq"
    res = CliRunner().invoke(main, [*ep, "export", "--format", "nq", str(out)])
    assert res.exit_code == 0, res.output
    assert sum(1 for _ in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)) == local_count(
        local
    )

    here = CliRunner().invoke(main, ["--store", str(local), "stats", "--format", "json"])
    there = CliRunner().invoke(main, [*ep, "stats", "--format", "json"])
    assert json.loads(here.stdout) == json.loads(there.stdout)


def test_build_and_classify_run_against_the_endpoint(tmp_path) -> None:
    here = tmp_path / "here"
    bundled_store(here).close()
    with oxigraph_server(tmp_path / "data") as base:
        ep = ["--endpoint", base + "/query", "--update-endpoint", base + "/update"]
        res = CliRunner().invoke(main, [*ep, "build"])
        assert res.exit_code in (0, 1), res.output  # 1: a bundled record was rejected
        assert count_http(base, runs=False) == local_count(here)
        remote_rows = CliRunner().invoke(main, [*ep, "classify", "--format", "csv"])
        local_rows = CliRunner().invoke(main, ["--store", str(here), "classify", "--format", "csv"])
        assert remote_rows.exit_code == 0, remote_rows.output
        assert sorted(remote_rows.stdout.splitlines()) == sorted(local_rows.stdout.splitlines())
        assert len(remote_rows.stdout.splitlines()) > 200
        # the assessments landed remotely too (each side describes its CLI runs: issue 17)
        assert count_http(base, runs=False) == local_count(here, runs=False)


def test_store_interface_remotely(tmp_path) -> None:
    with oxigraph_server(tmp_path / "data") as base:
        store = remote(base)
        records = small_records()
        assert store.replace_graphs(records) == 6
        assert store.graph_sizes() == {r.graph: 2 for r in records}
        assert len(store) == 6 == count_http(base)
        rows = store.select(
            sparql_prologue() + "SELECT ?m WHERE { ?m okg:releaseName ?n }",
            {"n": Literal(HOSTILE_NAME)},
        )
        assert rows == [{"m": HOSTILE}]
        assert store.ask("ASK { ?m a <https://w3id.org/openness-kg/ontology#Model> }")
        g = store.construct("CONSTRUCT WHERE { ?m a ?t }", None)
        assert len(g) == 3
        assert {q[3] for q in store.quads()} == {r.graph for r in records}
        assert store.graph(records[0].graph).value(A, OKG.releaseName) == Literal("A")
        store.drop_graphs([records[0].graph])
        assert count_http(base) == 4
        # replace_graphs is one request: a failing one leaves the store unchanged
        bad = Record(URIRef("https://example.org/g"), "bad")
        bad.add(URIRef("https://example.org/s"), OKG.releaseName, Literal("x"))
        store.replace_graphs([bad], drop=[records[1].graph])
        assert count_http(base) == 3
        assert store.union_default_graph()


def test_remote_timeout_and_errors(tmp_path) -> None:
    with oxigraph_server(tmp_path / "data", "--timeout-s", "2") as base:
        store = remote(base)
        filler = Record(URIRef("https://example.org/g"), "filler")
        for i in range(300):
            filler.add(URIRef(f"https://example.org/s{i}"), OKG.releaseName, Literal(str(i)))
        store.replace_graphs([filler])
        with pytest.raises(QueryTimeout), query_result(store, SLOW_QUERY, timeout=0.5) as r:
            list(r)  # type: ignore[arg-type]
    res = CliRunner().invoke(main, ["--endpoint", base + "/query", "query", "--sparql", "ASK {}"])
    assert res.exit_code == 1 and "unreachable" in res.output


def test_auth_headers_are_sent(tmp_path) -> None:
    """Basic auth and bearer tokens reach the endpoint (a recording HTTP server)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append(self.headers.get("Authorization"))
            body = b'{"head":{},"boolean":true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        assert RemoteStore(Endpoint(url, token="s3cret")).ask("ASK {}")
        assert RemoteStore(Endpoint(url, user="ann", password="pw")).ask("ASK {}")
    finally:
        server.shutdown()
        server.server_close()
    assert seen == ["Bearer s3cret", "Basic YW5uOnB3"]  # base64("ann:pw")
