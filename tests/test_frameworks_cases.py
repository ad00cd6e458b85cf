"""Verdicts written by hand from the bundled files (not from the code), through
``openness-kg assess --format json`` on the bundled build plus the hand-built Hub fixtures of
tests/fixtures/hf/hub and one hand-built body below. Each case says which file it was read
from and why. Licence facts used: components a MOT file lists without a licence inherit the
release's ``distribution`` licence; the licence KB says Apache-2.0/MIT are OSI-approved,
CC-BY-4.0 is an open-data licence (commercial use and derivatives permitted, not OSI),
Llama 3.1's, BigScience-BLOOM-RAIL-1.0's and CreativeML-OpenRAIL-M's terms carry use
restrictions, "Proprietary" is LicenseRef-okg-proprietary (known, unverified, no terms),
CC-BY-NC-4.0 forbids commercial use. The Hub ingester lists weight files as Model parameters
(Final), tokenizer files as Supporting libraries and tools, and a known library (transformers,
diffusers: Apache-2.0, data/hf/libraries.csv) as the Model architecture."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hf_helpers import HUB_FIXTURES
from query_helpers import MINTER, bundled_store

from openness_kg.cli import main
from openness_kg.ingest.hf.recorded import read_dir
from openness_kg.records import Record

# a hand-built Hub body: gated with automatic approval, with weight files
GATED_AUTO = {
    "_id": "okg-hand-built-gated-auto",
    "id": "okg-test/gated-auto-weights",
    "author": "okg-test",
    "sha": "000000000000000000000000000000000000000c",
    "lastModified": "2025-01-09T00:00:00.000Z",
    "gated": "auto",
    "tags": ["license:apache-2.0"],
    "cardData": {"license": "apache-2.0"},
    "siblings": [{"rfilename": "model.safetensors"}, {"rfilename": "README.md"}],
}

# (source, framework) -> (verdict, words the detail must contain)
CASES: dict[tuple[str, str], tuple[str, list[str]]] = {
    # --- the bars -------------------------------------------------------------------
    # Pythia-6.9B.yml: Apache-2.0 distribution inherited by architecture, inference code,
    # libraries, weights, datasets, data card; MIT data preprocessing and training code;
    # research paper CC-BY-SA-4.0 (open): every OSAID row open, nobody judged the data info.
    ("Pythia-6.9B.yml", "osaid"): ("meets-checkable-part", ["human judgment"]),
    # weights Apache (no restrictions), inference code Apache, training code MIT, Datasets
    # under the inherited Apache-2.0 (open)
    ("Pythia-6.9B.yml", "g7"): ("open-source-ai-with-open-data", []),
    # Amber.yml: Apache-2.0 inherited by every code row and the weights, Datasets MIT
    ("Amber.yml", "osaid"): ("meets-checkable-part", []),
    ("Amber.yml", "g7"): ("open-source-ai-with-open-data", []),
    # Llama-3.1-8B-Instruct.yml: weights inherit the Llama 3.1 licence (use restrictions)
    ("Llama-3.1-8B-Instruct.yml", "osaid"): ("fails", ["Model parameters (Final)"]),
    # weights and architecture/inference code listed; weights' licence restricted
    ("Llama-3.1-8B-Instruct.yml", "g7"): ("weights-available-ai", ["use restrictions"]),
    # OLMo-7B.yml: no Supporting libraries and tools component, everything else Apache-2.0
    ("OLMo-7B.yml", "osaid"): ("incomplete", ["Supporting libraries and tools (not listed)"]),
    # --- more MOT files ---------------------------------------------------------------------
    # Pythia-6.9B.yml: weights listed, huggingface: EleutherAI/pythia-6.9b; training code
    # and datasets listed
    ("Pythia-6.9B.yml", "release"): ("fully-open", ["mot-weights-code-data"]),
    # Llama-3.1-8B-Instruct.yml: weights listed with a Hub page, no training code/datasets
    ("Llama-3.1-8B-Instruct.yml", "release"): ("downloadable", ["rule mot-weights"]),
    # GPT-4.yml: architecture and libraries under "Proprietary" (a known licence, not
    # OSI-approved): positive evidence; the weights' terms are unknown (no terms recorded)
    ("GPT-4.yml", "osaid"): ("fails", ["Model architecture", "Supporting libraries and tools"]),
    # weights listed but the KB cannot tell Proprietary's terms: no label, never "available"
    ("GPT-4.yml", "g7"): ("none", ["not known"]),
    # weights listed under Proprietary, no huggingface: and no component_path
    ("GPT-4.yml", "release"): ("unknown", ["no Hub repository or path"]),
    # BLOOM.yml: distribution BigScience-BLOOM-RAIL-1.0 (use restrictions) inherited by the
    # architecture and the weights
    ("BLOOM.yml", "osaid"): ("fails", ["Model parameters (Final)", "Model architecture"]),
    ("BLOOM.yml", "g7"): ("weights-available-ai", ["bigscience-bloom-rail-1.0"]),
    # weights listed with huggingface: bigscience/bloom; training code and datasets listed:
    # fully open whatever the licence (Solaiman counts BLOOM, under RAIL, fully open)
    ("BLOOM.yml", "release"): ("fully-open", []),
    # Phi-2.yml: only Model architecture (MIT) and an unlicensed paper; no weights listed
    ("Phi-2.yml", "osaid"): ("incomplete", ["Model parameters (Final) (not listed)"]),
    # (the MIT architecture is deployment code by our rule; the weights are missing)
    ("Phi-2.yml", "g7"): ("none", ["no label: weights not shown"]),
    ("Phi-2.yml", "release"): ("unknown", ["no Model parameters (Final) listed"]),
    # Mixtral-8x7B-v0.1.yml: Apache-2.0 inherited; no data preprocessing or training code;
    # research paper CC-BY-4.0 (open data information)
    ("Mixtral-8x7B-v0.1.yml", "osaid"): (
        "incomplete",
        ["Data preprocessing code (not listed)", "Training code (not listed)"],
    ),
    ("Mixtral-8x7B-v0.1.yml", "g7"): ("open-weights-ai", ["training code"]),
    ("Mixtral-8x7B-v0.1.yml", "release"): ("downloadable", ["training code and training data"]),
    # CrystalCoder.yml: code and weights Apache-2.0, no Supporting libraries and tools, every
    # document and the datasets "unlicensed" (OSI's 2024 validation passed it; MOT does not)
    ("CrystalCoder.yml", "osaid"): ("incomplete", ["Supporting libraries and tools"]),
    ("CrystalCoder.yml", "g7"): ("open-weights-ai", ["open training data or data information"]),
    ("CrystalCoder.yml", "release"): ("fully-open", []),
    # T5.yml: two components (Datasets, Research paper), both unlicensed
    ("T5.yml", "osaid"): ("incomplete", ["Model parameters (Final) (not listed)"]),
    ("T5.yml", "mof"): ("unclassified", []),
    # --- Hub records ------------------------------------------------------------------------
    # hf/models/meta-llama__Llama-3.1-8B-Instruct.json: "gated": "manual", 5 weight files
    ("meta-llama__Llama-3.1-8B-Instruct.json", "release"): ("staged", ["hub-gated-manual"]),
    # license llama3.1 on the weight files; transformers (Apache-2.0) as the architecture
    ("meta-llama__Llama-3.1-8B-Instruct.json", "g7"): ("weights-available-ai", ["llama3.1"]),
    # tokenizer files inherit llama3.1 (not OSI-approved), weights restricted
    ("meta-llama__Llama-3.1-8B-Instruct.json", "osaid"): (
        "fails",
        ["Supporting libraries and tools", "Model parameters (Final)"],
    ),
    # hf/models/openai-community__gpt2.json (gpt2.json is the same repository under its old
    # id, same _id: one record): "gated": false, 7 weight files, mit; no training code or
    # datasets
    ("openai-community__gpt2.json", "release"): ("downloadable", ["rule hub-weights"]),
    # weights MIT, transformers architecture Apache-2.0; no training code
    ("openai-community__gpt2.json", "g7"): ("open-weights-ai", ["training code"]),
    ("openai-community__gpt2.json", "osaid"): ("incomplete", ["Training code (not listed)"]),
    # hf/models/CompVis__stable-diffusion-v1-4.json: creativeml-openrail-m weights (use
    # restrictions), diffusers pipeline (Apache-2.0), not gated
    ("CompVis__stable-diffusion-v1-4.json", "g7"): ("weights-available-ai", []),
    ("CompVis__stable-diffusion-v1-4.json", "release"): ("downloadable", []),
    ("CompVis__stable-diffusion-v1-4.json", "osaid"): ("fails", ["Model parameters (Final)"]),
    # tests/fixtures/hf/hub/models/okg-test__list-licence.json: "gated": "auto", no siblings
    ("okg-test__list-licence.json", "release"): ("unknown", ["no weight files"]),
    ("okg-test__list-licence.json", "g7"): ("none", ["weights"]),
    # the hand-built body above: gated auto, model.safetensors, apache-2.0
    ("okg-test__gated-auto-weights.json", "release"): (
        "downloadable",
        ["gated, approved automatically"],
    ),
    # tests/fixtures/hf/hub/models/okg-test__other-unnamed.json: no siblings at all
    ("okg-test__other-unnamed.json", "release"): ("unknown", ["no weight files"]),
    # okg-test__nc-base.json: cc-by-nc-4.0 weights, no library: no deployment code shown
    ("okg-test__nc-base.json", "g7"): ("none", ["deployment code not shown"]),
    ("okg-test__nc-base.json", "osaid"): ("fails", ["Model parameters (Final)"]),
}


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict]:
    tmp = tmp_path_factory.mktemp("cases")
    store = bundled_store(tmp / "store")
    hand = tmp / "hub" / "models"
    hand.mkdir(parents=True)
    (hand / "okg-test__gated-auto-weights.json").write_text(json.dumps(GATED_AUTO))
    recs = [r for d in (HUB_FIXTURES, tmp / "hub") for r in read_dir(d, MINTER)]
    assert all(isinstance(r, Record) for r in recs), recs
    store.replace_graphs([r for r in recs if isinstance(r, Record)])
    store.close()
    res = CliRunner().invoke(
        main, ["--store", str(tmp / "store"), "assess", "--format", "json", "--no-store"]
    )
    assert res.exit_code == 0, res.output
    return {(r["source"], r["framework"]): r for r in json.loads(res.stdout)}


def test_enough_hand_derived_cases() -> None:
    bars = 7
    assert len(CASES) - bars >= 15
    hub = {s for s, _ in CASES if s.endswith(".json")}
    assert len(hub) >= 6


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda k: f"{k[0]}-{k[1]}")
def test_case(assessed: dict[tuple[str, str], dict], key: tuple[str, str]) -> None:
    verdict, words = CASES[key]
    row = assessed[key]
    assert row["verdict"] == verdict, row["detail"]
    for w in words:
        assert w in row["detail"], row["detail"]
