"""Helpers shared by the MOF tests."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from openness_kg.ingest.mot import transform_text
from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter
from openness_kg.records import Record

ROOT = Path(__file__).resolve().parent.parent
MOT_TESTS = ROOT / "tests" / "data" / "mot-test-data"
MODELS = ROOT / "data" / "mot" / "models"
PROV = Provenance(
    url="https://example.org/x.yml", retrieved=datetime.date(2026, 1, 1), path="x.yml"
)


def expected_mot_results() -> dict[str, dict]:
    text = (MOT_TESTS / "expected_results.json").read_text(encoding="utf-8")
    text = re.sub(r",(\s*[}\]])", r"\1", text)  # the file has trailing commas
    return {m["release"]["name"]: m["classification"] for m in json.loads(text)["models"]}


def record_of(text: str, name: str = "x.yml") -> Record:
    return transform_text(text, name, PROV, Minter())
