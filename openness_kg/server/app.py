"""The ASGI application: pages, content negotiation, the SPARQL endpoint, VoID.

IRI design (see :mod:`.urls`): instance IRIs answer ``303 See Other`` to ``doc/`` (HTML) or
``data/<...>.<ext>`` (RDF) by ``Accept``; the ontology (hash IRIs) is served with direct
content negotiation at ``ontology``. Every HTML page links its RDF alternates.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from rdflib import URIRef
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import __version__
from ..iris import Minter
from ..namespaces import OKG, SPDX
from ..resolve import find_model
from ..sparql.guard import uses_service
from ..sparql.worker import Job
from . import api, human, pages
from .caching import HttpCaching
from .conneg import (
    FORMATS,
    GRAPH_FORMATS,
    RESULTS_FORMATS,
    Format,
    negotiate_format,
    negotiate_query,
)
from .describe import Description, describe, serialize
from .history import model_history, svg_chart
from .modellist import CLASS_IRIS, PAGE_SIZES, SORTS, ListQuery, list_models
from .site import Site
from .view import View

HERE = Path(__file__).parent
RDF_FORMATS = [f for f in FORMATS.values() if f.rdflib]
LICENSE_TYPES = {OKG.License, SPDX.License, SPDX.ListedLicense}
VARY = {"Vary": "Accept"}


def create_app(site: Site) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.globals.update(site=site, urls=site.urls, version=__version__, RDF_FORMATS=RDF_FORMATS)
    env.filters["urlq"] = lambda s: quote(str(s), safe="")
    env.filters["iri"] = URIRef

    def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> Response:
        ctx.setdefault("alternates", [])
        resp = templates.TemplateResponse(request, name, ctx, status_code=status)
        return resp

    # --- resources -------------------------------------------------------------------------
    def rest_of(request: Request, prefix: str) -> str:
        raw = request.scope.get("raw_path") or request.url.path.encode()
        path = raw.decode("latin-1").split("?", 1)[0]
        return path[len(prefix) :]

    def not_found(request: Request, iri: str) -> Response:
        return render(request, "notfound.html", {"iri": iri, "title": "Not found"}, 404)

    def rdf_response(d: Description, fmt: Format) -> Response:
        body = serialize(d, fmt.rdflib or "turtle", fmt.quads, site.urls.base)
        return Response(body, media_type=fmt.media_type, headers=VARY)

    def page_response(request: Request, d: Description) -> Response:
        iri = d.subject
        types = set(d.types())
        view_nodes = d.nodes()
        ctx: dict[str, Any] = {"d": d, "iri": iri}
        template = "resource.html"
        extra: set[URIRef] = set()
        if OKG.Model in types:
            card = pages.scorecard(site.store, iri, site.component_types())
            ctx["card"] = card
            ctx["by_class"] = pages.group_by_class(card.components)
            ctx["mof_classes"] = pages.MOF_CLASSES
            for c in card.components:
                extra |= {c.type, *c.licenses}
                if c.component:
                    extra.add(c.component)
                if c.mof_class:
                    extra.add(c.mof_class)
            for lic, facts in card.license_facts.items():
                extra |= {lic, *facts.category}
            for a in [x for m in card.mof for x in m.assessments] + card.other:
                extra |= {n for n in (a.framework, a.verdict, a.criterion, a.record) if n}
            for e in card.parents + card.children:
                extra |= set(e)
            ctx["license_terms"] = {
                lic: describe(site.store, lic) for lic in sorted(card.license_facts)
            }
            for ld in ctx["license_terms"].values():
                extra |= ld.nodes()
            ctx.update(api.model_panel(site.store, iri))
            ctx["human"] = human.model_verdicts(site.store, iri)
            template = "model.html"
        elif types & LICENSE_TYPES:
            ctx["users"] = pages.related(site.store, pages.MODELS_WITH_LICENSE, "l", iri)
            extra |= set(ctx["users"])
            template = "license.html"
        elif OKG.Organization in types:
            ctx["models"] = pages.related(site.store, pages.MODELS_OF_PRODUCER, "o", iri)
            extra |= set(ctx["models"])
            ctx["fmti"] = human.org_fmti(site.store, iri)
            template = "organization.html"
        elif OKG.Dataset in types:
            ctx["models"] = pages.related(site.store, pages.MODELS_TRAINED_ON, "d", iri)
            extra |= set(ctx["models"])
            template = "dataset.html"
        elif any(t in site.component_types() or t == OKG.Component for t in types):
            ctx["models"] = pages.related(site.store, pages.MODEL_OF_COMPONENT, "c", iri)
            extra |= set(ctx["models"])
            template = "component.html"
        labels = site.labels(view_nodes | extra)
        v = View(site.urls, labels, d)
        ctx.update(
            v=v,
            title=v.label(iri),
            alternates=[(f, site.urls.data(str(iri), f.ext)) for f in RDF_FORMATS],
            served=site.urls.served(str(iri)),
            types=sorted(types, key=str),
        )
        resp = render(request, template, ctx)
        resp.headers["Vary"] = "Accept"
        return resp

    def id_route(request: Request) -> Response:
        rest = rest_of(request, "/id/")
        iri = str(site.urls.iri_of_rest(rest))
        fmt = negotiate_format(request.headers.get("accept"))
        if fmt is None:
            return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
        target = site.urls.page(iri) if fmt.ext == "html" else site.urls.data(iri, fmt.ext)
        return RedirectResponse(target, status_code=303, headers=VARY)

    def resolved(iri: URIRef) -> URIRef | None:
        """The model an IRI the store does not describe stands for, by the one model resolver
        (``model/gpt2``: the legacy Hub id of ``openai-community/gpt2``), else ``None``."""
        found = find_model(site.store, str(iri), Minter(site.urls.base))
        return found if found is not None and found != iri else None

    def doc_route(request: Request) -> Response:
        iri = site.urls.iri_of_rest(rest_of(request, "/doc/"))
        d = describe(site.store, iri)
        if not d.exists:
            model = resolved(iri)
            if model is not None:
                return RedirectResponse(site.urls.page(str(model)), status_code=301)
            return not_found(request, str(iri))
        return page_response(request, d)

    def data_route(request: Request) -> Response:
        rest = rest_of(request, "/data/")
        stem, _, ext = rest.rpartition(".")
        fmt = FORMATS.get(ext)
        if not stem or fmt is None or fmt.rdflib is None:
            return PlainTextResponse("Unknown format extension\n", 404)
        iri = site.urls.iri_of_rest(stem)
        d = describe(site.store, iri)
        if not d.exists:
            model = resolved(iri)
            if model is not None:
                return RedirectResponse(site.urls.data(str(model), ext), status_code=301)
            return PlainTextResponse("Not found\n", 404)
        return rdf_response(d, fmt)

    def resource_route(request: Request) -> Response:
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
            return page_response(request, d)
        return rdf_response(d, fmt)

    # --- ontology --------------------------------------------------------------------------
    def ontology_route(request: Request) -> Response:
        ext = request.path_params.get("ext")
        fmt = FORMATS.get(ext) if ext else negotiate_format(request.headers.get("accept"))
        if fmt is None:
            return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
        if fmt.rdflib is None:
            return HTMLResponse(site.ontology_html(), headers=VARY)
        if fmt.quads:  # one graph: served as N-Triples
            fmt = FORMATS["nt"]
        return Response(site.ontology_file(fmt.ext), media_type=fmt.media_type, headers=VARY)

    # --- VoID ------------------------------------------------------------------------------
    def void_route(request: Request) -> Response:
        ext = request.path_params.get("ext")
        fmt = FORMATS.get(ext) if ext else negotiate_format(request.headers.get("accept"), "ttl")
        if fmt is None or fmt.quads:
            return PlainTextResponse("Not acceptable\n", 406, headers=VARY)
        g = site.void()
        if fmt.rdflib is None:
            body = g.serialize(format="turtle")
            return render(
                request,
                "void.html",
                {
                    "title": "Dataset description (VoID, DCAT)",
                    "turtle": body,
                    "counts": site.counts(),
                    "alternates": [
                        (f, site.urls.url(f"void.{f.ext}")) for f in RDF_FORMATS if not f.quads
                    ],
                },
            )
        kw: dict[str, Any] = {"auto_compact": True} if fmt.rdflib == "json-ld" else {}
        return Response(
            g.serialize(format=fmt.rdflib, encoding="utf-8", **kw),
            media_type=fmt.media_type,
            headers=VARY,
        )

    # --- lists -----------------------------------------------------------------------------
    def parse_list_query(request: Request) -> ListQuery:
        qp = request.query_params

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
        lq = parse_list_query(request)
        result = list_models(site.store, lq)
        cats, tasks = site.facets()
        nodes = set(cats) | {n for r in result.rows for n in (r.iri, *r.producers, *r.licenses)}
        labels = site.labels(nodes)
        v = View(site.urls, labels)
        params = {k: v_ for k, v_ in request.query_params.items() if k != "page"}

        def link(**changes: Any) -> str:
            p = {**params, **{k: str(x) for k, x in changes.items()}}
            return site.urls.url("models") + "?" + urlencode(p)

        def sort_link(key: str) -> str:
            desc = lq.sort == key and not lq.desc
            return link(sort=key, order="desc" if desc else "asc", page=1)

        return render(
            request,
            "models.html",
            {
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
            },
        )

    def compare_route(request: Request) -> Response:
        minter = Minter(site.urls.base)
        keys = [m for m in request.query_params.getlist("m") if m.strip()][:8]
        # each ?m= is a model IRI, Hub id, old Hub id or release name (the one model resolver)
        iris = [m for m in (find_model(site.store, k, minter) for k in keys) if m is not None]
        cards = []
        nodes: set[URIRef] = set()
        for m in iris:
            d = describe(site.store, m)
            if not d.exists or OKG.Model not in d.types():
                continue
            card = pages.scorecard(site.store, m, site.component_types())
            cards.append((m, d, card))
            nodes.add(m)
            nodes |= {n for c in card.components for n in (c.type, *c.licenses)}
            nodes |= set(card.model_licenses)
            nodes |= {e[2] for e in card.parents}
            nodes |= {o for o in d.values(OKG.gating) if isinstance(o, URIRef)}
            nodes |= {o for o in d.values(OKG.producer) if isinstance(o, URIRef)}
        types = site.component_types()
        rows = sorted(
            types,
            key=lambda t: (
                pages.MOF_CLASSES.index(types[t][0]) if types[t][0] in pages.MOF_CLASSES else 9,
                types[t][2],
            ),
        )
        nodes |= set(rows)
        v = View(site.urls, site.labels(nodes))
        return render(
            request,
            "compare.html",
            {
                "title": "Compare models",
                "cards": cards,
                "rows": rows,
                "v": v,
                "mof_classes": pages.MOF_CLASSES,
                "OKG": OKG,
                "frameworks": api.compare_rows(site.store, [m for m, _, _ in cards]),
            },
        )

    def frameworks_route(request: Request) -> Response:
        ctx = human.frameworks_context(site.store, request.query_params)
        return render(request, "frameworks.html", ctx)

    def history_route(request: Request) -> Response:  # issue 17: see server/history.py
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

    def home_route(request: Request) -> Response:
        counts = site.counts()
        v = View(site.urls, site.labels(set(counts.classes)))
        return render(
            request, "home.html", {"title": "openness-kg", "counts": counts, "v": v, "OKG": OKG}
        )

    # --- SPARQL ----------------------------------------------------------------------------
    async def sparql_route(request: Request) -> Response:
        from starlette.concurrency import run_in_threadpool

        query: str | None = None
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        qp = request.query_params
        if request.method == "POST":
            if ctype == "application/sparql-update":
                return _refuse_update()
            if ctype == "application/sparql-query":
                query = (await request.body()).decode("utf-8", errors="replace")
            elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                if "update" in form:
                    return _refuse_update()
                query = str(form.get("query")) if form.get("query") is not None else None
            else:
                return PlainTextResponse(
                    "POST needs Content-Type application/sparql-query or "
                    "application/x-www-form-urlencoded\n",
                    415,
                )
        else:
            if "update" in qp:
                return _refuse_update()
            query = qp.get("query")
        accept = request.headers.get("accept", "")
        wants_html = (qp.get("format") == "html") or (
            not qp.get("format")
            and negotiate_format(accept, "ttl") is FORMATS["html"]
            and "sparql-results" not in accept
        )
        examples = site.examples()
        if query is None:
            if wants_html:
                return render(
                    request,
                    "sparql.html",
                    {
                        "title": "SPARQL",
                        "examples": examples,
                        "query": examples[0].query
                        if examples
                        else "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
                    },
                )
            return PlainTextResponse("Missing query parameter\n", 400)
        if site.pool is None:
            return PlainTextResponse("This server has no SPARQL endpoint\n", 503)
        if uses_service(query):  # federated queries would make this server send requests
            return PlainTextResponse(
                "SERVICE (a federated query) is refused: this public endpoint sends no "
                "requests to other services on a caller's behalf.\n",
                400,
            )
        if wants_html:
            results, graph = negotiate_query("application/sparql-results+json, text/turtle")
        else:
            results, graph = negotiate_query(accept, qp.get("format"))
        job = Job(
            query,
            results,
            graph,
            default_graphs=tuple(qp.getlist("default-graph-uri")),
            named_graphs=tuple(qp.getlist("named-graph-uri")),
        )
        result = await run_in_threadpool(site.pool.run, job)
        if result.status == 406:
            offers = [
                f.media_type for f in (GRAPH_FORMATS if result.kind == "graph" else RESULTS_FORMATS)
            ]
            result.body = f"Not acceptable; this result can be: {', '.join(offers)}\n".encode()
        if not wants_html:
            return Response(
                result.body, status_code=result.status, media_type=result.media_type, headers=VARY
            )
        ctx: dict[str, Any] = {
            "title": "SPARQL",
            "examples": examples,
            "query": query,
            "status": result.status,
        }
        if result.status != 200:
            ctx["error"] = result.body.decode("utf-8", errors="replace")
        elif result.kind in ("select", "ask"):
            import json

            data = json.loads(result.body)
            ctx["boolean"] = data.get("boolean")
            ctx["head"] = data.get("head", {}).get("vars", [])
            ctx["bindings"] = data.get("results", {}).get("bindings", [])[:1000]
        else:
            ctx["graph_text"] = result.body.decode("utf-8", errors="replace")
        status = result.status if result.status >= 400 else 200
        return render(request, "sparql.html", ctx, status)

    def _refuse_update() -> Response:
        return PlainTextResponse("This endpoint is read-only: SPARQL Update is refused.\n", 403)

    routes = [
        Route("/", home_route),
        Route("/models", models_route),
        Route("/compare", compare_route),
        Route("/frameworks", frameworks_route),
        Route("/history", history_route),
        Route("/id/{rest:path}", id_route),
        Route("/doc/{rest:path}", doc_route),
        Route("/data/{rest:path}", data_route),
        Route("/resource", resource_route),
        Route("/ontology", ontology_route),
        Route("/ontology.{ext}", ontology_route),
        Route("/sparql", sparql_route, methods=["GET", "POST"]),
        *api.routes(site.store, site.urls.page),
        Route("/.well-known/void", void_route),
        Route("/void.{ext}", void_route),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if site.pool is not None:
            site.pool.close()

    middleware = [  # the first is the outermost: answers are cached compressed
        Middleware(HttpCaching, validators=site.validators),
        Middleware(GZipMiddleware, minimum_size=500),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.site = site
    return app
