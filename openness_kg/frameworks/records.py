"""The records the computed frameworks assess: every source record that describes a model.

One pass over the store: one query lists the records (with the model, the source file and the
release name), one query collects the data-information judgments people asserted (set at a
time, not per record), then each record is read once (as N-Triples lines,
:func:`~openness_kg.history.versions.stored_lines`) into :class:`RecordFacts`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..history.versions import digest_lines, stored_lines
from ..iris import Minter
from ..mof.settings import OKG_CLASS
from ..namespaces import OKG, sparql_prologue
from ..store import KGStore
from ..terms import from_ox, nt_parts
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
    return _VERSIONS.record_version(graph, digest_lines(stored_lines(store, graph)))


def read_record_lines(
    store: KGStore, models: Sequence[URIRef] | None = None
) -> Iterator[tuple[RecordRow, list[str], URIRef]]:
    """Every model record (:func:`record_rows`), each read once as N-Triples lines
    (:func:`~openness_kg.history.versions.stored_lines`), with its version (the digest of
    all of it). The one reader of records for ``assess`` and ``classify``'s per-record
    engines."""
    for r in record_rows(store, models):
        lines = stored_lines(store, r.record)
        yield r, lines, _VERSIONS.record_version(r.record, digest_lines(lines))


def read_records(store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[RecordRead]:
    """Every model record (:func:`read_record_lines`) with the triples of it that
    :func:`record_facts` reads (:func:`fact_triples`)."""
    for r, lines, version in read_record_lines(store, models):
        triples = fact_triples(lines)
        yield RecordRead(r.record, r.model, r.name, r.source, triples, version)


def store_facts(store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[RecordFacts]:
    """:class:`RecordFacts` of every model record in the store (or of ``models``' records)."""
    judged = judgments(store)
    for r in read_records(store, models):
        facts = record_facts(r.triples, r.model, r.record, r.name, r.source, judged.get(r.model))
        facts.record_version = r.version
        yield facts


def fact_triples(lines: Sequence[str]) -> list[tuple[Node, Node, Node]]:
    """The triples that :func:`record_facts` reads of a record given as N-Triples lines
    (:func:`read_record_lines`): only the lines whose predicate (and, for ``rdf:type``, whose
    class) it uses are parsed into terms. At Hub scale most of a record (names, dates,
    evaluations, lineage) is never parsed, only digested."""
    kept = []
    for line in lines:
        _, p, o = nt_parts(line)
        p = p[1:-1]
        if p not in FACT_PREDICATES:
            continue
        if p == _TYPE and o[1:-1] not in _MOF_CLASSES:
            continue
        kept.append(line)
    return [
        (from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))
        for t in ox.parse("\n".join(kept), ox.RdfFormat.N_TRIPLES)
    ]
