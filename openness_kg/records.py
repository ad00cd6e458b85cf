"""Records: what an ingester produces from one source record, before anything is written.

A source record (a MOT file, a Hub response, a card) becomes one named graph. The transform
step checks it and either returns a :class:`Record` or raises :class:`RecordError`, so a bad
record never reaches the store and never stops the rest of its batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]


def plain(value: str) -> Literal:
    """A plain literal, made fast. rdflib's default normalisation round-trips every literal
    through its Python value by trying a list of types: nothing for a string, but half of the
    Hub transform's time."""
    return Literal(value, normalize=False)


class RecordError(Exception):
    """A source record that could not be turned into RDF; names the record and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


@dataclass
class Record:
    """One source record as RDF: the triples of its own named graph."""

    graph: URIRef
    source: str
    triples: list[Triple] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.triples.append((s, p, o))

    def as_graph(self) -> Graph:
        g = Graph(identifier=self.graph)
        for t in self.triples:
            g.add(t)
        return g

    @classmethod
    def from_graph(cls, graph: Graph, source: str, name: URIRef | None = None) -> Record:
        ident = name if name is not None else graph.identifier
        if not isinstance(ident, URIRef):
            raise RecordError(source, "a record's graph needs an IRI name")
        return cls(graph=ident, source=source, triples=list(graph))


@dataclass
class BatchReport:
    """What happened to a batch: how many records landed, which failed and why."""

    landed: int = 0
    triples: int = 0
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def merge(self, other: BatchReport) -> None:
        self.landed += other.landed
        self.triples += other.triples
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)
