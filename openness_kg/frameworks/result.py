"""What a computed framework says about one record: a verdict with its criteria and evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import OKG
from .rows import AssessmentRow
from .status import RecordFacts

# criterion statuses (the okg:OpennessStatus scheme)
OPEN, PARTIAL, RESTRICTED, CLOSED, NOT_EVIDENCED = (
    "open",
    "partial",
    "restricted",
    "closed",
    "not-evidenced",
)
STATUS_CONCEPT: dict[str, URIRef] = {
    OPEN: OKG.Open,
    PARTIAL: OKG.Partial,
    RESTRICTED: OKG.Partial,
    CLOSED: OKG.Closed,
    NOT_EVIDENCED: OKG.NotEvidenced,
}


@dataclass(frozen=True)
class CriterionResult:
    """One criterion of a framework on one record."""

    key: str  # a slug, unique within the framework (the criterion IRI's last segment)
    label: str
    status: str  # one of the criterion statuses above
    detail: str
    evidence: tuple[URIRef, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """One framework's verdict on one record."""

    framework: str  # the --framework token
    facts: RecordFacts
    verdict: str  # the framework's verdict token
    score: float | None
    detail: str
    criteria: tuple[CriterionResult, ...] = ()

    def row(self) -> AssessmentRow:
        return AssessmentRow(
            model=self.facts.name,
            source=self.facts.source,
            framework=self.framework,
            verdict=self.verdict,
            score=self.score,
            detail=self.detail,
        )

    @property
    def evidence(self) -> tuple[URIRef, ...]:
        out: dict[URIRef, None] = {}
        for c in self.criteria:
            for e in c.evidence:
                out[e] = None
        return tuple(out)


def names(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
