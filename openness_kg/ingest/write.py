"""Writing ingested records: batched transactions, per-record errors, nothing half-written.

Each batch is one transaction (``KGStore.replace_graphs``): a failure mid-batch leaves the
store as it was before that batch; earlier batches stay. Bad records arrive here already as
:class:`RecordError` items and are only counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..records import BatchReport, Record, RecordError
from ..store import KGStore

DEFAULT_BATCH = 2000


def write_records(
    store: KGStore,
    items: Iterable[Record | RecordError],
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Write records in batches of ``batch_size`` (one transaction each); collect errors.

    ``progress`` is called with the number of items handled so far after each item.
    """
    report = BatchReport()
    batch: list[Record] = []

    def flush() -> None:
        if batch:
            report.triples += store.replace_graphs(batch)
            report.landed += len(batch)
            batch.clear()

    for handled, item in enumerate(items, start=1):
        if isinstance(item, RecordError):
            report.errors.append(item)
        else:
            report.warnings.extend(f"{item.source}: {w}" for w in item.warnings)
            batch.append(item)
            if len(batch) >= batch_size:
                flush()
        if progress:
            progress(handled)
    flush()
    return report
