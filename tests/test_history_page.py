"""Issue 17: a model's history page (verdicts over time as a server-rendered SVG, and the
change log of its records), over a store that saw the before files, then the after files of
``tests/fixtures/history`` (see its README for the edits), each classified."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from server_fixture import BASE
from starlette.testclient import TestClient

from openness_kg.cli import main
from openness_kg.server import create_app, make_site
from openness_kg.store import OxigraphStore

FIXTURES = Path(__file__).parent / "fixtures" / "history"
PYTHIA = "https://w3id.org/openness-kg/id/model/EleutherAI/pythia-160m"


def ok(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("history-page")
    store = str(tmp / "store")
    for name in ("before", "after"):
        shutil.copytree(FIXTURES / name, tmp / name)
        ok("--store", store, "ingest", "mot", str(tmp / name))
        ok("--store", store, "classify")
    s = OxigraphStore(store)
    with TestClient(create_app(make_site(s, None, BASE))) as c:
        yield c
    s.close()


def test_history_page_shows_verdicts_over_time_and_the_change_log(client: TestClient) -> None:
    res = client.get("/history?m=" + quote(PYTHIA, safe=""))
    assert res.status_code == 200
    html = res.text
    # the chart: an SVG with one lane (MOF on the one record) and two verdict bars
    svg = re.search(r"<svg .*?</svg>", html, re.S)
    assert svg is not None
    root = ElementTree.fromstring(svg.group(0))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(root.findall(f".//{ns}rect")) == 2
    titles = [t.text or "" for t in root.iter(f"{ns}title")]
    assert any(t.startswith("MofClassI from ") for t in titles)
    assert any(t.startswith("MofClassII from ") for t in titles)
    # the verdict table, oldest first: Class I (before), then Class II (after)
    rows = re.findall(r"<tr><td>mof · mot/Pythia-160M.yml</td><td>[^<]+</td><td>(\w+)</td>", html)
    assert rows == ["MofClassI", "MofClassII"]
    # the change log: the removed component (see tests/fixtures/history/README.md)
    assert (
        "<td>mot/Pythia-160M.yml</td><td>component-removed</td>"
        "<td>Model parameters (Intermediate)</td>"
    ) in html


def test_model_page_links_to_its_history(client: TestClient) -> None:
    res = client.get("/doc/model/EleutherAI/pythia-160m")
    assert res.status_code == 200
    assert "/history?m=" + quote(PYTHIA, safe="") in res.text


def test_history_of_an_unknown_model_is_not_found(client: TestClient) -> None:
    assert client.get("/history?m=" + quote(BASE + "model/nope", safe="")).status_code == 404
    assert client.get("/history?m=%3Cnot%20an%20iri%3E").status_code == 404
    assert client.get("/history").status_code == 404
