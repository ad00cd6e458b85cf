"""Issue 17: the two recorded Hub responses of deepset/roberta-base-squad2 are two versions of
one record (``hf-model/deepset/roberta-base-squad2``), shown with the fields that differ.

The bodies are ``data/hf/models/deepset__roberta-base-squad2@2024-04-09.json`` (recorded
2024-04-09T08:41:39Z, INDEX.csv) and ``deepset__roberta-base-squad2.json`` (recorded
2025-01-22T18:24:32Z). Read by hand, the keys that differ are ``sha`` (cbf50ba8... ->
adc3b06f...), ``lastModified`` (2024-03-18T08:00:40.000Z -> 2024-09-24T15:48:47.000Z), the
newer ``cardData.base_model: [FacebookAI/roberta-base]`` with its tag
``base_model:finetune:FacebookAI/roberta-base``, and ``downloads``, ``likes``, ``spaces``,
``inference``, ``usedStorage`` (which the graph does not keep). The sha appears in the graph
in the links into the repository (``tree/<sha>``, ``blob/<sha>/README.md``) that evidence
the five components found from its files and its model-index.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from openness_kg.cli import main
from openness_kg.paths import DATA_DIR

HF = DATA_DIR / "hf" / "models"
OLD_SHA = "cbf50ba81465d4d8676b8bab348e31835147541b"
NEW_SHA = "adc3b06f79f797d1c575d5479d6f5efe54a9e3b4"
REPO = "https://huggingface.co/deepset/roberta-base-squad2"
BASE = "https://w3id.org/openness-kg/id/model/FacebookAI/roberta-base"
RECORD = "hf-model/deepset/roberta-base-squad2"


def recording(tmp: Path, name: str, source: str, recorded: str) -> Path:
    """A folder holding one recorded body under the model's plain file name, and its date."""
    (tmp / name / "models").mkdir(parents=True)
    shutil.copy(HF / source, tmp / name / "models" / "deepset__roberta-base-squad2.json")
    (tmp / name / "INDEX.csv").write_text(
        f"file,recorded_date\nmodels/deepset__roberta-base-squad2.json,{recorded}\n",
        encoding="utf-8",
    )
    return tmp / name


def recordings(tmp: Path) -> tuple[Path, Path]:
    old = recording(
        tmp, "2024", "deepset__roberta-base-squad2@2024-04-09.json", "2024-04-09T08:41:39Z"
    )
    return old, recording(tmp, "2025", "deepset__roberta-base-squad2.json", "2025-01-22T18:24:32Z")


def ingest(store: Path, folder: Path) -> None:
    res = CliRunner().invoke(
        main, ["--store", str(store), "ingest", "hf", "--from-dir", str(folder)]
    )
    assert res.exit_code == 0, res.output


EXPECTED_CHANGES = {
    ("record", "retrievedAt", "2024-04-09T08:41:39Z", "2025-01-22T18:24:32Z"),
    ("model", "modified", "2024-03-18T08:00:40Z", "2024-09-24T15:48:47Z"),
    ("model", "fineTunedFrom", "", BASE),
    (BASE, "type", "", "https://w3id.org/openness-kg/ontology#Model"),
    (BASE, "hubId", "", "FacebookAI/roberta-base"),
    *(
        (f"component/{c}", "evidencedBy", f"{REPO}/tree/{OLD_SHA}", f"{REPO}/tree/{NEW_SHA}")
        for c in (
            "model-card",
            "model-metadata",
            "model-parameters-final",
            "supporting-libraries-and-tools",
        )
    ),
    (
        "component/evaluation-results",
        "evidencedBy",
        f"{REPO}/blob/{OLD_SHA}/README.md",
        f"{REPO}/blob/{NEW_SHA}/README.md",
    ),
}


def versions(store: Path) -> dict:
    res = CliRunner().invoke(main, ["--store", str(store), "versions", RECORD, "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_two_recordings_are_two_versions_with_the_fields_that_differ(tmp_path: Path) -> None:
    old, new = recordings(tmp_path)
    store = tmp_path / "s"
    ingest(store, old)
    ingest(store, new)
    out = versions(store)
    assert [(v["version"], v["date"]) for v in out["versions"]] == [
        (1, "2024-04-09T08:41:39Z"),
        (2, "2025-01-22T18:24:32Z"),
    ]
    assert out["versions"][0]["where"].startswith(
        f"https://w3id.org/openness-kg/id/record/{RECORD}/version/"
    )
    assert out["versions"][1]["where"].startswith("current: ")
    changes = {(c["subject"], c["field"], c["old"], c["new"]) for c in out["changes"]}
    assert changes == EXPECTED_CHANGES
    assert {(c["from"], c["to"]) for c in out["changes"]} == {(1, 2)}


def test_versions_are_ordered_by_their_own_dates_not_by_ingest(tmp_path: Path) -> None:
    """Ingesting the 2025 recording first and the 2024 one after it: the 2024 content is
    the record's current one (last written), the 2025 content a kept version, and the
    versions still read oldest first, with the same differences."""
    old, new = recordings(tmp_path)
    store = tmp_path / "s"
    ingest(store, new)
    ingest(store, old)
    out = versions(store)
    assert [(v["date"], v["where"].startswith("current")) for v in out["versions"]] == [
        ("2024-04-09T08:41:39Z", True),
        ("2025-01-22T18:24:32Z", False),
    ]
    assert {(c["subject"], c["field"], c["old"], c["new"]) for c in out["changes"]} == (
        EXPECTED_CHANGES
    )


def test_unknown_record_is_a_usage_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "versions", "mot/nope.yml"])
    assert res.exit_code == 2
    assert "mot/nope.yml" in res.output
