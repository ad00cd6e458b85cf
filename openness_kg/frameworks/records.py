"""The records the computed frameworks assess: every source record that describes a model.

One pass over the store: one query lists the records (with the model, the source file and the
release name), one query collects the data-information judgments people asserted (set at a
time, not per record), then each record's triples are read once into :class:`RecordFacts`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rdflib import Literal, URIRef

from ..namespaces import sparql_prologue
from ..store import KGStore
from .status import RecordFacts, record_facts

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
} ORDER BY ?g
"""
)
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


def store_facts(store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[RecordFacts]:
    """:class:`RecordFacts` of every model record in the store (or of ``models``' records)."""
    judged = judgments(store)
    if models is None:
        rows = store.select(RECORDS)
    else:
        rows = [r for m in models for r in store.select(RECORDS, {"model": m})]
    seen: set[tuple[URIRef, URIRef]] = set()
    for row in rows:
        g, m = row["g"], row["model"]
        assert isinstance(g, URIRef) and isinstance(m, URIRef)
        if (g, m) in seen:
            continue  # a record with several release names
        seen.add((g, m))
        name = str(row["name"]) if row.get("name") is not None else str(m)
        triples = [(s, p, o) for s, p, o, _ in store.quads(g)]
        yield record_facts(triples, m, g, name, source_name(g, row.get("path")), judged.get(m))
