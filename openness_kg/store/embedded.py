"""The embedded on-disk Oxigraph store (pyoxigraph), and an in-memory one for tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..records import Record
from ..sparql_params import bind_parameters
from .base import KGStore, QueryResult, QuerySyntaxError, StoreError
from .terms import to_ox
from .update import replace_graphs_update

FLUSH_EVERY = 500_000  # quads written between two flushes to disk


class OxigraphStore(KGStore):
    """An Oxigraph store on disk at ``path``, or in memory when ``path`` is ``None``."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self._written = 0
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

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store, for bulk paths that need it."""
        return self._store

    def replace_graphs(self, records: Sequence[Record], drop: Iterable[URIRef] = ()) -> int:
        """One transaction per call. When no graph of the batch exists yet and nothing is
        dropped (a first ingest), the quads go in through ``Store.extend`` (a transaction,
        about 1.4x faster than parsing an update); otherwise through one SPARQL update that
        drops and re-inserts the graphs."""
        drop = list(drop)
        try:
            if not drop and not any(
                self._store.contains_named_graph(ox.NamedNode(str(r.graph))) for r in records
            ):
                count = self._extend(records)
            else:
                text, count = replace_graphs_update(records, drop)
                if text:
                    self._store.update(text)
        except (OSError, SyntaxError, ValueError) as exc:
            raise StoreError(f"write failed, store unchanged: {exc}") from exc
        self._written += count
        if self.path is not None and self._written >= FLUSH_EVERY:
            # Oxigraph keeps written data in memory until flushed: flush now and then, so
            # memory stays flat however many records an ingest writes.
            self._store.flush()
            self._written = 0
        return count

    def _extend(self, records: Sequence[Record]) -> int:
        quads: list[ox.Quad] = []
        for r in records:
            g = ox.NamedNode(str(r.graph))
            quads.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in r.triples)  # type: ignore[arg-type]
        self._store.extend(quads)
        return len(quads)

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

    def query_raw(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """The native result (``timeout`` is not enforced in-process: see
        :func:`openness_kg.sparql.run_query`, which runs on-disk stores in a worker)."""
        try:
            text = bind_parameters(query, bindings)
            return self._store.query(text, use_default_graph_as_union=True)
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
        if graph is None and not fmt.supports_datasets:  # every named graph, as triples
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
        if self.path is not None:
            with contextlib.suppress(OSError):
                self._store.flush()
        del self._store


def open_store(path: Path | str | None, read_only: bool = False) -> OxigraphStore:
    return OxigraphStore(path, read_only=read_only)
