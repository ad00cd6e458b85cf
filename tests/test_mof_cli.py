"""The MOF commands through click's CliRunner, on an on-disk store under tmp_path."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from openness_kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "data" / "mot" / "models"
FIX = ROOT / "tests" / "fixtures" / "mof"


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    s = tmp_path / "store"
    for n in ("Polyglot-Ko.yml", "gpt-oss-20b.yml", "Granite-4.0-Micro.yml"):
        (tmp_path / n).write_bytes((MODELS / n).read_bytes())
    r = run(s, "ingest", "mot", str(tmp_path))
    assert r.exit_code == 0, r.output
    return s


def test_classify_csv(store: Path) -> None:
    r = run(store, "classify", "--strict", "--format", "csv")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "model,source,mof_class,progress_class_1,progress_class_2,progress_class_3"
    rows = {row["source"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["Polyglot-Ko.yml"]["mof_class"] == "2"
    assert rows["Polyglot-Ko.yml"]["progress_class_1"] == "92.86"
    assert rows["gpt-oss-20b.yml"]["progress_class_3"] == "83.33"
    assert rows["Granite-4.0-Micro.yml"]["mof_class"] == "3"


def test_classify_stores_assessments(store: Path) -> None:
    assert run(store, "classify", "--format", "json").exit_code == 0
    from openness_kg.namespaces import sparql_prologue
    from openness_kg.store import OxigraphStore

    with OxigraphStore(store) as st:
        rows = st.select(
            sparql_prologue()
            + "SELECT ?m WHERE { ?a a okg:Assessment ; okg:verdict okg:MofClassII ;"
            + " okg:assessedModel ?m }"
        )
    assert [str(r["m"]) for r in rows] == [
        "https://w3id.org/openness-kg/id/model/EleutherAI/polyglot-ko-12.8b"
    ]


def test_explain(store: Path) -> None:
    r = run(store, "explain", "gpt-oss-20b", "--strict")
    assert r.exit_code == 0
    assert "Data card" in r.stdout and "83.33" in r.stdout
    assert run(store, "explain", "no-such-model").exit_code == 2


def test_validate_exit_codes(store: Path) -> None:
    assert run(store, "validate").exit_code == 0  # infos and warnings only
    r = run(store, "validate", "--require-class", "3", "--format", "json")
    assert r.exit_code == 1
    results = json.loads(r.stdout)
    assert {
        "focus_node",
        "path",
        "source_shape",
        "constraint_component",
        "severity",
        "message",
    } <= set(results[0])
    assert run(store, "validate", "--shapes", "nope").exit_code == 2


def test_validate_user_data(tmp_path: Path) -> None:
    s = tmp_path / "s"
    ok = run(s, "validate", "--data", str(FIX / "class1-conforming.ttl"), "--require-class", "1")
    # user data is taken through the view: its own flags are replaced by ours
    assert ok.exit_code in (0, 1)
    assert run(s, "validate", "--data", str(tmp_path / "missing.ttl")).exit_code == 2


def test_export_round_trip(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "export" / "Polyglot-Ko.yml"
    out.parent.mkdir()
    r = run(store, "export", "mot", "Polyglot-Ko", "-o", str(out))
    assert r.exit_code == 0
    import jsonschema

    schema = json.loads((ROOT / "data" / "mot" / "schema" / "mof_schema.json").read_text())
    jsonschema.validate(yaml.safe_load(out.read_text()), schema)
    s2 = tmp_path / "s2"
    assert run(s2, "ingest", "mot", str(out)).exit_code == 0
    rows = list(
        csv.DictReader(io.StringIO(run(s2, "classify", "--strict", "--format", "csv").stdout))
    )
    assert (rows[0]["mof_class"], rows[0]["progress_class_1"]) == ("2", "92.86")


def test_explain_matches_a_file_name_exactly(tmp_path) -> None:
    """``T5.yml`` is T5, not CodeT5/ByT5/mT5 whose file names end the same way."""
    from click.testing import CliRunner

    from openness_kg.cli import main
    from openness_kg.paths import DATA_DIR

    store = tmp_path / "st"
    runner = CliRunner()
    mot = f"{DATA_DIR}/mot/models/"
    args = ["--store", str(store), "ingest", "mot"]
    assert (
        runner.invoke(main, [*args, mot + "T5.yml", mot + "CodeT5.yml", mot + "ByT5.yml"]).exit_code
        == 0
    )
    result = runner.invoke(main, ["--store", str(store), "explain", "T5.yml"])
    assert result.exit_code == 0, result.output
    headers = [line for line in result.output.splitlines() if line and not line[0].isspace()]
    assert headers == ["T5 <https://w3id.org/openness-kg/id/model/T5>"]
    assert runner.invoke(main, ["--store", str(store), "explain", " "]).exit_code == 2
