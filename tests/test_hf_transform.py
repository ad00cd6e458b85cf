"""The pure transforms on hand-built fixtures (tests/fixtures/hf/hub/README.md says how they
were made) and on properties of the recorded data; expected values derived by hand."""

from __future__ import annotations

import json

import pytest
from hf_helpers import HF_DATA, HUB_FIXTURES, bundled_records, fixture_records
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from openness_kg.ingest.hf.dataset import transform_dataset_info
from openness_kg.ingest.hf.preassess import classify_file
from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, SPDX_LICENSES
from openness_kg.records import Record

ID = "https://w3id.org/openness-kg/id/"
REC = ID + "record/hf-model/"


def model(repo: str) -> URIRef:
    return URIRef(ID + "model/" + repo)


def objects(rec: Record, s: URIRef, p: URIRef) -> set:
    return {o for s2, p2, o in rec.triples if s2 == s and p2 == p}


@pytest.fixture(scope="module")
def fx() -> dict:
    recs = fixture_records()
    assert len(recs) == 14  # 13 model bodies + 1 dataset body, all good
    return recs


def test_fixture_files_were_found() -> None:
    assert len(list((HUB_FIXTURES / "models").glob("*.json"))) == 13


@pytest.mark.parametrize(
    ("repo", "prop", "base"),
    [
        ("okg-test/chain-ft", OKG.fineTunedFrom, "okg-test/chain-base"),
        ("okg-test/chain-quant", OKG.quantizedFrom, "okg-test/chain-ft"),
        # plain tag + the card's base_model_relation: adapter
        ("okg-test/chain-adapter", OKG.adapterOf, "okg-test/chain-quant"),
        ("okg-test/nc-adapter", OKG.adapterOf, "okg-test/nc-base"),
        # only the plain tag: plain derivation, never a guessed relation
        ("okg-test/plain-derivative", OKG.derivedFromModel, "okg-test/chain-base"),
    ],
)
def test_base_model_relations(fx, repo: str, prop: URIRef, base: str) -> None:
    rec = fx[REC + repo]
    links = {(p, o) for s, p, o in rec.triples if s == model(repo) and str(p).startswith(str(OKG))}
    lineage = {(p, o) for p, o in links if p in (OKG.fineTunedFrom, OKG.adapterOf,
               OKG.quantizedFrom, OKG.mergedFrom, OKG.derivedFromModel)}  # fmt: skip
    assert lineage == {(prop, model(base))}
    assert (model(base), OKG.hubId, Literal(base)) in rec.triples


def test_merge_has_two_bases(fx) -> None:
    rec = fx[REC + "okg-test/merge"]
    assert objects(rec, model("okg-test/merge"), OKG.mergedFrom) == {
        model("okg-test/chain-base"),
        model("mistralai/Mistral-7B-v0.1"),
    }
    assert not objects(rec, model("okg-test/merge"), OKG.derivedFromModel)


def test_quantized_gguf_files_are_final_weights(fx) -> None:
    rec = fx[REC + "okg-test/chain-quant"]
    comp = URIRef(str(model("okg-test/chain-quant")) + "/component/model-parameters-final")
    assert objects(rec, comp, OKG.componentPath) == {
        Literal("chain-ft.Q4_K_M.gguf"),
        Literal("chain-ft.Q8_0.gguf"),
    }
    # gguf is no library whose licence we know: no architecture component from a library
    assert not any(str(o).endswith("/component/model-architecture") for o in
                   objects(rec, model("okg-test/chain-quant"), OKG.hasComponent))  # fmt: skip


def test_checkpoint_folder_is_intermediate_parameters(fx) -> None:
    rec = fx[REC + "okg-test/chain-ft"]
    base = str(model("okg-test/chain-ft")) + "/component/"
    assert objects(rec, URIRef(base + "model-parameters-intermediate"), OKG.componentPath) == {
        Literal("checkpoint-500/model.safetensors")
    }
    assert objects(rec, URIRef(base + "model-parameters-final"), OKG.componentPath) == {
        Literal("model.safetensors")
    }
    assert objects(rec, URIRef(base + "model-metadata"), OKG.componentPath) == {
        Literal("checkpoint-500/optimizer.pt")
    }


def test_list_valued_licence(fx) -> None:
    rec = fx[REC + "okg-test/list-licence"]
    m = model("okg-test/list-licence")
    assert objects(rec, m, OKG.declaredLicense) == {Literal("apache-2.0"), Literal("mit")}
    assert objects(rec, m, DCTERMS.license) == {SPDX_LICENSES["Apache-2.0"], SPDX_LICENSES.MIT}
    assert objects(rec, m, OKG.gating) == {OKG.GatedAuto}
    assert rec.warnings == ["2 licences declared (apache-2.0, mit); how they combine is not stated"]


def test_licence_other_with_name_and_link(fx) -> None:
    rec = fx[REC + "okg-test/other-named"]
    m = model("okg-test/other-named")
    assert objects(rec, m, OKG.declaredLicense) == {Literal("okg-test-model-licence")}
    assert objects(rec, m, OKG.licenseMatch) == {OKG.UnmatchedLicense}
    assert not objects(rec, m, DCTERMS.license)
    assert objects(rec, m, DCTERMS.rights) == {
        URIRef("https://huggingface.co/okg-test/other-named/blob/main/LICENSE.md")
    }
    assert rec.warnings == ["licence 'okg-test-model-licence' is not a licence the KB knows"]


def test_licence_other_without_name(fx) -> None:
    rec = fx[REC + "okg-test/other-unnamed"]
    m = model("okg-test/other-unnamed")
    assert objects(rec, m, OKG.declaredLicense) == {Literal("other")}
    # issue 14: the Hub's `other` is "a licence not in the Hub's list", the Hub id itself,
    # not a statement that no licence is given
    assert objects(rec, m, OKG.licenseMatch) == {OKG.ExactLicenseMatch}
    assert objects(rec, m, DCTERMS.license) == {URIRef(ID + "license/other")}
    assert not objects(rec, m, DCTERMS.rights)


def test_dataset_info(fx) -> None:
    rec = fx[ID + "record/hf-dataset/okg-test/dataset"]
    d = URIRef(ID + "dataset/okg-test/dataset")
    assert (d, RDF.type, OKG.Dataset) in rec.triples
    assert objects(rec, d, OKG.hubId) == {Literal("okg-test/dataset")}
    assert objects(rec, d, DCTERMS.license) == {SPDX_LICENSES["CC-BY-SA-4.0"]}
    assert objects(rec, d, DCTERMS.language) == {Literal("en"), Literal("de")}
    assert objects(rec, d, OKG.hubPage) == {
        URIRef("https://huggingface.co/datasets/okg-test/dataset")
    }
    assert objects(rec, rec.graph, OKG.sourceKind) == {OKG.HubDatasetInfo}
    # no INDEX.csv in the fixtures: the body's lastModified dates the record
    assert {str(o) for o in objects(rec, rec.graph, OKG.retrievedAt)} == {
        "2025-01-12T00:00:00+00:00"
    }
    assert objects(rec, d, DCTERMS.references) == {URIRef(ID + "publication/arxiv%3A2401.00001")}


def test_dataset_info_without_id_is_an_error() -> None:
    from openness_kg.records import RecordError

    with pytest.raises(RecordError, match="not a Hub dataset id"):
        transform_dataset_info({"id": "a b"}, Minter(), source="x")


def test_bundled_source_lands_every_recorded_body() -> None:
    recs = bundled_records()
    # 36 bodies; gpt2.json and openai-community__gpt2.json are one repository (same _id, sha)
    assert len(list((HF_DATA / "models").glob("*.json"))) == 36
    assert len(recs) == 35
    gpt2 = recs[REC + "openai-community/gpt2"]
    assert objects(gpt2, model("openai-community/gpt2"), OKG.alternativeId) == {Literal("gpt2")}
    t5 = recs[REC + "google-t5/t5-small"]
    assert objects(t5, model("google-t5/t5-small"), OKG.alternativeId) == {Literal("t5-small")}


def test_records_are_deterministic() -> None:
    a, b = bundled_records(), bundled_records()
    assert {k: set(v.triples) for k, v in a.items()} == {k: set(v.triples) for k, v in b.items()}


def test_gated_recorded_models() -> None:
    recs = bundled_records()
    gated = {
        k
        for k, r in recs.items()
        if any(p == OKG.gating and o == OKG.GatedManual for _, p, o in r.triples)
    }
    assert gated == {
        REC + "meta-llama/Llama-3.1-8B-Instruct",
        REC + "meta-llama/Meta-Llama-3-70B-Instruct",
        REC + "meta-llama/Meta-Llama-3-8B-Instruct",
    }


@pytest.mark.parametrize(
    ("path", "cls"),
    [
        ("model.safetensors", OKG.ModelParametersFinal),
        ("pytorch_model-00001-of-00002.bin", OKG.ModelParametersFinal),
        ("q4.gguf", OKG.ModelParametersFinal),
        ("training_args.bin", OKG.ModelMetadata),
        ("checkpoint-100/pytorch_model.bin", OKG.ModelParametersIntermediate),
        ("README.md", OKG.ModelCard),
        ("docs/README.md", None),
        ("config.json", OKG.ModelMetadata),
        ("tokenizer.json", OKG.SupportingLibrariesAndTools),
        ("modeling_custom.py", OKG.ModelArchitecture),
        ("train_script.py", OKG.TrainingCode),
        ("eval.py", OKG.EvaluationCode),
        ("handler.py", OKG.InferenceCode),
        ("LICENSE", None),
        ("model.safetensors.index.json", None),
    ],
)
def test_classify_file(path: str, cls: URIRef | None) -> None:
    assert classify_file(path) == cls


def test_custom_modeling_code_is_the_architecture() -> None:
    body = json.loads((HUB_FIXTURES / "models" / "okg-test__chain-base.json").read_text())
    body["siblings"] = [{"rfilename": "modeling_okg.py"}, {"rfilename": "config.json"}]
    body["config"] = {"architectures": ["OkgForCausalLM"], "auto_map": {"AutoModel": "x"}}
    body["library_name"] = "transformers"
    rec = transform_model_info(body, Minter(), source="x")
    comp = URIRef(str(model("okg-test/chain-base")) + "/component/model-architecture")
    assert objects(rec, comp, OKG.componentPath) == {Literal("modeling_okg.py")}
    # the repository's licence, not the library's
    assert objects(rec, comp, DCTERMS.license) == {SPDX_LICENSES["Apache-2.0"]}
    assert objects(rec, comp, OKG.evidencedBy) == {
        URIRef(
            "https://huggingface.co/okg-test/chain-base/tree/0000000000000000000000000000000000000003"
        )
    }


def test_requested_id_of_a_redirect_is_an_alias() -> None:
    body = json.loads((HF_DATA / "models" / "google-bert__bert-base-uncased.json").read_text())
    rec = transform_model_info(body, Minter(), source="x", requested_id="bert-base-uncased")
    m = model("google-bert/bert-base-uncased")
    assert objects(rec, m, OKG.alternativeId) == {Literal("bert-base-uncased")}
    assert objects(rec, rec.graph, DCTERMS.source) == {
        URIRef("https://huggingface.co/api/models/bert-base-uncased")
    }


def test_card_relation_applies_only_to_the_bases_the_card_names() -> None:
    """Card: base org/a, relation adapter; tags: plain org/a and org/b. org/b is named only by
    the tags, so its relation is unknown: plain derivation, not a guessed adapter."""
    body = {
        "id": "org/child",
        "tags": ["base_model:org/a", "base_model:org/b"],
        "cardData": {"base_model": "org/a", "base_model_relation": "adapter"},
    }
    m = Minter()
    rec = transform_model_info(body, m, source="child.json", retrieved_at="2025-01-01")
    child = m.hub_model("org/child")
    assert objects(rec, child, OKG.adapterOf) == {m.hub_model("org/a")}
    assert objects(rec, child, OKG.derivedFromModel) == {m.hub_model("org/b")}
