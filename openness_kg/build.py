"""``build``: the ontology and everything bundled in ``data/``, into the store.

Every bundled source yields records; bad ones are reported and skipped; all good records and
the removal of graphs a previous build wrote but this one does not are written in one
transaction, so an interrupted build leaves the previous contents whole and readable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from . import __version__
from .bundled import bundled_sources
from .iris import Minter
from .namespaces import OKG, sparql_prologue
from .records import BatchReport, Record, RecordError
from .sources import BundledSource
from .store import KGStore
from .summaries import refresh

Progress = Callable[[str, int], None]  # (source name, records done in it) -> None

PREVIOUS_GRAPHS = (
    sparql_prologue()
    + "SELECT DISTINCT ?g WHERE { GRAPH ?build { ?b a okg:Build ; prov:generated ?g } }"
)


@dataclass
class BuildReport(BatchReport):
    graphs: list[URIRef] = field(default_factory=list)
    dropped: int = 0


def build(
    store: KGStore,
    minter: Minter,
    sources: list[BundledSource] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> BuildReport:
    """Replace what a previous build wrote with the ontology and the bundled data."""
    report = BuildReport()
    records: list[Record] = []
    seen: set[URIRef] = set()
    sources = sources if sources is not None else bundled_sources()
    for source in sources:
        for done, item in enumerate(source.records(minter), start=1):
            if isinstance(item, RecordError):
                report.errors.append(item)
            elif item.graph in seen:
                report.errors.append(RecordError(item.source, f"duplicate graph {item.graph}"))
            else:
                seen.add(item.graph)
                records.append(item)
                report.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
            if progress:
                progress(source.name, done)
    for source in sources:
        if source.derive is not None:
            for rec in source.derive(records, minter):
                if rec.graph not in seen:
                    seen.add(rec.graph)
                    records.append(rec)
    build_graph = minter.build_graph()
    previous = {row["g"] for row in store.select(PREVIOUS_GRAPHS)}
    stale = [g for g in previous if isinstance(g, URIRef) and g not in seen]
    meta = Record(build_graph, "build")
    b = URIRef(f"{build_graph}#build")
    meta.add(b, RDF.type, OKG.Build)
    meta.add(b, RDF.type, PROV.Activity)
    stamp = (now or datetime.now(UTC)).replace(microsecond=0)
    meta.add(b, PROV.endedAtTime, Literal(stamp.isoformat(), datatype=XSD.dateTime))
    meta.add(b, OKG.ruleVersion, Literal(__version__))
    for r in records:
        meta.add(b, PROV.generated, r.graph)
    report.triples = store.replace_graphs([*records, meta], drop=stale)
    refresh(store, minter, when=stamp)  # every model's summaries, as this build leaves them
    report.landed = len(records)
    report.graphs = [r.graph for r in records]
    report.dropped = len(stale)
    return report
