"""``openness-kg assess`` on the bundled build (issue 12): the CSV header, one row per record and
framework with a verdict each, the assessments and summaries it stores, MODEL arguments, and the
framework sections of ``explain``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_helpers import bundled_store

from openness_kg.cli import main
from openness_kg.frameworks.registry import FRAMEWORKS, choices
from openness_kg.store import OxigraphStore

ID = "https://w3id.org/openness-kg/id/"
OKG = "https://w3id.org/openness-kg/ontology#"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("assess") / "st"
    bundled_store(path).close()
    return path


def run(store, *args: str):
    return CliRunner().invoke(main, ["--store", str(store), *args])


@pytest.fixture(scope="module")
def rows(store) -> list[dict[str, str]]:
    res = run(store, "assess", "--format", "csv")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[0] == "model,source,framework,verdict,score,detail"
    return list(csv.DictReader(io.StringIO(res.stdout)))


def test_framework_choices_come_from_the_registry() -> None:
    computed = ["mof", "osaid", "g7", "release", "columbia"]
    assert choices() == [*computed, "osai", "fmti", "all"]  # then the human indexes (issue 13)
    assert list(FRAMEWORKS) == choices()[:-1]


def test_one_row_per_record_and_framework_each_with_a_verdict(store, rows) -> None:
    with OxigraphStore(store) as st:
        records = st.select(
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> "
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a okg:SourceRecord ; "
            "okg:recordOf ?m . ?m a okg:Model } }"
        )
    n = int(str(records[0]["n"]))
    assert n == 273 + 35  # the MOT files and the Hub responses (data/hf/INDEX.csv)
    human = {"osai", "fmti"}  # the indexes' own rows, one per system / developer and edition
    keys = [(r["source"], r["framework"]) for r in rows if r["framework"] not in human]
    assert len(keys) == len(set(keys)) == 5 * n
    assert {f for _, f in keys} == set(FRAMEWORKS) - human
    assert all(r["verdict"] and r["detail"] for r in rows)
    # one osai row per index file of the bundled index (the template is no system), one fmti
    # row per developer column of each edition's scores file, recounted from the files
    data = Path(__file__).resolve().parent.parent / "data"
    systems = [
        p
        for p in (data / "osai-index").glob("*.yaml")
        if not p.name.startswith("_") and p.name != "a_submission_template.yaml"
    ]
    assert sum(r["framework"] == "osai" for r in rows) == len(systems) == 193
    not_developers = {"Domain", "Subdomain", "Indicator", "Total"}
    columns = 0
    for scores in sorted(data.glob("fmti/*/*_scores.csv")):
        header = scores.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        columns += sum(c.strip() not in not_developers for c in header)
    assert sum(r["framework"] == "fmti" for r in rows) == columns == 13 + 14 + 10
    tokens = {
        "mof": {"class-I", "class-II", "class-III", "unclassified"},
        "osaid": {"conforms", "meets-checkable-part", "incomplete", "fails"},
        "g7": {
            "open-source-ai-with-open-data",
            "open-source-ai",
            "open-weights-ai",
            "weights-available-ai",
            "none",
        },
        "release": {
            "fully-open",
            "downloadable",
            "cloud-api",
            "hosted",
            "staged",
            "fully-closed",
            "unknown",
        },
    }
    for r in rows:
        if r["framework"] in tokens:
            assert r["verdict"] in tokens[r["framework"]], r


def test_mof_rows_equal_classify(store, rows) -> None:
    res = run(store, "classify", "--format", "csv", "--no-store")
    classes = {r["source"]: int(r["mof_class"]) for r in csv.DictReader(io.StringIO(res.stdout))}
    mof = {r["source"]: r["verdict"] for r in rows if r["framework"] == "mof"}
    roman = {0: "unclassified", 1: "class-I", 2: "class-II", 3: "class-III"}
    assert classes and {s: roman[c] for s, c in classes.items()} == {
        s: v for s, v in mof.items() if s in classes
    }


def test_assessments_and_summaries_are_stored(store, rows) -> None:
    del rows  # the module's `assess` run stored them
    with OxigraphStore(store) as st:
        q = (
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> "
            "PREFIX prov: <http://www.w3.org/ns/prov#> "
            "SELECT ?a ?v ?fv ?rv ?t WHERE { GRAPH ?g { ?a okg:framework okg:G7VisionOnAIOpenness ;"
            " okg:basedOnRecord <" + ID + "record/mot/Pythia-6.9B.yml> ; okg:verdict ?v ;"
            " okg:frameworkVersion ?fv ; okg:ruleVersion ?rv ; prov:generatedAtTime ?t ."
            " FILTER NOT EXISTS { ?a <http://purl.org/dc/terms/isPartOf> ?x } } }"
        )
        [row] = st.select(q)
        assert str(row["v"]) == OKG + "OpenSourceAIWithOpenData"
        assert str(row["fv"]) == "2026-05-29"
        parts = st.select(
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> SELECT ?p ?c ?s WHERE {"
            " ?p <http://purl.org/dc/terms/isPartOf> <" + str(row["a"]) + "> ;"
            " okg:criterion ?c ; okg:verdict ?s }"
        )
        assert len(parts) == 7 and all(str(p["s"]) == OKG + "Open" for p in parts)
        # one summary per model and framework; Llama-3.1-8B-Instruct: both records fail OSAID
        summary = st.select(
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> SELECT ?v WHERE {"
            " <" + ID + "model/meta-llama/Llama-3.1-8B-Instruct> okg:highestOsaidVerdict ?v }"
        )
        assert [str(s["v"]) for s in summary] == [OKG + "OsaidFails"]
        crit = st.select(
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> SELECT ?c WHERE {"
            " ?c a okg:Criterion ; <http://www.w3.org/2000/01/rdf-schema#isDefinedBy>"
            " okg:OpenSourceAIDefinition }"
        )
        assert len(crit) == 7


def test_models_by_argument_json_and_errors(store) -> None:
    res = run(store, "assess", "Pythia-6.9B", "--framework", "release", "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [(d["source"], d["verdict"], d["score"]) for d in data] == [
        ("Pythia-6.9B.yml", "fully-open", 6.0)
    ]
    assert run(store, "assess", "no-such-model", "--no-store").exit_code == 2
    assert run(store, "assess", "--framework", "no-such-framework").exit_code == 2
    table = run(store, "assess", "OLMo-7B", "--framework", "osaid", "--no-store")
    assert table.exit_code == 0 and "incomplete" in table.stdout


def test_explain_has_a_section_per_framework(store) -> None:
    res = run(store, "explain", "Llama-3.1-8B-Instruct.yml")
    assert res.exit_code == 0, res.output
    for title in (
        "OSI Open Source AI Definition 1.0: fails",
        "G7 Vision on AI Openness (2026): weights-available-ai",
        "Release gradient (Solaiman 2023): downloadable",
        "Columbia Convening stack profile:",
    ):
        assert title in res.stdout


def test_store_facts_read_what_the_full_record_gives(store) -> None:
    """Reading only the predicates record_facts uses changes nothing (bundled build), and the
    record version it names is the digest of the whole record as history computes it."""
    from openness_kg.frameworks.records import store_facts
    from openness_kg.frameworks.status import record_facts
    from openness_kg.history.versions import content_digest
    from openness_kg.iris import Minter

    with OxigraphStore(store) as st:
        n = 0
        for f in store_facts(st):
            full = [(s, p, o) for s, p, o, _ in st.quads(f.record)]
            ref = record_facts(full, f.model, f.record, f.name, f.source)
            ref.record_version = Minter().record_version(f.record, content_digest(full))
            assert ref == f, f.source
            n += 1
    assert n == 308
