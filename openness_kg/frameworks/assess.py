"""``assess``: every selected framework over the store's records, rows out, assessments in.

One pass per framework over the records (each record's triples read once per pass); computed
frameworks' assessments are written as they are produced (batched by the writer), each
model's summary after the pass; rows go to ``emit`` as they come, so CSV can stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from rdflib import URIRef

from ..ingest.write import write_records
from ..iris import Minter
from ..records import Record
from ..store import KGStore
from .computed import ComputedFramework
from .graph import Summaries, assessment_record, criteria_record
from .registry import FRAMEWORKS
from .rows import AssessmentRow


def run(
    store: KGStore,
    tokens: Sequence[str],
    models: Sequence[URIRef] | None,
    emit: Callable[[AssessmentRow], None],
    minter: Minter,
    when: datetime,
    write: bool = True,
) -> int:
    """Assess; returns the number of rows emitted. ``write``: store computed assessments."""
    n = 0
    for token in tokens:
        entry = FRAMEWORKS[token]
        if isinstance(entry, ComputedFramework) and write:
            summaries = Summaries(entry.info, minter)
            criteria: dict[str, str] = {}

            def records(
                fw: ComputedFramework = entry,
                s: Summaries = summaries,
                crit: dict[str, str] = criteria,
            ) -> Iterator[Record]:
                nonlocal n
                for v in fw.verdicts(store, models):
                    emit(v.row())
                    n += 1
                    s.add(v)
                    for c in v.criteria:
                        crit.setdefault(c.key, c.label)
                    yield assessment_record(v, fw.info, minter, when)

            write_records(store, records())
            extra = [criteria_record(entry.info, criteria, minter), *summaries.records(when)]
            write_records(store, extra)
        else:
            for row in entry(store, models):
                emit(row)
                n += 1
    return n
