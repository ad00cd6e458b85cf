"""MOT's rules one by one (expected values worked out by hand from each small file)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from mof_helpers import record_of

from openness_kg.mof.classify import Classifier

HEAD = """framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: T
  producer: P
"""
III = [
    "Model architecture",
    "Model parameters (Final)",
    "Evaluation results",
    "Model card",
    "Data card",
]


def model(license_block: str, comps: Sequence[tuple[str, str | None]]) -> str:
    lines = [HEAD, f"  license: {license_block}\n", "  components:\n"]
    for name, lic in comps:
        lines.append(f"    - name: '{name}'\n")
        if lic is not None:
            lines.append(f"      license: '{lic}'\n")
    return "".join(lines)


def classify(text: str, mode: str = "strict"):
    return Classifier(mode).classify_record(record_of(text))


def test_paper_stands_in_for_missing_report() -> None:
    c = classify(model("{}", [(n, "Apache-2.0") for n in III] + [("Research paper", "CC-BY-4.0")]))
    assert c.mof_class == 3 and c.progress.class_3 == 100  # 5 + paper for report


def test_non_open_paper_does_not_stand_in() -> None:
    c = classify(
        model("{}", [(n, "Apache-2.0") for n in III] + [("Research paper", "CC-BY-NC-4.0")])
    )
    assert c.mof_class == 0 and c.progress.class_3 == pytest.approx(500 / 6)


def test_class_i_denominator_13_with_open_paper_instead_of_report() -> None:
    names = [
        *III,
        "Training code",
        "Inference code",
        "Evaluation code",
        "Evaluation data",
        "Datasets",
        "Data preprocessing code",
        "Model parameters (Intermediate)",
    ]
    comps = [(n, "Apache-2.0") for n in names] + [
        ("Research paper", "CC-BY-4.0"),
        ("Technical report", "Proprietary"),
    ]
    c = classify(model("{}", comps))
    assert c.mof_class == 1 and c.progress.class_1 == 100  # 13 / 13
    comps[-5] = ("Datasets", "unlicensed")
    c = classify(model("{}", comps))
    assert c.mof_class == 2 and c.progress.class_1 == pytest.approx(1200 / 13)


def test_unlicensed_does_not_fall_back() -> None:
    c = classify(
        model(
            "{distribution: {name: Apache-2.0}}",
            [(n, None) for n in III] + [("Technical report", "unlicensed")],
        )
    )
    assert c.mof_class == 0 and c.progress.class_3 == pytest.approx(500 / 6)
    assert any(r.focus.endswith("/component/technical-report") for r in c.results)


def test_content_type_licence_overrides_distribution() -> None:
    block = (
        "{distribution: {name: Proprietary}, data: {name: CDLA-Permissive-2.0},"
        " code: {name: MIT}, document: {name: CC-BY-4.0}}"
    )
    c = classify(model(block, [(n, None) for n in [*III, "Technical report"]]))
    assert c.mof_class == 3  # code MIT, data CDLA, document CC-BY


def test_distribution_licence_inherited_when_no_type_licence() -> None:
    block = "{distribution: {name: Apache-2.0}, data: {name: ''}}"
    c = classify(model(block, [(n, None) for n in [*III, "Technical report"]]))
    assert c.mof_class == 3


def test_optional_components_never_count() -> None:
    opt = [
        ("Model metadata", "MIT"),
        ("Supporting libraries and tools", "MIT"),
        ("Sample model outputs", "MIT"),
    ]
    c = classify(model("{}", opt))
    assert (c.mof_class, c.progress.class_1, c.progress.class_2, c.progress.class_3) == (0, 0, 0, 0)
    assert not any("Sample" in r.source_shape for r in c.results)


def test_type_inappropriate_licence_warns_but_counts() -> None:
    c = classify(model("{}", [(n, "Apache-2.0") for n in [*III, "Technical report"]]))
    assert c.mof_class == 3
    warn = [r for r in c.results if r.severity.endswith("Warning")]
    assert {r.focus.rsplit("/", 1)[-1] for r in warn} == {"model-parameters-final"}


def test_default_mode_normalises_licence_strings() -> None:
    text = model("{}", [(n, "Apache 2.0") for n in [*III, "Technical report"]])
    assert classify(text, "strict").mof_class == 0
    assert classify(text, "default").mof_class == 3
