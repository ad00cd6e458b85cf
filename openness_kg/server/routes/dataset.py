"""The ontology (``/ontology``, ``/ontology.{ext}``: direct content negotiation, hash IRIs)
and the dataset description (``/.well-known/void``, ``/void.{ext}``: VoID and DCAT)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..conneg import FORMATS, negotiate_format
from ..render import RDF_FORMATS, VARY, render, site_of


def ontology_route(request: Request) -> Response:
    site = site_of(request)
    ext = request.path_params.get("ext")
    fmt = FORMATS.get(ext) if ext else negotiate_format(request.headers.get("accept"))
    if fmt is None:
        return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
    if fmt.rdflib is None:
        return HTMLResponse(site.ontology_html(), headers=VARY)
    if fmt.quads:  # one graph: served as N-Triples
        fmt = FORMATS["nt"]
    return Response(site.ontology_file(fmt.ext), media_type=fmt.media_type, headers=VARY)


def void_route(request: Request) -> Response:
    site = site_of(request)
    ext = request.path_params.get("ext")
    fmt = FORMATS.get(ext) if ext else negotiate_format(request.headers.get("accept"), "ttl")
    if fmt is None or fmt.quads:
        return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
    g = site.void()
    if fmt.rdflib is None:
        ctx = {
            "title": "Dataset description (VoID, DCAT)",
            "turtle": g.serialize(format="turtle"),
            "counts": site.counts(),
            "alternates": [(f, site.urls.url(f"void.{f.ext}")) for f in RDF_FORMATS if not f.quads],
        }
        return render(request, "void.html", ctx)
    kw: dict[str, Any] = {"auto_compact": True} if fmt.rdflib == "json-ld" else {}
    return Response(
        g.serialize(format=fmt.rdflib, encoding="utf-8", **kw),
        media_type=fmt.media_type,
        headers=VARY,
    )


ONTOLOGY_ROUTES = [Route("/ontology", ontology_route), Route("/ontology.{ext}", ontology_route)]
VOID_ROUTES = [Route("/.well-known/void", void_route), Route("/void.{ext}", void_route)]
