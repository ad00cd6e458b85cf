"""``/``: the home page (what the graph holds, by class)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...namespaces import OKG
from ..render import render, site_of
from ..view import View


def home_route(request: Request) -> Response:
    site = site_of(request)
    counts = site.counts()
    v = View(site.urls, site.labels(set(counts.classes)))
    ctx = {"title": "openness-kg", "counts": counts, "v": v, "OKG": OKG}
    return render(request, "home.html", ctx)


ROUTES = [Route("/", home_route)]
