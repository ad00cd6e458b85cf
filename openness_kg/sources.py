"""The registry of bundled sources that ``build`` loads, in order.

Each ingester registers a :class:`BundledSource`: a name, and a function that yields one
item per source record, each item being a :class:`~openness_kg.records.Record` or a
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


_REGISTRY: dict[str, BundledSource] = {}


def register(source: BundledSource) -> BundledSource:
    _REGISTRY[source.name] = source
    return source


def bundled_sources() -> list[BundledSource]:
    """Every registered bundled source (importing the modules that register them)."""
    from . import bundled  # noqa: F401  (its imports register the sources)

    return list(_REGISTRY.values())
