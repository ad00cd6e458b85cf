"""``assess``: every selected framework over the store's records, rows out, assessments in.

One pass over the records for all computed frameworks (each record's triples read once), a
batch of records at a time (SHACL-based rules such as OSAID evaluate a batch's views in one
call);
their assessments are written as they are produced (batched by the writer), each model's
summary after the pass; rows go to ``emit`` as they come (record by record), so CSV can
stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from rdflib import URIRef
from rdflib.term import Node

from ..iris import Minter
from ..records import Record
from ..shacl.compiled import disjoint_batches
from ..store import KGStore
from ..store.write import write_records
from ..summaries import refresh
from .computed import ComputedFramework
from .graph import assessment_record, criteria_record
from .records import store_facts
from .registry import FRAMEWORKS
from .rows import AssessmentRow
from .status import RecordFacts

BATCH = 1000  # records whose SHACL views are evaluated at once


def facts_nodes(f: RecordFacts) -> set[Node]:
    """The focus nodes a record's views describe: its model and components."""
    return {f.model, *(c.iri for c in f.components.values())}


def run(
    store: KGStore,
    tokens: Sequence[str],
    models: Sequence[URIRef] | None,
    emit: Callable[[AssessmentRow], None],
    minter: Minter,
    when: datetime,
    write: bool = True,
) -> int:
    """Assess; returns the number of rows emitted. ``write``: store computed assessments.

    The computed frameworks among ``tokens`` share one pass over the records (each record's
    triples read once, every framework's rule applied to the same facts); any other
    framework (e.g. human assessments read from the graph) yields its rows itself."""
    n = 0
    computed = [e for t in tokens if isinstance(e := FRAMEWORKS[t], ComputedFramework)]
    others = [FRAMEWORKS[t] for t in tokens if not isinstance(FRAMEWORKS[t], ComputedFramework)]
    stored = [fw for fw in computed if fw.stores and write]
    assessed: set[URIRef] = set()
    criteria: dict[str, dict[str, str]] = {fw.info.token: {} for fw in stored}

    def records() -> Iterator[Record]:
        nonlocal n
        for batch in disjoint_batches(store_facts(store, models), facts_nodes, BATCH):
            verdicts = [fw.rule_many(batch) for fw in computed]
            for i in range(len(batch)):  # rows record by record, as before
                for fw, vs in zip(computed, verdicts, strict=True):
                    v = vs[i]
                    emit(v.row())
                    n += 1
                    if fw in stored:
                        assessed.add(v.facts.model)
                        crit = criteria[fw.info.token]
                        for c in v.criteria:
                            crit.setdefault(c.key, c.label)
                        yield assessment_record(v, fw.info, minter, when)

    if computed:
        write_records(store, records())
    extra: list[Record] = []
    for fw in stored:
        extra.append(criteria_record(fw.info, criteria[fw.info.token], minter))
    if extra:
        write_records(store, extra)
    if assessed:  # each model's most open verdict per framework (openness_kg.summaries)
        refresh(store, minter, assessed, when)
    for entry in others:
        for row in entry(store, models):
            emit(row)
            n += 1
    return n
