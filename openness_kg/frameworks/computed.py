"""The frameworks openness-kg computes from the graph (OSAID, G7, release gradient, Columbia):
each a rule ``RecordFacts -> Verdict`` plus what the graph records about it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from rdflib import URIRef

from ..namespaces import OKG
from ..store import KGStore
from . import columbia, g7, mof, osaid, release
from .graph import FrameworkInfo
from .records import store_facts
from .result import Verdict
from .rows import AssessmentRow
from .status import RecordFacts


@dataclass(frozen=True)
class ComputedFramework:
    """A framework computed per record; callable as the registry's ``rows(store, models)``."""

    info: FrameworkInfo
    rule: Callable[[RecordFacts], Verdict]
    stores: bool = True  # assess writes its assessments (MOF's are written by classify)
    # the rule on a batch of records (:func:`~openness_kg.shacl.compiled.disjoint_batches`) at
    # once, for the frameworks whose rule is SHACL shapes (evaluated set at a time)
    many: Callable[[Sequence[RecordFacts]], list[Verdict]] | None = None

    def rule_many(self, batch: Sequence[RecordFacts]) -> list[Verdict]:
        return self.many(batch) if self.many is not None else [self.rule(f) for f in batch]

    def verdicts(self, store: KGStore, models: Sequence[URIRef] | None = None) -> Iterator[Verdict]:
        for f in store_facts(store, models):
            yield self.rule(f)

    def __call__(
        self, store: KGStore, models: Sequence[URIRef] | None = None
    ) -> Iterator[AssessmentRow]:
        for v in self.verdicts(store, models):
            yield v.row()


MOF = ComputedFramework(
    FrameworkInfo(mof.TOKEN, OKG.ModelOpennessFramework, "1.0", "MOF from component statuses", {}),
    mof.assess,
    stores=False,
)
OSAID = ComputedFramework(
    FrameworkInfo(
        osaid.TOKEN,
        osaid.FRAMEWORK,
        osaid.VERSION,
        osaid.RULE_VERSION,
        osaid.VERDICT_CONCEPT,
        osaid.RANK,
        OKG.highestOsaidVerdict,
    ),
    osaid.assess,
    many=osaid.assess_many,
)
G7 = ComputedFramework(
    FrameworkInfo(
        g7.TOKEN, g7.FRAMEWORK, g7.VERSION, g7.RULE_VERSION, g7.VERDICT_CONCEPT, g7.RANK,
        OKG.highestG7Label,
    ),
    g7.assess,
)  # fmt: skip
RELEASE = ComputedFramework(
    FrameworkInfo(
        release.TOKEN, release.FRAMEWORK, release.VERSION, release.RULE_VERSION,
        release.VERDICT_CONCEPT, release.RANK, OKG.highestReleaseLevel,
    ),
    release.assess,
)  # fmt: skip
COLUMBIA = ComputedFramework(
    FrameworkInfo(columbia.TOKEN, columbia.FRAMEWORK, columbia.VERSION, columbia.RULE_VERSION, {}),
    columbia.assess,
)
