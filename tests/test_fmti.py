"""``ingest fmti``: the Foundation Model Transparency Index's three editions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from openness_kg.indexes.fmti_rows import rows
from openness_kg.ingest.fmti import FMTI_DIR, ingest_dir
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

C = "https://w3id.org/openness-kg/id/criterion/fmti/"
ORG = "https://w3id.org/openness-kg/id/org/"
SCORES = {
    "2023-10": FMTI_DIR / "October2023" / "October2023_scores.csv",
    "2024-05": FMTI_DIR / "May2024" / "May2024_scores.csv",
    "2025-12": FMTI_DIR / "Dec2025" / "Dec2025_scores.csv",
}
TOTALS = (
    sparql_prologue()
    + """
SELECT ?edition ?dev ?score WHERE {
  ?a okg:framework okg:FoundationModelTransparencyIndex ; okg:edition ?edition ;
     okg:subjectName ?dev ; okg:score ?score . FILTER NOT EXISTS { ?a dcterms:isPartOf ?w } }
"""
)


def column_sums(path: Path) -> dict[str, int]:
    """Each developer column's sum, read here with the csv module (the Total row skipped)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        skip = {"Domain", "Subdomain", "Indicator", "Total"}
        devs = [h for h in reader.fieldnames or [] if h not in skip]
        sums = dict.fromkeys(devs, 0)
        for row in reader:
            if row["Indicator"] == "Total":
                continue
            for d in devs:
                sums[d] += int(row[d])
    return sums


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    report = write_records(s, ingest_dir(FMTI_DIR, Minter()))
    assert not report.errors and report.landed == 4  # three editions and the mapping
    assert report.warnings == [
        "May2024_scores.csv: report Adept_fmtransparencyreport_May2024.csv has no header row; "
        "read in the 2024 order"
    ]
    return s


def stored_totals(store) -> dict[tuple[str, str], float]:
    return {(str(r["edition"]), str(r["dev"])): float(r["score"]) for r in store.select(TOTALS)}


def test_totals_are_the_column_sums(store) -> None:
    totals = stored_totals(store)
    expected = {(ed, d): float(n) for ed, p in SCORES.items() for d, n in column_sums(p).items()}
    assert totals == expected
    assert len(totals) == 10 + 14 + 13


def test_2025_totals_by_hand(store) -> None:
    # published in the 2025 FMTI's abstract and press coverage: IBM 95, xAI and Midjourney 14;
    # Meta 31 and Mistral 18 (down from 60 and 55 in 2024)
    totals = stored_totals(store)
    assert totals[("2025-12", "IBM")] == 95
    assert totals[("2025-12", "xAI")] == 14
    assert totals[("2025-12", "Midjourney")] == 14
    assert totals[("2025-12", "Meta")] == 31
    assert totals[("2025-12", "Mistral")] == 18
    assert totals[("2024-05", "Meta")] == 60
    assert totals[("2023-10", "Meta")] == 54


def test_indicators_are_criteria_per_edition_with_a_crosswalk(store) -> None:
    g = store.construct(
        sparql_prologue() + "CONSTRUCT { ?c ?p ?o } WHERE { ?c a okg:Criterion ; ?p ?o }"
    )
    model_license_2023 = URIRef(C + "2023-10/model-asset-license")
    # the 2023 scores file says 'Model Asset License', its indicator list 'Model License'
    assert g.value(model_license_2023, SKOS.definition) == Literal(
        "Is a license for the model disclosed?"
    )
    assert (URIRef(C + "2024-05/license"), SKOS.exactMatch, model_license_2023) in g
    size = URIRef(C + "2024-05/data-size")
    assert (size, SKOS.exactMatch, URIRef(C + "2023-10/data-size")) in g
    acq = URIRef(C + "2025-12/data-acquisition-methods")
    assert g.value(acq, SKOS.definition) == Literal(
        "What methods does the developer use to acquire data used to build the model?"
    )
    close = set(g.subject_objects(SKOS.closeMatch))
    assert close and all(str(a).startswith(C + "2025-12/") for a, _ in close)
    assert all(str(b).startswith(C + "2024-05/") for _, b in close)
    counts = {ed: len([c for c in g.subjects(OKG.edition, Literal(ed))]) for ed in SCORES}
    assert counts == {"2023-10": 100, "2024-05": 100, "2025-12": 100}


def test_disclosure_and_justification(store) -> None:
    q = (
        sparql_prologue()
        + """
SELECT ?score ?just ?ref WHERE {
  ?a okg:subjectName "Meta" ; okg:edition "2024-05" ;
     okg:criterion <https://w3id.org/openness-kg/id/criterion/fmti/2024-05/data-size> ;
     okg:score ?score ; okg:justification ?just ; okg:evidence ?ref }
"""
    )
    (row,) = store.select(q)
    # May2024/reports/Meta_fmtransparencyreport_May2024.csv, row 'Data size'
    assert int(row["score"]) == 1
    assert str(row["just"]) == "The model is trained on 2 trillion tokens."
    assert str(row["ref"]) == "https://arxiv.org/pdf/2307.09288.pdf"


def test_developers_map_to_our_organizations_with_evidence(store) -> None:
    q = (
        sparql_prologue()
        + """
SELECT ?target ?evidence WHERE {
  ?l a okg:EvidencedLink ; okg:linkSubject <https://w3id.org/openness-kg/id/org/Meta> ;
     okg:linkTarget ?target ; okg:linkMethod okg:CuratedMapping ; okg:linkEvidence ?evidence }
"""
    )
    got = {str(r["target"]): str(r["evidence"]) for r in store.select(q)}
    assert set(got) == {ORG + "meta-llama", ORG + "facebook"}
    assert got[ORG + "meta-llama"].startswith("FMTI developer 'Meta' = Hub organization")
    assert store.ask(sparql_prologue() + f"ASK {{ <{ORG}Meta> owl:sameAs <{ORG}meta-llama> }}")


def test_rows_one_per_developer_and_edition(store) -> None:
    got = list(rows(store, None))
    assert len(got) == 37
    ibm = next(r for r in got if r.model == "IBM" and r.source == "Dec2025_scores.csv")
    assert ibm.cells()[:5] == (
        "IBM",
        "Dec2025_scores.csv",
        "fmti",
        "95 of 100 indicators met",
        "95",
    )


def test_a_bad_edition_is_reported_and_the_rest_lands(tmp_path) -> None:
    good = tmp_path / "fmti" / "January2030"
    bad = tmp_path / "fmti" / "February2030"
    good.mkdir(parents=True)
    bad.mkdir()
    (good / "January2030_scores.csv").write_text(
        "Indicator,Alpha,Beta\nData size,1,0\nCompute,1,1\nWages,0,0\n", encoding="utf-8"
    )
    (bad / "February2030_scores.csv").write_text(
        "Indicator,Alpha\nData size,yes\n", encoding="utf-8"
    )
    s = OxigraphStore(None)
    report = write_records(s, ingest_dir(tmp_path / "fmti", Minter()))
    assert [str(e) for e in report.errors] == [
        "February2030_scores.csv: line 2, Alpha: score 'yes' is not 0 or 1"
    ]
    assert report.landed == 2  # the good edition and the mapping
    assert stored_totals(s) == {("2030-01", "Alpha"): 2.0, ("2030-01", "Beta"): 1.0}
    assert "FMTI developer 'Alpha' has no mapping to our organizations" in " ".join(report.warnings)
