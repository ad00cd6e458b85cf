"""Issue 15: the application's own SPARQL outside the server is ``.rq`` files in
``queries/app/`` with bindings, not text built by string surgery; a variable bound to several
terms becomes one inline ``VALUES`` block (hand-written expected texts and rows)."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from openness_kg.app_queries import APP_DIR, app_query
from openness_kg.binding import ParameterError, bind_parameters
from openness_kg.paths import ResourceMissing
from openness_kg.store import OxigraphStore

PACKAGE = Path(__file__).parent.parent / "openness_kg"
A, B, C = URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")


def app_files() -> list[Path]:
    files = sorted(APP_DIR.glob("*.rq"))
    assert len(files) >= 10, "found too few application queries"
    return files


@pytest.mark.parametrize("path", app_files(), ids=lambda p: p.stem)
def test_every_app_query_parses_and_is_used(path: Path) -> None:
    ox.Store().query(path.read_text(encoding="utf-8"))  # SyntaxError when not SPARQL 1.1
    used = [
        p
        for p in PACKAGE.rglob("*.py")
        if re.search(rf"[\"']{re.escape(path.stem)}[\"']", p.read_text(encoding="utf-8"))
    ]
    assert used, f"{path.name} is used by no module"


def test_an_unknown_app_query_is_a_missing_resource() -> None:
    with pytest.raises(ResourceMissing, match=r"no-such-query\.rq"):
        app_query("no-such-query")


def test_several_terms_become_one_values_block() -> None:
    text = bind_parameters("SELECT ?m WHERE { ?m a ?t }", {"m": [A, B]})
    assert text == "SELECT ?m WHERE { VALUES ?m { <urn:a> <urn:b> }  ?m a ?t }"
    # beside a single term, which still stands in place
    text = bind_parameters("SELECT ?x WHERE { $m ?rel ?x }", {"m": C, "rel": [A, B]})
    assert text == "SELECT ?x WHERE { VALUES ?rel { <urn:a> <urn:b> }  <urn:c> ?rel ?x }"


def test_a_list_binding_selects_exactly_its_terms() -> None:
    store = OxigraphStore(None)
    store.raw.extend(
        ox.Quad(ox.NamedNode(s), ox.NamedNode("urn:p"), ox.Literal(o), ox.NamedNode("urn:g"))
        for s, o in (("urn:a", "1"), ("urn:b", "2"), ("urn:c", "3"))
    )
    q = "SELECT ?s ?o WHERE { ?s <urn:p> ?o }"
    rows = store.select(q, {"s": [A, C]})
    assert sorted((str(r["s"]), str(r["o"])) for r in rows) == [("urn:a", "1"), ("urn:c", "3")]
    assert store.select(q, {"s": []}) == []  # no terms: no solutions, not every solution
    hostile = Literal('x" } ; DROP ALL ; SELECT * { ?s ?p ?o } #')
    assert store.select(q, {"o": [hostile, Literal("2")]}) == [{"s": B, "o": Literal("2")}]


def test_a_list_binding_keeps_the_binders_refusals() -> None:
    with pytest.raises(ParameterError, match="blank node"):
        bind_parameters("ASK { ?s ?p ?o }", {"s": [A, BNode()]})
    with pytest.raises(ParameterError, match="assigned"):
        bind_parameters("SELECT ?s { ?o ?p ?q BIND(?q AS ?s) }", {"s": [A]})
