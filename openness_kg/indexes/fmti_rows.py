"""``assess --framework fmti`` rows: one per developer and edition, ``model`` the developer's
name as the edition writes it, ``source`` the edition's scores file, ``score`` its total."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Literal, URIRef

from ..frameworks.rows import AssessmentRow
from ..namespaces import sparql_prologue
from ..store import KGStore
from .osai_links import select_values

TOTALS = (
    sparql_prologue()
    + """
SELECT ?org ?dev ?edition ?path ?total (COUNT(?part) AS ?n) (SUM(?s) AS ?met) WHERE {
  GRAPH ?g {
    ?g okg:sourceKind okg:FmtiScoresFile ; okg:sourcePath ?path .
    ?a okg:basedOnRecord ?g ; okg:assessedOrganization ?org ; okg:subjectName ?dev ;
       okg:edition ?edition ; okg:score ?total .
    FILTER NOT EXISTS { ?a dcterms:isPartOf ?whole }
    ?part dcterms:isPartOf ?a ; okg:score ?s .
  }
} GROUP BY ?org ?dev ?edition ?path ?total
"""
)


def organizations_of(store: KGStore, models: Sequence[URIRef]) -> set[URIRef]:
    """The FMTI-assessed organizations that produce any of ``models`` (directly, or through
    the curated mapping's owl:sameAs)."""
    rows = select_values(store, "fmti-organizations-of-models", "m", models)
    return {r["o"] for r in rows if isinstance(r["o"], URIRef)}


def rows(store: KGStore, models: Sequence[URIRef] | None) -> Iterable[AssessmentRow]:
    wanted = organizations_of(store, list(models)) if models is not None else None
    out = []
    for r in store.select(TOTALS):
        if wanted is not None and r["org"] not in wanted:
            continue
        total, n = r["total"], r["n"]
        assert isinstance(total, Literal) and isinstance(n, Literal)
        path = str(r["path"])
        out.append(
            AssessmentRow(
                model=str(r["dev"]),
                source=path.rsplit("/", 1)[-1],
                framework="fmti",
                verdict=f"{int(total)} of {int(n)} indicators met",
                score=float(total),
                detail=f"FMTI edition {r['edition']}; developer and flagship model as assessed; "
                f"organization <{r['org']}>",
            )
        )
    out.sort(key=lambda row: (row.source, -(row.score or 0), row.model))
    return out
