"""The ASGI application: pages, content negotiation, the SPARQL endpoint, VoID.

IRI design (see :mod:`.urls`): instance IRIs answer ``303 See Other`` to ``doc/`` (HTML) or
``data/<...>.<ext>`` (RDF) by ``Accept``; the ontology (hash IRIs) is served with direct
content negotiation at ``ontology``. Every HTML page links its RDF alternates.

The endpoints are module-level functions in :mod:`.routes`, one module per thing served;
each finds the :class:`~.site.Site` and the templates on ``request.app.state``.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from .caching import HttpCaching
from .render import templates_for
from .routes import routes
from .site import Site

RENDER_THREADS = 4


def create_app(site: Site) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # pages render in threads (sync endpoints): a few, as rendering holds the GIL and 40
        # threads rendering at once finish all their pages late, answered ones included
        anyio.to_thread.current_default_thread_limiter().total_tokens = RENDER_THREADS
        await anyio.to_thread.run_sync(site.warm)
        yield
        if site.pool is not None:
            site.pool.close()

    middleware = [  # the first is the outermost: answers are cached compressed
        Middleware(HttpCaching, validators=site.validators, shared=site.answers),
        Middleware(GZipMiddleware, minimum_size=500),
    ]
    app = Starlette(routes=routes(), lifespan=lifespan, middleware=middleware)
    app.state.site = site
    app.state.templates = templates_for(site)
    return app
