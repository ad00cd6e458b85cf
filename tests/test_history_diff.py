"""Issue 17: ``openness-kg diff`` between two builds, two dumps and two dates of one store.

The builds are made from ``tests/fixtures/history/{before,after}`` (three MOT files, one
hand edit each, described in that folder's README); the expected changes are written by
hand from the edits and MOF's rules, not from a run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from openness_kg.cli import main
from openness_kg.namespaces import ONTOLOGY_IRI
from openness_kg.ontology import load_ontology
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

FIXTURES = Path(__file__).parent / "fixtures" / "history"
COLUMNS = ("model", "change", "subject", "old", "new", "record")

# (model, change, subject, old, new, record), by hand
EXPECTED = {
    (
        "EleutherAI/pythia-160m",
        "component-removed",
        "Model parameters (Intermediate)",
        "Apache-2.0 [Apache-2.0]",
        "",
        "mot/Pythia-160M.yml",
    ),
    ("EleutherAI/pythia-160m", "verdict", "mof", "MofClassI", "MofClassII", "mot/Pythia-160M.yml"),
    (
        "mistralai/Mistral-7B-v0.1",
        "licence",
        "Research paper",
        "unlicensed",
        "CC-BY-4.0 [CC-BY-4.0]",
        "mot/Mistral-7B-v0.1.yml",
    ),
    (
        "EleutherAI/gpt-neox-20b",
        "licence",
        "Model parameters (Final)",
        "Apache-2.0 [Apache-2.0]",
        "CC-BY-NC-4.0 [CC-BY-NC-4.0]",
        "mot/GPT-NeoX-20B.yml",
    ),
    (
        "EleutherAI/gpt-neox-20b",
        "verdict",
        "mof",
        "MofClassIII",
        "MofUnclassified",
        "mot/GPT-NeoX-20B.yml",
    ),
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def ok(*args: str) -> None:
    code, _ = run(*args)
    assert code == 0, args


def dated_copy(src: Path, dst: Path, day: str) -> Path:
    """Copy a fixture folder, every file dated ``day`` (user files are dated by mtime)."""
    shutil.copytree(src, dst)
    stamp = datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC).timestamp()
    for f in dst.iterdir():
        os.utime(f, (stamp, stamp))
    return dst


def build(store: Path, folder: Path) -> None:
    ok("--store", str(store), "ingest", "mot", str(folder))
    ok("--store", str(store), "classify")


def rows(text: str) -> set[tuple[str, ...]]:
    return {tuple(r[c] for c in COLUMNS) for r in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("builds")
    before = dated_copy(FIXTURES / "before", tmp / "before-files", "2025-01-10")
    after = dated_copy(FIXTURES / "after", tmp / "after-files", "2025-06-10")
    build(tmp / "a", before)
    build(tmp / "b", after)
    # one store that saw both: the before files, then the after files replacing them
    build(tmp / "both", before)
    build(tmp / "both", after)
    return tmp


def test_diff_two_builds_gives_the_hand_written_changes(builds: Path) -> None:
    tmp = builds
    code, out = run("diff", str(tmp / "a"), str(tmp / "b"), "--format", "csv")
    assert code == 1
    assert rows(out) == EXPECTED


def test_diff_names_versions_and_rules(builds: Path) -> None:
    tmp = builds
    code, out = run("diff", str(tmp / "a"), str(tmp / "b"), "--format", "json")
    assert code == 1
    changes = json.loads(out)
    verdicts = [c for c in changes if c["change"] == "verdict"]
    assert len(verdicts) == 2
    for c in verdicts:
        assert c["rules"].startswith("MOT ModelEvaluator rules @ ")
        assert "default mode" in c["rules"]
        old, new = c["versions"].split(" -> ")
        assert len(old) == len(new) == 16 and old != new


def test_diff_of_a_build_with_itself_is_empty(builds: Path) -> None:
    tmp = builds
    code, out = run("diff", str(tmp / "a"), str(tmp / "a"), "--format", "csv")
    assert code == 0
    assert out.strip() == ",".join(["model", "change", "subject", "old", "new", "record"]) + (
        ",versions,rules"
    )


def test_diff_of_two_dates_in_one_store(builds: Path) -> None:
    """The store that saw both builds answers for either date from its record versions."""
    tmp = builds
    store = str(tmp / "both")
    code, out = run(
        "--store", store, "diff", "--at", "2025-03-01", "--at", "2025-07-01", "--format", "csv"
    )
    assert code == 1
    assert rows(out) == EXPECTED
    code, out = run("--store", store, "diff", "--at", "2025-02-01", "--at", "2025-03-01")
    assert code == 0
    # before the first files' date the records did not exist yet
    code, out = run(
        "--store", store, "diff", "--at", "2024-12-01", "--at", "2025-02-01", "--format", "csv"
    )
    assert code == 1
    added = rows(out)
    assert {(r[1], r[5]) for r in added if r[1] == "record-added"} == {
        ("record-added", "mot/Pythia-160M.yml"),
        ("record-added", "mot/Mistral-7B-v0.1.yml"),
        ("record-added", "mot/GPT-NeoX-20B.yml"),
    }


def test_diff_reads_dumps(builds: Path, tmp_path: Path) -> None:
    tmp = builds
    dump = tmp_path / "a.nq.gz"
    ok("--store", str(tmp / "a"), "export", "--format", "nq", str(dump))
    code, out = run("diff", str(dump), str(tmp / "b"), "--format", "csv")
    assert code == 1
    assert rows(out) == EXPECTED


def test_diff_usage_errors(tmp_path: Path) -> None:
    assert run("diff")[0] == 2
    assert run("diff", "--at", "2025-01-01")[0] == 2
    assert run("diff", "--at", "2025-01-01", "--at", "not-a-date")[0] == 2
    assert run("diff", str(tmp_path / "missing"), str(tmp_path / "missing2"))[0] == 2
    bad = tmp_path / "x.txt"
    bad.write_text("hello", encoding="utf-8")
    assert run("diff", str(bad), str(bad))[0] == 2


def test_release_notes_list_what_changed_since_the_previous_release(
    builds: Path, tmp_path: Path
) -> None:
    """``publish`` of the after build into the folder holding the before build's release:
    its notes list exactly the hand-written changes."""
    pytest.importorskip("pylode")
    for name in ("a", "b"):  # publish documents the ontology: the builds' copies get it
        shutil.copytree(builds / name, tmp_path / name)
        store = OxigraphStore(tmp_path / name)
        onto = Record.from_graph(load_ontology(), "ontology", name=URIRef(ONTOLOGY_IRI))
        store.replace_graphs([onto])
        store.close()
    out = tmp_path / "release"
    ok("--store", str(tmp_path / "a"), "publish", str(out))
    first = json.loads((out / "release-notes.json").read_text(encoding="utf-8"))
    assert first == {"previous": None, "changes": []}
    assert (
        json.loads((out / "release.json").read_text(encoding="utf-8"))["changes_since_previous"]
        is None
    )
    ok("--store", str(tmp_path / "b"), "publish", str(out))
    notes = json.loads((out / "release-notes.json").read_text(encoding="utf-8"))
    assert {tuple(r[c] for c in COLUMNS) for r in notes["changes"]} == EXPECTED
    assert json.loads((out / "release.json").read_text(encoding="utf-8"))[
        "changes_since_previous"
    ] == len(EXPECTED)
    text = (out / "RELEASE-NOTES.md").read_text(encoding="utf-8")
    assert "- verdict: 2" in text and "| EleutherAI/pythia-160m | component-removed |" in text
    sums = (out / "SHA256SUMS").read_text(encoding="utf-8")
    assert "  RELEASE-NOTES.md\n" in sums and "  release-notes.json\n" in sums
