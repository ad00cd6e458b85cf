"""``stats``: what is in the store, counted."""

from __future__ import annotations

from dataclasses import dataclass

from .namespaces import OKG, sparql_prologue
from .store import KGStore

COUNTS = (
    sparql_prologue()
    + """
SELECT
  (COUNT(DISTINCT ?m) AS ?models)
  (COUNT(DISTINCT ?c) AS ?components)
  (COUNT(DISTINCT ?l) AS ?licenses)
  (COUNT(DISTINCT ?d) AS ?datasets)
  (COUNT(DISTINCT ?r) AS ?records)
WHERE {
  { ?m a okg:Model } UNION
  { ?c a/rdfs:subClassOf* okg:Component . FILTER NOT EXISTS { ?c a owl:Class } } UNION
  { ?l a/rdfs:subClassOf* okg:License } UNION
  { ?d a okg:Dataset } UNION
  { ?r a okg:SourceRecord }
}
"""
)


@dataclass
class Stats:
    models: int
    components: int
    licenses: int
    datasets: int
    records: int
    triples: int
    graphs: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {
            "triples": self.triples,
            "models": self.models,
            "components": self.components,
            "licenses": self.licenses,
            "datasets": self.datasets,
            "records": self.records,
            "graphs": dict(sorted(self.graphs.items())),
        }


def compute_stats(store: KGStore) -> Stats:
    row = store.select(COUNTS)[0]
    sizes = store.graph_sizes()
    return Stats(
        models=int(row["models"]),  # type: ignore[call-overload]
        components=int(row["components"]),  # type: ignore[call-overload]
        licenses=int(row["licenses"]),  # type: ignore[call-overload]
        datasets=int(row["datasets"]),  # type: ignore[call-overload]
        records=int(row["records"]),  # type: ignore[call-overload]
        triples=len(store),
        graphs={str(g): n for g, n in sizes.items()},
    )


__all__ = ["OKG", "Stats", "compute_stats"]
