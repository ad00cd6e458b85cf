"""The store interface every command uses, whatever the backend."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..records import Record

STORE_ENV = "OPENNESS_KG_STORE"


class StoreError(Exception):
    """The store cannot be opened, read or written (locked, corrupt, unreachable...)."""


def default_store_path() -> Path:
    """``$OPENNESS_KG_STORE``, else ``$XDG_DATA_HOME/openness-kg/store``
    (``~/.local/share/openness-kg/store``)."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "openness-kg" / "store"


Row = dict[str, Node]

# A query's native result, for serializing it in any format: solutions and booleans as
# pyoxigraph gives them (also parsed from a remote endpoint's response), triples as an
# iterable of ``pyoxigraph.Triple``.
QueryResult = ox.QuerySolutions | ox.QueryBoolean | Iterable[ox.Triple]


class QueryTimeout(StoreError):
    """A query ran longer than its timeout and was stopped."""


class QuerySyntaxError(StoreError):
    """The query text is not SPARQL 1.1 (the message names line and column)."""


class KGStore(ABC):
    """A quad store. Queries see the union of all named graphs unless they name a graph."""

    @abstractmethod
    def replace_graphs(self, records: Sequence[Record], drop: Iterable[URIRef] = ()) -> int:
        """In one transaction: empty every graph of ``records`` and every graph in ``drop``,
        then add the records' triples. Returns the number of triples written. On failure
        the store keeps its previous contents."""

    @abstractmethod
    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> list[Row]:
        """Run a SELECT; ``bindings`` are substituted as RDF terms, never pasted as text."""

    @abstractmethod
    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool: ...

    @abstractmethod
    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...

    @abstractmethod
    def graph_sizes(self) -> dict[URIRef, int]:
        """Triples per named graph."""

    @abstractmethod
    def quads(self, graph: URIRef | None = None) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Stream quads (of one named graph, or of all)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    # --- raw access, for serialization and bulk copy (query results, load, export, push) ---

    def query_raw(
        self,
        query: str,
        bindings: Mapping[str, Node] | None = None,
        timeout: float | None = None,
    ) -> QueryResult:
        """Run a query of any form; the native result, for serializing in any format.
        ``timeout`` is best effort here (enforced by the endpoint's HTTP timeout remotely;
        :func:`openness_kg.sparql.run_query` enforces it on the embedded store)."""
        raise NotImplementedError(f"{type(self).__name__} has no raw query access")

    def add_quads(self, quads: Iterable[ox.Quad]) -> int:
        """Add quads (one batch, one transaction or request); returns how many were sent."""
        raise NotImplementedError(f"{type(self).__name__} cannot add quads")

    def drop_graphs(self, graphs: Iterable[URIRef]) -> None:
        """Remove named graphs (missing ones are ignored)."""
        self.replace_graphs([], drop=list(graphs))

    def dump(
        self,
        output: IO[bytes],
        fmt: ox.RdfFormat,
        graph: URIRef | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        """Stream the store (or one named graph) to ``output`` without holding it in memory.
        A triple format without ``graph`` gets the triples of every named graph."""
        from .terms import to_ox

        def quads() -> Iterator[ox.Quad]:
            for s, p, o, g in self.quads(graph):
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]

        write_rdf(quads(), output, fmt, prefixes)

    def graph(self, name: URIRef) -> Graph:
        """One named graph as an rdflib graph (for small graphs: records, the ontology)."""
        g = Graph(identifier=name)
        for s, p, o, _ in self.quads(name):
            g.add((s, p, o))
        return g

    def close(self) -> None:  # noqa: B027 - optional for backends that hold nothing
        """Release the store."""

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def write_rdf(
    quads: Iterable[ox.Quad],
    output: IO[bytes],
    fmt: ox.RdfFormat,
    prefixes: Mapping[str, str] | None = None,
) -> None:
    """Serialize a stream of quads with pyoxigraph (as triples for a triple-only format)."""
    items: Iterable[ox.Quad] | Iterable[ox.Triple] = quads
    if not fmt.supports_datasets:
        items = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    ox.serialize(items, output, fmt, prefixes=dict(prefixes) if prefixes else None)
