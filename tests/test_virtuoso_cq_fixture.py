"""Every competency question on Virtuoso over the hand-written fixture KG, with the
parameters of its YAML: the rows must be the ones the YAML expects (written by hand, as in
tests/test_competency_questions.py). The bundled build leaves several questions empty with
their default parameters; the fixture answers every one. Its graphs share names with the
bundled build's (the licence graph), so it gets a Virtuoso of its own for this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_competency_questions import CQ_FILES, load_fixture, read_spec, row_key, term
from virtuoso_server import Virtuoso, virtuoso_server

from openness_kg.store import OxigraphStore
from openness_kg.store.remote import Endpoint, RemoteStore
from openness_kg.store.transfer import push

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def fixture_kg(tmp_path_factory) -> Iterator[tuple[OxigraphStore, Virtuoso]]:
    local = OxigraphStore(tmp_path_factory.mktemp("kg") / "st")
    load_fixture(local)
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso-kg")) as v:
        remote = RemoteStore(
            Endpoint(
                v.sparql, update_url=v.sparql_auth, user=v.user, password=v.password, auth="digest"
            )
        )
        report = push(local, remote)
        assert report.quads == report.remote_quads == len(local)
        yield local, v
    local.close()


@pytest.mark.parametrize("path", CQ_FILES, ids=[p.stem for p in CQ_FILES])
def test_competency_question_on_virtuoso(fixture_kg, path: Path) -> None:
    local, v = fixture_kg
    store = RemoteStore(Endpoint(v.sparql))
    spec = read_spec(path)
    query = path.read_text(encoding="utf-8")
    bindings = {k: term(x) for k, x in (spec["parameters"] or {}).items() if x is not None}
    expected = spec["expected"]
    if isinstance(expected, bool):
        assert store.ask(query, bindings) is expected is local.ask(query, bindings)
        return
    want = {row_key({var: term(value) for var, value in row.items()}) for row in expected}
    rows = store.select(query, bindings)
    got = {row_key(r) for r in rows}
    assert len(rows) == len(got), f"{path.name} returned duplicate rows on Virtuoso"
    assert got == want, (
        f"missing: {sorted(map(sorted, want - got))}\nextra: {sorted(map(sorted, got - want))}"
    )
    assert rows == local.select(query, bindings)  # in the same order too
