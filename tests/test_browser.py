"""A real browser (Debian's chromium, driven by Playwright's Python package with the system
executable) walks the site served by ``openness-kg serve`` on 127.0.0.1: the model list,
the Class I filter, a model page (screenshot saved as a build artifact under
``$OKG_ARTIFACTS``, default tmp_path), a licence link, a competency question in the SPARQL
form, and the ontology documentation of a ``publish`` release."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from server_fixture import ServerProcess, make_store

if TYPE_CHECKING:  # optional: the fixtures import playwright when they run, and skip without it
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.server


def require_chromium() -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing = "the playwright package"
    else:
        missing = "" if shutil.which(CHROMIUM) or Path(CHROMIUM).exists() else CHROMIUM
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser test needs {missing} in CI")
        pytest.skip(f"no {missing}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    require_chromium()
    path = tmp_path_factory.mktemp("browser") / "store"
    make_store(path).close()
    with ServerProcess(path) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def artifacts(tmp_path: Path) -> Path:
    out = Path(os.environ.get("OKG_ARTIFACTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def test_walk_list_filter_model_licence_sparql(
    server: ServerProcess, browser: Browser, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url + "models")
    assert page.locator("table.list tbody tr").count() == 3
    # filter to Class I with the form, as a person would
    page.select_option("#f-class", "1")
    page.click("text=Apply filters")
    page.wait_for_url("**/models?*class=1*")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("a.model-link").inner_text() == "Alpha 7B"
    # open the model
    rows.first.locator("a.model-link").click()
    page.wait_for_url("**/doc/model/acme/alpha-7b")
    assert page.locator("h1").inner_text() == "Alpha 7B"
    verdict = page.locator(".verdict .badge").first.inner_text()
    assert verdict.startswith("Class I") and not verdict.startswith("Class II"), verdict
    shot = artifacts(tmp_path) / "model-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # follow a licence link from the components table
    page.locator("table.components a", has_text="Apache License 2.0").first.click()
    page.wait_for_url("**/resource?iri=*")
    assert page.locator("h1").inner_text() == "Apache License 2.0"
    assert page.locator("#users-h").is_visible()
    assert page.locator("ul.models a", has_text="Alpha 7B").count() == 1
    # run a competency question from the SPARQL form
    page.goto(server.url + "sparql")
    examples = page.locator("a.cq")
    assert examples.count() >= 1, "no competency question offered in the SPARQL form"
    examples.first.click()
    page.wait_for_load_state()
    assert page.locator(".error").count() == 0, page.locator(".error").inner_text()
    assert page.locator("#res-h, .bool, pre.code").count() >= 1
    # and the form itself: edit the query and run it
    page.fill(
        "#query",
        "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/openness-kg/ontology#Model> } "
        "ORDER BY ?m",
    )
    page.click("#run")
    page.wait_for_load_state()
    assert page.locator("table.results tbody tr").count() == 3
    page.close()


def test_ontology_docs_of_the_release_open(tmp_path: Path, browser: Browser) -> None:
    from openness_kg.publish.release import publish

    store_path = tmp_path / "store"
    store = make_store(store_path)
    out = tmp_path / "release"
    publish(store, out, base="https://w3id.org/openness-kg/id/")
    store.close()
    page = browser.new_page()
    page.goto((out / "ontology" / "index.html").as_uri())
    assert "openness-kg" in page.title() or "openness-kg" in page.locator("h1").first.inner_text()
    assert page.locator("#Model").count() == 1
    page.screenshot(path=str(artifacts(tmp_path) / "ontology-docs.png"))
    page.close()


def test_model_page_shows_the_frameworks_panel_and_the_stack(server, browser) -> None:
    """Issue 12: the model page has the frameworks panel and the stack picture (inline SVG),
    both visible without JavaScript."""
    page = browser.new_page(java_script_enabled=False)
    page.goto(server.url + "doc/model/acme/alpha-7b")
    panel = page.locator("#frameworks")
    assert panel.is_visible()
    assert panel.locator("tr.fw-osaid").count() >= 1
    svg = panel.locator("figure.stack svg")
    assert svg.count() == 1 and svg.is_visible()
    assert "Weights" in (svg.text_content() or "")
