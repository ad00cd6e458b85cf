"""``/compare?m=...&m=...``: up to eight models side by side (components, licences, lineage,
every framework's most open verdict)."""

from __future__ import annotations

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...iris import Minter
from ...namespaces import OKG
from ...resolve import find_model
from .. import pages
from ..describe import describe
from ..frameworks_panel import compare_rows
from ..render import render, site_of
from ..view import View


def compare_route(request: Request) -> Response:
    site = site_of(request)
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
    ctx = {
        "title": "Compare models",
        "cards": cards,
        "rows": rows,
        "v": View(site.urls, site.labels(nodes)),
        "mof_classes": pages.MOF_CLASSES,
        "OKG": OKG,
        "frameworks": compare_rows(site.store, [m for m, _, _ in cards]),
    }
    return render(request, "compare.html", ctx)


ROUTES = [Route("/compare", compare_route)]
