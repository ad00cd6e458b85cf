"""``/models``: the model list (search, filters, sorting, paging; :mod:`..modellist`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from rdflib import URIRef
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..modellist import CLASS_IRIS, PAGE_SIZES, SORTS, ListQuery, list_models
from ..render import render, site_of
from ..view import View


def parse_list_query(qp: QueryParams) -> ListQuery:
    def num(key: str, default: int) -> int:
        try:
            return int(qp.get(key, default))
        except ValueError:
            return default

    cls_raw = qp.get("class", "")
    cat = qp.get("category", "")
    size = num("size", 50)
    return ListQuery(
        q=qp.get("q", "").strip()[:200],
        mof_class=int(cls_raw) if cls_raw in ("0", "1", "2", "3") else None,
        license_category=URIRef(cat) if cat.startswith(("http://", "https://")) else None,
        producer=qp.get("producer", "").strip()[:200],
        task=qp.get("task", "").strip()[:200],
        sort=qp.get("sort", "iri") if qp.get("sort") in SORTS else "iri",
        desc=qp.get("order") == "desc",
        page=max(1, min(num("page", 1), 100_000)),
        size=size if size in PAGE_SIZES else 50,
    )


def models_route(request: Request) -> Response:
    site = site_of(request)
    lq = parse_list_query(request.query_params)
    result = list_models(site.store, lq)
    cats, tasks = site.facets()
    nodes = set(cats) | {n for r in result.rows for n in (r.iri, *r.producers, *r.licenses)}
    v = View(site.urls, site.labels(nodes))
    params = {k: v_ for k, v_ in request.query_params.items() if k != "page"}

    def link(**changes: Any) -> str:
        p = {**params, **{k: str(x) for k, x in changes.items()}}
        return site.urls.url("models") + "?" + urlencode(p)

    def sort_link(key: str) -> str:
        desc = lq.sort == key and not lq.desc
        return link(sort=key, order="desc" if desc else "asc", page=1)

    ctx = {
        "title": "Models",
        "page": result,
        "lq": lq,
        "v": v,
        "categories": cats,
        "tasks": tasks,
        "link": link,
        "sort_link": sort_link,
        "classes": CLASS_IRIS,
        "sizes": PAGE_SIZES,
    }
    return render(request, "models.html", ctx)


ROUTES = [Route("/models", models_route)]
