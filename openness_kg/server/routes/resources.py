"""Instance IRIs and their documents: ``/id/...`` answers ``303 See Other`` to the HTML page
(``/doc/...``) or an RDF document (``/data/....ttl`` etc.) by ``Accept``; ``/resource?iri=``
describes any IRI the store holds. An IRI the store does not describe but the one model
resolver maps to a model (``model/gpt2``, the legacy Hub id of ``openai-community/gpt2``)
answers ``301`` to that model's document."""

from __future__ import annotations

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ...iris import Minter
from ...resolve import find_model
from ..conneg import FORMATS, negotiate_format
from ..describe import describe
from ..render import VARY, not_found, rdf_response, rest_of, site_of
from ..site import Site
from .resource_page import page_response


def resolved(site: Site, iri: URIRef) -> URIRef | None:
    """The model an IRI the store does not describe stands for, else ``None``."""
    found = find_model(site.store, str(iri), Minter(site.urls.base))
    return found if found is not None and found != iri else None


def id_route(request: Request) -> Response:
    site = site_of(request)
    iri = str(site.urls.iri_of_rest(rest_of(request, "/id/")))
    fmt = negotiate_format(request.headers.get("accept"))
    if fmt is None:
        return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
    target = site.urls.page(iri) if fmt.ext == "html" else site.urls.data(iri, fmt.ext)
    return RedirectResponse(target, status_code=303, headers=VARY)


def doc_route(request: Request) -> Response:
    site = site_of(request)
    iri = site.urls.iri_of_rest(rest_of(request, "/doc/"))
    d = describe(site.store, iri)
    if not d.exists:
        model = resolved(site, iri)
        if model is not None:
            return RedirectResponse(site.urls.page(str(model)), status_code=301)
        return not_found(request, str(iri))
    return page_response(request, site, d)


def data_route(request: Request) -> Response:
    site = site_of(request)
    stem, _, ext = rest_of(request, "/data/").rpartition(".")
    fmt = FORMATS.get(ext)
    if not stem or fmt is None or fmt.rdflib is None:
        return PlainTextResponse("Unknown format extension\n", 404)
    iri = site.urls.iri_of_rest(stem)
    d = describe(site.store, iri)
    if not d.exists:
        model = resolved(site, iri)
        if model is not None:
            return RedirectResponse(site.urls.data(str(model), ext), status_code=301)
        return PlainTextResponse("Not found\n", 404)
    return rdf_response(site, d, fmt)


def resource_route(request: Request) -> Response:
    site = site_of(request)
    iri = request.query_params.get("iri", "")
    if not iri:
        return PlainTextResponse("Give ?iri=\n", 400)
    ext = request.query_params.get("format")
    fmt = FORMATS.get(ext) if ext else negotiate_format(request.headers.get("accept"))
    if fmt is None:
        return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
    try:
        d = describe(site.store, URIRef(iri))
    except (ValueError, SyntaxError):
        return PlainTextResponse("Not a valid IRI\n", 400)
    if not d.exists:
        return not_found(request, iri)
    if fmt.rdflib is None:
        return page_response(request, site, d)
    return rdf_response(site, d, fmt)


ROUTES = [
    Route("/id/{rest:path}", id_route),
    Route("/doc/{rest:path}", doc_route),
    Route("/data/{rest:path}", data_route),
    Route("/resource", resource_route),
]
