"""``ingest osai``: both generations of the European Open Source AI Index, scores as the index
computes them, per-file messages for malformed files, provenance."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from openness_kg.indexes.osai_rows import rows
from openness_kg.ingest.osai import OSAI_DIR, bundled_files, ingest_paths
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.records import Record
from openness_kg.store.write import write_records

FIXTURES = Path(__file__).parent / "fixtures" / "osai"
SCORES = (
    sparql_prologue()
    + """
SELECT ?path ?score WHERE {
  GRAPH ?g { ?g okg:sourcePath ?path . ?a okg:basedOnRecord ?g ; okg:score ?score ;
             okg:assessedFamily ?f . FILTER NOT EXISTS { ?a dcterms:isPartOf ?whole } }
}
"""
)


def website_score(path: Path) -> float:
    """The index website's formula, written here from data/osai-index/SOURCE.md: a parameter
    applies when its types share a modality with system.type; open 1, partial 0.5, else 0;
    the score is the mean over the applicable parameters."""
    params = yaml.safe_load((OSAI_DIR / "_parameters.yml").read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    modalities = {t.strip() for t in str(data["system"]["type"]).split(",")}
    values = []
    for category in params:
        for p in category["params"]:
            if set(p["types"]) & modalities:
                cls = (data.get(str(p["ref"])) or {}).get("class")
                values.append({"open": 1.0, "partial": 0.5}.get(str(cls), 0.0))
    return sum(values) / len(values)


@pytest.fixture(scope="module")
def bundled_store():
    from openness_kg.iris import Minter
    from openness_kg.store import OxigraphStore

    store = OxigraphStore(None)
    report = write_records(store, ingest_paths([OSAI_DIR], Minter()))
    assert report.landed == 193
    assert [e.source for e in report.errors] == ["a_submission_template.yaml"]
    return store


def stored_scores(store) -> dict[str, float]:
    return {str(r["path"]).rsplit("/", 1)[-1]: float(r["score"]) for r in store.select(SCORES)}


def test_every_current_file_stores_the_website_score(bundled_store) -> None:
    stored = stored_scores(bundled_store)
    files = bundled_files()
    assert len(files) == 193
    for f in files:
        assert stored[f.name] == pytest.approx(website_score(f), abs=1e-6), f.name


def test_rows_rank_as_the_website_does(bundled_store) -> None:
    expected = sorted(bundled_files(), key=lambda f: f.name, reverse=True)
    expected.sort(key=lambda f: round(website_score(f), 6), reverse=True)
    got = [r for r in rows(bundled_store, None) if r.framework == "osai"]
    assert [r.source for r in got] == [f.name for f in expected]
    olmo = next(r for r in got if r.source == "OLMo.yaml")
    # OLMo.yaml by hand: 11 parameters open, paper partial -> 11.5 / 12
    assert olmo.model == "OLMo" and olmo.score == pytest.approx(11.5 / 12)
    assert "paper=partial" in olmo.detail


def test_parameter_assessments_keep_verdict_evidence_and_notes(bundled_store) -> None:
    q = (
        sparql_prologue()
        + """
SELECT ?verdict ?url ?note WHERE { GRAPH ?g {
  ?g okg:sourcePath "OLMo.yaml" . ?a okg:basedOnRecord ?g ; okg:criterion ?c ;
  okg:verdict ?verdict ; okg:evidence ?url ; skos:note ?note . ?c skos:notation "paper" } }
"""
    )
    (row,) = bundled_store.select(q)
    assert row["verdict"] == OKG.Partial
    assert row["url"] == URIRef("https://openreview.net/forum?id=2ezugTT9kU#discussion")
    assert str(row["note"]).startswith("Conference paper published in COLM 2025")


def test_provenance_names_the_commit_and_its_date(bundled_store) -> None:
    q = (
        sparql_prologue()
        + 'SELECT ?src ?when WHERE { GRAPH ?g { ?g okg:sourcePath "Snowflake Arctic.yaml" ; '
        "okg:sourceKind okg:OsaiIndexFile ; prov:wasDerivedFrom ?src ; okg:retrievedAt ?when } }"
    )
    (row,) = bundled_store.select(q)
    assert str(row["src"]) == (
        "https://github.com/Language-Technology-Assessment/main-database/blob/"
        "5a388e871b88735e7ab7e6fb230b76c9d460d99a/Snowflake%20Arctic.yaml"
    )
    assert row["when"] == Literal("2026-06-12", datatype=XSD.date)


def test_quirks_are_warnings_and_the_files_land(minter) -> None:
    items = list(
        ingest_paths(
            [OSAI_DIR / "GANSynth.yaml", OSAI_DIR / "koala.yaml", OSAI_DIR / "Zephyr.yaml"], minter
        )
    )
    records = [i for i in items if isinstance(i, Record)]
    assert len(records) == len(items)
    warnings = {i.source: i.warnings for i in records}
    assert warnings["GANSynth.yaml"] == [
        "spells the key 'endmodel license' (read as endmodellicense)"
    ]
    assert warnings["koala.yaml"] == ["stray key system.datasources_endmodel ignored"]
    assert warnings["Zephyr.yaml"] == []  # no licenses.link: nothing to say
    gansynth = records[0]
    assert any(p == OKG.declaredLicense for _, p, _ in gansynth.triples)


def test_earlier_generation_scores_are_the_hand_sums(minter, mem_store) -> None:
    report = write_records(mem_store, ingest_paths([FIXTURES / "earlier"], minter))
    assert report.landed == 3 and not report.errors and not report.warnings
    assert stored_scores(mem_store) == {
        "alpha-chat.yaml": 9.0,
        "beta-instruct.yaml": 3.5,
        "gamma.yaml": 14.0,
    }
    q = sparql_prologue() + "SELECT DISTINCT ?fw WHERE { ?a okg:framework ?fw }"
    assert {r["fw"] for r in mem_store.select(q)} == {OKG.OpeningUpChatGPT}
    got = [(r.model, r.framework, r.score) for r in rows(mem_store, None)]
    assert got == [
        ("Gamma", "osai", 14.0),
        ("Alpha Chat", "osai", 9.0),
        ("Beta Instruct", "osai", 3.5),
    ]
    assert all("earlier generation" in r.detail for r in rows(mem_store, None))


def test_malformed_files_each_get_a_message_and_the_rest_lands(minter, mem_store) -> None:
    report = write_records(
        mem_store, ingest_paths([FIXTURES / "malformed", OSAI_DIR / "T5.yaml"], minter)
    )
    errors = {e.source: e.problem for e in report.errors}
    assert errors == {
        "a-list.yaml": "not an index file: the top level is a list, not a mapping",
        "a_submission_template.yaml": (
            "a submission template (no system name), not a system: nothing stored"
        ),
        "bad-yaml.yaml": errors["bad-yaml.yaml"],
        "wrong-type.yaml": "parameter paper: class 1 is not open, partial or closed",
    }
    assert errors["bad-yaml.yaml"].startswith("malformed YAML:")
    assert report.landed == 2  # missing-parameter.yaml and T5.yaml
    assert report.warnings == [
        "missing-parameter.yaml: parameter paper is missing: counted as closed (0), "
        "as the index does"
    ]
    scores = stored_scores(mem_store)
    assert scores["missing-parameter.yaml"] == pytest.approx(11 / 12)  # by hand
    assert scores["T5.yaml"] == pytest.approx(website_score(OSAI_DIR / "T5.yaml"))
    assert Decimal(str(scores["T5.yaml"])) > 0


def test_cli_reports_each_malformed_file_and_exits_1(tmp_path) -> None:
    from click.testing import CliRunner

    from openness_kg.cli import main

    store = str(tmp_path / "store")
    result = CliRunner().invoke(
        main, ["--store", store, "ingest", "osai", str(FIXTURES / "malformed")]
    )
    assert result.exit_code == 1
    err = " ".join(result.stderr.split())  # rich may wrap long lines
    for name in ("a-list.yaml", "a_submission_template.yaml", "bad-yaml.yaml", "wrong-type.yaml"):
        assert f"error: {name}:" in err
    assert "missing-parameter.yaml: parameter paper is missing" in err
    assert "osai: 1 record(s) landed" in err
    assert "osai: 0 of 1 system(s) linked to a release" in err
    fmti = CliRunner().invoke(main, ["--store", store, "ingest", "fmti", str(tmp_path)])
    assert fmti.exit_code == 1
    assert "no FMTI edition (a folder with a *_scores.csv)" in " ".join(fmti.stderr.split())
