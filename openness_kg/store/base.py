"""The store interface every command uses, whatever the backend."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

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
