"""Lineage: a model's ancestry and descendants in the graph, with licences, and the findings
of the licence-lineage shapes (``shapes/lineage.ttl``, run with pySHACL).

Ancestry follows ``okg:derivedFromModel`` and its sub-properties as the records state them
(union of all records). The shapes need facts from several records and from the licence
knowledge base at once, so :func:`lineage_graph` gathers just those facts (relations,
licences, gating of the models concerned, and the terms of their licences) into one graph.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import unquote

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from .app_queries import app_query
from .binding import Binding
from .iris import Minter
from .namespaces import OKG
from .paths import SHAPES_DIR
from .resolve import find_model
from .shacl.run import ShaclResult, read_results, run_shacl
from .store import KGStore

LINEAGE_SHAPES = SHAPES_DIR / "lineage.ttl"
RELATIONS: dict[URIRef, str] = {
    OKG.fineTunedFrom: "finetune",
    OKG.adapterOf: "adapter",
    OKG.quantizedFrom: "quantized",
    OKG.mergedFrom: "merge",
    OKG.derivedFromModel: "derived",
}
# what the licence-lineage shapes read about a model
MODEL_FACT_PROPERTIES = [
    RDF.type,
    OKG.hubId,
    OKG.gating,
    OKG.declaredLicense,
    DCTERMS.license,
    *RELATIONS,
]


@dataclass
class LineageRow:
    """One model in the lineage: ``depth`` < 0 ancestors, 0 the model, > 0 descendants."""

    model: URIRef
    depth: int
    relation: str | None = None  # how it links to ``via``
    via: URIRef | None = None
    hub_id: str | None = None
    licences: list[str] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)
    gating: str | None = None


def resolve_model(store: KGStore, minter: Minter, text: str) -> URIRef | None:
    """A model IRI from an IRI, a repo id, an old (aliased) repo id or a release name; ``None``
    if unknown: the one model resolver (:func:`openness_kg.resolve.find_model`)."""
    return find_model(store, text, minter)


def _walk(store: KGStore, start: URIRef, query: str, sign: int, max_depth: int) -> list[LineageRow]:
    rows: list[LineageRow] = []
    seen = {start}
    queue: deque[tuple[URIRef, int]] = deque([(start, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth >= max_depth:
            continue
        found = store.select(app_query(query), {"m": node, "rel": list(RELATIONS)})
        for r in sorted(found, key=lambda r: (str(r["x"]), str(r["rel"]))):
            x = r["x"]
            if not isinstance(x, URIRef) or x in seen:
                continue
            seen.add(x)
            rel = r["rel"]
            relation = RELATIONS.get(rel) if isinstance(rel, URIRef) else None
            rows.append(LineageRow(x, sign * (depth + 1), relation, node))
            queue.append((x, depth + 1))
    return rows


def _fill(store: KGStore, row: LineageRow) -> None:
    for r in store.select(app_query("lineage-model-facts"), _facts_of(row.model)):
        p, o = r["p"], r["o"]
        if p == OKG.hubId:
            row.hub_id = str(o)
        elif p == DCTERMS.license:
            row.licences.append(_licence_id(o))
        elif p == OKG.declaredLicense:
            row.declared.append(str(o))
        elif p == OKG.gating:
            row.gating = str(o).rsplit("#", 1)[-1]
    row.licences.sort()
    row.declared.sort()


def _facts_of(model: URIRef) -> dict[str, Binding]:
    return {"m": model, "p": MODEL_FACT_PROPERTIES}


def _licence_id(iri: Node) -> str:
    return unquote(str(iri).rstrip("/").rsplit("/", 1)[-1])


def lineage(store: KGStore, model: URIRef, max_depth: int = 50) -> list[LineageRow]:
    """Ancestors (nearest first), the model, then descendants, each with licence and gating."""
    up = _walk(store, model, "lineage-parents", -1, max_depth)
    down = _walk(store, model, "lineage-children", 1, max_depth)
    rows = [*up, LineageRow(model, 0), *down]
    for r in rows:
        _fill(store, r)
    return rows


def lineage_graph(store: KGStore, models: Iterable[URIRef]) -> Graph:
    """The facts the lineage shapes need about ``models`` and their licences."""
    g = Graph()
    licences: set[Node] = set()
    for m in dict.fromkeys(models):
        for r in store.select(app_query("lineage-model-facts"), _facts_of(m)):
            g.add((m, r["p"], r["o"]))
            if r["p"] == DCTERMS.license:
                licences.add(r["o"])
        g.add((m, RDF.type, OKG.Model))
    for lic in licences:
        for r in store.select(app_query("lineage-licence-facts"), {"l": lic}):
            g.add((lic, r["p"], r["o"]))
    return g


@cache
def lineage_shapes() -> Graph:
    return Graph().parse(LINEAGE_SHAPES, format="turtle")


def check(data: Graph) -> list[ShaclResult]:
    """The lineage shapes' results on ``data`` (sorted)."""
    _, report = run_shacl(data, lineage_shapes())
    return read_results(report)


def findings(store: KGStore, rows: Iterable[LineageRow]) -> list[ShaclResult]:
    """Findings about the models of a lineage (their whole chains are in ``rows``)."""
    return check(lineage_graph(store, [r.model for r in rows]))
