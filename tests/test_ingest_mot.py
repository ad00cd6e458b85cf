"""MOT ingest: records, provenance, bad input, and the colliding files."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from openness_kg.ingest.mot import ingest_paths
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.records import Record, RecordError
from openness_kg.store.write import write_records

MODELS = Path(__file__).resolve().parent.parent / "data" / "mot" / "models"


def items(paths: list[Path]) -> list:
    return list(ingest_paths(paths, Minter()))


def test_bundled_file_provenance_and_model_iri() -> None:
    (rec,) = items([MODELS / "Polyglot-Ko.yml"])
    assert isinstance(rec, Record)
    g = rec.as_graph()
    m = URIRef("https://w3id.org/openness-kg/id/model/EleutherAI/polyglot-ko-12.8b")
    assert (rec.graph, OKG.recordOf, m) in g
    assert (rec.graph, OKG.retrievedAt, Literal("2026-11-26", datatype=XSD.date)) in g
    src = g.value(rec.graph, PROV.wasDerivedFrom)
    assert str(src).endswith(
        "/blob/8b5d30e90a7c62d7d6ece48b91e69ff495920a4d/models/Polyglot-Ko.yml"
    )
    assert rec.graph == Minter().record("mot", "Polyglot-Ko.yml")


def test_model_without_hub_id_uses_release_name() -> None:
    (rec,) = items([MODELS / "AraGPT2.yml"])
    assert (rec.graph, OKG.recordOf, Minter().named_model("AraGPT2")) in rec.as_graph()


def test_bad_files_are_reported_and_the_rest_land(tmp_path: Path, mem_store) -> None:
    shutil.copy(MODELS / "Amber.yml", tmp_path / "Amber.yml")
    (tmp_path / "broken.yml").write_text("release: [unclosed\n", encoding="utf-8")
    (tmp_path / "noschema.yml").write_text(
        "framework: {name: X, version: '1', date: '2024-01-01'}\nrelease: {name: N}\n",
        encoding="utf-8",
    )
    got = items([tmp_path])
    errors = {e.source: e.problem for e in got if isinstance(e, RecordError)}
    assert set(errors) == {"broken.yml", "noschema.yml"}
    assert "malformed YAML" in errors["broken.yml"]
    assert "JSON schema" in errors["noschema.yml"]
    report = write_records(mem_store, got)
    assert report.landed == 1 and len(report.errors) == 2


def _warnings(names: list[str]) -> dict[str, list[str]]:
    return {
        r.source: r.warnings for r in items([MODELS / n for n in names]) if isinstance(r, Record)
    }


def test_llama_3_70b_pair_warns_naming_both_files() -> None:
    w = _warnings(["Llama-3-70B-Instruct.yml", "Meta-Llama-3-70B-Instruct.yml"])
    assert any("Meta-Llama-3-70B-Instruct.yml" in x for x in w["Llama-3-70B-Instruct.yml"])
    assert any("Llama-3-70B-Instruct.yml and" in x for x in w["Llama-3-70B-Instruct.yml"])


def test_llama_3_8b_pair_are_two_records_of_one_model() -> None:
    recs = [
        r
        for r in items(
            [MODELS / "Llama-3-8B-Instruct.yml", MODELS / "Meta-Llama-3-8B-Instruct.yml"]
        )
        if isinstance(r, Record)
    ]
    assert len({r.graph for r in recs}) == 2
    models = {next(o for s, p, o in r.triples if p == OKG.recordOf) for r in recs}
    assert len(models) == 1
    assert all(any("describe the same model" in w for w in r.warnings) for r in recs)


def test_qwen_name_contradicts_hub_id() -> None:
    w = _warnings(["Qwen2.5-72B-Instruct.yml"])["Qwen2.5-72B-Instruct.yml"]
    assert any("Qwen2.5-32B-Instruct" in x and "Qwen/Qwen2.5-72B-Instruct" in x for x in w)


def test_licence_iris_use_the_minters_base() -> None:
    """Qwen2.5-72B-Instruct.yml: Model architecture under 'Qwen License Agreement', a licence
    without an SPDX id, so its IRI is under the instance base the build was given."""
    base = "https://example.org/kg/"
    (rec,) = list(ingest_paths([MODELS / "Qwen2.5-72B-Instruct.yml"], Minter(base)))
    assert isinstance(rec, Record)
    model = URIRef(base + "model/Qwen/Qwen2.5-72B-Instruct")
    arch = URIRef(f"{model}/component/model-architecture")
    assert (arch, DCTERMS.license, URIRef(base + "license/LicenseRef-okg-qwen")) in rec.as_graph()
