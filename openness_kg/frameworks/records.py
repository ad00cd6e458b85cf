"""The records the computed frameworks assess: every source record that describes a model.

One pass over the store: one query lists the records (with the model, the source file and the
release name), one query collects the data-information judgments people asserted (set at a
time, not per record), then each record's triples are read once into :class:`RecordFacts`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..history.versions import digest_lines, ox_line
from ..iris import Minter
from ..mof.settings import OKG_CLASS
from ..namespaces import OKG, sparql_prologue
from ..store import KGStore
from ..terms import from_ox
from .status import RecordFacts, record_facts

_TYPE = str(RDF.type)
_MOF_CLASSES = frozenset(str(c) for c in OKG_CLASS.values())
# every predicate record_facts reads
FACT_PREDICATES = frozenset(
    str(p)
    for p in (
        OKG.hasComponent,
        RDF.type,
        OKG.declaredLicense,
        OKG.componentPath,
        OKG.evidencedBy,
        OKG.licenseInheritedFrom,
        OKG.sourceKind,
        OKG.gating,
        OKG.hubPage,
        OKG.dataInformationSufficient,
    )
)
RECORDS = (
    sparql_prologue()
    + """
SELECT ?g ?model ?path ?name WHERE {
  GRAPH ?g {
    ?g a okg:SourceRecord ; okg:recordOf ?model .
    ?model a okg:Model .
    OPTIONAL { ?g okg:sourcePath ?path }
    OPTIONAL { ?model okg:releaseName ?name }
  }
}
"""
)
_VERSIONS = Minter()  # a record version's IRI hangs under its record's, whatever the base


JUDGMENTS = sparql_prologue() + "SELECT ?model ?v WHERE { ?model okg:dataInformationSufficient ?v }"


def source_name(g: URIRef, path: object) -> str:
    """The ``source`` column: the record's file name, else its graph IRI (as classify does)."""
    return str(path).rsplit("/", 1)[-1] if path is not None else str(g)


def judgments(store: KGStore) -> dict[URIRef, bool]:
    """Model -> the data-information judgment asserted anywhere in the store (a ``false``
    anywhere wins: a person's negative judgment is positive evidence)."""
    out: dict[URIRef, bool] = {}
    for row in store.select(JUDGMENTS):
        m, v = row["model"], row["v"]
        if isinstance(m, URIRef) and isinstance(v, Literal):
            out[m] = out.get(m, True) and bool(v.toPython())
    return out


@dataclass(frozen=True)
class RecordRead:
    """One model record read once: the triples the frameworks and the MOF view read, and the
    version (digest of the whole record) they were read from."""

    record: URIRef
    model: URIRef
    name: str
    source: str
    triples: list[tuple[Node, Node, Node]]
    version: URIRef


@dataclass(frozen=True)
class RecordRow:
    """One model record as the records query lists it (its triples not read)."""

    record: URIRef
    model: URIRef
    name: str
    source: str


def record_rows(store: KGStore, models: Sequence[URIRef] | None = None) -> list[RecordRow]:
    """Every model record in the store (or ``models``' records), in record order (sorted
    here, not by the query: an ORDER BY makes the store sort every row first); a record
    with several release names once, with the first."""
    if models is None:
        rows = store.select(RECORDS)
    else:
        rows = [r for m in models for r in store.select(RECORDS, {"model": m})]
    rows.sort(key=lambda r: str(r["g"]))
    seen: set[tuple[URIRef, URIRef]] = set()
    out = []
    for row in rows:
        g, m = row["g"], row["model"]
        assert isinstance(g, URIRef) and isinstance(m, URIRef)
        if (g, m) in seen:
            continue
        seen.add((g, m))
        name = str(row["name"]) if row.get("name") is not None else str(m)
        out.append(RecordRow(g, m, name, source_name(g, row.get("path"))))
    return out


def record_version(store: KGStore, graph: URIRef) -> URIRef:
    """The version of the record as stored now (the digest of all of it)."""
    return _VERSIONS.record_version(graph, digest_lines(ox_line(q) for q in store.ox_quads(graph)))


def read_records(store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[RecordRead]:
    """Every model record (:func:`record_rows`), each read once (:func:`read_triples`). The
    one reader of records for ``assess`` and ``classify``'s per-record engines."""
    for r in record_rows(store, models):
        triples, digest = read_triples(store, r.record)
        version = _VERSIONS.record_version(r.record, digest)
        yield RecordRead(r.record, r.model, r.name, r.source, triples, version)


def store_facts(store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[RecordFacts]:
    """:class:`RecordFacts` of every model record in the store (or of ``models``' records)."""
    judged = judgments(store)
    for r in read_records(store, models):
        facts = record_facts(r.triples, r.model, r.record, r.name, r.source, judged.get(r.model))
        facts.record_version = r.version
        yield facts


def read_triples(store: KGStore, graph: URIRef) -> tuple[list[tuple[Node, Node, Node]], str]:
    """The triples of one record that :func:`record_facts` reads, and the digest of the whole
    record (the version it read, :mod:`openness_kg.history.versions`). Triples are converted
    to rdflib terms only when their predicate (and, for ``rdf:type``, their class) is one it
    uses; at Hub scale most of a record (names, dates, evaluations, lineage) is never
    converted, only written out as N-Triples lines for the digest."""
    out = []
    lines = []
    for q in store.ox_quads(graph):
        lines.append(ox_line(q))
        p = q.predicate.value
        if p not in FACT_PREDICATES:
            continue
        if p == _TYPE and getattr(q.object, "value", None) not in _MOF_CLASSES:
            continue
        out.append((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return out, digest_lines(lines)
