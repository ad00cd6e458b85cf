"""The 17 MOF components as MOT configures them (``data/mot/mof.settings.yml``), and the
MOT snapshot bundled in ``data/mot/`` (its commit and date, ``bundled_source_info``).

Each MOT component name maps to one OKG class; the mapping lives here (not in the ontology)
so classification works without the ontology loaded; a test checks it against the ontology.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from rdflib import URIRef

from ..bounded import load_yaml
from ..namespaces import OKG
from ..paths import DATA_DIR

MOT_DIR = DATA_DIR / "mot"
SETTINGS_FILE = MOT_DIR / "mof.settings.yml"
SOURCE_FILE = MOT_DIR / "SOURCE.md"
MOT_REPO = "https://github.com/lfai/model_openness_tool"

# MOT component name -> OKG class.
OKG_CLASS: dict[str, URIRef] = {
    "Model architecture": OKG.ModelArchitecture,
    "Data preprocessing code": OKG.DataPreprocessingCode,
    "Training code": OKG.TrainingCode,
    "Inference code": OKG.InferenceCode,
    "Evaluation code": OKG.EvaluationCode,
    "Supporting libraries and tools": OKG.SupportingLibrariesAndTools,
    "Model parameters (Final)": OKG.ModelParametersFinal,
    "Model parameters (Intermediate)": OKG.ModelParametersIntermediate,
    "Model metadata": OKG.ModelMetadata,
    "Datasets": OKG.Datasets,
    "Evaluation data": OKG.EvaluationData,
    "Evaluation results": OKG.EvaluationResults,
    "Model card": OKG.ModelCard,
    "Data card": OKG.DataCard,
    "Technical report": OKG.TechnicalReport,
    "Research paper": OKG.ResearchPaper,
    "Sample model outputs": OKG.SampleModelOutputs,
}

CONTENT_TYPE_CLASS: dict[str, URIRef] = {
    "code": OKG.CodeComponent,
    "data": OKG.DataComponent,
    "document": OKG.DocumentComponent,
}
CONTENT_TYPE_CONCEPT: dict[str, URIRef] = {
    "code": OKG.CodeContent,
    "data": OKG.DataContent,
    "document": OKG.DocumentContent,
}
MOF_CLASS_IRI: dict[int, URIRef] = {1: OKG.MofClassI, 2: OKG.MofClassII, 3: OKG.MofClassIII}
ROMAN = {1: "I", 2: "II", 3: "III"}

TECHNICAL_REPORT = "Technical report"
RESEARCH_PAPER = "Research paper"


@dataclass(frozen=True)
class Component:
    """One MOF component type as MOT configures it."""

    id: int
    name: str
    content_type: str  # code | data | document
    mof_class: int  # 1, 2 or 3
    required: bool

    @property
    def okg_class(self) -> URIRef:
        return OKG_CLASS[self.name]


@dataclass(frozen=True)
class MofSettings:
    components: tuple[Component, ...]

    def by_name(self, name: str) -> Component | None:
        for c in self.components:
            if c.name == name:
                return c
        return None

    def by_class(self, okg_class: URIRef) -> Component | None:
        for c in self.components:
            if c.okg_class == okg_class:
                return c
        return None

    def required(self, mof_class: int) -> list[Component]:
        """Required components introduced at ``mof_class`` (not cumulative)."""
        return [c for c in self.components if c.required and c.mof_class == mof_class]

    def required_upto(self, mof_class: int) -> list[Component]:
        """Required components of classes III down to ``mof_class`` (cumulative)."""
        return [c for c in self.components if c.required and c.mof_class >= mof_class]


@cache
def load_settings(path: Path = SETTINGS_FILE) -> MofSettings:
    data = load_yaml(path.read_text(encoding="utf-8")).data  # MOT's YAML, read as MOT files are
    comps = tuple(
        Component(
            id=int(c["id"]),
            name=str(c["name"]),
            content_type=str(c["content_type"]),
            mof_class=int(c["class"]),
            required=bool(c["required"]),
        )
        for c in data["components"]
    )
    unknown = [c.name for c in comps if c.name not in OKG_CLASS]
    if unknown:
        raise ValueError(f"{path}: components without an OKG class: {unknown}")
    return MofSettings(comps)


@cache
def bundled_source_info() -> tuple[str, date]:
    """The commit and the date taken, as ``data/mot/SOURCE.md`` records them."""
    text = SOURCE_FILE.read_text(encoding="utf-8")
    commit = re.search(r"Commit: `([0-9a-f]{40})`", text)
    taken = re.search(r"Date taken: (\d{4}-\d{2}-\d{2})", text)
    if not commit or not taken:
        raise ValueError(f"{SOURCE_FILE}: no commit or date taken")
    return commit.group(1), date.fromisoformat(taken.group(1))
