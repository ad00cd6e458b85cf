"""Writing what the graph knows about a model back as a MOT model file (passes MOT's schema)."""

from __future__ import annotations

from typing import Any

import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ..namespaces import OKG
from .settings import CONTENT_TYPE_CONCEPT, OKG_CLASS, load_settings

FRAMEWORK = {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"}
_SCOPE = {v: k for k, v in CONTENT_TYPE_CONCEPT.items()}


def _s(g: Graph, s: URIRef, p: URIRef) -> str | None:
    v = g.value(s, p)
    return None if v is None else str(v)


def record_to_mot(record: Graph, model: URIRef) -> dict[str, Any]:
    """One record's graph (a MOT file's, or any record describing components) -> MOT data."""
    release: dict[str, Any] = {
        "name": _s(record, model, OKG.releaseName) or _s(record, model, RDFS.label) or str(model)
    }
    for key, prop in (
        ("version", OKG.releaseVersion),
        ("date", DCTERMS.issued),
        ("type", DCTERMS.type),
        ("architecture", OKG.architectureType),
    ):
        v = _s(record, model, prop)
        if v is not None:
            release[key] = v
    org = record.value(model, OKG.producer)
    release["producer"] = (_s(record, org, RDFS.label) if isinstance(org, URIRef) else None) or ""
    repo = record.value(model, OKG.repository)
    if repo is not None:
        release["repository"] = str(repo)
    hub = record.value(model, OKG.hubPage) or record.value(model, RDFS.seeAlso)
    if hub is not None:
        release["huggingface"] = str(hub)
    licenses: dict[str, dict[str, str]] = {}
    for decl in record.objects(model, OKG.releaseLicense):
        assert isinstance(decl, URIRef)
        scope_concept = record.value(decl, OKG.appliesToContent)
        scope = "distribution"
        if isinstance(scope_concept, URIRef):
            scope = _SCOPE.get(scope_concept, "distribution")
        decl_entry = {"name": _s(record, decl, OKG.declaredLicense) or ""}
        path = _s(record, decl, OKG.licensePath)
        if path:
            decl_entry["path"] = path
        licenses[scope] = decl_entry
    release["license"] = licenses
    by_class = {v: k for k, v in OKG_CLASS.items()}
    comps: dict[str, dict[str, str]] = {}
    for c in record.objects(model, OKG.hasComponent):
        assert isinstance(c, URIRef)
        name = next(
            (
                by_class[t]
                for t in record.objects(c, RDF.type)
                if isinstance(t, URIRef) and t in by_class
            ),
            None,
        )
        if name is None:
            continue
        entry: dict[str, str] = {"name": name}
        desc = _s(record, c, DCTERMS.description)
        if desc:
            entry["description"] = desc
        inherited = record.value(c, OKG.licenseInheritedFrom) is not None
        lic = _s(record, c, OKG.declaredLicense)
        if lic is not None and not inherited:
            entry["license"] = lic
        for key, prop in (("license_path", OKG.licensePath), ("component_path", OKG.componentPath)):
            v = _s(record, c, prop)
            if v:
                entry[key] = v
        comps[name] = entry
    order = [c.name for c in load_settings().components]
    release["components"] = [comps[n] for n in order if n in comps]
    return {"framework": dict(FRAMEWORK), "release": release}


def dump_mot(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
