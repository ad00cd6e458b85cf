"""``compare``: three models written out by hand (the index's YAML, the MOT files, the licence
KB), with the disagreements and reasons expected."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from openness_kg.cli import main


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    store = str(tmp_path_factory.mktemp("compare") / "store")
    runner = CliRunner()
    for args in (["build"], ["classify", "--format", "csv"]):
        result = runner.invoke(main, ["--store", store, *args])
        assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="module")
def rows(store) -> dict[tuple[str, str], dict[str, str]]:
    runner = CliRunner()
    result = runner.invoke(
        main,
        [
            "--store",
            store,
            "compare",
            "bigscience/bloom",
            "LLM360/CrystalChat",
            "Snowflake/snowflake-arctic-instruct",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["family"] for r in table[:5]] == [
        "weights",
        "data",
        "code",
        "documentation",
        "licence",
    ]
    return {(r["model"], r["family"]): r for r in table}


def test_bloom_availability_versus_licence(rows) -> None:
    # bloomz.yaml links BLOOM as its base model (weights_basemodel.link) and rates
    # weights_basemodel and datasources_basemodel open; data/mot/models/BLOOM.yml gives both
    # the release-level licence BigScience-BLOOM-RAIL-1.0, a use-restricted (RAIL) licence.
    w = rows[("bigscience/bloom", "weights")]
    assert "bloomz.yaml: weights_basemodel=open" in w["human"]
    assert "BigScience-BLOOM-RAIL-1.0 (restricted, inherited)" in w["computed"]
    assert w["disagreement"] == (
        "availability versus licence: bloomz.yaml rates weights_basemodel open; the licence KB "
        "classes Model parameters (Final)'s licence 'BigScience-BLOOM-RAIL-1.0' (BLOOM.yml) as "
        "restricted"
    )
    assert rows[("bigscience/bloom", "data")]["disagreement"].startswith(
        "availability versus licence: bloomz.yaml rates datasources_basemodel open;"
    )
    # documentation verdicts judge quality and are about the system (BLOOMZ): never compared
    assert rows[("bigscience/bloom", "documentation")]["disagreement"] == ""


def test_crystalchat_over_inherited_licence(rows) -> None:
    # Crystal.yaml rates datasources_endmodel, trainingcode and licenses closed; the MOT file
    # CrystalChat.yml lists Datasets and training code under its release-level Apache-2.0.
    d = rows[("LLM360/CrystalChat", "data")]
    assert d["disagreement"] == (
        "over-inherited licence: CrystalChat.yml gives Datasets 'Apache-2.0' from its "
        "release-level licence; Crystal.yaml rates datasources_endmodel closed"
    )
    assert rows[("LLM360/CrystalChat", "code")]["disagreement"].startswith(
        "over-inherited licence: CrystalChat.yml gives Data preprocessing code 'Apache-2.0'"
    )
    assert rows[("LLM360/CrystalChat", "licence")]["disagreement"].startswith(
        "over-inherited licence: CrystalChat.yml gives Model parameters (Final) 'Apache-2.0'"
    )
    # weights open in the index and Apache-2.0 in the record: they agree
    assert rows[("LLM360/CrystalChat", "weights")]["disagreement"] == ""


def test_arctic_family_versus_release_and_unlisted_component(rows) -> None:
    # Snowflake Arctic.yaml: weights_endmodel open (this release, snowflake-arctic-instruct),
    # weights_basemodel closed (the base model); trainingcode partial, and Arctic-Instruct.yml
    # lists no training or data preprocessing code.
    w = rows[("Snowflake/snowflake-arctic-instruct", "weights")]
    assert w["disagreement"] == (
        "family versus release: Snowflake Arctic.yaml rates weights_basemodel closed, about the "
        "base model, not this release; for this release it rates weights_endmodel open"
    )
    c = rows[("Snowflake/snowflake-arctic-instruct", "code")]
    assert c["disagreement"] == (
        "a component the record does not list: Snowflake Arctic.yaml rates trainingcode "
        "partial; no record of this model lists Training code or Data preprocessing code"
    )
    assert rows[("Snowflake/snowflake-arctic-instruct", "data")]["disagreement"] == ""
    assert rows[("Snowflake/snowflake-arctic-instruct", "data")]["computed"] == "not listed"


def test_overall_lines_name_mof_the_index_and_fmti(store) -> None:
    result = CliRunner().invoke(main, ["--store", store, "compare", "Llama-3.1-70B"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    # MOT's Llama-3.1-70B.yml (Meta); Infinity-Instruct.yaml and DeepHermes.yaml link it as
    # their base model; FMTI scored Meta 31 (2025), 60 (2024) and 54 (2023)
    assert "FMTI (human, organization): Meta 31 of 100 indicators met (Dec2025_scores.csv)" in lines
    assert "FMTI (human, organization): Meta 54 of 100 indicators met (October2023_scores.csv)" in (
        lines
    )
    assert any(line.startswith("MOF (computed, default mode): ") for line in lines)
    assert any(
        line.startswith("European Open Source AI Index (human): DeepHermes.yaml score ")
        for line in lines
    )
