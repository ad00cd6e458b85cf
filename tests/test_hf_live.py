"""The live path (``ingest hf`` through huggingface_hub) against a real local HTTP server that
replays recorded Hub responses (tests/hf_replay_server.py). Nothing touches the internet."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner
from hf_helpers import HUB_FIXTURES
from hf_replay_server import Hub, serve
from narrow import literal
from rdflib import Literal, URIRef

from openness_kg.cli import main
from openness_kg.ingest.hf.fetch import Fetched, HubClient, LiveJob, RunState, ingest_live
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.store import OxigraphStore

pytestmark = pytest.mark.server
ID = "https://w3id.org/openness-kg/id/"
REC = ID + "record/hf-model/"


@pytest.fixture(autouse=True)
def _isolated_hf(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")


@pytest.fixture
def hub() -> Hub:
    h = Hub.recorded()
    h.add_dir(HUB_FIXTURES)
    return h


def graphs(store_path) -> set[str]:
    s = OxigraphStore(store_path)
    try:
        # the run's own description (issue 17) is not a record, nor are the per-model
        # summaries derived from the records (issue 16, openness_kg/summaries.py)
        return {
            str(g)
            for g in s.graph_sizes()
            if "/id/run/" not in str(g) and "-summary/" not in str(g)
        }
    finally:
        s.close()


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_ids_redirect_and_lineage(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run(
            "--store", str(store), "ingest", "hf", "bert-base-uncased",
            "HuggingFaceH4/zephyr-7b-beta", "--with-lineage", "1", "--hf-endpoint", url,
        )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert hub.requests("/api/models/bert-base-uncased") == [307]
    assert hub.requests("/api/models/google-bert/bert-base-uncased") == [200]
    assert hub.requests("/api/models/mistralai/Mistral-7B-v0.1") == [200]  # the lineage link
    assert graphs(store) == {
        REC + "google-bert/bert-base-uncased",
        REC + "HuggingFaceH4/zephyr-7b-beta",
        REC + "mistralai/Mistral-7B-v0.1",
    }
    s = OxigraphStore(store)
    try:
        m = URIRef(ID + "model/google-bert/bert-base-uncased")
        assert s.ask(f"ASK {{ $m <{OKG.alternativeId}> ?id }}", {"m": m})
        rows = s.select(f"SELECT ?d WHERE {{ GRAPH ?g {{ ?g <{OKG.retrievedAt}> ?d }} }}")
        # the response's own Date header, not the time of the ingest
        assert {literal(r["d"]).toPython() for r in rows} == {
            datetime(2025, 3, 21, 13, 0, tzinfo=UTC)
        }
    finally:
        s.close()


def test_not_found_is_a_per_record_error(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "nope/nope", "gpt2", "--hf-endpoint", url)
    assert res.exit_code == 1
    assert "hf:model:nope/nope: HTTP 404 not found" in res.output
    assert graphs(store) == {REC + "gpt2"}


def test_gated_card_is_401_and_the_model_still_lands(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "meta-llama/Llama-3.1-8B-Instruct",
                  "--with-cards", "--hf-endpoint", url)  # fmt: skip
    assert res.exit_code == 1
    assert hub.requests("/meta-llama/Llama-3.1-8B-Instruct/resolve/main/README.md") == [401]
    assert "hf:card:meta-llama/Llama-3.1-8B-Instruct: HTTP 401" in res.output
    assert graphs(store) == {REC + "meta-llama/Llama-3.1-8B-Instruct"}


def test_card_fetched_when_readable(hub, tmp_path) -> None:
    hub.cards["okg-test/chain-base"] = b"---\nlicense: apache-2.0\n---\n# chain base\n"
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "okg-test/chain-base", "--with-cards",
                  "--hf-endpoint", url)  # fmt: skip
    assert res.exit_code == 0, res.output
    assert graphs(store) == {REC + "okg-test/chain-base", ID + "record/hf-card/okg-test/chain-base"}


def test_retry_after_429_and_500_then_success(hub) -> None:
    path = "/api/models/gpt2"
    hub.failures[path] = [(429, {"Retry-After": "1"}), 500]
    store = OxigraphStore(None)
    with serve(hub) as url:
        client = HubClient(url, base_wait=0.01)
        report = ingest_live(store, client, Minter(), LiveJob(["gpt2"]), RunState(None, "k"))
    assert report.landed == 1 and not report.errors
    hits = [(t, status) for t, p, status in hub.log if p == path]
    assert [s for _, s in hits] == [429, 500, 200]
    assert hits[1][0] - hits[0][0] >= 1.0  # waited at least Retry-After


def test_ratelimit_header_with_nothing_left_waits_for_the_reset(hub) -> None:
    hub.headers["/api/models/gpt2"] = {
        "RateLimit": '"api";r=0;t=7',
        "RateLimit-Policy": '"fixed window";"api";q=500;w=300',
    }
    waits: list[float] = []
    with serve(hub) as url:
        client = HubClient(url, sleep=waits.append)
        client.model_info("gpt2")
        client.model_info("facebook/bart-base")
    assert waits == [7.0]


def test_author_limit_pages_through_the_listing(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "--author", "google", "--limit", "3",
                  "--hf-endpoint", url)  # fmt: skip
    assert res.exit_code == 0, res.output
    pages = [p for _, p, s in hub.log if p.startswith("/api/models?")]
    assert len(pages) == 2  # 2 per page: the Link header was followed
    assert graphs(store) == {
        REC + "google/flan-t5-large",
        REC + "google/flan-t5-xxl",
        REC + "google/tapas-base-finetuned-wtq",
    }


def test_search(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "--search", "t5", "--hf-endpoint", url)
    assert res.exit_code == 0, res.output
    assert graphs(store) == {
        REC + "google-t5/t5-small",
        REC + "google/flan-t5-large",
        REC + "google/flan-t5-xxl",
    }


def test_with_datasets(hub, tmp_path) -> None:
    body = json.loads((HUB_FIXTURES / "datasets" / "okg-test__dataset.json").read_text())
    body["id"] = "squad_v2"
    hub.datasets["squad_v2"] = json.dumps(body).encode()
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "deepset/roberta-base-squad2",
                  "--with-datasets", "--hf-endpoint", url)  # fmt: skip
    assert res.exit_code == 0, res.output
    assert graphs(store) == {REC + "deepset/roberta-base-squad2", ID + "record/hf-dataset/squad_v2"}


@pytest.mark.parametrize(("depth", "fetched"), [(3, 4), (2, 3)])
def test_with_lineage_depth(hub, tmp_path, depth: int, fetched: int) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "okg-test/chain-adapter",
                  "--with-lineage", str(depth), "--hf-endpoint", url)  # fmt: skip
    assert res.exit_code == 0, res.output
    chain = ["chain-adapter", "chain-quant", "chain-ft", "chain-base"][:fetched]
    assert graphs(store) == {REC + "okg-test/" + c for c in chain}


def test_endpoint_from_hf_endpoint_env(hub, tmp_path) -> None:
    store = tmp_path / "store"
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", "gpt2", env={"HF_ENDPOINT": url})
    assert res.exit_code == 0, res.output
    assert hub.requests("/api/models/gpt2") == [200]


class Interrupting(HubClient):
    calls = 0

    def model_info(self, repo_id: str) -> Fetched:
        Interrupting.calls += 1
        if Interrupting.calls == 3:
            raise KeyboardInterrupt
        return super().model_info(repo_id)


def test_interrupted_run_resumes_where_it_stopped(hub, tmp_path) -> None:
    ids = ["gpt2", "facebook/bart-base", "google/flan-t5-large", "google/vit-base-patch16-224"]
    state_path = tmp_path / "state.json"
    store = OxigraphStore(None)
    job = LiveJob(ids)
    with serve(hub) as url:
        with pytest.raises(KeyboardInterrupt):
            ingest_live(
                store,
                Interrupting(url),
                Minter(),
                job,
                RunState.open(state_path, job.as_key()),
                batch_size=1,
            )
        assert set(json.loads(state_path.read_text())["done"]) == {
            "model:gpt2",
            "model:facebook/bart-base",
        }
        report = ingest_live(
            store,
            HubClient(url),
            Minter(),
            job,
            RunState.open(state_path, job.as_key()),
            batch_size=1,
        )
    assert report.landed == 2 and not report.errors
    assert hub.requests("/api/models/gpt2") == [200]  # not fetched again
    assert hub.requests("/api/models/google/flan-t5-large") == [200]
    assert not state_path.exists()  # a completed run removes its state
    assert len(store.graph_sizes()) == 4


def test_usage_errors(tmp_path) -> None:
    assert run("--store", str(tmp_path / "s"), "ingest", "hf").exit_code == 2
    assert (
        run(
            "--store", str(tmp_path / "s"), "ingest", "hf", "gpt2", "--from-dir", str(tmp_path)
        ).exit_code
        == 2
    )
    assert (
        run("--store", str(tmp_path / "s"), "ingest", "hf", "gpt2", "--limit", "2").exit_code == 2
    )


def test_literal_alias_survives(hub) -> None:
    store = OxigraphStore(None)
    with serve(hub) as url:
        ingest_live(
            store,
            HubClient(url),
            Minter(),
            LiveJob(["meta-llama/Meta-Llama-3.1-8B-Instruct"]),
            RunState(None, "k"),
        )
    m = URIRef(ID + "model/meta-llama/Llama-3.1-8B-Instruct")
    rows = store.select(f"SELECT ?a WHERE {{ $m <{OKG.alternativeId}> ?a }}", {"m": m})
    assert [r["a"] for r in rows] == [Literal("meta-llama/Meta-Llama-3.1-8B-Instruct")]


def test_bad_repo_ids_are_per_record_errors_and_never_requested(hub, tmp_path) -> None:
    store = tmp_path / "store"
    bad = ["okg-test/has space", "okg-test/naïve-模型", "okg-test/a>b"]
    with serve(hub) as url:
        res = run("--store", str(store), "ingest", "hf", *bad, "gpt2", "--hf-endpoint", url)
    assert res.exit_code == 1
    for b in bad:
        assert f"hf:model:{b}: not a Hugging Face repo id" in res.output
    assert [p for _, p, _ in hub.log] == ["/api/models/gpt2"]
    assert graphs(store) == {REC + "gpt2"}
