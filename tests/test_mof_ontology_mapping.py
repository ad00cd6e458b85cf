"""The MOT component name -> OKG class mapping in code agrees with the ontology's annotations."""

from __future__ import annotations

import pytest
from rdflib import Literal

from openness_kg.mof.settings import OKG_CLASS, load_settings
from openness_kg.namespaces import OKG
from openness_kg.ontology import load_ontology


def test_mapping_covers_the_17_components() -> None:
    assert {c.name for c in load_settings().components} == set(OKG_CLASS)
    assert len(OKG_CLASS) == 17


def test_mapping_matches_ontology() -> None:
    onto = load_ontology()
    if not list(onto.subjects(OKG.mofComponentName, None)):
        pytest.fail("the ontology declares no okg:mofComponentName")
    for name, cls in OKG_CLASS.items():
        assert (cls, OKG.mofComponentName, Literal(name)) in onto, name
