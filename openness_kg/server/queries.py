"""The server's own SPARQL: one ``.rq`` file per query in ``rq/`` (each declares its prefixes,
so it runs as it is, e.g. with ``openness-kg query --file``), read once. Values reach a query
only as bindings through the one binder (:func:`openness_kg.binding.bind_parameters`):
a term where the variable stands, a set of terms as a ``VALUES`` block; no query text is
pasted together from values."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ..binding import Binding, bind_parameters
from ..store import KGStore
from ..store.base import Row

RQ = Path(__file__).parent / "rq"
_ENDS_WITH_LIMIT = re.compile(r"(?is)\b(LIMIT|OFFSET)\s+\d+\s*$")


@cache
def query(name: str) -> str:
    """The text of ``rq/<name>.rq`` (a missing file is an error at import, not an empty
    answer later)."""
    return (RQ / f"{name}.rq").read_text(encoding="utf-8")


def select(store: KGStore, text: str, bindings: Mapping[str, Binding] | None = None) -> list[Row]:
    """The rows of the SELECT ``text`` with ``bindings`` bound."""
    return store.select(bind_parameters(text, bindings))


def paged(text: str, limit: int, offset: int = 0) -> str:
    """``text`` (a SELECT without its own LIMIT/OFFSET) with ``LIMIT limit OFFSET offset``;
    both are integers, checked here."""
    if _ENDS_WITH_LIMIT.search(text.rstrip()):
        raise ValueError("the query has a LIMIT or OFFSET of its own")
    return f"{text.rstrip()}\nLIMIT {int(limit)} OFFSET {int(offset)}\n"
