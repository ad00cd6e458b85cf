"""Lineage and the licence-lineage shapes (shapes/lineage.ttl) over the recorded Hub data, the
licence KB and the hand-built fixtures; the expected results are derived by hand."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hf_helpers import loaded_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from openness_kg.iris import Minter
from openness_kg.lineage import check, findings, lineage, resolve_model
from openness_kg.namespaces import OKG, SHAPES, SPDX_LICENSES

ID = "https://w3id.org/openness-kg/id/"
SH = "http://www.w3.org/ns/shacl#"
SPARQL_COMPONENT = SH + "SPARQLConstraintComponent"


def model(repo: str) -> URIRef:
    return URIRef(ID + "model/" + repo)


@pytest.fixture(scope="module")
def store():
    return loaded_store()


def keys(results) -> set[tuple]:
    return {(r.focus, r.path, r.source_shape, r.component, r.severity, r.value) for r in results}


def test_three_level_chain(store) -> None:
    rows = lineage(store, model("okg-test/chain-adapter"))
    got = [(r.depth, r.hub_id, r.relation, r.licences, r.gating) for r in rows]
    assert got == [
        (-1, "okg-test/chain-quant", "adapter", ["Apache-2.0"], "NotGated"),
        (-2, "okg-test/chain-ft", "quantized", ["Apache-2.0"], "NotGated"),
        (-3, "okg-test/chain-base", "finetune", ["Apache-2.0"], "NotGated"),
        (0, "okg-test/chain-adapter", None, ["Apache-2.0"], "NotGated"),
    ]


def test_descendants(store) -> None:
    rows = lineage(store, model("okg-test/chain-base"))
    got = {(r.depth, r.hub_id, r.relation) for r in rows}
    assert got == {
        (0, "okg-test/chain-base", None),
        (1, "okg-test/chain-ft", "finetune"),
        (1, "okg-test/merge", "merge"),
        (1, "okg-test/plain-derivative", "derived"),
        (2, "okg-test/chain-quant", "quantized"),
        (3, "okg-test/chain-adapter", "adapter"),
    }


def test_shape_fires_on_the_llama_relicensed_fixture(store) -> None:
    m = model("okg-test/llama3-relicensed")
    rows = lineage(store, m)
    assert [(r.hub_id, r.licences, r.gating) for r in rows] == [
        ("meta-llama/Meta-Llama-3-8B-Instruct", ["llama3"], "GatedManual"),
        ("okg-test/llama3-relicensed", ["Apache-2.0"], "NotGated"),
    ]
    apache = str(SPDX_LICENSES["Apache-2.0"])
    assert keys(findings(store, rows)) == {
        (str(m), str(DCTERMS.license), str(SHAPES.DerivativeKeepsLicence), SPARQL_COMPONENT,
         SH + "Violation", apache),
        (str(m), str(DCTERMS.license), str(SHAPES.DerivativeOfRestrictedBaseNotFullyOpen),
         SPARQL_COMPONENT, SH + "Warning", apache),
    }  # fmt: skip


def test_shape_silent_on_zephyr_with_its_apache_base_present(store) -> None:
    rows = lineage(store, model("HuggingFaceH4/zephyr-7b-beta"))
    # the silence is earned: the base is in the graph with its Apache-2.0 licence
    assert [(r.hub_id, r.licences, r.relation) for r in rows] == [
        ("mistralai/Mistral-7B-v0.1", ["Apache-2.0"], "finetune"),
        ("HuggingFaceH4/zephyr-7b-beta", ["MIT"], None),
    ]
    assert findings(store, rows) == []


def test_mit_adapter_on_a_non_commercial_base(store) -> None:
    m = model("okg-test/nc-adapter")
    found = keys(findings(store, lineage(store, m)))
    mit = str(SPDX_LICENSES.MIT)
    assert found == {
        (str(m), str(DCTERMS.license), str(SHAPES.DerivativeKeepsNonCommercial), SPARQL_COMPONENT,
         SH + "Violation", mit),
        (str(m), str(DCTERMS.license), str(SHAPES.DerivativeOfRestrictedBaseNotFullyOpen),
         SPARQL_COMPONENT, SH + "Warning", mit),
    }  # fmt: skip


def test_shape_on_hand_written_graphs() -> None:
    """Conforming and violating graphs for DerivativeKeepsLicence alone."""
    keep = URIRef("urn:lic:keep")
    other = URIRef("urn:lic:other")
    base, ok, bad = URIRef("urn:m:base"), URIRef("urn:m:ok"), URIRef("urn:m:bad")
    g = Graph()
    for m in (base, ok, bad):
        g.add((m, RDF.type, OKG.Model))
    g.add((keep, OKG.derivativesKeepLicense, Literal(True)))
    g.add((base, DCTERMS.license, keep))
    g.add((ok, OKG.quantizedFrom, base))
    g.add((ok, DCTERMS.license, keep))
    g.add((bad, OKG.mergedFrom, base))
    g.add((bad, DCTERMS.license, other))
    assert keys(check(g)) == {
        (str(bad), str(DCTERMS.license), str(SHAPES.DerivativeKeepsLicence), SPARQL_COMPONENT,
         SH + "Violation", str(other)),
    }  # fmt: skip


def test_resolve_by_old_id(store) -> None:
    m = resolve_model(store, Minter(), "meta-llama/Meta-Llama-3.1-8B-Instruct")
    assert m == model("meta-llama/Llama-3.1-8B-Instruct")
    assert resolve_model(store, Minter(), "nobody/nothing") is None


def test_lineage_command(tmp_path) -> None:
    from openness_kg.cli import main

    path = tmp_path / "store"
    loaded_store(path=path).close()
    runner = CliRunner()
    res = runner.invoke(
        main, ["--store", str(path), "lineage", "okg-test/llama3-relicensed", "--format", "json"]
    )
    assert res.exit_code == 1, res.output
    import json

    out = json.loads(res.stdout)
    assert [r["model"] for r in out["lineage"]] == [
        "meta-llama/Meta-Llama-3-8B-Instruct",
        "okg-test/llama3-relicensed",
    ]
    assert sorted(f["shape"] for f in out["findings"]) == [
        "DerivativeKeepsLicence",
        "DerivativeOfRestrictedBaseNotFullyOpen",
    ]
    res = runner.invoke(main, ["--store", str(path), "lineage", "HuggingFaceH4/zephyr-7b-beta"])
    assert res.exit_code == 0, res.output
    assert "no lineage findings" in res.output
    res = runner.invoke(main, ["--store", str(path), "lineage", "nobody/nothing"])
    assert res.exit_code == 2
