"""Every framework's verdicts on one model, for the model page, the JSON API and the badge:
per record, each framework's verdict with its criteria and evidence, and per framework the most
open verdict of the model's records (as the stored summaries count it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import sparql_prologue
from ..store import KGStore
from . import g7, mof, osaid, release
from .computed import COLUMBIA, G7, OSAID, RELEASE
from .records import store_facts
from .result import Verdict
from .status import RecordFacts

TITLES = {
    "mof": "Model Openness Framework",
    "osaid": "OSI Open Source AI Definition 1.0",
    "g7": "G7 Vision on AI Openness (2026)",
    "release": "Release gradient (Solaiman 2023)",
    "columbia": "Columbia Convening stack profile",
}
CRITERIA_LINKS = {
    "mof": "https://arxiv.org/abs/2403.13784",
    "osaid": "https://opensource.org/ai/open-source-ai-definition",
    "g7": "https://g7.utoronto.ca/ict/260529-vision.html",
    "release": "https://arxiv.org/abs/2302.04844",
    "columbia": "https://arxiv.org/abs/2405.15802",
}
RANKS: dict[str, tuple[str, ...]] = {
    "mof": ("class-I", "class-II", "class-III", "unclassified"),
    "osaid": osaid.RANK,
    "g7": g7.RANK,
    "release": release.RANK,
}
RULES = (
    ("mof", mof.assess),
    ("osaid", OSAID.rule),
    ("g7", G7.rule),
    ("release", RELEASE.rule),
    ("columbia", COLUMBIA.rule),
)
PROVENANCE = (
    sparql_prologue()
    + """
SELECT ?kind ?path ?when WHERE { GRAPH ?g {
  ?g a okg:SourceRecord .
  OPTIONAL { ?g okg:sourceKind ?kind } OPTIONAL { ?g okg:sourcePath ?path }
  OPTIONAL { ?g okg:retrievedAt ?when } } }
"""
)


@dataclass(frozen=True)
class RecordVerdicts:
    facts: RecordFacts
    verdicts: tuple[Verdict, ...]


def model_verdicts(store: KGStore, model: URIRef) -> list[RecordVerdicts]:
    return [
        RecordVerdicts(f, tuple(rule(f) for _, rule in RULES)) for f in store_facts(store, [model])
    ]


def best(records: list[RecordVerdicts], token: str) -> Verdict | None:
    """The most open verdict of ``token`` over the records (the first record on a tie)."""
    rank = RANKS.get(token)
    found = [v for r in records for v in r.verdicts if v.framework == token]
    if not found:
        return None
    if rank is None:  # descriptive (Columbia): the record with the most open layers
        return max(found, key=lambda v: sum(c.status == "open" for c in v.criteria))
    return min(found, key=lambda v: rank.index(v.verdict) if v.verdict in rank else len(rank))


def provenance(store: KGStore, record: URIRef) -> dict[str, str | None]:
    rows = store.select(PROVENANCE, {"g": record})
    row = rows[0] if rows else {}

    def text(k: str) -> str | None:
        v = row.get(k)
        return None if v is None else str(v)

    return {
        "record": str(record),
        "kind": text("kind"),
        "path": text("path"),
        "retrieved": text("when"),
    }


def as_json(store: KGStore, model: URIRef, records: list[RecordVerdicts]) -> dict[str, object]:
    """The API's view of one model: per record its provenance and every framework's verdict,
    criteria and evidence; per framework the most open verdict."""

    def verdict(v: Verdict) -> dict[str, object]:
        return {
            "framework": v.framework,
            "title": TITLES[v.framework],
            "criteria_link": CRITERIA_LINKS[v.framework],
            "verdict": v.verdict,
            "score": v.score,
            "detail": v.detail,
            "criteria": [
                {
                    "key": c.key,
                    "label": c.label,
                    "status": c.status,
                    "detail": c.detail,
                    "evidence": [str(e) for e in c.evidence],
                }
                for c in v.criteria
            ],
        }

    summary: dict[str, object] = {}
    for token in TITLES:
        b = best(records, token)
        if b is not None:
            summary[token] = {"verdict": b.verdict, "source": b.facts.source}
    return {
        "model": str(model),
        "summary": summary,
        "records": [
            {
                "source": r.facts.source,
                "name": r.facts.name,
                **provenance(store, r.facts.record),
                "frameworks": [verdict(v) for v in r.verdicts],
            }
            for r in records
        ],
    }


def iter_tokens() -> Iterator[str]:
    yield from TITLES
