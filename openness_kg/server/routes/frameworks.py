"""``/frameworks``: the models by framework matrix and the chart of verdicts
(:mod:`..human`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..human import frameworks_context
from ..render import render, site_of


def frameworks_route(request: Request) -> Response:
    ctx = frameworks_context(site_of(request).store, request.query_params)
    return render(request, "frameworks.html", ctx)


ROUTES = [Route("/frameworks", frameworks_route)]
