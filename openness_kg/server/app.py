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

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from .caching import HttpCaching
from .render import templates_for
from .routes import routes
from .site import Site


def create_app(site: Site) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if site.pool is not None:
            site.pool.close()

    middleware = [  # the first is the outermost: answers are cached compressed
        Middleware(HttpCaching, validators=site.validators),
        Middleware(GZipMiddleware, minimum_size=500),
    ]
    app = Starlette(routes=routes(), lifespan=lifespan, middleware=middleware)
    app.state.site = site
    app.state.templates = templates_for(site)
    return app
