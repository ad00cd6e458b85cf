"""Issue 14, parts 2 and 3: card and MOT YAML read with YAML 1.2 core-schema semantics (a real
card's ``- no`` is Norwegian), one malformed field a warning naming its path while the rest
lands, and bounds on size, depth and alias expansion for YAML and JSON: each a one-line
per-record error, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hf_helpers import HF_DATA
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from openness_kg.bounded import InputError, load_json, load_yaml
from openness_kg.cli import main
from openness_kg.ingest.hf.card import card_from_file, transform_card
from openness_kg.ingest.hf.transform import parse_body
from openness_kg.ingest.mot import (
    MODELS_DIR,
    parse_mot_yaml,
    read_paths,
    transform_files,
    transform_text,
)
from openness_kg.ingest.provenance import Provenance as MotProvenance
from openness_kg.iris import Minter
from openness_kg.namespaces import SPDX_LICENSES
from openness_kg.records import Record, RecordError

HERE = Path(__file__).resolve().parent
WHISPER = HERE / "data" / "hf-cards" / "openai__whisper-large-v3.md"
ID = "https://w3id.org/openness-kg/id/"

# the classic "billion laughs": 9 ** 9 strings named in a few hundred bytes
LAUGHS = ",".join(['"lol"'] * 9)
BOMB = f"a: &a [{LAUGHS}]\n" + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def _prov() -> MotProvenance:
    from datetime import date

    return MotProvenance(url="file:///x.yml", retrieved=date(2025, 1, 1), path="x.yml")


# --- part 2: YAML 1.2 core schema -----------------------------------------------------------


def test_whisper_large_v3_real_card_lands_with_norwegian() -> None:
    rec = card_from_file(WHISPER, Minter(), repo_id="openai/whisper-large-v3")
    m = URIRef(ID + "model/openai/whisper-large-v3")
    langs = {str(o) for s, p, o in rec.triples if s == m and p == DCTERMS.language}
    assert len(langs) == 99  # the card lists 99 language codes, `- no` (Norwegian) among them
    assert {"no", "nn", "en", "haw"} <= langs
    assert (m, DCTERMS.license, SPDX_LICENSES["Apache-2.0"]) in set(rec.triples)
    assert not [w for w in rec.warnings if "language" in w]


def test_core_schema_scalars() -> None:
    data = load_yaml(
        "a: [no, yes, on, off, y, n, true, False, ~, null, '', 012, 0o17, 0x1F, 1e3, .inf]\n"
        "d: 2024-01-02\nv: 1_000\n"
    ).data
    assert data["a"][:8] == ["no", "yes", "on", "off", "y", "n", True, False]
    assert data["a"][8:] == [None, None, "", 12, 15, 31, 1000.0, float("inf")]
    assert data["d"] == "2024-01-02"  # no timestamps in the core schema
    assert data["v"] == "1_000"  # nor digit separators
    # a %YAML 1.1 directive does not bring 1.1's booleans back
    assert load_yaml("%YAML 1.1\n---\n[no, yes]\n").data == ["no", "yes"]


def test_keys_are_the_text_written_and_duplicates_warn() -> None:
    loaded = load_yaml("1: one\ntrue: t\nlicense: mit\nlicense: apache-2.0\n<<: x\n")
    assert loaded.data == {"1": "one", "true": "t", "license": "apache-2.0", "<<": "x"}
    assert loaded.warnings == ["license: given twice (lines 3 and 4); the last counts"]


def test_tags_outside_the_core_schema_are_ignored_with_their_path() -> None:
    loaded = load_yaml("a:\n  b: !!binary aGk=\n  c: !local [1]\n")
    assert loaded.data == {"a": {"b": "aGk=", "c": [1]}}
    assert loaded.warnings == [
        "a.b: tag tag:yaml.org,2002:binary ignored; read as the text written",
        "a.c: tag !local ignored",
    ]


def test_one_malformed_card_field_warns_naming_its_path_and_the_rest_lands() -> None:
    text = (
        "---\nlicense: mit\nlanguage:\n- en\n- {x: 1}\n- fr\ndatasets: 5\n"
        "pipeline_tag: [a]\ntags: [ok, 3]\n---\n# card\n"
    )
    rec = transform_card(text, Minter(), source="card.md", repo_id="okg-test/m")
    m = URIRef(ID + "model/okg-test/m")
    t = set(rec.triples)
    assert (m, DCTERMS.license, SPDX_LICENSES["MIT"]) in t
    langs = {o for s, p, o in t if s == m and p == DCTERMS.language}
    assert langs == {Literal("en"), Literal("fr")}
    assert rec.warnings[:4] == [
        "language[1]: expected a string, got dict; ignored",
        "datasets: expected a string or a list of strings, got int; ignored",
        "pipeline_tag: expected a string, got list; ignored",
        "tags[1]: expected a string, got int; ignored",
    ]


def test_hub_card_data_field_warns_and_the_body_lands() -> None:
    from openness_kg.ingest.hf.transform import transform_model_info

    body = json.loads((HF_DATA / "models" / "facebook__bart-base.json").read_text())
    body["cardData"]["language"] = ["en", False]
    rec = transform_model_info(body, Minter(), source="bart.json")
    assert "cardData.language[1]: expected a string, got bool; ignored" in rec.warnings


def test_mot_malformed_optional_field_warns_and_the_file_lands() -> None:
    text = (MODELS_DIR / "Llama-3-70B.yml").read_text(encoding="utf-8")
    assert "\n  version: 70B\n" in text
    bad = text.replace("\n  version: 70B\n", "\n  version: 1.0\n")
    rec = transform_text(bad, "x.yml", _prov(), Minter())
    assert isinstance(rec, Record)
    assert rec.warnings[0] == (
        "release/version: 1.0 is not of type 'string'; ignored (MOT's JSON schema)"
    )


def test_mot_required_field_still_rejects() -> None:
    with pytest.raises(RecordError, match=r"fails MOT's JSON schema at release: 'name'"):
        parse_mot_yaml(
            "framework: {name: Model Openness Framework, version: '1', date: x}\n"
            "release: {license: {}, producer: p, components: []}\n",
            "x.yml",
        )


# --- part 3: bounds --------------------------------------------------------------------------


def test_alias_bomb_is_refused_before_expanding() -> None:
    assert len(BOMB.encode()) < 400
    with pytest.raises(InputError, match=r"more than 1000 nodes once aliases are expanded"):
        load_yaml(BOMB, max_nodes=1000)
    with pytest.raises(InputError, match=r"more than 1000000 nodes once aliases are expanded"):
        load_yaml(BOMB)


def test_alias_bomb_card_and_mot_file_are_per_record_errors() -> None:
    card = "---\nlicense: mit\n" + BOMB + "---\n"
    with pytest.raises(RecordError, match=r"^card.md: front matter: more than 1000000 nodes"):
        transform_card(card, Minter(), source="card.md", repo_id="okg-test/m")
    mot = (MODELS_DIR / "Llama-3-70B.yml").read_text(encoding="utf-8") + BOMB.replace(
        "a: &a", "lol: &a"
    )
    with pytest.raises(RecordError, match=r"^x.yml: more than 1000000 nodes once aliases"):
        parse_mot_yaml(mot, "x.yml")


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(InputError, match=r"alias \*a points into its own anchor"):
        load_yaml("a: &a [1, *a]\n")


def test_deep_yaml_is_a_one_line_error_not_a_recursion_error() -> None:
    deep = "---\nlicense: mit\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n"
    with pytest.raises(RecordError, match=r"^card.md: front matter: nested deeper than 100 levels"):
        transform_card(deep, Minter(), source="card.md", repo_id="okg-test/m")


def test_deep_json_is_a_one_line_error_not_a_recursion_error() -> None:
    with pytest.raises(RecordError, match=r"^b.json: not valid JSON: nested deeper than 100"):
        parse_body("[" * 1_000_000 + "]" * 1_000_000, "b.json")
    body: dict[str, Any] = {"id": "okg-test/m", "config": {}}
    node = body["config"]
    for _ in range(150):  # deep enough to refuse, shallow enough for json to parse
        node["x"] = {}
        node = node["x"]
    with pytest.raises(RecordError, match=r"^b.json: nested deeper than 100 levels$"):
        parse_body(json.dumps(body), "b.json")


def test_json_number_too_long_is_a_record_error() -> None:
    with pytest.raises(RecordError, match=r"^b.json: not valid JSON: Exceeds the limit"):
        parse_body('{"id": "a/b", "downloads": ' + "1" * 5000 + "}", "b.json")
    assert load_json('{"a": [1, 2]}') == {"a": [1, 2]}


def test_yaml_size_is_bounded() -> None:
    with pytest.raises(InputError, match=r"too large: 2001 bytes \(limit 2000 bytes\)"):
        load_yaml("a: " + "x" * 1998, max_bytes=2000)


def test_mot_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    with big.open("wb") as fh:
        fh.truncate(11 * 1024 * 1024)
    (item,) = list(read_paths([big]))
    assert isinstance(item, RecordError) and "too large: 11534336 bytes" in item.problem


def test_ingest_hf_from_dir_deep_body_is_one_line_and_the_rest_land(tmp_path: Path) -> None:
    d = tmp_path / "hub" / "models"
    d.mkdir(parents=True)
    shutil.copy(HF_DATA / "models" / "gpt2.json", d / "gpt2.json")
    (d / "deep.json").write_text("[" * 200_000 + "]" * 200_000)
    res = CliRunner().invoke(
        main, ["--store", str(tmp_path / "s"), "ingest", "hf", "--from-dir", str(d.parent)]
    )
    assert res.exit_code == 1
    assert "Traceback" not in res.output and "RecursionError" not in res.output
    lines = [ln for ln in res.output.splitlines() if "deep.json" in ln]
    assert lines == ["error: models/deep.json: not valid JSON: nested deeper than 100 levels"]
    assert "1 record(s) landed" in res.output


# --- found by the fuzz harness (tests/fuzz/) -------------------------------------------------


def test_mot_huggingface_field_of_another_type_warns_and_the_file_lands() -> None:
    """``huggingface`` is outside MOT's schema, so the schema lets a list through; the
    transform took it for a string (AttributeError: 'list' object has no attribute 'strip')."""
    text = (MODELS_DIR / "Llama-3-70B.yml").read_text(encoding="utf-8")
    bad = text.replace("\nrelease:\n", "\nrelease:\n  huggingface: [a, b]\n", 1)
    assert bad != text
    (rec,) = list(transform_files([("x.yml", bad, _prov())], Minter()))
    assert isinstance(rec, Record), rec
    assert "release/huggingface: expected a string, got list; ignored" in rec.warnings


def test_parameter_refused_with_a_line_break_in_its_value_is_one_line() -> None:
    from openness_kg.sparql.cq import find_question
    from openness_kg.sparql.run import QuerySyntaxError, query_result
    from openness_kg.store import OxigraphStore

    q = find_question("22-statement-provenance")
    bindings = q.bindings({"property": "a\nb"}, Minter())
    with (
        pytest.raises(QuerySyntaxError) as info,
        query_result(OxigraphStore(None), q.text, bindings),
    ):
        pass
    assert "\n" not in str(info.value)
    assert '?property = "a\\nb"' in str(info.value)
