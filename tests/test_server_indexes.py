"""The framework matrix page, the SVG chart of verdicts per framework, and the index's and
FMTI's verdicts on model and organization pages, on the bundled build."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
import yaml
from click.testing import CliRunner
from starlette.testclient import TestClient

from openness_kg.build import build
from openness_kg.cli import main
from openness_kg.ingest.osai import bundled_files
from openness_kg.iris import Minter
from openness_kg.server import create_app, make_site
from openness_kg.store import OxigraphStore

BASE = "https://w3id.org/openness-kg/id/"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("frameworks") / "store"
    store = OxigraphStore(path)
    assert not build(store, Minter()).errors
    store.close()
    res = CliRunner().invoke(main, ["--store", str(path), "classify", "--format", "csv"])
    assert res.exit_code == 0, res.output
    store = OxigraphStore(path)
    with TestClient(create_app(make_site(store, None, BASE))) as c:
        yield c
    store.close()


def yaml_class_counts() -> dict[str, int]:
    """Every parameter's class in the bundled index files, counted here from the YAML."""
    counts: dict[str, int] = {}
    for f in bundled_files():
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for key, value in data.items():
            if key not in ("system", "org") and isinstance(value, dict) and "class" in value:
                counts[value["class"]] = counts.get(value["class"], 0) + 1
    return counts


def test_chart_counts_the_index_verdicts_in_words(client: TestClient) -> None:
    html = client.get("/frameworks").text
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    c = yaml_class_counts()
    assert sum(c.values()) == 193 * 12
    words = f"open {c['open']}, partial {c['partial']}, closed {c['closed']}"
    assert f"<li>European Open Source AI Index (parameters): {words}</li>" in html
    # FMTI 2025: 13 developers x 100 indicators, each met or not
    m = re.search(r"<li>FMTI 2025-12 \(indicators\): met (\d+), not met (\d+)</li>", html)
    assert m and int(m.group(1)) + int(m.group(2)) == 1300
    # IBM 95 + Writer 72 + AI21 66 + Anthropic 46 + Google 41 + Amazon 39 + OpenAI 35 +
    # DeepSeek 32 + Meta 31 + Alibaba 26 + Mistral 18 + xAI 14 + Midjourney 14 (Dec2025 totals)
    assert int(m.group(1)) == 529


def test_matrix_rows_sort_and_filter(client: TestClient) -> None:
    html = client.get("/frameworks?q=bloom").text
    rows = re.findall(r"<tr>\s*<td><a href=\"[^\"]+\">([^<]+)</a></td>", html)
    assert rows == ["bigscience/bloom"]
    # bloomz.yaml: 11 open and 1 partial of 12 parameters -> 11.5/12
    assert "BLOOMZ: <strong>0.958333</strong>" in html
    by_index = client.get("/frameworks?sort=index&order=desc").text
    cells = re.findall(r"<tr>\s*<td><a.*?</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", by_index, re.S)
    assert len(cells) >= 30  # 45 systems link 36 distinct releases (several share a base)
    best = [max(float(x) for x in re.findall(r"<strong>([0-9.]+)</strong>", c)) for c in cells]
    assert best == sorted(best, reverse=True)
    assert best[0] == pytest.approx(11.5 / 12)  # bloomz.yaml, the best linked system


def test_model_page_shows_the_index_verdicts_with_evidence(client: TestClient) -> None:
    html = unescape(client.get("/doc/model/bigscience/bloom").text)
    assert "European Open Source AI Index (human judgment)" in html
    assert "BLOOMZ" in html and "this release is its base model" in html
    # bloomz.yaml weights_basemodel: open, its link and notes
    assert '<a href="https://huggingface.co/bigscience/bloom" rel="nofollow">' in html
    assert '<span class="badge verdict-open">open</span>' in html


def test_organization_page_shows_fmti(client: TestClient) -> None:
    html = client.get("/doc/org/Meta").text
    assert "Foundation Model Transparency Index (human judgment)" in html
    assert "<td>2025-12</td><td>Meta</td><td><strong>31</strong> / 100</td>" in html
    assert "<td>2023-10</td><td>Meta</td><td><strong>54</strong> / 100</td>" in html
    # the Hub organization meta-llama is Meta by the curated mapping
    hub = client.get("/doc/org/meta-llama").text
    assert "<td>2024-05</td><td>Meta</td><td><strong>60</strong> / 100</td>" in hub
