"""Strict mode against MOT's own test suite and a hand-computed sample of bundled files."""

from __future__ import annotations

import pytest
import yaml
from mof_helpers import MODELS, MOT_TESTS, expected_mot_results, record_of

from openness_kg.mof.classify import Classifier
from openness_kg.mof.mot_rules import evaluate

TEST_FILES = sorted(MOT_TESTS.glob("*.yml"))


def test_found_mot_test_files() -> None:
    assert len(TEST_FILES) == 27
    assert len(expected_mot_results()) == 27


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.stem[:40])
def test_strict_matches_mot_api(path) -> None:
    expected = expected_mot_results()
    text = path.read_text(encoding="utf-8")
    release = yaml.safe_load(text)["release"]
    exp = expected[release["name"]]
    # the literal port of MOT's evaluator
    ev = evaluate(release)
    assert ev.mof_class == exp["class"]
    for k, v in exp["progress"].items():
        assert ev.progress[int(k)] == pytest.approx(v, abs=1e-9)
    # the graph path: record -> view -> SHACL class + progress
    c = Classifier("strict").classify_record(record_of(text, path.name))
    assert c.mof_class == exp["class"]
    assert [c.progress.class_1, c.progress.class_2, c.progress.class_3] == pytest.approx(
        [exp["progress"]["1"], exp["progress"]["2"], exp["progress"]["3"]], abs=1e-9
    )


# Computed by hand from each YAML file (class, progress I, II, III); see the note in each.
HAND = {
    "Amber.yml": (1, 100, 100, 100),  # all 17 listed; distribution Apache-2.0, Datasets MIT
    "Aquila-7B.yml": (0, 0, 0, 100 / 6),  # only architecture open (Apache-2.0)
    "AraGPT2.yml": (0, 0, 0, 0),  # Datasets and paper unlicensed
    "OLMo-7B.yml": (1, 100, 100, 100),  # no TR; open paper (CC-BY-4.0) stands in; I = 13/13
    "Pythia-6.9B.yml": (1, 100, 100, 100),  # as OLMo, paper CC-BY-SA-4.0
    "Mistral-7B-Instruct-v0.3.yml": (0, 0, 0, 400 / 6),  # arch, params, card, paper-for-TR
    "Polyglot-Ko.yml": (2, 1300 / 14, 100, 100),  # all but intermediate params
    "gpt-oss-20b.yml": (0, 0, 0, 500 / 6),  # no data card
    "Granite-4.0-Micro.yml": (3, 0, 60, 100),  # the six Class III components, Apache-2.0
    "Granite-4.0-H-Tiny.yml": (3, 0, 60, 100),
    "Qwen2.5-72B-Instruct.yml": (0, 0, 0, 0),  # Qwen licence, unlicensed, arXiv licence
    "Llama-3-8B.yml": (0, 0, 0, 0),  # Llama 3 licence is not open
    "Phi-2.yml": (0, 0, 0, 100 / 6),  # architecture MIT
    "BLOOM.yml": (0, 0, 0, 100 / 6),  # RAIL distribution; only TR CC-BY-4.0 counts
    "T5.yml": (0, 0, 0, 0),
    "OpenELM-270M.yml": (0, 0, 0, 0),  # apple-sample-code-license is not open
    "Falcon-180B.yml": (0, 0, 0, 0),  # TII licence; paper under arXiv licence
    "Grok-1.yml": (0, 0, 0, 200 / 6),  # architecture and weights Apache-2.0
    "CrystalCoder.yml": (0, 0, 0, 200 / 6),  # architecture and weights open in Class III
    "Mixtral-8x7B-Instruct-v0.1.yml": (0, 0, 0, 200 / 6),
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_hand_computed_bundled_sample(name: str) -> None:
    cls, p1, p2, p3 = HAND[name]
    text = (MODELS / name).read_text(encoding="utf-8")
    c = Classifier("strict").classify_record(record_of(text, name))
    assert c.mof_class == cls
    assert [c.progress.class_1, c.progress.class_2, c.progress.class_3] == pytest.approx(
        [p1, p2, p3], abs=1e-9
    )
    ev = evaluate(yaml.safe_load(text)["release"])
    assert ev.mof_class == cls


def test_hand_sample_is_large_enough() -> None:
    assert len(HAND) >= 20
    assert HAND["Polyglot-Ko.yml"][1] == pytest.approx(92.857142857, abs=1e-6)
