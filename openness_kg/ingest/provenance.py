"""Where a source record comes from, and the record's description of itself: one way for
every file-based ingester (MOT, the OSAI index, FMTI, and MOT's git history)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ..namespaces import OKG
from ..records import Record


@dataclass(frozen=True)
class Provenance:
    """Where a file comes from: its URL and the source's own date (never the ingest time)."""

    url: str
    retrieved: date
    path: str


def describe_record(rec: Record, kind: URIRef, about: URIRef, prov: Provenance) -> None:
    """The record's description of itself: a source record of ``kind`` about ``about``, with
    the file's path, URL and the source's own date."""
    g = rec.graph
    rec.add(g, RDF.type, OKG.SourceRecord)
    rec.add(g, RDF.type, PROV.Entity)
    rec.add(g, OKG.sourceKind, kind)
    rec.add(g, OKG.recordOf, about)
    rec.add(g, OKG.sourcePath, Literal(prov.path))
    rec.add(g, PROV.wasDerivedFrom, URIRef(prov.url))
    # a dated version from a git history has the commit's time (issue 17), else a day
    stamp = XSD.dateTime if isinstance(prov.retrieved, datetime) else XSD.date
    rec.add(g, OKG.retrievedAt, Literal(prov.retrieved.isoformat(), datatype=stamp))
