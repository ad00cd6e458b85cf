"""Model cards from disk: front matter, no front matter, invalid YAML, the repo id rules, a
50 MB card; and the ``ingest card`` command."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from hf_helpers import FIXTURES
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from openness_kg.cli import main
from openness_kg.ingest.hf.card import card_from_file, front_matter
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, SPDX_LICENSES
from openness_kg.records import RecordError
from openness_kg.store import OxigraphStore

CARDS = FIXTURES / "cards"
ID = "https://w3id.org/openness-kg/id/"


def test_card_fixtures_exist() -> None:
    assert sorted(p.name for p in CARDS.glob("*.md")) == [
        "invalid-yaml.md",
        "no-yaml.md",
        "valid.md",
    ]


def test_valid_card_takes_its_id_from_model_index() -> None:
    rec = card_from_file(CARDS / "valid.md", Minter())
    m = URIRef(ID + "model/okg-test/card-model")
    t = set(rec.triples)
    assert rec.graph == URIRef(ID + "record/hf-card/okg-test/card-model")
    assert (rec.graph, OKG.sourceKind, OKG.HubModelCard) in t
    assert (m, OKG.fineTunedFrom, URIRef(ID + "model/okg-test/nc-base")) in t
    assert (m, DCTERMS.license, SPDX_LICENSES["CC-BY-NC-4.0"]) in t
    assert (m, OKG.trainedOn, URIRef(ID + "dataset/okg-test/dataset")) in t
    assert (m, OKG.evaluatedOn, URIRef(ID + "dataset/squad_v2")) in t
    comps = {o for s, p, o in t if s == m and p == OKG.hasComponent}
    assert comps == {
        URIRef(f"{m}/component/{c}") for c in ("model-card", "evaluation-results", "datasets")
    }
    assert (URIRef(f"{m}/component/model-card"), OKG.componentPath, Literal("README.md")) in t
    assert rec.warnings == []


def test_id_option_wins_over_the_card() -> None:
    rec = card_from_file(CARDS / "valid.md", Minter(), repo_id="okg-test/other")
    assert rec.graph == URIRef(ID + "record/hf-card/okg-test/other")


def test_card_without_yaml_needs_an_id() -> None:
    with pytest.raises(RecordError) as exc:
        card_from_file(CARDS / "no-yaml.md", Minter())
    assert exc.value.problem == "no repo id: pass --id REPO_ID (the card's metadata names none)"
    rec = card_from_file(CARDS / "no-yaml.md", Minter(), repo_id="okg-test/no-yaml")
    assert rec.warnings == ["the card has no YAML front matter"]
    m = URIRef(ID + "model/okg-test/no-yaml")
    assert (m, OKG.hasComponent, URIRef(f"{m}/component/model-card")) in set(rec.triples)
    assert not any(p == OKG.declaredLicense for _, p, _ in rec.triples)


def test_card_with_invalid_yaml() -> None:
    meta, problem = front_matter((CARDS / "invalid-yaml.md").read_text())
    assert meta is None
    assert problem == "front matter is not valid YAML (line 4); ignored"
    with pytest.raises(RecordError, match=r"no repo id: .*not valid YAML \(line 4\)"):
        card_from_file(CARDS / "invalid-yaml.md", Minter())
    rec = card_from_file(CARDS / "invalid-yaml.md", Minter(), repo_id="okg-test/bad-yaml")
    assert rec.warnings == ["front matter is not valid YAML (line 4); ignored"]


def test_fifty_megabyte_card_is_a_record_error(tmp_path) -> None:
    big = tmp_path / "README.md"
    with big.open("wb") as f:
        f.write(b"---\nlicense: mit\n---\n")
        f.truncate(50 * 1024 * 1024)
    assert os.path.getsize(big) == 52428800
    with pytest.raises(RecordError) as exc:
        card_from_file(big, Minter(), repo_id="okg-test/big")
    assert exc.value.problem == "card too large: 52428800 bytes (limit 10485760 bytes)"


def test_ingest_card_command_lands_the_good_and_reports_the_bad(tmp_path) -> None:
    # a long folder name on purpose: each message is one line whatever the path's length
    # (issue 14: rich wrapped messages at 80 columns, so this failed when tmp_path was long)
    folder = tmp_path / ("long-folder-name-" * 8)
    folder.mkdir()
    big = folder / "big.md"
    big.write_bytes(b"x" * (50 * 1024 * 1024))
    store = tmp_path / "store"
    res = CliRunner().invoke(
        main, ["--store", str(store), "ingest", "card", str(CARDS / "valid.md"), str(big),
               str(CARDS / "no-yaml.md")],
    )  # fmt: skip
    assert res.exit_code == 1, res.output
    lines = res.stderr.splitlines()
    assert f"error: {big}: card too large: 52428800 bytes (limit 10485760 bytes)" in lines
    assert any(ln.startswith(f"error: {CARDS / 'no-yaml.md'}: no repo id") for ln in lines)
    # 54 = the 51 of before issue 15, plus one okg:licenseMatch on each node that inherits the
    # card's one licence (cc-by-nc-4.0): the release-level declaration, the model card and the
    # evaluation results, now stated by the one licence writer as the model itself is
    assert "ingest card: 1 record(s) landed, 54 triples, 2 failed" in lines
    s = OxigraphStore(store)
    try:
        assert URIRef(ID + "record/hf-card/okg-test/card-model") in s.graph_sizes()
    finally:
        s.close()


def test_ingest_card_id_with_several_cards_is_a_usage_error(tmp_path) -> None:
    res = CliRunner().invoke(
        main, ["--store", str(tmp_path / "s"), "ingest", "card", "--id", "a/b",
               str(CARDS / "valid.md"), str(CARDS / "no-yaml.md")],
    )  # fmt: skip
    assert res.exit_code == 2
