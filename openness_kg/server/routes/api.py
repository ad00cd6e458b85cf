"""The JSON API and the pictures of the frameworks (issue 12):

- ``GET /api/v1/model/{id}``: every framework's verdict and criteria, evidence and record
  provenance for one model (``id``: a Hub id, release name, file name or IRI, resolved as
  ``explain`` resolves a MODEL);
- ``GET /api/v1/models?framework=mof|osaid|g7|release&verdict=TOKEN&page=N&size=M``: the models
  whose most open verdict (the summaries ``classify`` and ``assess`` store) is ``verdict``,
  paged (``size`` at most 100);
- ``GET /badge/{id}.svg?framework=mof|osaid|g7``: a small SVG badge for a model card;
- ``GET /stack/{id}.svg``: the Columbia stack profile as a layered diagram.

Read-only, bounded: one model per request, pages of at most 100 rows.
"""

from __future__ import annotations

from urllib.parse import quote, unquote

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ...app_queries import app_query
from ...frameworks import g7, osaid, release
from ...frameworks.model_view import as_json, best, model_verdicts
from ...mof.settings import MOF_CLASS_IRI
from ...namespaces import OKG
from ...resolve import find_model
from ...store import KGStore
from ..badge import badge_svg
from ..queries import paged
from ..render import rest_of, site_of
from ..stack_svg import stack_svg

MAX_SIZE = 100
SVG = "image/svg+xml"
# token -> (summary property, verdict token -> concept)
LISTABLE: dict[str, tuple[URIRef, dict[str, URIRef]]] = {
    "mof": (
        OKG.highestMofClass,
        {"class-I": MOF_CLASS_IRI[1], "class-II": MOF_CLASS_IRI[2], "class-III": MOF_CLASS_IRI[3],
         "unclassified": OKG.MofUnclassified},
    ),
    "osaid": (OKG.highestOsaidVerdict, osaid.VERDICT_CONCEPT),
    "g7": (OKG.highestG7Label, g7.VERDICT_CONCEPT),
    "release": (OKG.highestReleaseLevel, release.VERDICT_CONCEPT),
}  # fmt: skip
BADGE_FRAMEWORKS = ("mof", "osaid", "g7")
MODELS_WITH_VERDICT = app_query("models-with-verdict")


def resolve(store: KGStore, key: str) -> URIRef | None:
    """The model ``key`` names, by the one resolver (the first when several); an over-long
    key from a request names none."""
    key = key.strip()
    return find_model(store, key) if key and len(key) <= 500 else None


def _key(request: Request, prefix: str, suffix: str = "") -> str:
    path = unquote(rest_of(request, prefix))
    return path[: -len(suffix)] if suffix and path.endswith(suffix) else path


def model_route(request: Request) -> Response:
    site = site_of(request)
    m = resolve(site.store, _key(request, "/api/v1/model/"))
    if m is None:
        return JSONResponse({"error": "no such model"}, 404)
    body = as_json(site.store, m, model_verdicts(site.store, m))
    body["page"] = site.urls.page(str(m))
    return JSONResponse(body)


def models_route(request: Request) -> Response:
    qp = request.query_params
    fw, verdict = qp.get("framework", ""), qp.get("verdict", "")
    if fw not in LISTABLE:
        return JSONResponse({"error": f"framework: one of {sorted(LISTABLE)}"}, 400)
    prop, concepts = LISTABLE[fw]
    if verdict not in concepts:
        return JSONResponse({"error": f"verdict: one of {sorted(concepts)}"}, 400)
    try:
        page = max(1, min(int(qp.get("page", 1)), 100_000))
        size = max(1, min(int(qp.get("size", 50)), MAX_SIZE))
    except ValueError:
        return JSONResponse({"error": "page and size are numbers"}, 400)
    query = paged(MODELS_WITH_VERDICT, size + 1, (page - 1) * size)
    found = site_of(request).store.select(query, {"prop": prop, "v": concepts[verdict]})
    rows = [str(r["model"]) for r in found]
    return JSONResponse(
        {
            "framework": fw,
            "verdict": verdict,
            "page": page,
            "size": size,
            "models": [
                {"model": m, "api": "/api/v1/model/" + quote(m, safe="")} for m in rows[:size]
            ],
            "next": page + 1 if len(rows) > size else None,
        }
    )


def badge_route(request: Request) -> Response:
    fw = request.query_params.get("framework", "mof")
    if fw not in BADGE_FRAMEWORKS:
        return PlainTextResponse(f"framework: one of {', '.join(BADGE_FRAMEWORKS)}\n", 400)
    store = site_of(request).store
    m = resolve(store, _key(request, "/badge/", ".svg"))
    if m is None:
        return Response(badge_svg(fw, "unknown model"), 404, media_type=SVG)
    v = best(model_verdicts(store, m), fw)
    return Response(badge_svg(fw, v.verdict if v else "not assessed"), media_type=SVG)


def stack_route(request: Request) -> Response:
    store = site_of(request).store
    m = resolve(store, _key(request, "/stack/", ".svg"))
    if m is None:
        return PlainTextResponse("no such model\n", 404)
    v = best(model_verdicts(store, m), "columbia")
    return Response(stack_svg(v), media_type=SVG)


ROUTES = [
    Route("/api/v1/model/{rest:path}", model_route),
    Route("/api/v1/models", models_route),
    Route("/badge/{rest:path}", badge_route),
    Route("/stack/{rest:path}", stack_route),
]
