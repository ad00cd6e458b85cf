"""Index systems linked to bundled releases by evidence only (Hub URL, else exact name)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from openness_kg.build import build
from openness_kg.cli import main
from openness_kg.indexes.osai_links import compute_links
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.store import OxigraphStore

M = "https://w3id.org/openness-kg/id/model/"

# Written by hand from the YAML files of data/osai-index (the field named in each comment).
HAND = {
    # weights_endmodel.link: https://huggingface.co/openai/gpt-oss-120b/tree/main
    ("GPT-OSS.yaml", "end"): ("openai/gpt-oss-120b", "hub-url"),
    # weights_endmodel.link: https://huggingface.co/LLM360/CrystalChat
    ("Crystal.yaml", "end"): ("LLM360/CrystalChat", "hub-url"),
    # weights_endmodel.link / weights_basemodel.link
    ("Snowflake Arctic.yaml", "end"): ("Snowflake/snowflake-arctic-instruct", "hub-url"),
    ("Snowflake Arctic.yaml", "base"): ("Snowflake/snowflake-arctic-base", "hub-url"),
    ("Granite.yaml", "base"): ("ibm-granite/granite-4.0-h-small-base", "hub-url"),
    # weights_basemodel.link: https://huggingface.co/microsoft/phi-2
    ("Fietje.yaml", "base"): ("microsoft/phi-2", "hub-url"),
    # weights_basemodel.link: https://huggingface.co/bigscience/bloom
    ("bloomz.yaml", "base"): ("bigscience/bloom", "hub-url"),
    # weights_endmodel.link: https://huggingface.co/deepseek-ai/DeepSeek-R1
    ("deepseek-R1.yaml", "end"): ("deepseek-ai/DeepSeek-R1", "hub-url"),
    # system.basemodelname: Llama-2-70B (a MOT release name; no Hub URL of ours in the file)
    ("llama-2-chat.yaml", "base"): ("Llama-2-70B", "release-name"),
    # system.endmodelname: Meta-Llama-3-70B-Instruct (MOT's release name of that Hub model)
    ("llama-3-instruct.yaml", "end"): ("meta-llama/Meta-Llama-3-70B-Instruct", "release-name"),
}


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    report = build(s, Minter())
    assert not report.errors  # the build links the systems itself
    return s


def test_at_least_40_systems_linked_with_evidence(store) -> None:
    report = compute_links(store, Minter())
    assert report.systems == 193
    assert report.linked >= 40
    for s in report.found:
        for link in s.links:
            assert link.evidence and link.method in (
                OKG.HubUrlLink,
                OKG.ExactReleaseNameLink,
                OKG.ExactHubIdLink,
            )


def test_hand_written_links(store) -> None:
    rows = {}
    report = compute_links(store, Minter())
    for s in report.found:
        for link in s.links:
            rows[(s.path, link.role, str(link.model))] = link
    for (file, role), (target, method) in HAND.items():
        link = rows[(file, role, M + target)]
        assert {"hub-url": OKG.HubUrlLink, "release-name": OKG.ExactReleaseNameLink}[
            method
        ] == link.method


def test_links_are_stored_with_their_method(store) -> None:
    q = (
        sparql_prologue()
        + """
SELECT ?target ?method ?evidence WHERE {
  ?f rdfs:label "Snowflake Arctic" ; okg:baseModel ?target .
  ?l okg:linkSubject ?f ; okg:linkTarget ?target ; okg:linkProperty okg:baseModel ;
     okg:linkMethod ?method ; okg:linkEvidence ?evidence }
"""
    )
    (row,) = store.select(q)
    assert str(row["target"]) == M + "Snowflake/snowflake-arctic-base"
    assert row["method"] == OKG.HubUrlLink
    assert str(row["evidence"]) == (
        "weights_basemodel.link: https://huggingface.co/Snowflake/snowflake-arctic-base"
    )


def test_an_unlinked_system_stays_unlinked(store) -> None:
    # llama-3.1.yaml names Meta-Llama-3.1-405B-Instruct and Meta-Llama-3.1-8B; the bundled
    # data holds meta-llama/Llama-3.1-8B-Instruct, a near name: no link may be guessed.
    s = next(x for x in compute_links(store, Minter()).found if x.path == "llama-3.1.yaml")
    assert s.links == []
    q = sparql_prologue() + 'ASK { ?f rdfs:label "Llama 3.1" ; okg:endModel|okg:baseModel ?m }'
    assert not store.ask(q)


def test_osai_links_cli_csv(tmp_path) -> None:
    # the CLI on a store of its own: build, then the listing
    path = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["--store", str(path), "build"]).exit_code == 0
    result = runner.invoke(main, ["--store", str(path), "osai", "links", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "system,file,role,release,method,evidence"
    assert (
        "Fietje,Fietje.yaml,base,https://w3id.org/openness-kg/id/model/microsoft/phi-2,hub-url,"
        "weights_basemodel.link: https://huggingface.co/microsoft/phi-2"
    ) in lines
    assert any(line.startswith("Llama 3.1,llama-3.1.yaml,,,none,") for line in lines)


def test_rows_for_given_models_are_the_linked_systems(store) -> None:
    from openness_kg.indexes.fmti_rows import rows as fmti_rows
    from openness_kg.indexes.osai_rows import rows

    bloom = Minter().hub_model("bigscience/bloom")
    (row,) = rows(store, [bloom])
    # bloomz.yaml links BLOOM as its base model; 11 open and 1 partial of 12 -> 11.5/12
    assert (row.model, row.source, row.framework) == ("BLOOMZ", "bloomz.yaml", "osai")
    assert row.score == pytest.approx(11.5 / 12)
    assert row.verdict == "11 open, 1 partial, 0 closed"
    llama2 = Minter().named_model("Llama-2-70B")  # the MOT release, base of five systems
    assert sorted(r.source for r in rows(store, [llama2])) == [
        "CodeLlama.yaml",
        "OpenCodeInterpreter.yaml",
        "Stable Beluga.yaml",
        "leo.yaml",
        "llama-2-chat.yaml",
    ]
    assert rows(store, [Minter().hub_model("meta-llama/Llama-3.1-8B-Instruct")]) == []
    # FMTI: a Meta release gets Meta's three totals (MOT producer 'Meta')
    meta = [
        r.cells()[:5] for r in fmti_rows(store, [Minter().hub_model("meta-llama/Llama-3.1-70B")])
    ]
    assert meta == [
        ("Meta", "Dec2025_scores.csv", "fmti", "31 of 100 indicators met", "31"),
        ("Meta", "May2024_scores.csv", "fmti", "60 of 100 indicators met", "60"),
        ("Meta", "October2023_scores.csv", "fmti", "54 of 100 indicators met", "54"),
    ]
