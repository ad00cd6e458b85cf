"""The server's endpoints, one module per thing served:

=================  ==========================================================================
``home``           ``/``
``models``         ``/models`` (the model list)
``compare``        ``/compare``
``frameworks``     ``/frameworks``
``history``        ``/history``
``resources``      ``/id/...`` (303), ``/doc/...``, ``/data/....ext``, ``/resource?iri=``
``resource_page``  the HTML page of one resource (model, licence, organization, ...)
``dataset``        ``/ontology``, ``/ontology.ext``, ``/.well-known/void``, ``/void.ext``
``sparql``         ``/sparql``
``api``            ``/api/v1/model/...``, ``/api/v1/models``, ``/badge/....svg``, ``/stack/....svg``
=================  ==========================================================================
"""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from ..render import HERE
from . import api, compare, dataset, frameworks, history, home, models, resources, sparql


def routes() -> list[BaseRoute]:
    return [
        *home.ROUTES,
        *models.ROUTES,
        *compare.ROUTES,
        *frameworks.ROUTES,
        *history.ROUTES,
        *resources.ROUTES,
        *dataset.ONTOLOGY_ROUTES,
        *sparql.ROUTES,
        *api.ROUTES,
        *dataset.VOID_ROUTES,
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
