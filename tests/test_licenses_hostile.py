"""Hostile licence strings (issue 3): a clean `unmatched`, never a crash, and never an injected
triple when the raw string is written to the graph (it is always a literal)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef

from openness_kg.ingest.declared import declared_license_triples
from openness_kg.iris import Minter
from openness_kg.licenses.normalize import normalize
from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

HOSTILE = [
    "x" * 10_000_000,
    "MIT" + " " * 5_000_000,
    "MIT\x00",
    "Apache-2.0\x1b[31m",
    "MIT\u202e",
    "MIT\r\nOR Apache-2.0",
    'MIT" . <http://evil/s> <http://evil/p> <http://evil/o> . "',
    "MIT> ; <http://evil/p> <http://evil/o",
    "}} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #",
    "' OR '1'='1",
    "@prefix evil: <http://evil/> . evil:s evil:p evil:o .",
    "(((((((((((((((((((((((MIT",
    "MIT AND " * 200 + "MIT",  # a valid expression, but far too long
    "[MIT]",
    "MIT;",
    "\ud800",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:20]))
def test_hostile_strings_are_unmatched_cleanly(text: str) -> None:
    result = normalize(text)
    assert result.match == "unmatched"
    assert result.licence == "" and result.ids == ()
    assert result.input is text or result.input == text


def test_non_strings_do_not_crash() -> None:
    assert normalize(None).match == "none"  # type: ignore[arg-type]
    assert normalize(42).match == "unmatched"  # type: ignore[arg-type]


def test_control_characters_in_the_middle_are_not_stripped_into_a_match() -> None:
    assert normalize("M\x00IT").match == "unmatched"
    assert normalize("\tMIT\n").licence == "MIT"  # surrounding whitespace is not hostile


def test_raw_strings_land_as_literals_and_inject_nothing() -> None:
    minter = Minter()
    graph_name = URIRef("https://w3id.org/openness-kg/id/record/test/hostile")
    record = Record(graph_name, "hostile")
    subjects = []
    # surrogates cannot be encoded at all; everything else must round-trip
    texts = [t for t in HOSTILE if "\ud800" not in t] + ["Apache 2.0"]
    for i, text in enumerate(texts):
        s = URIRef(f"https://w3id.org/openness-kg/id/model/hostile-{i}")
        subjects.append((s, text))
        for triple in declared_license_triples(s, text, minter):
            record.add(*triple)
    expected = len(record.triples)
    store = OxigraphStore(None)
    store.replace_graphs([record])
    assert store.graph_sizes()[graph_name] == expected
    g: Graph = store.graph(graph_name)
    assert len(g) == expected
    for s, text in subjects:
        assert g.value(s, OKG.declaredLicense) == Literal(text)
    # nothing outside our subjects, and no predicate we did not write
    assert {str(p) for p in g.predicates()} <= {
        str(OKG.declaredLicense),
        str(OKG.licenseMatch),
        "http://purl.org/dc/terms/license",
    }
    assert not any("evil" in str(s) for s in g.subjects())
    last = subjects[-1][0]
    assert g.value(last, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "http://spdx.org/licenses/Apache-2.0"
    )
    # the same through Turtle serialisation and back
    again = Graph().parse(data=g.serialize(format="turtle"), format="turtle")
    assert len(again) == expected
