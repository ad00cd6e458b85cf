"""Competency questions over the licence knowledge base and a small fixture graph (issue 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from openness_kg.iris import Minter
from openness_kg.licenses.kb import licenses_graph
from openness_kg.namespaces import sparql_prologue
from openness_kg.records import Record
from openness_kg.store import OxigraphStore
from openness_kg.store.base import Row

FIXTURES = Path(__file__).parent / "fixtures" / "licenses"
ID = "https://w3id.org/openness-kg/id/"


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    minter = Minter()
    models = Graph(identifier=URIRef(ID + "record/fixture/models")).parse(
        FIXTURES / "models.ttl", format="turtle"
    )
    s = OxigraphStore(None)
    s.replace_graphs(
        [
            Record.from_graph(licenses_graph(minter), "licenses"),
            Record.from_graph(models, "fixture"),
        ]
    )
    return s


def _query(store: OxigraphStore, name: str) -> list[Row]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return store.select(sparql_prologue() + text)


def test_models_whose_weights_licence_forbids_commercial_use(store: OxigraphStore) -> None:
    rows = _query(store, "weights-forbid-commercial.rq")
    assert {(str(r["model"]), str(r["licence"])) for r in rows} == {
        (ID + "model/nc-weights", "http://spdx.org/licenses/CC-BY-NC-4.0"),
        (ID + "model/research-weights", ID + "license/LicenseRef-okg-tongyi-qianwen-research"),
    }


def test_licences_that_require_derivatives_to_keep_the_licence(store: OxigraphStore) -> None:
    ids = {str(r["id"]) for r in _query(store, "derivatives-keep-licence.rq") if "id" in r}
    must = {
        "llama2", "llama3", "llama3.1", "llama3.2", "llama3.3", "llama4",
        "creativeml-openrail-m", "LicenseRef-okg-tongyi-qianwen", "LicenseRef-okg-deepseek",
        "GPL-2.0-only", "GPL-3.0-or-later", "AGPL-3.0-only", "LGPL-2.1-only", "MPL-2.0",
        "CC-BY-SA-4.0", "CC-BY-NC-SA-4.0", "CC-BY-SA-3.0",
    }  # fmt: skip
    must_not = {
        "MIT", "Apache-2.0", "BSD-3-Clause", "CC-BY-4.0", "CC-BY-NC-4.0", "CC0-1.0",
        "LicenseRef-okg-nvidia-open-model", "gemma", "openrail",
    }  # fmt: skip
    assert must <= ids
    assert not (must_not & ids)


def test_each_licence_term_has_a_cited_source_and_clause(store: OxigraphStore) -> None:
    rows = store.select(
        sparql_prologue()
        + """SELECT ?term WHERE { ?l okg:hasTerm ?term .
             FILTER NOT EXISTS { ?term dcterms:source ?src ; okg:clause ?c ;
                                       okg:termProperty ?p ; okg:termValue ?v } }"""
    )
    assert rows == []
