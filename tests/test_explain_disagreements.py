"""``explain`` shows where two records of one model disagree on a component's licence."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS

from openness_kg.iris import Minter
from openness_kg.mof.explain import record_disagreements
from openness_kg.namespaces import OKG, SPDX_LICENSES
from openness_kg.records import Record
from openness_kg.store import OxigraphStore


def _record(m: Minter, key: str, licences: dict[str, str | None]) -> Record:
    model = m.hub_model("acme/alpha")
    r = Record(m.record("test", key), key)
    r.add(r.graph, RDF.type, OKG.SourceRecord)
    r.add(r.graph, OKG.sourcePath, Literal(key))
    for name, lic in licences.items():
        c = m.component(model, name)
        r.add(model, OKG.hasComponent, c)
        r.add(c, RDFS.label, Literal(name))
        if lic:
            r.add(c, DCTERMS.license, SPDX_LICENSES[lic])
            r.add(c, OKG.declaredLicense, Literal(lic.lower()))
    return r


def test_disagreeing_licences_are_named_with_their_records() -> None:
    m, store = Minter(), OxigraphStore(None)
    store.replace_graphs(
        [
            _record(m, "mot/alpha.yml", {"Model parameters (Final)": "MIT", "Model card": "MIT"}),
            _record(
                m,
                "hf/acme__alpha.json",
                {"Model parameters (Final)": "Apache-2.0", "Model card": "MIT"},
            ),
            _record(m, "other.yml", {"Training code": None}),
        ]
    )
    lines = record_disagreements(store, m.hub_model("acme/alpha"))
    assert lines == [
        "  - Model parameters (Final): hf/acme__alpha.json says Apache-2.0 (declared 'apache-2.0');"
        " mot/alpha.yml says MIT (declared 'mit')"
    ]


def test_agreeing_records_give_nothing() -> None:
    m, store = Minter(), OxigraphStore(None)
    store.replace_graphs(
        [
            _record(m, "a.yml", {"Model card": "MIT"}),
            _record(m, "b.json", {"Model card": "MIT"}),
        ]
    )
    assert record_disagreements(store, m.hub_model("acme/alpha")) == []
