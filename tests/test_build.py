"""``build``: replacing a previous build, bad records, interruptions, determinism."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import UTC, datetime

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from openness_kg.build import build
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.records import Record, RecordError
from openness_kg.sources import BundledSource, RecordItem
from openness_kg.store import OxigraphStore


def _model_record(minter: Minter, name: str) -> Record:
    m = minter.named_model(name)
    r = Record(minter.record("test", name), name)
    r.add(m, RDF.type, OKG.Model)
    r.add(m, OKG.releaseName, Literal(name))
    return r


def source(names: list[str], bad: AbstractSet[str] = frozenset(), stop_after: int | None = None):
    def records(minter: Minter) -> Iterator[RecordItem]:
        for i, n in enumerate(names):
            if stop_after is not None and i == stop_after:
                raise KeyboardInterrupt
            if n in bad:
                yield RecordError(f"{n}.yml", "malformed YAML at line 3")
            else:
                yield _model_record(minter, n)

    return BundledSource("test", count=lambda: len(names), records=records)


def quads_without_build_graph(store: OxigraphStore, minter: Minter) -> set:
    return {q for q in store.quads() if q[3] != minter.build_graph()}


def models(store: OxigraphStore) -> set[str]:
    rows = store.select(f"SELECT ?n WHERE {{ ?m a <{OKG.Model}> ; <{OKG.releaseName}> ?n }}")
    return {str(r["n"]) for r in rows}


def test_bad_record_is_reported_and_the_rest_lands(mem_store, minter) -> None:
    report = build(mem_store, minter, [source(["a", "b", "c"], bad={"b"})])
    assert report.landed == 2
    assert [(e.source, e.problem) for e in report.errors] == [("b.yml", "malformed YAML at line 3")]
    assert models(mem_store) == {"a", "c"}


def test_rebuild_replaces_previous_build_but_keeps_other_graphs(mem_store, minter) -> None:
    build(mem_store, minter, [source(["a", "b"])])
    ingested = _model_record(minter, "ingested-by-user")
    mem_store.replace_graphs([ingested])
    build(mem_store, minter, [source(["b", "c"])])
    assert models(mem_store) == {"b", "c", "ingested-by-user"}


def test_interrupted_build_leaves_previous_contents(mem_store, minter) -> None:
    build(mem_store, minter, [source(["a", "b"])])
    before = set(mem_store.quads())
    with pytest.raises(KeyboardInterrupt):
        build(mem_store, minter, [source(["x", "y", "z"], stop_after=2)])
    assert set(mem_store.quads()) == before
    assert models(mem_store) == {"a", "b"}


def test_write_failure_leaves_previous_contents(mem_store, minter) -> None:
    build(mem_store, minter, [source(["a"])])
    before = set(mem_store.quads())
    broken = _model_record(minter, "broken")
    broken.add(URIRef("urn:s"), URIRef("urn:p"), object())  # type: ignore[arg-type]

    def records(m: Minter) -> Iterator[RecordItem]:
        yield _model_record(m, "fine")
        yield broken

    with pytest.raises(TypeError):
        build(mem_store, minter, [BundledSource("t", lambda: 2, records)])
    assert set(mem_store.quads()) == before


def test_build_twice_is_identical_apart_from_build_time(tmp_path, minter) -> None:
    s1 = OxigraphStore(tmp_path / "one")
    s2 = OxigraphStore(tmp_path / "two")
    build(s1, minter, [source(["a", "b"])], now=datetime(2026, 1, 1, tzinfo=UTC))
    build(s2, minter, [source(["a", "b"])], now=datetime(2026, 1, 2, tzinfo=UTC))
    assert quads_without_build_graph(s1, minter) == quads_without_build_graph(s2, minter)
    assert set(s1.quads()) != set(s2.quads())  # the build time differs, and only it
    diff = set(s1.quads()) ^ set(s2.quads())
    assert {q[3] for q in diff} == {minter.build_graph()}
