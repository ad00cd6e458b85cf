"""What a bundled source is: a name, a record count, and the records themselves.

Each ingester that has bundled data defines one :class:`BundledSource` as its module's
``SOURCE``; :mod:`openness_kg.bundled` lists them, in build order. A source yields one item
per source record, each a :class:`~openness_kg.records.Record` or a
:class:`~openness_kg.records.RecordError` (a bad record is reported; the rest still land).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .iris import Minter
from .records import Record, RecordError

RecordItem = Record | RecordError


@dataclass(frozen=True)
class BundledSource:
    """``derive``, when given, makes more records from all the build's records once they are
    collected (e.g. links between sources); they are written in the same transaction."""

    name: str
    count: Callable[[], int]
    records: Callable[[Minter], Iterator[RecordItem]]
    derive: Callable[[list[Record], Minter], list[Record]] | None = None
