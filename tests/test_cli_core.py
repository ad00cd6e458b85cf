"""The CLI skeleton: --version, --store, stats (table and JSON), exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from openness_kg import __version__
from openness_kg.cli import main
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, SPDX_LICENSES
from openness_kg.records import Record
from openness_kg.store import OxigraphStore


def _small_store(path) -> None:
    """Two models, three components, two licences, two records (counted by hand)."""
    m = Minter()
    a, b = m.hub_model("org/a"), m.hub_model("org/b")
    r1 = Record(m.record("test", "one"), "one")
    r1.add(r1.graph, RDF.type, OKG.SourceRecord)
    r1.add(a, RDF.type, OKG.Model)
    for kind, cls in (("Model card", OKG.ModelCard), ("Training code", OKG.TrainingCode)):
        c = m.component(a, kind)
        r1.add(c, RDF.type, cls)
        r1.add(a, OKG.hasComponent, c)
    r2 = Record(m.record("test", "two"), "two")
    r2.add(r2.graph, RDF.type, OKG.SourceRecord)
    r2.add(b, RDF.type, OKG.Model)
    c = m.component(b, "Model parameters (Final)")
    r2.add(c, RDF.type, OKG.ModelParametersFinal)
    r2.add(SPDX_LICENSES["MIT"], RDF.type, OKG.License)
    r2.add(SPDX_LICENSES["Apache-2.0"], RDF.type, OKG.License)
    onto = Record(URIRef("https://w3id.org/openness-kg/ontology"), "ontology")
    for cls in (OKG.ModelCard, OKG.TrainingCode, OKG.ModelParametersFinal):
        onto.add(cls, RDFS.subClassOf, OKG.Component)
    onto.add(OKG.ModelCard, RDFS.label, Literal("Model card"))
    s = OxigraphStore(path)
    s.replace_graphs([r1, r2, onto])
    s.close()


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_stats_json(tmp_path) -> None:
    _small_store(tmp_path / "s")
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["triples"] == 15  # 6 (r1) + 5 (r2) + 4 (ontology) quads, counted by hand
    assert (data["models"], data["components"], data["licenses"], data["records"]) == (2, 3, 2, 2)
    assert sum(data["graphs"].values()) == data["triples"]


def test_stats_table(tmp_path) -> None:
    _small_store(tmp_path / "s")
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "stats"])
    assert result.exit_code == 0
    assert "models" in result.output and "triples per named graph" in result.output


def test_store_env_var(tmp_path, monkeypatch) -> None:
    _small_store(tmp_path / "env")
    monkeypatch.setenv("OPENNESS_KG_STORE", str(tmp_path / "env"))
    result = CliRunner().invoke(main, ["stats", "--format", "json"])
    assert json.loads(result.output)["models"] == 2


def test_usage_error_exit_code(tmp_path) -> None:
    result = CliRunner().invoke(main, ["stats", "--format", "xml"])
    assert result.exit_code == 2


def test_graph_option_that_is_not_an_iri_is_a_usage_error(tmp_path) -> None:
    """``--graph '"x"'`` (an N-Triples literal) names no graph: exit 2 with a message."""
    ttl = tmp_path / "a.ttl"
    ttl.write_text("<urn:s> <urn:p> <urn:o> .\n", encoding="utf-8")
    store = str(tmp_path / "store")
    for args in (
        ["load", "--graph", '"x"', str(ttl)],
        ["export", "--graph", '"x"', str(tmp_path / "out.nt")],
    ):
        result = CliRunner().invoke(main, ["--store", store, *args])
        assert result.exit_code == 2, (args, result.output)
        assert "--graph wants an IRI" in result.output
