"""What every endpoint shares: the site a request is served from, the raw rest of its path,
the templates (one Jinja2 environment per application, its globals the site's), and the
plain answers (HTML page, 404 page, RDF description)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from .. import __version__
from .conneg import FORMATS, Format
from .describe import Description, serialize
from .site import Site

HERE = Path(__file__).parent
RDF_FORMATS = [f for f in FORMATS.values() if f.rdflib]
VARY = {"Vary": "Accept"}


def templates_for(site: Site) -> Jinja2Templates:
    """The templates of an application serving ``site``."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals.update(site=site, urls=site.urls, version=__version__, RDF_FORMATS=RDF_FORMATS)
    env.filters["urlq"] = lambda s: quote(str(s), safe="")
    env.filters["iri"] = URIRef
    return templates


def site_of(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def rest_of(request: Request, prefix: str) -> str:
    """The request's path after ``prefix``, as sent (percent-escapes kept)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path: str = raw.decode("latin-1").split("?", 1)[0]
    return path[len(prefix) :]


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
    ctx.setdefault("alternates", [])
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def not_found(request: Request, iri: str) -> Response:
    return render(request, "notfound.html", {"iri": iri, "title": "Not found"}, 404)


def rdf_response(site: Site, d: Description, fmt: Format) -> Response:
    body = serialize(d, fmt.rdflib or "turtle", fmt.quads, site.urls.base)
    return Response(body, media_type=fmt.media_type, headers=VARY)
