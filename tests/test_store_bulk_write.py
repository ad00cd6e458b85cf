"""The embedded store's bulk path for new graphs: all or nothing per batch, even when the
process is killed in the middle of Oxigraph's (non-atomic) bulk load; and the pipelined
``write_records`` (a writer thread, one batch in flight)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from openness_kg.namespaces import OKG
from openness_kg.records import Record, RecordError
from openness_kg.store import OxigraphStore, StoreError
from openness_kg.store.embedded import BULK_MIN, PENDING
from openness_kg.store.write import write_records

M = URIRef("https://example.org/m")


def big_record(name: str, triples: int) -> Record:
    r = Record(URIRef(f"https://example.org/g/{name}"), name)
    for i in range(triples):
        r.add(URIRef(f"https://example.org/{name}/s{i}"), OKG.releaseName, Literal(f"v{i}"))
    return r


def batch(prefix: str, graphs: int = 4) -> list[Record]:
    """A batch big enough (BULK_MIN quads) for the bulk path."""
    per = BULK_MIN // graphs + 1
    return [big_record(f"{prefix}{k}", per) for k in range(graphs)]


class HalfLoadThenFail:
    """Stands in for the pyoxigraph store: its bulk load writes the first half of the data
    for real, then fails, as a crash or a full disk would in the middle of a load."""

    def __init__(self, real: ox.Store) -> None:
        self._real = real

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def bulk_load(self, data: bytes, fmt: ox.RdfFormat) -> None:
        lines = data.splitlines(keepends=True)
        self._real.bulk_load(b"".join(lines[: len(lines) // 2]), fmt)
        raise OSError("disk full (injected)")


def test_new_graphs_bulk_loaded_whole(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "st")
    records = batch("a")
    written = store.replace_graphs(records)
    expected = sum(len(r.triples) for r in records)
    assert written == expected >= BULK_MIN
    assert store.graph_sizes() == {r.graph: len(r.triples) for r in records}
    assert not store.raw.contains_named_graph(PENDING)  # the journal is gone


def test_failed_bulk_load_leaves_store_as_before(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "st")
    before = batch("old")
    store.replace_graphs(before)
    sizes = store.graph_sizes()
    store._store = HalfLoadThenFail(store.raw)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="disk full"):
        store.replace_graphs(batch("new"))
    store._store = store._store._real  # type: ignore[attr-defined]
    assert store.graph_sizes() == sizes
    assert len(store) == sum(sizes.values())


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from test_store_bulk_write import HalfLoadThenFail, batch
    from openness_kg.store import OxigraphStore

    class KilledMidLoad(HalfLoadThenFail):
        def bulk_load(self, data, fmt):
            lines = data.splitlines(keepends=True)
            self._real.bulk_load(b"".join(lines[: len(lines) // 2]), fmt)
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no flush, no finally

    store = OxigraphStore({path!r})
    store.replace_graphs(batch("landed"))
    store._store = KilledMidLoad(store.raw)
    store.replace_graphs(batch("killed"))
    """
)


def test_kill_during_bulk_load_is_undone_on_open(tmp_path: Path) -> None:
    path = tmp_path / "st"
    code = CHILD.format(tests=str(Path(__file__).parent), path=str(path))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()
    # the half-written graphs really are on disk (opened read-only: no recovery)
    raw = ox.Store.read_only(str(path))
    killed = {str(r.graph) for r in batch("killed")}
    on_disk = {g.value for g in raw.named_graphs()}
    assert killed & on_disk, "the kill did not leave a partial batch: the test proves nothing"
    del raw
    store = OxigraphStore(path)  # opening recovers
    assert {str(g) for g in store.recovered} == killed
    landed = batch("landed")
    assert store.graph_sizes() == {r.graph: len(r.triples) for r in landed}
    assert not store.raw.contains_named_graph(PENDING)


def test_small_and_replacing_batches_stay_transactions(tmp_path: Path) -> None:
    """Below BULK_MIN, or when a graph exists already, the batch is one transaction."""
    store = OxigraphStore(tmp_path / "st")
    small = big_record("small", 10)
    store.replace_graphs([small])
    big = batch("x")
    store.replace_graphs([*big, big_record("small", 3)])  # replaces "small": SPARQL path
    assert store.graph_sizes()[small.graph] == 3
    assert store.graph_sizes()[big[0].graph] == len(big[0].triples)


def test_write_records_pipelined_lands_every_batch(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "st")
    items: list[Record | RecordError] = []
    for k in range(7):
        items.append(big_record(f"r{k}", 5000))
        if k == 3:
            items.append(RecordError("bad.json", "truncated JSON"))
    seen: list[int] = []
    report = write_records(store, items, batch_size=2, progress=seen.append)
    assert report.landed == 7 and len(report.errors) == 1
    assert report.triples == 35_000 == len(store)
    assert seen == list(range(1, 9))


def test_write_records_store_error_keeps_earlier_batches(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "st")
    good = [big_record(f"ok{k}", 10) for k in range(4)]
    bad = Record(URIRef("https://example.org/g/bad"), "bad")
    bad.add(URIRef("https://example.org/bad iri"), OKG.releaseName, Literal("x"))
    with pytest.raises(StoreError):
        write_records(store, [*good, bad, big_record("after", 10)], batch_size=2)
    assert set(store.graph_sizes()) == {r.graph for r in good}


def test_cli_says_what_recovery_removed(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from openness_kg.cli import main

    path = tmp_path / "st"
    store = OxigraphStore(path)
    g = ox.NamedNode("https://example.org/g/partial")
    store.raw.extend(
        [
            ox.Quad(ox.NamedNode(str(M)), ox.NamedNode(str(OKG.releaseName)), ox.Literal("x"), g),
            ox.Quad(g, ox.NamedNode(str(OKG.releaseName)), ox.Literal("journal"), PENDING),
        ]
    )
    store.close()
    res = CliRunner().invoke(main, ["--store", str(path), "stats"])
    assert res.exit_code == 0, res.output
    assert "interrupted write" in res.stderr and "https://example.org/g/partial" in res.stderr
    assert OxigraphStore(path).graph_sizes() == {}
