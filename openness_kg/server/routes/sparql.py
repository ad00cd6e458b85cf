"""``/sparql``: the read-only SPARQL 1.1 Protocol endpoint (GET, POST form, POST direct), its
HTML form with the competency questions as examples, and the refusals (updates 403,
``SERVICE`` 400).

Queries run in the site's pool of killable workers (:mod:`openness_kg.sparql.pool`). The time
limit counts from when the request arrived: the wait for a thread and for a free worker is
part of it, and a query not answered by then gets the 503 of the limit when it passes,
however long the queue. Waiting for a worker happens in threads of this endpoint's own, so
queries waiting in line never hold the threads the pages render in.
"""

from __future__ import annotations

import json
import time
from typing import Any

import anyio
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from ...sparql.guard import uses_service
from ...sparql.pool import Answer, QueryPool, failure
from ...sparql.worker import Job
from ..conneg import FORMATS, GRAPH_FORMATS, RESULTS_FORMATS, negotiate_format, negotiate_query
from ..render import VARY, render, site_of

# threads that wait on the pool, per process: more than the workers, so that a freed worker
# finds its next query already waiting, bounded, so that a flood of queries costs no memory
WAITING = 64
# the answer to a query stopped at its limit goes out this long after it at the latest; the
# pool may still be starting the stopped worker's replacement (a second or so under load)
GRACE = 0.5
_limiters: dict[int, anyio.CapacityLimiter] = {}


def _limiter() -> anyio.CapacityLimiter:
    """This event loop's limiter (a limiter belongs to the loop it was made in)."""
    import asyncio

    key = id(asyncio.get_running_loop())
    if key not in _limiters:
        _limiters.clear()
        _limiters[key] = anyio.CapacityLimiter(WAITING)
    return _limiters[key]


async def run_query(pool: QueryPool, job: Job, arrived: float) -> Answer:
    """``job`` in ``pool``, its time limit counted from ``arrived`` (``time.monotonic()``)."""
    if pool.timeout is None:
        return await anyio.to_thread.run_sync(pool.run, job, None, None, limiter=_limiter())
    deadline = arrived + pool.timeout
    with anyio.move_on_after(max(0.0, deadline - time.monotonic()) + GRACE):
        # the pool stops the query itself at the deadline; the thread is left to finish
        return await anyio.to_thread.run_sync(
            pool.run, job, None, deadline, limiter=_limiter(), abandon_on_cancel=True
        )
    return failure(
        503,
        "timeout",
        f"The query was not answered within the {pool.timeout:g} s time limit (counted from "
        "its arrival) and was stopped.",
    )


def refuse_update() -> Response:
    return PlainTextResponse("This endpoint is read-only: SPARQL Update is refused.\n", 403)


async def query_of(request: Request) -> str | Response | None:
    """The query text the request carries (``None``: none), or the refusal to answer."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method != "POST":
        if "update" in request.query_params:
            return refuse_update()
        return request.query_params.get("query")
    if ctype == "application/sparql-update":
        return refuse_update()
    if ctype == "application/sparql-query":
        return (await request.body()).decode("utf-8", errors="replace")
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            return refuse_update()
        return str(form.get("query")) if form.get("query") is not None else None
    return PlainTextResponse(
        "POST needs Content-Type application/sparql-query or application/x-www-form-urlencoded\n",
        415,
    )


async def sparql_route(request: Request) -> Response:
    arrived = time.monotonic()
    site = site_of(request)
    query = await query_of(request)
    if isinstance(query, Response):
        return query
    qp = request.query_params
    accept = request.headers.get("accept", "")
    wants_html = (qp.get("format") == "html") or (
        not qp.get("format")
        and negotiate_format(accept, "ttl") is FORMATS["html"]
        and "sparql-results" not in accept
    )
    examples = site.examples()
    if query is None:
        if wants_html:
            default = examples[0].query if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
            form = {"title": "SPARQL", "examples": examples, "query": default}
            return render(request, "sparql.html", form)
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
    result = await run_query(site.pool, job, arrived)
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
        data = json.loads(result.body)
        ctx["boolean"] = data.get("boolean")
        ctx["head"] = data.get("head", {}).get("vars", [])
        ctx["bindings"] = data.get("results", {}).get("bindings", [])[:1000]
    else:
        ctx["graph_text"] = result.body.decode("utf-8", errors="replace")
    status = result.status if result.status >= 400 else 200
    return render(request, "sparql.html", ctx, status)


ROUTES = [Route("/sparql", sparql_route, methods=["GET", "POST"])]
