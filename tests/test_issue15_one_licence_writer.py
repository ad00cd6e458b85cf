"""Issue 15: one declared-licence writer for every source. A MOT file and a Hub ``model_info``
body that declare the same licence state it the same way: on the release-level declaration
and on a component that inherits it, the raw string as written, how it matched, and the
licence (or, for an expression, the normalised expression and no single licence).

The expected statements are written out by hand here (SPDX IRIs, match concepts), not taken
from the writer.
"""

from __future__ import annotations

from typing import Any

import pytest
from mof_helpers import record_of
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.records import Record

ID = "https://w3id.org/openness-kg/id/"
SPDX = "http://spdx.org/licenses/"
LICENCE_TERMS = (OKG.declaredLicense, OKG.licenseMatch, OKG.licenseExpression, DCTERMS.license)


def mot_record(licence: str) -> Record:
    return record_of(
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n"
        "  name: T\n"
        "  producer: P\n"
        "  huggingface: org/m\n"
        f"  license:\n    distribution: {{name: '{licence}'}}\n"
        "  components:\n"
        "    - name: 'Model parameters (Final)'\n"
    )


def hub_record(licence: str) -> Record:
    body: dict[str, Any] = {
        "id": "org/m",
        "siblings": [{"rfilename": "model.safetensors"}],
        "cardData": {"license": licence},
    }
    return transform_model_info(body, Minter(), source="m.json", retrieved_at="2025-01-01")


def statement(rec: Record, node: URIRef) -> set[tuple[Node, Node]]:
    """What ``rec`` says about ``node``'s licence."""
    return {(p, o) for s, p, o in rec.triples if s == node and p in LICENCE_TERMS}


def declaration_and_component(rec: Record) -> tuple[URIRef, URIRef]:
    """The model's one release-level declaration, and the final weights that inherit it."""
    model = URIRef(ID + "model/org/m")
    decls = [o for s, p, o in rec.triples if s == model and p == OKG.releaseLicense]
    assert len(decls) == 1 and isinstance(decls[0], URIRef)
    assert (decls[0], RDF.type, OKG.LicenseDeclaration) in rec.triples
    weights = URIRef(ID + "model/org/m/component/model-parameters-final")
    assert (weights, OKG.licenseInheritedFrom, decls[0]) in rec.triples
    return decls[0], weights


@pytest.mark.parametrize(
    ("mot", "hub", "expected"),
    [
        (
            "Apache-2.0",
            "apache-2.0",
            {
                (OKG.licenseMatch, OKG.ExactLicenseMatch),
                (DCTERMS.license, URIRef(SPDX + "Apache-2.0")),
            },
        ),
        (
            "MIT OR Apache-2.0",
            "mit OR apache-2.0",
            {
                (OKG.licenseMatch, OKG.ExpressionLicenseMatch),
                (OKG.licenseExpression, Literal("MIT OR Apache-2.0")),
            },
        ),
    ],
)
def test_mot_and_the_hub_state_a_licence_the_same_way(
    mot: str, hub: str, expected: set[tuple[Node, Node]]
) -> None:
    for rec, raw in ((mot_record(mot), mot), (hub_record(hub), hub)):
        for node in declaration_and_component(rec):
            assert statement(rec, node) == {(OKG.declaredLicense, Literal(raw)), *expected}


def test_the_hub_model_itself_states_its_licence_the_same_way_too() -> None:
    rec = hub_record("apache-2.0")
    assert statement(rec, URIRef(ID + "model/org/m")) == {
        (OKG.declaredLicense, Literal("apache-2.0")),
        (OKG.licenseMatch, OKG.ExactLicenseMatch),
        (DCTERMS.license, URIRef(SPDX + "Apache-2.0")),
    }


def test_a_mot_component_that_states_no_licence_says_so() -> None:
    """MOT's ``unlicensed``: the string, matched as an explicit statement of no licence."""
    text = (
        "framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}\n"
        "release:\n  name: T\n  producer: P\n  huggingface: org/m\n  license: {}\n  components:\n"
        "    - name: 'Model parameters (Final)'\n      license: unlicensed\n"
    )
    rec = record_of(text)
    weights = URIRef(ID + "model/org/m/component/model-parameters-final")
    assert statement(rec, weights) == {
        (OKG.declaredLicense, Literal("unlicensed")),
        (OKG.licenseMatch, OKG.NoLicenseStatement),
    }
