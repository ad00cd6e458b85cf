"""A JSON-LD ``@context`` generated from the ontology, so model metadata can be written as
plain JSON (``"type": "Model"``, ``"gating": "GatedManual"``, ``"license": "<IRI>"``) and
read as RDF (then checked with ``openness-kg validate --data FILE``)."""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from ..namespaces import OKG, PREFIXES

# properties whose values are concepts or individuals of the ontology: write their local name
VOCAB_VALUED = {
    OKG.gating,
    OKG.accessLevel,
    OKG.verdict,
    OKG.criterion,
    OKG.framework,
    OKG.licenseCategory,
    OKG.licenseMatch,
    OKG.contentType,
    OKG.mofClass,
    OKG.sourceKind,
}
PREFIX_KEYS = ("okg", "dcterms", "rdfs", "xsd", "prov", "schema", "spdx", "spdxl", "skos")


def json_context(ontology: Graph) -> dict[str, Any]:
    ns = str(OKG._NS)
    ctx: dict[str, Any] = {"@version": 1.1}
    for key in PREFIX_KEYS:
        ctx[key] = PREFIXES[key]
    ctx.update({"id": "@id", "type": "@type"})
    terms = sorted(
        {s for s in ontology.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    )
    for term in terms:
        local = str(term)[len(ns) :]
        if not local:
            continue
        kinds = set(ontology.objects(term, RDF.type))
        curie = "okg:" + local
        if OWL.ObjectProperty in kinds:
            ctx[local] = {"@id": curie, "@type": "@vocab" if term in VOCAB_VALUED else "@id"}
        elif OWL.DatatypeProperty in kinds:
            ranges = [r for r in ontology.objects(term, RDFS.range) if isinstance(r, URIRef)]
            rng = ranges[0] if ranges else None
            if rng is not None and str(rng).startswith(str(XSD)) and rng != XSD.string:
                ctx[local] = {"@id": curie, "@type": "xsd:" + str(rng)[len(str(XSD)) :]}
            else:
                ctx[local] = curie
        else:
            ctx[local] = curie
    # the reused terms people need most, under plain names
    ctx.setdefault("label", "rdfs:label")
    ctx["license"] = {"@id": str(DCTERMS.license), "@type": "@id"}
    ctx.setdefault("description", str(DCTERMS.description))
    return {"@context": ctx}
