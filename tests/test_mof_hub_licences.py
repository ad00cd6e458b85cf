"""MOF classification of Hub records with several licences, or an SPDX expression.

Bodies are hand-built in the documented ``model_info`` form: a README (Model card), a
safetensors file (Model parameters (Final)) and a custom ``modeling_*.py`` (Model
architecture), all under the repository's licence: three of the six Class III components.
"""

from __future__ import annotations

from typing import Any

import pytest

from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classifier
from openness_kg.records import Record

FILES = [{"rfilename": f} for f in ("README.md", "model.safetensors", "modeling_x.py")]


def body(licence: Any) -> dict[str, Any]:
    return {"id": "org/m", "siblings": FILES, "cardData": {"license": licence}}


def record(licence: Any) -> Record:
    return transform_model_info(body(licence), Minter(), source="m.json", retrieved_at="2025-01-01")


def class_3(rec: Record) -> float:
    return round(Classifier().classify_record(rec).progress.of(3), 2)


@pytest.mark.parametrize(("licence", "expected"), [("apache-2.0", 50.0), ("cc-by-nc-4.0", 0.0)])
def test_single_licence(licence: str, expected: float) -> None:
    assert class_3(record(licence)) == expected


def test_several_licences_count_open_only_when_all_are_and_order_does_not_matter() -> None:
    rec = record(["cc-by-nc-4.0", "apache-2.0"])
    assert class_3(rec) == 0.0
    rec.triples.reverse()
    assert class_3(rec) == 0.0
    assert class_3(record(["mit", "apache-2.0"])) == 50.0


def test_an_expression_is_open_only_when_every_licence_in_it_is() -> None:
    assert class_3(record("Apache-2.0 OR MIT")) == 50.0
    assert class_3(record("Apache-2.0 OR CC-BY-NC-4.0")) == 0.0  # issue 14
    assert class_3(record("Apache-2.0 AND CC-BY-NC-4.0")) == 0.0
