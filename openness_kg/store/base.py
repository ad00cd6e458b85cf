"""The store interface every command uses, whatever the backend."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ..binding import Binding, bind_parameters
from ..records import Record
from ..terms import from_ox

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


def graph_term(g: object) -> URIRef:
    """A named graph's name as an rdflib IRI (graphs are always named by IRIs here)."""
    if isinstance(g, ox.NamedNode):
        return URIRef(g.value)
    raise StoreError(f"unexpected graph name: {g!r}")


class KGStore(ABC):
    """A quad store. Queries see the union of all named graphs unless they name a graph."""

    # whether the store evaluates SPARQL's LATERAL join (SEP-0006: the right side once per
    # solution of the left, its variables bound), as Oxigraph does; not SPARQL 1.1
    supports_lateral = False

    @abstractmethod
    def replace_graphs(self, records: Sequence[Record], drop: Iterable[URIRef] = ()) -> int:
        """In one transaction: empty every graph of ``records`` and every graph in ``drop``,
        then add the records' triples. Returns the number of triples written. On failure
        the store keeps its previous contents."""

    def prepare_replace(
        self, records: Sequence[Record], drop: Iterable[URIRef] = ()
    ) -> Callable[[], int]:
        """:meth:`replace_graphs` in two steps: what can be done now (encoding the batch, in
        the caller's thread) and the returned call, which writes (``write_records`` runs it
        in a writer thread). Backends override it to move their Python work to the first."""
        return partial(self.replace_graphs, list(records), list(drop))

    @abstractmethod
    def graph_sizes(self) -> dict[URIRef, int]:
        """Triples per named graph."""

    @abstractmethod
    def ox_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """Stream the quads of one named graph, or of every named graph, as pyoxigraph
        quads (the default graph is never included)."""

    @abstractmethod
    def __len__(self) -> int:
        """The number of quads."""

    @abstractmethod
    def query_raw(self, query: str, timeout: float | None = None) -> QueryResult:
        """Run a query of any form, its parameters already bound (by
        :func:`openness_kg.binding.bind_parameters`, as :meth:`select`, :meth:`ask`,
        :meth:`construct` and :mod:`openness_kg.sparql` do); the native result, for
        serializing in any format. ``timeout`` is best effort here (enforced by the
        endpoint's HTTP timeout remotely; :func:`openness_kg.sparql.run.query_result` enforces
        it on the embedded store). Raises :class:`QuerySyntaxError` or :class:`StoreError`."""

    # --- built on the two above -----------------------------------------------------------
    # ``bindings`` are substituted as RDF terms, never pasted as text

    def select(self, query: str, bindings: Mapping[str, Binding] | None = None) -> list[Row]:
        """Run a SELECT: one dict per solution, unbound variables left out."""
        result = self.query_raw(bind_parameters(query, bindings))
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("not a SELECT query")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for sol in result:
            row: Row = {}
            for n in names:
                val = sol[n]
                if val is not None:
                    row[n] = from_ox(val)
            rows.append(row)
        return rows

    def ask(self, query: str, bindings: Mapping[str, Binding] | None = None) -> bool:
        result = self.query_raw(bind_parameters(query, bindings))
        if not isinstance(result, ox.QueryBoolean):
            raise ValueError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Binding] | None = None) -> Graph:
        result = self.query_raw(bind_parameters(query, bindings))
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            raise ValueError("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in result:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def quads(self, graph: URIRef | None = None) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Stream quads (of one named graph, or of all) as rdflib terms."""
        for q in self.ox_quads(graph):
            yield (
                from_ox(q.subject),
                from_ox(q.predicate),
                from_ox(q.object),
                graph_term(q.graph_name),
            )

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
        write_rdf(self.ox_quads(graph), output, fmt, prefixes)

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
