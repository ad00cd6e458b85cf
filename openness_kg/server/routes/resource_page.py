"""The HTML page of one resource: its description, and what its kind of page shows beyond it
(a model's scorecard, frameworks panel and the index's verdicts; the models of a licence,
organization, dataset or component), with the labels of every node shown."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from starlette.requests import Request
from starlette.responses import Response

from ...namespaces import OKG, SPDX
from .. import human, pages
from ..describe import Description
from ..frameworks_panel import model_panel
from ..render import RDF_FORMATS, render
from ..site import Site
from ..view import View

LICENSE_TYPES = {OKG.License, SPDX.License, SPDX.ListedLicense}


def _model(site: Site, iri: URIRef, ctx: dict[str, Any]) -> set[URIRef]:
    """A model page's context; returns the nodes it shows."""
    extra: set[URIRef] = set()
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
    ctx["license_terms"] = {lic: site.license_terms(lic) for lic in sorted(card.license_facts)}
    for ld in ctx["license_terms"].values():
        extra |= ld.nodes()
    ctx.update(model_panel(site.store, iri))
    ctx["human"] = human.model_verdicts(site.store, iri)
    return extra


def _related(site: Site, query: str, var: str, iri: URIRef, ctx: dict[str, Any]) -> set[URIRef]:
    ctx["models" if var != "l" else "users"] = found = pages.related(site.store, query, var, iri)
    return set(found)


def page_response(request: Request, site: Site, d: Description) -> Response:
    iri = d.subject
    types = set(d.types())
    ctx: dict[str, Any] = {"d": d, "iri": iri}
    template = "resource.html"
    extra: set[URIRef] = set()
    if OKG.Model in types:
        extra = _model(site, iri, ctx)
        template = "model.html"
    elif types & LICENSE_TYPES:
        extra = _related(site, pages.MODELS_WITH_LICENSE, "l", iri, ctx)
        template = "license.html"
    elif OKG.Organization in types:
        extra = _related(site, pages.MODELS_OF_PRODUCER, "o", iri, ctx)
        ctx["fmti"] = human.org_fmti(site.store, iri)
        template = "organization.html"
    elif OKG.Dataset in types:
        extra = _related(site, pages.MODELS_TRAINED_ON, "d", iri, ctx)
        template = "dataset.html"
    elif any(t in site.component_types() or t == OKG.Component for t in types):
        extra = _related(site, pages.MODEL_OF_COMPONENT, "c", iri, ctx)
        template = "component.html"
    v = View(site.urls, site.labels(d.nodes() | extra), d)
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
