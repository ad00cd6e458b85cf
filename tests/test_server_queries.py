"""Issue 15: the server's own SPARQL is ``.rq`` files (``queries/app/``), values
reaching them only through the one binder (a set of terms as a ``VALUES`` block); and the
SPARQL pool's time limit counts from submission, the wait for a worker included (issue 16)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from server_fixture import make_store

from openness_kg.app_queries import APP_DIR, app_query
from openness_kg.binding import ParameterError, bind_parameters
from openness_kg.server.queries import paged
from openness_kg.sparql.pool import Job, QueryPool
from openness_kg.store import OxigraphStore

A, B, C = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")
LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_every_server_query_is_a_file_that_parses() -> None:
    files = sorted(APP_DIR.glob("*.rq"))
    assert len(files) >= 25, "the server's queries are missing"
    for f in files:
        text = app_query(f.stem)
        assert text.startswith("#"), f"{f.name}: say what it asks in a first comment line"
        ox.Store().query(text)  # raises SyntaxError: each declares its own prefixes


def test_no_server_module_pastes_values_into_sparql() -> None:
    """The four placeholders the server used to fill by string replacement are gone."""
    server = Path(paged.__code__.co_filename).parent
    for path in [*server.glob("*.py"), *server.glob("routes/*.py")]:
        text = path.read_text(encoding="utf-8")
        for placeholder in ("%VALUES%", "%VALUES_P%", "%LIMIT%"):
            assert placeholder not in text, f"{path.name} still fills {placeholder}"


def test_a_set_of_terms_binds_as_values() -> None:
    store = OxigraphStore()
    g = ox.NamedNode("urn:g")
    for s, label in ((A, "a"), (B, "b"), (C, "c")):
        store.raw.add(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(LABEL)), ox.Literal(label), g))
    q = "SELECT ?x ?l WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    rows = store.select(q, {"x": {A, C}})
    # by hand: the labels of a and c, not b's
    assert sorted((str(r["x"]), str(r["l"])) for r in rows) == [("urn:a", "a"), ("urn:c", "c")]
    assert store.select(q, {"x": []}) == []
    # the block is written by the term serializer, in a stable order
    expected = (
        "SELECT ?x ?l WHERE { VALUES ?x { <urn:a> <urn:c> } "
        "?x <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    )
    assert bind_parameters(q, {"x": [C, A]}).split() == expected.split()
    hostile = Literal('x" } ; DROP ALL ; #')
    bound = bind_parameters(q, {"l": [hostile]})
    assert ox.Store().query(bound) is not None and "DROP ALL" in bound  # inside the literal
    with pytest.raises(ParameterError):
        bind_parameters(q, {"bad name": [A]})


def test_paged_adds_integer_limits_only_once() -> None:
    q = "SELECT ?m WHERE { ?m ?p ?o }"
    assert paged(q, 51, 100).split() == [*q.split(), "LIMIT", "51", "OFFSET", "100"]
    with pytest.raises(ValueError):
        paged(q + " LIMIT 5", 10)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pool") / "store"
    make_store(path).close()
    return path


def test_a_job_past_its_deadline_is_refused_without_running(store_path: Path) -> None:
    with QueryPool(store_path, size=1, timeout=5.0) as pool:
        answer = pool.run(Job("ASK { ?s ?p ?o }"), deadline=time.monotonic() - 1)
        assert (answer.status, answer.error) == (503, "busy")
        assert pool.killed == 0  # nothing ran, nothing was stopped
        assert pool.run(Job("ASK { ?s ?p ?o }")).status == 200


def test_waiting_for_a_worker_counts_against_the_limit(store_path: Path) -> None:
    """One worker, busy with a query that runs to the limit: a second query sent meanwhile
    ends with the first one's deadline (its own is the earlier here), not a full limit after
    a worker is free."""
    with QueryPool(store_path, size=1, timeout=3.0) as pool:
        first: list[str] = []
        start = time.monotonic()
        t = threading.Thread(target=lambda: first.append(pool.run(Job(SLOW)).error))
        t.start()
        while pool._idle.qsize():  # the first query has its worker
            time.sleep(0.01)
        second = pool.run(Job("ASK { ?s ?p ?o }"), deadline=start + 2.0)
        t.join()
        assert first == ["timeout"]
        assert (second.status, second.error) == (503, "busy")
        assert pool.killed == 1  # only the first query ran and was stopped


def test_processes_share_rendered_answers(tmp_path: Path) -> None:
    """Two applications over one store and one answers folder (as ``serve --workers 2``'s
    processes): what one rendered, the other serves as it was, byte for byte, with the same
    validators; a HEAD answer is kept apart from the GET one."""
    from server_fixture import ALPHA, BASE
    from starlette.testclient import TestClient

    from openness_kg.server import create_app, make_site

    store = make_store(tmp_path / "store")
    answers = tmp_path / "answers"
    answers.mkdir()
    page = "/doc/" + str(ALPHA)[len(BASE) :]
    site = make_site(store, None, BASE, answers=answers)
    first = create_app(site)
    with TestClient(first) as c:
        head = c.head(page, headers={"accept": "text/html"})
        r1 = c.get(page, headers={"accept": "text/html"})
    assert head.status_code == r1.status_code == 200 and "alpha" in r1.text.lower()
    assert len([p for p in answers.iterdir() if not p.name.startswith(".")]) == 2
    # the second process renders nothing for this page: an empty store would have no page
    other = make_site(OxigraphStore(), None, BASE, answers=answers)
    other.validators = site.validators  # type: ignore[method-assign]  # the same snapshot
    with TestClient(create_app(other)) as c:
        r2 = c.get(page, headers={"accept": "text/html"})
        missing = c.get("/doc/model/none", headers={"accept": "text/html"})
    assert r2.status_code == 200 and r2.content == r1.content
    assert r2.headers["etag"] == r1.headers["etag"]
    assert missing.status_code == 404  # not in the folder: rendered by this process
    store.close()
