"""A model page tells a default-mode MOF verdict from a strict-mode one (both can be stored)."""

from __future__ import annotations

from rdflib import URIRef

from openness_kg.namespaces import OKG
from openness_kg.server.pages import Assessment, mof_cards

REC = URIRef("https://w3id.org/openness-kg/id/record/mot/X.yml")


def _a(name: str, graph: str, rule: str) -> Assessment:
    return Assessment(
        URIRef(f"urn:a:{name}"),
        framework=OKG.ModelOpennessFramework,
        verdict=OKG.MofClassII,
        record=REC,
        rule=rule,
        graph=URIRef(graph),
    )


def test_cards_are_split_by_record_graph_and_say_their_mode() -> None:
    cards, other = mof_cards(
        [
            _a("s", "urn:g:strict", "MOT ModelEvaluator rules; strict mode; openness-kg 0.1.0"),
            _a("d", "urn:g:default", "MOT ModelEvaluator rules; default mode; openness-kg 0.1.0"),
        ]
    )
    assert other == []
    assert [c.mode for c in cards] == ["default", "strict"]
