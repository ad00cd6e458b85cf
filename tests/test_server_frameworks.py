"""The frameworks over HTTP (issue 12): ``openness-kg serve`` on 127.0.0.1 (a child process) over
the server fixture (tests/data/server/fixture.trig) after ``assess``: the JSON API, the model
list by verdict, the badge, the stack picture, the model page's panel and the compare page.

Hand-derived from the fixture's one record with components, mot/models/alpha-7b.yml: Model
parameters (Final) under "Apache 2.0" and Training code under "apache-2.0", nothing else, no
Hub page and no path to the weights: MOF unclassified (Class III needs the architecture, the
model card...), OSAID incomplete (four code rows and any data information not shown; nothing
under non-open terms), G7 none (no deployment code: no inference code or architecture), release
unknown (weights listed with nowhere to download them), Columbia: code and weights open."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from server_fixture import ALPHA, ServerProcess, make_store

from openness_kg.cli import main

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    path = tmp_path_factory.mktemp("fw-server") / "store"
    make_store(path).close()
    res = CliRunner().invoke(main, ["--store", str(path), "assess", "--format", "csv"])
    assert res.exit_code == 0, res.output
    with ServerProcess(path) as srv:
        yield srv


def get(server: ServerProcess, path: str) -> httpx.Response:
    return httpx.get(server.url + path, timeout=30)


def test_model_api(server: ServerProcess) -> None:
    r = get(server, "api/v1/model/acme/alpha-7b")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["model"] == str(ALPHA)
    [rec] = body["records"]
    assert rec["source"] == "alpha-7b.yml"
    assert rec["kind"] == "https://w3id.org/openness-kg/ontology#MotModelFile"
    assert rec["retrieved"] == "2026-05-11T00:00:00Z"
    verdicts = {f["framework"]: f for f in rec["frameworks"]}
    assert {k: v["verdict"] for k, v in verdicts.items() if k != "columbia"} == {
        "mof": "unclassified",
        "osaid": "incomplete",
        "g7": "none",
        "release": "unknown",
    }
    osaid = {c["key"]: c for c in verdicts["osaid"]["criteria"]}
    assert osaid["model-parameters-final"]["status"] == "open"
    assert osaid["model-parameters-final"]["evidence"] == [
        str(ALPHA) + "/component/model-parameters-final"
    ]
    assert osaid["inference-code"]["status"] == "not-evidenced"
    columbia = {c["key"]: c["status"] for c in verdicts["columbia"]["criteria"]}
    assert columbia["weights"] == columbia["code"] == "open"
    assert columbia["safeguards"] == "not-evidenced"
    assert body["summary"]["osaid"] == {"verdict": "incomplete", "source": "alpha-7b.yml"}
    assert get(server, "api/v1/model/no-such-model").status_code == 404


def test_models_api_pages_the_summaries(server: ServerProcess) -> None:
    r = get(server, "api/v1/models?framework=g7&verdict=none&size=1")
    assert r.status_code == 200
    body = r.json()
    assert [m["model"] for m in body["models"]] == [str(ALPHA)]
    assert body["next"] is None
    assert get(server, "api/v1/models?framework=osaid&verdict=conforms").json()["models"] == []
    assert get(server, "api/v1/models?framework=columbia&verdict=x").status_code == 400
    assert get(server, "api/v1/models?framework=g7&verdict=open").status_code == 400
    assert get(server, "api/v1/models?framework=g7&verdict=none&size=x").status_code == 400


def test_badge_and_stack(server: ServerProcess) -> None:
    r = get(server, "badge/acme/alpha-7b.svg?framework=osaid")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert "OSAID 1.0: incomplete" in r.text
    assert "MOF: unclassified" in get(server, "badge/acme/alpha-7b.svg").text
    assert get(server, "badge/acme/alpha-7b.svg?framework=release").status_code == 400
    assert get(server, "badge/nobody/nothing.svg?framework=g7").status_code == 404
    s = get(server, f"stack/{quote(str(ALPHA), safe='')}.svg")
    assert s.status_code == 200 and s.text.startswith("<svg")
    assert "Weights: open" in s.text and "Safeguards: not-evidenced" in s.text


def test_model_page_panel_and_compare(server: ServerProcess) -> None:
    page = get(server, "doc/model/acme/alpha-7b").text
    assert 'id="frameworks"' in page and "Openness by framework" in page
    assert "<svg" in page and "Columbia stack profile" in page
    assert "https://opensource.org/ai/open-source-ai-definition" in page
    cmp = get(server, f"compare?m={quote(str(ALPHA), safe='')}").text
    assert 'class="fw-osaid"' in cmp and "incomplete" in cmp
