"""MOF pre-assessment from Hub metadata alone: which components a repository evidences.

Rules (each component keeps the evidence it rests on):

- files (``siblings``), by name:
  weights (``.safetensors .bin .gguf .ggml .pth .pt .ckpt .h5 .msgpack .ot .onnx .tflite
  .mlmodel .keras .nemo .npz``) -> Model parameters (Final), or (Intermediate) inside a
  ``checkpoint-N`` folder; ``training_args.bin``, optimizer/scheduler/RNG states and the
  configuration files (``config.json``, ``generation_config.json``, ``model_index.json``,
  ``params.json``, ``preprocessor_config.json``, ``scheduler_config.json``,
  ``trainer_state.json``, ``config.yaml``) -> Model metadata; the root ``README.md`` -> Model
  card; tokenizer files -> Supporting libraries and tools; ``modeling_*.py`` -> Model
  architecture; ``train*.py`` -> Training code; ``eval*.py`` -> Evaluation code;
  ``handler.py``, ``inference*.py``, ``predict*.py`` -> Inference code; ``eval_results.json``
  -> Evaluation results. Everything else is not evidence of a component.
- a config file alone is not the architecture (MOF's architecture is code): without
  ``modeling_*.py`` in the repository, Model architecture is evidenced only by a known
  library (``data/hf/libraries.csv``) implementing ``config.architectures`` (or the diffusers
  pipeline class), under that library's licence;
- ``model-index`` -> Evaluation results; ``arxiv:`` tags -> Research paper (a tag cannot tell
  a paper from a technical report, so the weaker claim); datasets named -> Datasets, with no
  licence (unknown unless the dataset itself is ingested).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from rdflib import URIRef

from ...namespaces import OKG
from ...paths import DATA_DIR

LIBRARIES_CSV = DATA_DIR / "hf" / "libraries.csv"

WEIGHT_EXT = (
    ".safetensors", ".bin", ".gguf", ".ggml", ".pth", ".pt", ".ckpt", ".h5", ".msgpack",
    ".ot", ".onnx", ".tflite", ".mlmodel", ".keras", ".nemo", ".npz",
)  # fmt: skip
TRAINING_STATE = frozenset(
    {"training_args.bin", "optimizer.pt", "optimizer.bin", "scheduler.pt", "scaler.pt"}
)
METADATA_FILES = frozenset(
    {
        "config.json", "generation_config.json", "model_index.json", "params.json",
        "preprocessor_config.json", "scheduler_config.json", "trainer_state.json", "config.yaml",
    }
)  # fmt: skip
TOKENIZER_FILES = frozenset(
    {
        "tokenizer.json", "tokenizer_config.json", "tokenizer.model", "special_tokens_map.json",
        "added_tokens.json", "vocab.txt", "vocab.json", "merges.txt", "spiece.model",
        "sentencepiece.bpe.model",
    }
)  # fmt: skip
_CHECKPOINT_DIR = re.compile(r"(^|/)checkpoint[-_]\d+/")
_RNG_STATE = re.compile(r"^rng_state.*\.pth$")

# OKG class -> the MOF component name (the key of Minter.component)
MOF_NAME: dict[URIRef, str] = {
    OKG.ModelArchitecture: "Model architecture",
    OKG.TrainingCode: "Training code",
    OKG.InferenceCode: "Inference code",
    OKG.EvaluationCode: "Evaluation code",
    OKG.SupportingLibrariesAndTools: "Supporting libraries and tools",
    OKG.ModelParametersFinal: "Model parameters (Final)",
    OKG.ModelParametersIntermediate: "Model parameters (Intermediate)",
    OKG.ModelMetadata: "Model metadata",
    OKG.Datasets: "Datasets",
    OKG.EvaluationResults: "Evaluation results",
    OKG.ModelCard: "Model card",
    OKG.ResearchPaper: "Research paper",
}


def classify_file(path: str) -> URIRef | None:
    """The MOF component a repository file is evidence of, or ``None``."""
    base = path.rsplit("/", 1)[-1]
    lower = base.lower()
    if lower in TRAINING_STATE or _RNG_STATE.match(lower):
        return OKG.ModelMetadata
    if lower.endswith(WEIGHT_EXT):
        if _CHECKPOINT_DIR.search(path):
            return OKG.ModelParametersIntermediate
        return OKG.ModelParametersFinal
    if path == "README.md":
        return OKG.ModelCard
    if lower in TOKENIZER_FILES or lower.endswith(".tiktoken"):
        return OKG.SupportingLibrariesAndTools
    if lower in METADATA_FILES:
        return OKG.ModelMetadata
    if lower == "eval_results.json":
        return OKG.EvaluationResults
    if lower.endswith(".py"):
        if lower.startswith("modeling_"):
            return OKG.ModelArchitecture
        if lower.startswith("train"):
            return OKG.TrainingCode
        if lower.startswith(("eval", "evaluate")):
            return OKG.EvaluationCode
        if lower == "handler.py" or lower.startswith(("inference", "predict")):
            return OKG.InferenceCode
    return None


@dataclass(frozen=True)
class Library:
    name: str
    repository: str
    spdx_license: str


@cache
def libraries() -> dict[str, Library]:
    """Libraries known to implement Hub model architectures, with their licences."""
    with LIBRARIES_CSV.open(encoding="utf-8", newline="") as f:
        return {
            r["library_name"]: Library(r["library_name"], r["repository"], r["spdx_license"])
            for r in csv.DictReader(f)
        }


def files_evidence(paths: list[str]) -> dict[URIRef, list[str]]:
    """Repository files grouped by the component they evidence (sorted, unique)."""
    out: dict[URIRef, set[str]] = {}
    for p in paths:
        cls = classify_file(p)
        if cls is not None:
            out.setdefault(cls, set()).add(p)
    return {k: sorted(v) for k, v in out.items()}
