"""``openness-kg serve``: linked-data pages, content negotiation, a read-only SPARQL endpoint
and VoID over the store, as an ASGI app (Starlette, Jinja2 templates, run by uvicorn)."""

from __future__ import annotations

from pathlib import Path

from ..sparql.pool import QueryPool
from ..store import KGStore
from .app import create_app
from .site import Site
from .urls import UrlMap


def make_site(
    store: KGStore,
    store_path: Path | None,
    base: str,
    public_url: str | None = None,
    timeout: float = 10.0,
    max_result_bytes: int = 50_000_000,
    query_workers: int = 2,
    answers: Path | None = None,
    query_nice: int = 0,
) -> Site:
    """A site over ``store``; with ``store_path`` (an on-disk store) it gets a SPARQL
    endpoint whose queries run in ``query_workers`` killable processes (at CPU priority
    ``query_nice`` below the server's). ``answers``: a folder the server's processes share
    rendered answers in (:mod:`.caching`)."""
    pool = (
        QueryPool(
            store_path,
            size=query_workers,
            timeout=timeout,
            max_bytes=max_result_bytes,
            nice=query_nice,
        )
        if store_path is not None
        else None
    )
    urls = UrlMap(base=base, public=public_url or "")
    return Site(store=store, urls=urls, pool=pool, store_path=store_path, answers=answers)


__all__ = ["Site", "UrlMap", "create_app", "make_site"]
