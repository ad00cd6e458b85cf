"""The server's per-process caches of what many pages show (``server/site.py``): labels read
once and kept (bounded), licence descriptions read once; what they give equals a fresh read."""

from __future__ import annotations

from pathlib import Path

import pytest
from server_fixture import ACME, ALPHA, APACHE, BASE, COMMUNITY, PILE, make_store

from openness_kg.server import make_site
from openness_kg.server import site as site_module
from openness_kg.server.describe import describe
from openness_kg.server.labels import fetch_labels
from openness_kg.store import KGStore


class Counting:
    """Counts the SELECTs a store answers."""

    def __init__(self, inner: KGStore) -> None:
        self.inner, self.selects = inner, 0

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def select(self, *args, **kwargs):
        self.selects += 1
        return self.inner.select(*args, **kwargs)


@pytest.fixture()
def counted(tmp_path: Path) -> Counting:
    return Counting(make_store(tmp_path / "store"))


def test_labels_are_read_once_and_equal_a_fresh_read(counted: Counting) -> None:
    site = make_site(counted, None, BASE)  # type: ignore[arg-type]
    nodes = {ALPHA, ACME, PILE, APACHE, COMMUNITY}
    first = site.labels(nodes)
    fresh = fetch_labels(counted.inner, nodes)
    for n in nodes:
        assert first(n) == fresh(n)
        assert (n in first.known) == (n in fresh.known)
        assert first.definition.get(n) == fresh.definition.get(n)
    asked = counted.selects
    again = site.labels({ALPHA, ACME})
    assert counted.selects == asked  # nothing read again
    assert again(ALPHA) == fresh(ALPHA) and again(ACME) == fresh(ACME)
    assert again.label.keys() - site.term_labels().label.keys() <= {ALPHA, ACME}


def test_the_label_cache_is_bounded(counted: Counting, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "MAX_LABELS", 2)
    site = make_site(counted, None, BASE)  # type: ignore[arg-type]
    site.labels({ALPHA, ACME})
    site.labels({PILE})  # past the bound: what was kept goes
    assert site._asked == {PILE}
    asked = counted.selects
    assert site.labels({ALPHA})(ALPHA) == fetch_labels(counted.inner, {ALPHA})(ALPHA)
    assert counted.selects == asked + 1


def test_licence_descriptions_are_read_once(counted: Counting) -> None:
    site = make_site(counted, None, BASE)  # type: ignore[arg-type]
    first = site.license_terms(COMMUNITY)
    assert first.triples == describe(counted.inner, COMMUNITY).triples and first.triples
    asked = counted.selects
    assert site.license_terms(COMMUNITY) is first
    assert counted.selects == asked
