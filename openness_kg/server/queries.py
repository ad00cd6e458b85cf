"""Paging for the server's lists. The server's own SPARQL is ``.rq`` files beside the rest of
the application's (``queries/app/``, read by :func:`openness_kg.app_queries.app_query`); values
reach a query only as bindings through the one binder (``store.select(text, bindings)``)."""

from __future__ import annotations

import re

_ENDS_WITH_LIMIT = re.compile(r"(?is)\b(LIMIT|OFFSET)\s+\d+\s*$")


def paged(text: str, limit: int, offset: int = 0) -> str:
    """``text`` (a SELECT without its own LIMIT/OFFSET) with ``LIMIT limit OFFSET offset``;
    both are integers, checked here."""
    if _ENDS_WITH_LIMIT.search(text.rstrip()):
        raise ValueError("the query has a LIMIT or OFFSET of its own")
    return f"{text.rstrip()}\nLIMIT {int(limit)} OFFSET {int(offset)}\n"
