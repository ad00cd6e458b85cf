"""Helpers for the query/store tests: small hand-written stores and a bundled build."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
from narrow import triples
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from openness_kg.build import build
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

MINTER = Minter()
A = MINTER.hub_model("org/a")
B = MINTER.hub_model("org/b")
# a model whose name carries every SPARQL/Turtle metacharacter a user could type
HOSTILE_NAME = 'x" } UNION { ?m ?p ?o } #>'
HOSTILE = MINTER.named_model(HOSTILE_NAME)


def small_records() -> list[Record]:
    """Three models in three records (A: "A", B: 'B"}', HOSTILE: the hostile name)."""
    out = []
    for model, name, key in ((A, "A", "a"), (B, 'B"}', "b"), (HOSTILE, HOSTILE_NAME, "h")):
        r = Record(MINTER.record("test", key), key)
        r.add(model, RDF.type, OKG.Model)
        r.add(model, OKG.releaseName, Literal(name))
        out.append(r)
    return out


def small_store(path: Path | None) -> OxigraphStore:
    store = OxigraphStore(path)
    store.replace_graphs(small_records())
    return store


def filler_store(path: Path, n: int = 300) -> None:
    """``n`` triples, enough for a cross join that runs for minutes (the timeout tests)."""
    store = OxigraphStore(path)
    r = Record(URIRef("https://example.org/g"), "filler")
    for i in range(n):
        r.add(URIRef(f"https://example.org/s{i}"), OKG.releaseName, Literal(str(i)))
    store.replace_graphs([r])
    store.close()


SLOW_QUERY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . ?g ?p4 ?h . "
    "?i ?p5 ?j . FILTER(?b != ?d) }"
)


def bundled_store(path: Path) -> OxigraphStore:
    """The bundled build (everything `openness-kg build` loads) on disk at ``path``."""
    store = OxigraphStore(path)
    report = build(store, MINTER)
    assert report.landed > 0
    return store


def canonical(quads: list[ox.Quad]) -> set[ox.Quad]:
    """The quads with blank nodes canonically relabelled (RDFC-1.0), for comparing."""
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(ds)


def classified_bundled_store(path: Path) -> Path:
    """The bundled build at ``path``, classified (MOF assessments, for the MOF questions)."""
    from click.testing import CliRunner

    from openness_kg.cli import main

    bundled_store(path).close()
    res = CliRunner().invoke(main, ["--store", str(path), "classify", "--format", "csv"])
    assert res.exit_code == 0, res.output
    return path


def local_count(path: Path, runs: bool = True) -> int:
    """Quads in the named graphs of the on-disk store at ``path`` (read directly); without
    the graphs that describe runs (``/id/run/``) when ``runs`` is false."""
    store = ox.Store.read_only(str(path))
    return sum(
        1
        for q in store
        if not isinstance(q.graph_name, ox.DefaultGraph)
        and (runs or "/id/run/" not in q.graph_name.value)
    )


def rows(result: object) -> list[tuple[str, ...]]:
    """A query result as sorted rows of strings, for comparing two stores' answers."""
    if isinstance(result, ox.QueryBoolean):
        return [(str(bool(result)),)]
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return sorted(tuple(str(s[n]) if s[n] is not None else "" for n in names) for s in result)
    return sorted((str(t.subject), str(t.predicate), str(t.object)) for t in triples(result))


def sparql_http(url: str, query: str) -> dict:
    """A query over plain HTTP (SPARQL 1.1 Protocol, form-encoded POST), JSON results."""
    req = urllib.request.Request(
        url,
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=60) as resp:
        data: dict = json.loads(resp.read())
        return data
