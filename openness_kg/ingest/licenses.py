"""Registers the licence knowledge base as a bundled source: one record, the licences graph."""

from __future__ import annotations

from collections.abc import Iterator

from ..iris import Minter
from ..records import Record, RecordError
from ..sources import BundledSource, RecordItem


def _records(minter: Minter) -> Iterator[RecordItem]:
    from ..licenses.kb import licenses_graph

    try:
        graph = licenses_graph(minter)
    except Exception as exc:  # broken bundled licence data is a record error like any other
        yield RecordError("data/licenses/", str(exc))
        return
    yield Record.from_graph(graph, "data/licenses/", name=minter.licenses_graph())


SOURCE = BundledSource("licenses", count=lambda: 1, records=_records)
