"""The embedded on-disk Oxigraph store (pyoxigraph), and an in-memory one for tests."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from ..records import Record
from ..terms import to_ox_quads
from .base import KGStore, QueryResult, QuerySyntaxError, StoreError
from .nquads import records_nquads
from .update import replace_graphs_update

FLUSH_EVERY = 500_000  # quads written between two flushes to disk
BULK_MIN = 20_000  # quads: a batch of new graphs at least this big goes in by bulk load
# The journal of a bulk write in progress: while the new graphs of a batch are being
# bulk-loaded (which Oxigraph does not make atomic), this graph lists them as
# ``<graph> rdf:type sd:NamedGraph``. It is written before the load and removed after it in
# transactions of their own, so after a crash it names exactly the graphs that may be partly
# written; opening the store drops them (they did not exist before the batch).
PENDING = ox.NamedNode("https://w3id.org/openness-kg/id/graph/pending-bulk-write")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_SD_NAMED_GRAPH = ox.NamedNode("http://www.w3.org/ns/sparql-service-description#NamedGraph")


class OxigraphStore(KGStore):
    """An Oxigraph store on disk at ``path``, or in memory when ``path`` is ``None``."""

    supports_lateral = True

    def __init__(self, path: Path | str | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._written = 0
        # graphs a bulk write interrupted by a crash had left partly written, dropped on open
        self.recovered: list[URIRef] = []
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        if self.path is not None and not read_only:
            self.recovered = self._drop_pending()

    def _drop_pending(self) -> list[URIRef]:
        """Drop the graphs a bulk write left partly written (see ``PENDING``), and the
        journal, in one transaction; returns the graphs dropped."""
        if not self._store.contains_named_graph(PENDING):
            return []
        pending = [
            q.subject
            for q in self._store.quads_for_pattern(None, None, None, PENDING)
            if isinstance(q.subject, ox.NamedNode)
        ]
        drops = [f"DROP SILENT GRAPH {g} ;" for g in pending]
        try:
            self._store.update("\n".join([*drops, f"DROP SILENT GRAPH {PENDING}"]))
        except OSError as exc:
            raise StoreError(f"cannot recover the store at {self.path}: {exc}") from exc
        return [URIRef(g.value) for g in pending]

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for bulk paths that need it."""
        return self._store

    def replace_graphs(self, records: Sequence[Record], drop: Iterable[URIRef] = ()) -> int:
        """All or nothing per call (see :meth:`prepare_replace` for the paths)."""
        return self.prepare_replace(records, drop)()

    def prepare_replace(
        self, records: Sequence[Record], drop: Iterable[URIRef] = ()
    ) -> Callable[[], int]:
        """Encode the batch now (Python work, in the caller's thread); the returned call
        writes it (mostly Rust, which releases the GIL: ``write_records`` runs it in a writer
        thread while the next batch is transformed).

        When no graph of the batch exists and nothing is dropped (a first ingest), an on-disk
        batch of at least ``BULK_MIN`` quads goes in by Oxigraph's bulk loader, guarded by the
        ``PENDING`` journal (about 3.5x faster than a transaction); a smaller one by
        ``Store.extend`` (one transaction). Otherwise one SPARQL update drops and re-inserts
        the graphs. Whether the graphs are new is checked by the write (so after any batch
        still in flight, and without contending with it for the store)."""
        records, drop = list(records), list(drop)
        if drop:
            return partial(self._replace_by_update, records, drop)
        count = sum(len(r.triples) for r in records)
        try:
            graphs = {ox.NamedNode(r.graph) for r in records}
            if self.path is None or count < BULK_MIN:
                quads = [q for r in records for q in to_ox_quads(r.graph, r.triples)]
                write = partial(self._store.extend, quads)
            else:
                write = partial(self._bulk_load_journaled, graphs, records_nquads(records))
        except (TypeError, ValueError) as exc:
            raise StoreError(f"write failed, store unchanged: {exc}") from exc
        return partial(self._write_new, records, graphs, write, count)

    def _write_new(
        self,
        records: Sequence[Record],
        graphs: set[ox.NamedNode],
        write: Callable[[], None],
        count: int,
    ) -> int:
        """Run ``write`` if the batch's graphs are still new (an earlier batch in flight may
        have written one), else replace them by the update path."""
        if self._any_exists(graphs):
            return self._replace_by_update(records, ())
        try:
            write()
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"write failed, store unchanged: {exc}") from exc
        return self._count_written(count)

    def _any_exists(self, graphs: set[ox.NamedNode]) -> bool:
        """Whether one of the graphs exists, in one call into the store (a call per graph
        would hand the GIL to the transforming thread and wait to get it back, each time)."""
        if not graphs:
            return False
        names = " ".join(map(str, graphs))  # pyoxigraph writes each IRI, escaped
        return bool(self._store.query(f"ASK {{ VALUES ?g {{ {names} }} GRAPH ?g {{ ?s ?p ?o }} }}"))

    def _replace_by_update(self, records: Sequence[Record], drop: Sequence[URIRef]) -> int:
        try:
            text, count = replace_graphs_update(records, drop)
            if text:
                self._store.update(text)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"write failed, store unchanged: {exc}") from exc
        return self._count_written(count)

    def _count_written(self, count: int) -> int:
        self._written += count
        if self.path is not None and self._written >= FLUSH_EVERY:
            # Oxigraph keeps transactions' writes in memory until flushed: flush now and
            # then, so memory stays flat however many records an ingest writes.
            self._store.flush()
            self._written = 0
        return count

    def _bulk_load_journaled(self, graphs: set[ox.NamedNode], data: bytes) -> None:
        """Bulk-load N-Quads of new graphs, journaled (see ``PENDING``): if the load fails, or
        the process dies during it, the graphs are dropped (now, or when the store is next
        opened) and the store is as it was before."""
        # the journal's transaction is in the write-ahead log before the load starts
        self._store.extend(ox.Quad(g, _RDF_TYPE, _SD_NAMED_GRAPH, PENDING) for g in graphs)
        try:
            self._store.bulk_load(data, ox.RdfFormat.N_QUADS)
        except BaseException:
            self._drop_pending()
            raise
        self._store.remove_graph(PENDING)

    def graph_sizes(self) -> dict[URIRef, int]:
        result = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        assert isinstance(result, ox.QuerySolutions)
        return {URIRef(s["g"].value): int(s["n"].value) for s in result}

    def ox_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self._store.quads_for_pattern(None, None, None, g):
            if not isinstance(q.graph_name, ox.DefaultGraph):
                yield q

    def query_raw(self, query: str, timeout: float | None = None) -> QueryResult:
        """The native result (``timeout`` is not enforced in-process: see
        :func:`openness_kg.sparql.run.query_result`, which runs on-disk stores in a worker)."""
        try:
            return self._store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QuerySyntaxError(str(exc)) from exc
        except OSError as exc:
            raise StoreError(f"query failed: {exc}") from exc

    def add_quads(self, quads: Iterable[ox.Quad]) -> int:
        batch = list(quads)
        try:
            self._store.extend(batch)
        except OSError as exc:
            raise StoreError(f"write failed: {exc}") from exc
        return len(batch)

    def dump(
        self,
        output: IO[bytes],
        fmt: ox.RdfFormat,
        graph: URIRef | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        every_graph_as_triples = graph is None and not fmt.supports_datasets
        # the store's own dump of one graph writes it as the default graph: a dataset format
        # keeps the graph's name
        one_graph_named = graph is not None and fmt.supports_datasets
        if every_graph_as_triples or one_graph_named:
            super().dump(output, fmt, graph, prefixes)
            return
        self._store.dump(
            output,
            fmt,
            from_graph=ox.NamedNode(str(graph)) if graph is not None else None,
            prefixes=dict(prefixes) if prefixes else None,
        )

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        if self.path is not None and not self.read_only:  # a read-only store cannot flush
            with contextlib.suppress(OSError):
                self._store.flush()
        del self._store


def snapshot(path: Path, target: Path) -> None:
    """A consistent copy of the on-disk store at ``path`` in ``target`` (a RocksDB checkpoint:
    hard links to its files, taken through a read-only open), which a writer working on
    ``path`` cannot change or delete under a reader. Raises :class:`StoreError`."""
    try:
        ox.Store.read_only(str(path)).backup(str(target))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"cannot read the store at {path}: {exc}") from exc


def open_store(path: Path | str | None, read_only: bool = False) -> OxigraphStore:
    return OxigraphStore(path, read_only=read_only)
