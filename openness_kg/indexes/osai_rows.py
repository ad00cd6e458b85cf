"""``assess --framework osai`` rows: one per index system, in the index's ranking order
(score descending, ties by file path descending, as the index's website ranks them)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import Literal, URIRef

from ..frameworks.rows import AssessmentRow
from ..ingest.osai import CURRENT, EARLIER
from ..namespaces import OKG, sparql_prologue
from ..store import KGStore
from .osai_links import select_values

VERDICT_WORD = {OKG.Open: "open", OKG.Partial: "partial", OKG.Closed: "closed"}
SYSTEMS = (
    sparql_prologue()
    + """
SELECT ?g ?family ?path ?name ?fw ?score WHERE { GRAPH ?g {
  ?g okg:sourceKind okg:OsaiIndexFile ; okg:sourcePath ?path .
  ?a okg:basedOnRecord ?g ; okg:subjectName ?name ; okg:framework ?fw ; okg:assessedFamily ?family .
  OPTIONAL { ?a okg:score ?score }
} }
"""
)
PARAMETERS = (
    sparql_prologue()
    + """
SELECT ?g ?param ?verdict WHERE { GRAPH ?g {
  ?g okg:sourceKind okg:OsaiIndexFile .
  ?p dcterms:isPartOf ?a ; okg:criterion ?c . ?c skos:notation ?param .
  OPTIONAL { ?p okg:verdict ?verdict }
} }
"""
)


def families_of(store: KGStore, models: Sequence[URIRef]) -> set[URIRef]:
    """The index systems linked (end or base model) to any of ``models``."""
    rows = select_values(store, "osai-systems-of-models", "m", models)
    return {r["f"] for r in rows if isinstance(r["f"], URIRef)}


def rows(store: KGStore, models: Sequence[URIRef] | None) -> Iterable[AssessmentRow]:
    wanted = families_of(store, list(models)) if models is not None else None
    classes: dict[URIRef, dict[str, str]] = {}
    for r in store.select(PARAMETERS):
        g = r["g"]
        assert isinstance(g, URIRef)
        v = r.get("verdict")
        word = VERDICT_WORD.get(v, "missing") if isinstance(v, URIRef) else "missing"
        classes.setdefault(g, {})[str(r["param"])] = word
    found = []
    for r in store.select(SYSTEMS):
        if wanted is not None and r["family"] not in wanted:
            continue
        g = r["g"]
        assert isinstance(g, URIRef)
        gen = CURRENT if r["fw"] == OKG.EuropeanOpenSourceAIIndex else EARLIER
        per = classes.get(g, {})
        counts = {
            w: sum(1 for p in gen.parameters if per.get(p) == w)
            for w in ("open", "partial", "closed")
        }
        verdict = ", ".join(f"{n} {w}" for w, n in counts.items())
        what = (
            "current generation, mean of applicable parameters"
            if gen is CURRENT
            else "earlier generation (Opening up ChatGPT), sum of 14 parameters"
        )
        detail = f"{what}; " + "; ".join(f"{p}={per.get(p, 'missing')}" for p in gen.parameters)
        raw = r.get("score")
        score = float(raw) if isinstance(raw, Literal) else None
        path = str(r["path"])
        found.append(
            (
                path,
                AssessmentRow(
                    model=str(r["name"]),
                    source=path.rsplit("/", 1)[-1],
                    framework="osai",
                    verdict=verdict,
                    score=score,
                    detail=detail,
                ),
            )
        )
    found.sort(key=lambda t: t[0], reverse=True)
    found.sort(key=lambda t: round(t[1].score, 6) if t[1].score is not None else -1.0, reverse=True)
    return [row for _, row in found]
