"""Issue 17: ``ingest mot --git REPO``, dated MOT records from the repository's history.

The repository is ``tests/data/mot-history/model_openness_tool.bundle``, cloned into tmp_path
by git. The commits, dates and edits expected here were read by hand from ``git log --follow
-p -- models/NAME.yml`` of that bundle (noted beside each), not from a run of the code.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import PROV

from openness_kg.cli import main
from openness_kg.history.git_source import file_histories
from openness_kg.history.versions import version_triples, versions_of
from openness_kg.ingest.mot import bundled_files
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.store import open_store

BUNDLE = Path(__file__).parent / "data" / "mot-history" / "model_openness_tool.bundle"
M = Minter()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    tmp = tmp_path_factory.mktemp("git")
    repo = tmp / "mot"
    subprocess.run(
        ["git", "clone", "--quiet", str(BUNDLE), str(repo)], check=True, capture_output=True
    )
    store = tmp / "store"
    files = ["OLMo-7B.yml", "Granite-3B-Code-Instruct.yml", "Mistral-7B-v0.1.yml"]
    result = CliRunner().invoke(
        main, ["--store", str(store), "ingest", "mot", "--git", str(repo), *files]
    )
    assert result.exit_code == 1  # the versions older than today's schema fail it
    return repo, store, result.output


def test_every_file_at_head_has_a_history(ingested: tuple[Path, Path, str]) -> None:
    repo, store, output = ingested
    histories = file_histories(repo)
    assert sorted(h.name for h in histories) == sorted(p.name for p in bundled_files())
    # versions from before MOT's schema of 2025-04-18 fail today's schema: named, one a line
    assert "error: Mistral-7B-v0.1.yml@ffed90c83680: fails MOT's JSON schema" in output
    with open_store(store) as s:
        rows = s.select(
            "PREFIX okg: <https://w3id.org/openness-kg/ontology#> SELECT ?g "
            "WHERE { GRAPH ?g { ?g a okg:SourceRecord } }"
        )
        assert sorted(str(r["g"]).rsplit("/", 1)[1] for r in rows) == [
            "Granite-3B-Code-Instruct.yml",
            "Mistral-7B-v0.1.yml",
            "OLMo-7B.yml",
        ]


def test_olmo_versions_are_its_commits(ingested: tuple[Path, Path, str]) -> None:
    """models/OLMo-7B.yml (OLMO-7B.yml until b36a26b): git log --follow lists ffed90c,
    9e8d4ed, f2b4542, 0927629 (older schema), a074588 (2025-04-18T13:21:05-04:00), 8c020cb
    (2025-05-16T17:54:19+02:00) and b36a26b (2025-11-03T13:09:19+01:00, HEAD's)."""
    _, store, _ = ingested
    record = M.record("mot", "OLMo-7B.yml")
    with open_store(store) as s:
        versions = versions_of(s, record)
        assert [(v.date, v.kept) for v in versions] == [
            ("2025-04-18T13:21:05-04:00", True),
            ("2025-05-16T17:54:19+02:00", True),
            ("2025-11-03T13:09:19+01:00", False),
        ]
        sources = []
        for v in versions:
            triples = version_triples(s, v)
            sources += [o for x, p, o in triples if x == record and p == PROV.wasDerivedFrom]
            assert (record, OKG.retrievedAt) in {(x, p) for x, p, _ in triples}
        # the clone's origin is the bundle (not http): file URIs with commit and path
        assert all(str(u).startswith("file://") for u in sources)
        assert [str(u).rsplit("#", 1)[1] for u in sources] == [
            "a0745883f38c2c0a08630d6d6cac50972bc00c46:models/OLMO-7B.yml",
            "8c020cb0fa707c447252b6ebc0eb3488410f6e8a:models/OLMO-7B.yml",
            "b36a26b37c221ba589eff37fa15427eb537b795b:models/OLMo-7B.yml",
        ]
        # each kept version was invalidated when the next commit replaced it
        first = s.graph(versions[0].iri)
        assert str(first.value(versions[0].iri, PROV.invalidatedAtTime)) == (
            "2025-05-16T17:54:19+02:00"
        )
        assert (versions[1].iri, PROV.wasRevisionOf, versions[0].iri) in first


def test_same_date_commits_keep_their_order(ingested: tuple[Path, Path, str]) -> None:
    """models/Granite-3B-Code-Instruct.yml: a074588 (2025-04-18), then three commits of one
    rebase, all committed 2025-05-16T17:54:18+02:00: a0d967b (renamed to ...-2K.yml), 5fc551b
    (technical report removed), 9414af0 (renamed back; HEAD's)."""
    _, store, _ = ingested
    record = M.record("mot", "Granite-3B-Code-Instruct.yml")
    with open_store(store) as s:
        versions = versions_of(s, record)
        commits = []
        for v in versions:
            (src,) = [
                o for x, p, o in version_triples(s, v) if x == record and p == PROV.wasDerivedFrom
            ]
            commits.append(str(src).rsplit("#", 1)[1][:7])
        assert commits == ["a074588", "a0d967b", "5fc551b", "9414af0"]
        technical = URIRef(
            f"{M.hub_model('ibm-granite/granite-3b-code-instruct-2k')}/component/technical-report"
        )
        has_report = [
            any(o == technical for _, p, o in version_triples(s, v) if p == OKG.hasComponent)
            for v in versions
        ]
        assert has_report == [False, True, False, False]


def test_diff_between_two_dates_of_the_history(ingested: tuple[Path, Path, str]) -> None:
    """From 2025-05-01 (a074588's files) to 2025-06-01: OLMO-7B.yml at 8c020cb gained a
    distribution licence Apache-2.0 (so 'Evaluation data', 'unlicensed' before, inherits it),
    its research paper went from 'unlicensed' to CC-BY-4.0, and it lists a model card, a data
    card and evaluation results (all inheriting Apache-2.0); the components whose own
    Apache-2.0 was dropped inherit Apache-2.0: no change. Mistral-7B-v0.1.yml at 25fcbab
    (2025-05-31) gained 'huggingface: mistralai/Mistral-7B-v0.1': its record is about the Hub
    model now, with the same components and licences."""
    _, store, _ = ingested
    dates = ["--at", "2025-05-01", "--at", "2025-06-01"]
    result = CliRunner().invoke(main, ["--store", str(store), "diff", "--format", "csv", *dates])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    cols = ("model", "change", "subject", "old", "new")

    def of(record: str) -> set[tuple[str, ...]]:
        return {tuple(r[c] for c in cols) for r in rows if r["record"] == record}

    olmo = "allenai/OLMo-7B"
    apache = "Apache-2.0 [Apache-2.0]"
    assert of("mot/OLMo-7B.yml") == {
        (olmo, "licence", "release licence (distribution)", "(none)", apache),
        (olmo, "licence", "Evaluation data", "unlicensed", apache),
        (olmo, "licence", "Research paper", "unlicensed", "CC-BY-4.0 [CC-BY-4.0]"),
        (olmo, "component-added", "Model card", "", apache),
        (olmo, "component-added", "Data card", "", apache),
        (olmo, "component-added", "Evaluation results", "", apache),
    }
    mistral = "mistralai/Mistral-7B-v0.1"
    assert of("mot/Mistral-7B-v0.1.yml") == {
        (mistral, "record-of", "mot/Mistral-7B-v0.1.yml", "Mistral-7B-v0.1", mistral)
    }


def test_not_a_repository_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    result = CliRunner().invoke(
        main, ["--store", str(tmp_path / "s"), "ingest", "mot", "--git", str(tmp_path / "repo")]
    )
    assert result.exit_code == 2
    assert "git" in result.output


def test_unknown_model_file_is_a_usage_error(ingested: tuple[Path, Path, str]) -> None:
    repo, store, _ = ingested
    result = CliRunner().invoke(
        main, ["--store", str(store), "ingest", "mot", "--git", str(repo), "No-Such.yml"]
    )
    assert result.exit_code == 2
    assert "models/No-Such.yml" in result.output
