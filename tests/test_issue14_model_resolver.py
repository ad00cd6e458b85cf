"""Issue 14, part 6: one model resolver. Every command, page and parameter resolves a model the
same way (IRI, Hub id, legacy unprefixed Hub id via the recorded redirects and alternative ids,
MOT release name, record file), and a MOT file that names no Hub repository but describes a
Hub model (``Llama-3-70B.yml``) is linked to it by evidence, not split from it.

The store holds the bundled recorded Hub responses (``data/hf``, with its recorded redirects
``bert-base-uncased`` -> ``google-bert/bert-base-uncased``, ``t5-small`` -> ``google-t5/t5-small``
and the body requested as ``gpt2``) and four bundled MOT files. Expected IRIs are written by
hand from those files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from starlette.testclient import TestClient

from openness_kg.cli import main
from openness_kg.namespaces import OKG
from openness_kg.resolve import find_models
from openness_kg.server import create_app, make_site
from openness_kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
MOT = ROOT / "data" / "mot" / "models"
BASE = "https://w3id.org/openness-kg/id/"
GPT2 = URIRef(BASE + "model/openai-community/gpt2")
BERT = URIRef(BASE + "model/google-bert/bert-base-uncased")
T5_SMALL = URIRef(BASE + "model/google-t5/t5-small")
LLAMA3_70B = URIRef(BASE + "model/meta-llama/Meta-Llama-3-70B")
MOT_FILES = ("Llama-3-70B.yml", "GPT-2.yml", "T5.yml", "Llama-3-70B-Instruct.yml")


def cli(store: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--store", str(store), *args])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resolver") / "store"
    assert cli(path, "ingest", "hf", "--from-dir", str(ROOT / "data" / "hf")).exit_code == 0
    r = cli(path, "ingest", "mot", *(str(MOT / f) for f in MOT_FILES))
    assert r.exit_code == 0, r.output
    return path


KEYS = {
    "gpt2": GPT2,  # the legacy unprefixed id the recorded body was requested as
    "bert-base-uncased": BERT,  # a recorded redirect
    "t5-small": T5_SMALL,  # a recorded redirect
    "openai-community/gpt2": GPT2,  # the Hub id
    str(GPT2): GPT2,  # the IRI
    f"<{GPT2}>": GPT2,
    BASE + "model/gpt2": GPT2,  # the IRI minted from the legacy id
    "GPT-2": GPT2,  # MOT's release name (GPT-2.yml names the Hub repository)
    "Llama-3-70B": LLAMA3_70B,  # MOT's release name, linked by evidence
    "Llama-3-70B.yml": LLAMA3_70B,  # the record's file
    "models/Llama-3-70B.yml": LLAMA3_70B,
    "meta-llama/Meta-Llama-3-70B": LLAMA3_70B,  # the Hub id (known as a base model)
    "T5": URIRef(BASE + "model/T5"),  # a MOT release with no Hub link keeps its own IRI
}


@pytest.mark.parametrize("key", sorted(KEYS))
def test_the_resolver(store: Path, key: str) -> None:
    with OxigraphStore(store, read_only=True) as st:
        assert find_models(st, key) == [KEYS[key]]


@pytest.mark.parametrize("key", ["GPT2", "Gpt2", "llama-3-70b", "Meta-Llama-3-70", "nobody/none"])
def test_nothing_is_matched_fuzzily(store: Path, key: str) -> None:
    with OxigraphStore(store, read_only=True) as st:
        assert find_models(st, key) == []


LEGACY = ["gpt2", "bert-base-uncased", "t5-small", "Llama-3-70B"]


@pytest.mark.parametrize("key", LEGACY)
def test_explain_and_lineage_agree(store: Path, key: str) -> None:
    r = cli(store, "explain", key)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0].endswith(f"<{KEYS[key]}>")
    r = cli(store, "lineage", key, "--format", "json")
    assert r.exit_code in (0, 1), r.output
    rows = json.loads(r.stdout)["lineage"]
    me = [row for row in rows if row["depth"] == 0]
    assert me and str(KEYS[key]).endswith(me[0]["model"])


@pytest.mark.parametrize("key", LEGACY)
def test_validate_resolves_the_same_way(store: Path, key: str) -> None:
    r = cli(store, "validate", "--model", key, "--format", "json")
    assert r.exit_code in (0, 1), r.output  # 2 would be "no such model"
    focus = {row["focus_node"] for row in json.loads(r.stdout)}
    assert str(KEYS[key]) in focus
    assert all(f.startswith(str(KEYS[key])) for f in focus)
    assert cli(store, "validate", "--model", "no-such-model").exit_code == 2


def test_export_mot_resolves_the_same_way(store: Path) -> None:
    r = cli(store, "export", "mot", "t5-small")
    assert r.exit_code == 0, r.output
    assert "name: google-t5/t5-small" in r.stdout
    r = cli(store, "export", "mot", "gpt2")  # the Hub record and GPT-2.yml describe it
    assert r.exit_code == 2 and "several records" in r.output
    r = cli(store, "export", "mot", "gpt2", "--source", "GPT-2.yml")
    assert r.exit_code == 0 and "name: GPT-2" in r.stdout


@pytest.mark.parametrize("key", ["gpt2", "bert-base-uncased", "Llama-3-70B"])
def test_query_parameter_resolves_the_same_way(store: Path, key: str) -> None:
    r = cli(store, "query", "--cq", "07", "--param", f"model={key}", "--format", "json")
    assert r.exit_code == 0, r.output
    records = {b["record"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]}
    assert records, f"{key}: no record"
    expected = {
        "gpt2": BASE + "record/hf-model/openai-community/gpt2",
        "bert-base-uncased": BASE + "record/hf-model/google-bert/bert-base-uncased",
        "Llama-3-70B": BASE + "record/mot/Llama-3-70B.yml",
    }[key]
    assert expected in records


def test_a_mot_file_naming_no_hub_repository_is_not_split_from_the_hub_model(store: Path) -> None:
    record = URIRef(BASE + "record/mot/Llama-3-70B.yml")
    with OxigraphStore(store, read_only=True) as st:
        assert not st.ask("ASK { $m ?p ?o }", {"m": URIRef(BASE + "model/Llama-3-70B")})
        assert st.ask(
            f"ASK {{ GRAPH $g {{ $g <{OKG.recordOf}> $m }} }}", {"g": record, "m": LLAMA3_70B}
        )
        # the Hub's record of the Instruct model names the same IRI as its base
        instruct = URIRef(BASE + "model/meta-llama/Meta-Llama-3-70B-Instruct")
        assert st.ask(f"ASK {{ $i <{OKG.fineTunedFrom}> $m }}", {"i": instruct, "m": LLAMA3_70B})
        g = st.graph(record)
    evidence = set(g.objects(record, OKG.hubIdEvidence))
    assert URIRef("https://huggingface.co/api/models/meta-llama/Meta-Llama-3-70B-Instruct") in (
        evidence
    )
    assert len(evidence) == 2
    (comment,) = g.objects(record, RDFS.comment)
    assert "names no Hub repository" in str(comment) and "hub-links.csv" in str(comment)
    assert (LLAMA3_70B, OKG.releaseName, Literal("Llama-3-70B")) in g
    assert (LLAMA3_70B, OKG.hubId, None) not in g  # the file states no Hub id; only the link


def test_server_pages_resolve_the_same_way(store: Path) -> None:
    st = OxigraphStore(store, read_only=True)
    try:
        with TestClient(create_app(make_site(st, None, BASE))) as client:
            r = client.get("/doc/model/gpt2", follow_redirects=False)
            assert r.status_code == 301
            assert r.headers["location"].endswith("/doc/model/openai-community/gpt2")
            r = client.get("/data/model/bert-base-uncased.ttl", follow_redirects=False)
            assert r.status_code == 301
            assert r.headers["location"].endswith("/data/model/google-bert/bert-base-uncased.ttl")
            assert client.get("/doc/model/no-such-model").status_code == 404
            r = client.get("/compare", params=[("m", "gpt2"), ("m", "Llama-3-70B")])
            assert r.status_code == 200
            assert r.text.count('<th scope="col">') == 3  # aspect + two models
    finally:
        st.close()
