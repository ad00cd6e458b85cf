"""The MOF view of one record: the small graph both SHACL and progress read.

For each model of the record: its listed components typed by their MOF class and content type,
each with the one licence that applies to it (``dcterms:license``) or none (unlicensed), and
the flags of those licences for the chosen mode: ``okg:MofOpenLicense`` when the MOF counts
it open, ``okg:typeAppropriateFor`` per content type. Strict mode takes the raw licence string
literally against MOT's own lists; default mode takes the normalised licence and current flags.
Because the flags are data in this graph, the shapes and the progress computation cannot
disagree on which licence is open.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from ..iris import IriError, Minter
from ..namespaces import OKG
from .mot_licenses import load_mot_licenses
from .normalize import is_open_raw, normalized_id
from .settings import CONTENT_TYPE_CLASS, CONTENT_TYPE_CONCEPT, OKG_CLASS, load_settings

STRICT, DEFAULT = "strict", "default"
UNLICENSED = "unlicensed"
_MOF_CLASSES = {v: k for k, v in OKG_CLASS.items()}


@dataclass(frozen=True)
class ComponentInfo:
    iri: URIRef
    name: str
    content_type: str
    declared: str | None
    license: URIRef | None


def _license_node(raw: str, minter: Minter) -> URIRef:
    """Strict mode: a node for the literal licence string (SPDX ids at spdx.org)."""
    try:
        return minter.license(raw)
    except IriError:
        return URIRef(f"{minter.base}license/_empty")


def build_view(
    triples: Iterable[tuple[Node, Node, Node]],
    mode: str = DEFAULT,
    minter: Minter | None = None,
    into: Graph | None = None,
) -> Graph:
    """The MOF view of a record given as triples (a :class:`Record`'s or a named graph's)."""
    minter = minter or Minter()
    settings = load_settings()
    mot = load_mot_licenses()
    view = into if into is not None else Graph()
    types: dict[Node, URIRef] = {}
    declared: dict[Node, str] = {}
    normalised: dict[Node, URIRef] = {}
    components: list[tuple[Node, Node]] = []
    inherited: list[tuple[Node, Node]] = []
    for s, p, o in triples:
        if p == OKG.hasComponent:
            components.append((s, o))
        elif p == RDF.type and o in _MOF_CLASSES:
            types[s] = o  # type: ignore[assignment]
        elif p == OKG.declaredLicense:
            declared[s] = str(o)
        elif p == DCTERMS.license and isinstance(o, URIRef):
            normalised[s] = o
        elif p == OKG.licenseInheritedFrom:
            inherited.append((s, o))
    add = view.add
    for model, comp in components:
        cls = types.get(comp)
        if cls is None:
            continue
        spec = settings.by_class(cls)
        assert spec is not None
        add((model, RDF.type, OKG.Model))
        add((model, OKG.hasComponent, comp))
        add((comp, OKG.componentOf, model))
        add((comp, RDF.type, cls))
        add((comp, RDF.type, CONTENT_TYPE_CLASS[spec.content_type]))
        add((comp, RDFS.label, Literal(spec.name)))
        raw = declared.get(comp)
        if raw is not None:
            add((comp, OKG.declaredLicense, Literal(raw)))
        if raw is None or raw in ("", UNLICENSED):
            continue
        if mode == STRICT:
            lic = _license_node(raw, minter)
            is_open = mot.is_open(raw)
            lid: str | None = raw
        else:
            norm = normalised.get(comp)
            lic = norm if norm is not None else _license_node(raw, minter)
            is_open = norm is not None and is_open_raw(raw)
            lid = normalized_id(raw) if norm is not None else None
        add((comp, DCTERMS.license, lic))
        if is_open:
            add((lic, RDF.type, OKG.MofOpenLicense))
        if lid is not None:
            for ct, concept in CONTENT_TYPE_CONCEPT.items():
                if mot.is_type_appropriate(lid, ct):
                    add((lic, OKG.typeAppropriateFor, concept))
    for s, o in inherited:
        add((s, OKG.licenseInheritedFrom, o))
    return view


def view_components(view: Graph, model: URIRef) -> list[ComponentInfo]:
    """The components of ``model`` in a view, with their licence (for progress and explain)."""
    settings = load_settings()
    out = []
    for comp in view.objects(model, OKG.hasComponent):
        cls = next((t for t in view.objects(comp, RDF.type) if t in _MOF_CLASSES), None)
        if cls is None or not isinstance(comp, URIRef):
            continue
        spec = settings.by_class(cls)  # type: ignore[arg-type]
        assert spec is not None
        lic = view.value(comp, DCTERMS.license)
        decl = view.value(comp, OKG.declaredLicense)
        out.append(
            ComponentInfo(
                iri=comp,
                name=spec.name,
                content_type=spec.content_type,
                declared=str(decl) if decl is not None else None,
                license=lic if isinstance(lic, URIRef) else None,
            )
        )
    return out


def is_open_in_view(view: Graph, license_iri: URIRef | None) -> bool:
    return license_iri is not None and (license_iri, RDF.type, OKG.MofOpenLicense) in view
