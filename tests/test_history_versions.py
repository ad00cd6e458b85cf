"""Issue 17: record versions. A replaced record keeps its old content (queryable, not asserted
in the union), runs are activities with a version stamp, assessments name the record version
they read, and the write stays all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from narrow import literal
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF

from openness_kg.cli import main
from openness_kg.history.versions import (
    Run,
    VersionKeeper,
    content_digest,
    kept_versions,
    version_triples,
    versions_of,
)
from openness_kg.ingest.mot import file_provenance, transform_text
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.records import Record
from openness_kg.store import OxigraphStore, StoreError, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "history"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
M = Minter()
PYTHIA = M.record("mot", "Pythia-160M.yml")
INTERMEDIATE = M.component(M.hub_model("EleutherAI/pythia-160m"), "Model parameters (Intermediate)")


def ok(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def mot_record(folder: str, name: str) -> Record:
    return mot_record_at(FIXTURES / folder / name)


def count(store: OxigraphStore, query: str) -> int:
    rows = store.select(sparql_prologue() + query)
    return int(literal(rows[0]["n"]))


def test_rerunning_unchanged_keeps_no_version(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    for _ in range(2):
        ok("--store", store, "ingest", "mot", str(FIXTURES / "before"))
        ok("--store", store, "classify")
    with open_store(store) as s:
        assert kept_versions(s) == []
        runs = s.select(
            sparql_prologue()
            + "SELECT ?r ?stamp ?label WHERE { GRAPH ?r { ?r a okg:Run, prov:Activity ; "
            "okg:versionStamp ?stamp ; rdfs:label ?label ; prov:startedAtTime ?t0 ; "
            "prov:endedAtTime ?t1 } }"
        )
        assert sorted(str(r["label"]) for r in runs) == ["classify"] * 2 + ["ingest mot"] * 2
        assert len({str(r["stamp"]) for r in runs}) == 4


def test_replaced_record_keeps_its_old_content(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    ok("--store", store, "ingest", "mot", str(FIXTURES / "before"))
    ok("--store", store, "classify")
    ok("--store", store, "ingest", "mot", str(FIXTURES / "after"))
    ok("--store", store, "classify")
    old = mot_record("before", "Pythia-160M.yml")
    with open_store(store) as s:
        # the union (what every query reads by default) sees only the current content
        assert not s.ask(sparql_prologue() + f"ASK {{ ?m okg:hasComponent <{INTERMEDIATE}> }}")
        versions = versions_of(s, PYTHIA)
        assert [v.kept for v in versions] == [True, False]
        kept, current = versions
        # the kept version holds exactly the triples the before file gave
        assert set(version_triples(s, kept)) == set(old.triples)
        assert kept.digest == content_digest(set(old.triples))
        assert kept.iri == URIRef(f"{PYTHIA}/version/{kept.digest}")
        meta = s.graph(kept.iri)
        assert (kept.iri, RDF.type, OKG.RecordVersion) in meta
        assert (kept.iri, PROV.specializationOf, PYTHIA) in meta
        assert (current.iri, PROV.wasRevisionOf, kept.iri) in meta
        run = meta.value(kept.iri, PROV.wasInvalidatedBy)
        assert isinstance(run, URIRef) and s.graph(run).value(run, RDF.type) is not None
        # one version per replaced record and per replaced assessment, nothing else
        kinds = sorted(str(v.record).split("/record/")[1].split("/")[0] for v in kept_versions(s))
        assert kinds == ["mof-assessment"] * 3 + ["mot"] * 3
        # the assessment of the before file names the version it read, now kept
        a = s.select(
            sparql_prologue() + "SELECT ?rv WHERE { GRAPH ?v { ?st rdf:subject ?a ; "
            "rdf:predicate okg:basedOnRecordVersion ; rdf:object ?rv } }"
        )
        assert kept.iri in {r["rv"] for r in a}
        now = s.select(
            sparql_prologue() + "SELECT ?rv WHERE { ?a okg:basedOnRecord ?r ; "
            "okg:basedOnRecordVersion ?rv }",
            {"r": PYTHIA},
        )
        assert [r["rv"] for r in now] == [current.iri]


def test_replacing_copies_that_record_only(tmp_path: Path) -> None:
    store = OxigraphStore(None)
    before = [mot_record("before", n) for n in ("Pythia-160M.yml", "GPT-NeoX-20B.yml")]
    store.replace_graphs(before)
    sizes = store.graph_sizes()
    keeper = VersionKeeper(store, Run("test", M))
    keeper.replace_graphs([mot_record("after", "Pythia-160M.yml")])
    new_graphs = set(store.graph_sizes()) - set(sizes)
    assert len(new_graphs) == 1
    (v,) = new_graphs
    assert str(v).startswith(f"{PYTHIA}/version/")
    # 4 statements per kept triple (type, subject, predicate, object) + its own description
    assert 4 * sizes[PYTHIA] < store.graph_sizes()[v] < 4 * sizes[PYTHIA] + 12


def test_dropped_record_is_kept_without_successor() -> None:
    store = OxigraphStore(None)
    rec = mot_record("before", "Pythia-160M.yml")
    store.replace_graphs([rec])
    VersionKeeper(store, Run("test", M)).replace_graphs([], drop=[PYTHIA])
    assert PYTHIA not in store.graph_sizes()
    (kept,) = versions_of(store, PYTHIA)
    assert set(version_triples(store, kept)) == set(rec.triples)
    assert store.graph(kept.iri).value(predicate=PROV.wasRevisionOf, object=kept.iri) is None


def test_failed_write_keeps_neither_version_nor_new_content() -> None:
    store = OxigraphStore(None)
    store.replace_graphs([mot_record("before", "Pythia-160M.yml")])
    before = store.graph_sizes()
    bad = Record(M.record("mot", "bad.yml"), "bad.yml")
    bad.add(URIRef("not an iri"), RDF.type, Literal("x"))
    with pytest.raises(StoreError):
        VersionKeeper(store, Run("test", M)).replace_graphs(
            [mot_record("after", "Pythia-160M.yml"), bad]
        )
    assert store.graph_sizes() == before


def test_cq_record_on_date_answers_from_the_replaced_version(tmp_path: Path) -> None:
    """Competency question 23 on a store where the after files replaced the before files:
    on a day between the two file dates it answers with the before file's statements."""
    import json
    import os
    import shutil
    from datetime import UTC, datetime

    store = str(tmp_path / "s")
    for name, day in (("before", "2025-01-10"), ("after", "2025-06-10")):
        folder = shutil.copytree(FIXTURES / name, tmp_path / name)
        stamp = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()
        for f in folder.iterdir():
            os.utime(f, (stamp, stamp))
        ok("--store", store, "ingest", "mot", str(folder))
    old = mot_record_at(tmp_path / "before" / "Pythia-160M.yml")

    def said(date: str) -> tuple[set[str], set[tuple[str, str, str]]]:
        params = [f"record=<{PYTHIA}>", f'date="{date}"^^<{XSD_DATE}>']
        args = ["--store", store, "query", "--cq", "31-record-on-date", "--format", "json"]
        result = CliRunner().invoke(main, [*args, "--param", params[0], "--param", params[1]])
        assert result.exit_code == 0, result.output
        rows = json.loads(result.stdout)["results"]["bindings"]
        return {r["version"]["value"] for r in rows}, {
            (r["s"]["value"], r["p"]["value"], r["o"]["value"]) for r in rows
        }

    versions, statements = said("2025-03-01")
    assert versions == {str(M.record_version(PYTHIA, content_digest(old.triples)))}
    assert statements == {(str(s), str(p), str(o)) for s, p, o in old.triples}
    assert (str(INTERMEDIATE), str(RDF.type), str(OKG.ModelParametersIntermediate)) in statements
    versions, statements = said("2025-07-01")
    assert versions == {str(PYTHIA)}  # the current content, in the record's own graph
    assert str(INTERMEDIATE) not in {s for s, _, _ in statements}
    assert said("2024-12-31") == (set(), set())  # before the first file's date


def mot_record_at(path: Path) -> Record:
    return transform_text(path.read_text(encoding="utf-8"), path.name, file_provenance(path), M)


def test_assess_is_a_recorded_run_and_keeps_a_replaced_assessment(tmp_path: Path) -> None:
    """Issue 17, part 1: an `assess` run is a prov:Activity too; its assessments name the record
    version they read, the same version classify's MOF assessment names; and when the record
    changes (the 'after' Pythia-160M.yml drops the intermediate parameters), the earlier OSAID
    assessment is kept as a version, since it read another version of the record."""
    store = str(tmp_path / "s")
    ok("--store", store, "ingest", "mot", str(FIXTURES / "before"))
    ok("--store", store, "classify")
    ok("--store", store, "assess", "--framework", "osaid", "--format", "csv")
    read = (
        "SELECT ?v WHERE { ?a okg:framework ?f ; okg:basedOnRecord ?r ; "
        "okg:basedOnRecordVersion ?v . FILTER NOT EXISTS { ?a dcterms:isPartOf ?w } }"
    )
    with open_store(store) as s:
        mof = s.select(sparql_prologue() + read, {"f": OKG.ModelOpennessFramework, "r": PYTHIA})
        osaid = s.select(sparql_prologue() + read, {"f": OKG.OpenSourceAIDefinition, "r": PYTHIA})
    assert [r["v"] for r in osaid] == [r["v"] for r in mof]
    assert str(osaid[0]["v"]).startswith(f"{PYTHIA}/version/")
    ok("--store", store, "ingest", "mot", str(FIXTURES / "after"))
    ok("--store", store, "assess", "--framework", "osaid", "--format", "csv")
    ok("--store", store, "assess", "--framework", "osaid", "--format", "csv", "--no-store")
    with open_store(store) as s:
        runs = s.select(
            sparql_prologue()
            + "SELECT ?label WHERE { GRAPH ?r { ?r a okg:Run ; rdfs:label ?label } }"
        )
        labels = sorted(str(r["label"]) for r in runs)
        assert labels == ["assess"] * 2 + ["classify"] + ["ingest mot"] * 2  # --no-store: none
        kept = {str(v.record) for v in kept_versions(s)}
    assert str(PYTHIA) in kept  # the record itself
    assert str(M.record("osaid-assessment", "mot/Pythia-160M.yml")) in kept  # and its assessment
