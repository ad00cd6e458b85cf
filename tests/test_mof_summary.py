"""Per-model MOF summaries (okg:highestMofClass) that `classify` writes beside the assessments."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from narrow import literal
from rdflib import URIRef
from rdflib.namespace import RDF

from openness_kg.cli import main
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classification, assessment_record
from openness_kg.mof.progress import Progress
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.records import Record
from openness_kg.store import OxigraphStore
from openness_kg.summaries import refresh

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "data" / "mot" / "models"
M = Minter()
BASE = "https://w3id.org/openness-kg/id/"


def _c(model: str, record: str, level: int, mode: str = "default") -> Classification:
    return Classification(
        model=URIRef(BASE + "model/" + model),
        name=model,
        source=record,
        record=URIRef(BASE + "record/" + record),
        mode=mode,
        progress=Progress(level, 0.0, 0.0, 0.0),
        shacl_class=level,
    )


def _stored(classifications: list[Classification], tmp: Path) -> OxigraphStore:
    """A store holding each classification's source record (the least a record is: its
    type and its model) and its assessment as ``classify`` writes it; then the summaries."""
    store = OxigraphStore(tmp / "store")
    records: dict[URIRef, Record] = {}
    for c in classifications:
        rec = records.setdefault(c.record, Record(graph=c.record, source=str(c.record)))
        rec.add(c.record, RDF.type, OKG.SourceRecord)
        rec.add(c.record, OKG.recordOf, c.model)
        rec.add(c.model, RDF.type, OKG.Model)
    store.replace_graphs(list(records.values()))
    store.replace_graphs([assessment_record(c, M, "2026-11-26") for c in classifications])
    refresh(store, M)
    return store


def _by_model(store: OxigraphStore) -> dict[str, tuple[str, list[str], str]]:
    out = {}
    for row in store.select(
        sparql_prologue() + "SELECT ?g ?m ?cls WHERE { GRAPH ?g { ?m okg:highestMofClass ?cls } }"
    ):
        derived = sorted(
            str(r["d"])
            for r in store.select(
                sparql_prologue() + "SELECT ?d WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?d } }",
                {"g": row["g"]},
            )
        )
        m = str(row["m"]).removeprefix(BASE + "model/")
        out[m] = (str(row["cls"]).rsplit("#", 1)[1], derived, str(row["g"]))
    return out


def test_highest_class_over_a_models_records(tmp_path: Path) -> None:
    got = _by_model(
        _stored(
            [
                _c("a/two-records", "mot/A.yml", 3),
                _c("a/two-records", "hf-model/a/two-records", 2),
                _c("b/unclassified", "mot/B.yml", 0),
                _c("c/class-i-and-none", "mot/C.yml", 0),
                _c("c/class-i-and-none", "hf-model/c/class-i-and-none", 1),
                # strict mode is its own verdict and no part of the summary
                _c("a/two-records", "mot/A.yml", 1, mode="strict"),
                _c("d/strict-only", "mot/D.yml", 1, mode="strict"),
            ],
            tmp_path,
        )
    )
    assert got == {
        "a/two-records": (
            "MofClassII",
            [
                BASE + "record/mof-assessment/hf-model/a/two-records",
                BASE + "record/mof-assessment/mot/A.yml",
            ],
            BASE + "record/mof-summary/model/a/two-records",
        ),
        "b/unclassified": (
            "MofUnclassified",
            [BASE + "record/mof-assessment/mot/B.yml"],
            BASE + "record/mof-summary/model/b/unclassified",
        ),
        "c/class-i-and-none": (
            "MofClassI",
            [
                BASE + "record/mof-assessment/hf-model/c/class-i-and-none",
                BASE + "record/mof-assessment/mot/C.yml",
            ],
            BASE + "record/mof-summary/model/c/class-i-and-none",
        ),
    }


def test_a_model_outside_the_base_gets_a_digest_graph(tmp_path: Path) -> None:
    c = _c("x", "mot/X.yml", 3)
    c.model = URIRef("https://example.org/models/x")
    [(_, _, graph)] = _by_model(_stored([c], tmp_path)).values()
    assert graph.startswith(BASE + "record/mof-summary/external/")
    assert len(graph.rsplit("/", 1)[1]) == 16


SUMMARY = sparql_prologue() + "SELECT ?m ?c WHERE { ?m okg:highestMofClass ?c }"
# the same answer read the long way, from the default-mode assessments themselves
FROM_ASSESSMENTS = (
    sparql_prologue()
    + """
SELECT ?m (MIN(IF(?l = 0, 4, ?l)) AS ?best) WHERE {
  GRAPH ?g { ?a okg:assessedModel ?m ; okg:classLevel ?l }
  FILTER (STRSTARTS(STR(?g), "https://w3id.org/openness-kg/id/record/mof-assessment/"))
} GROUP BY ?m
"""
)
LEVEL = {"MofClassI": 1, "MofClassII": 2, "MofClassIII": 3, "MofUnclassified": 4}


def test_classify_writes_one_summary_per_model(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for n in ("Polyglot-Ko.yml", "gpt-oss-20b.yml", "Granite-4.0-Micro.yml"):
        (tmp_path / n).write_bytes((MODELS / n).read_bytes())

    def run(*args: str) -> None:
        r = CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)
        assert r.exit_code == 0, r.output

    run("ingest", "mot", str(tmp_path))
    run("classify", "--strict", "--format", "csv")
    with OxigraphStore(store) as st:
        assert st.select(SUMMARY) == []  # strict mode writes no summary
    run("classify", "--format", "csv")
    run("classify", "--format", "csv")  # again: replaced, not added to
    with OxigraphStore(store) as st:
        rows = st.select(SUMMARY)
        summary = {str(r["m"]): str(r["c"]).rsplit("#", 1)[1] for r in rows}
        expected = {str(r["m"]): int(literal(r["best"])) for r in st.select(FROM_ASSESSMENTS)}
    assert len(rows) == 3 == len(expected)
    assert {m: LEVEL[c] for m, c in summary.items()} == expected
    # Polyglot-Ko is Class II in default mode (as test_mof_cli has it)
    assert summary[BASE + "model/EleutherAI/polyglot-ko-12.8b"] == "MofClassII"


def test_query_says_when_the_store_has_no_summaries(tmp_path: Path) -> None:
    store = tmp_path / "store"
    (tmp_path / "Polyglot-Ko.yml").write_bytes((MODELS / "Polyglot-Ko.yml").read_bytes())

    def run(*args: str):
        r = CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)
        assert r.exit_code == 0, r.output
        return r

    run("ingest", "mot", str(tmp_path))
    run("classify", "--strict", "--format", "csv")  # assessments, but no summary
    r = run("query", "--cq", "10-models-per-mof-class", "--format", "csv")
    assert "run `openness-kg classify`" in r.stderr
    assert r.stdout.splitlines() == ["class,models"]
    assert "classify" not in run("query", "--cq", "04-gated-models").stderr  # no summary read
    run("classify", "--format", "csv")
    r = run("query", "--cq", "10-models-per-mof-class", "--format", "csv")
    assert r.stderr == ""
    assert r.stdout.splitlines()[1:] == ["https://w3id.org/openness-kg/ontology#MofClassII,1"]
