"""``/history?m=IRI``: a model's verdicts over time and its records' change log (issue 17,
:mod:`..history`)."""

from __future__ import annotations

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...namespaces import OKG
from ..describe import describe
from ..history import model_history, svg_chart
from ..render import not_found, render, site_of
from ..view import View


def history_route(request: Request) -> Response:
    site = site_of(request)
    model = URIRef(request.query_params.get("m", "").strip()[:2000])
    try:
        d = describe(site.store, model)
    except ValueError:  # not an IRI
        return not_found(request, str(model))
    if not d.exists or OKG.Model not in d.types():
        return not_found(request, str(model))
    h = model_history(site.store, model)
    label = View(site.urls, site.labels({model})).label(model)
    ctx = {"title": label, "model": model, "history": h, "chart": svg_chart(h)}
    return render(request, "history.html", ctx)


ROUTES = [Route("/history", history_route)]
