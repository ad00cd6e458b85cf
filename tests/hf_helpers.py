"""Shared helpers of the Hub ingester tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from openness_kg.ingest.hf.recorded import read_dir
from openness_kg.ingest.licenses import _records as licence_records
from openness_kg.iris import Minter
from openness_kg.paths import DATA_DIR
from openness_kg.records import Record, RecordError
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "hf"
HUB_FIXTURES = FIXTURES / "hub"
HF_DATA = DATA_DIR / "hf"


def bundled_records(minter: Minter | None = None) -> dict[str, Record]:
    out: dict[str, Record] = {}
    for item in read_dir(HF_DATA, minter or Minter(), path_prefix="hf/"):
        assert not isinstance(item, RecordError), str(item)
        out[str(item.graph)] = item
    return out


def fixture_records(minter: Minter | None = None) -> dict[str, Record | RecordError]:
    return {
        (str(i.graph) if isinstance(i, Record) else i.source): i
        for i in read_dir(HUB_FIXTURES, minter or Minter())
    }


def diff(expected: Graph, got: Graph) -> str:
    """A readable difference of two graphs without blank nodes (N-Triples lines)."""

    def lines(triples: Iterable[tuple]) -> list[str]:
        return sorted(" ".join(t.n3() for t in tr) + " ." for tr in triples)

    missing = lines(set(expected) - set(got))
    extra = lines(set(got) - set(expected))
    return "\n".join(
        ["missing (expected, not produced):", *missing, "extra (produced, not expected):", *extra]
    )


def loaded_store(with_fixtures: bool = True, path: Path | None = None) -> OxigraphStore:
    """A store (in memory unless ``path``) with the recorded Hub data, the licence KB and the
    fixtures."""
    m = Minter()
    store = OxigraphStore(path)
    write_records(store, read_dir(HF_DATA, m, path_prefix="hf/"))
    write_records(store, licence_records(m))
    if with_fixtures:
        write_records(store, read_dir(HUB_FIXTURES, m))
    return store
