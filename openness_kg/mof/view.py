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
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from ..iris import IriError, Minter
from ..licenses.catalog import resolve_id
from ..licenses.normalize import normalize
from ..namespaces import OKG
from .mot_licenses import load_mot_licenses
from .normalize import is_open_raw
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


@dataclass(frozen=True)
class LicenceFacts:
    """What the view says of one declared licence string in a mode: the node standing for
    it, whether that node is a licence of the knowledge base, whether the MOF counts it
    open, and the content types MOT lists it as appropriate for."""

    node: URIRef
    known: bool
    open: bool
    appropriate_for: tuple[URIRef, ...]


def licence_facts(raw: str, mode: str, minter: Minter, mot: Any) -> LicenceFacts:
    """One declared licence as the mode decides (strict: MOT's lists, literally; default:
    the normalised licence, an expression open only when all of it is). A node that is a
    licence of the knowledge base is typed ``okg:License``; any other node (a string that
    names no licence, an expression) stands only for the string in this view and has no
    triples in the store, so nothing may print it as a licence."""
    if mode == STRICT:
        lic = _license_node(raw, minter)
        is_open = mot.is_open(raw)
        lid: str | None = raw
        known = resolve_id(raw) == raw
    else:
        n = normalize(raw)
        lid = n.single or n.licence or None
        lic = _license_node(lid, minter) if lid else _license_node(raw, minter)
        is_open = lid is not None and is_open_raw(raw)
        known = n.single is not None
    concepts: tuple[URIRef, ...] = ()
    if lid is not None:
        concepts = tuple(
            concept
            for ct, concept in CONTENT_TYPE_CONCEPT.items()
            if mot.is_type_appropriate(lid, ct)
        )
    return LicenceFacts(lic, known, bool(is_open), concepts)


def _add_licence(add: Any, comp: Node, raw: str, mode: str, minter: Minter, mot: Any) -> None:
    """One declared licence of ``comp`` in the view: its node and flags
    (:func:`licence_facts`)."""
    f = licence_facts(raw, mode, minter, mot)
    add((comp, DCTERMS.license, f.node))
    if f.known:
        add((f.node, RDF.type, OKG.License))
    if f.open:
        add((f.node, RDF.type, OKG.MofOpenLicense))
    for concept in f.appropriate_for:
        add((f.node, OKG.typeAppropriateFor, concept))


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
    # every licence declared for a component (a Hub repo may declare several): the component
    # counts as open only when all of them are (each becomes a dcterms:license value, and the
    # shapes require every value to be open), whatever order the triples come in
    declared: dict[Node, list[str]] = {}
    components: list[tuple[Node, Node]] = []
    inherited: list[tuple[Node, Node]] = []
    for s, p, o in triples:
        if p == OKG.hasComponent:
            components.append((s, o))
        elif p == RDF.type and o in _MOF_CLASSES:
            types[s] = o  # type: ignore[assignment]
        elif p == OKG.declaredLicense:
            raws = declared.setdefault(s, [])
            if str(o) not in raws:
                raws.append(str(o))
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
        raws = declared.get(comp, [])
        for raw in raws:
            add((comp, OKG.declaredLicense, Literal(raw)))
        if not raws or all(raw in ("", UNLICENSED) for raw in raws):
            continue
        for raw in raws:
            _add_licence(add, comp, raw, mode, minter, mot)
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
        # several licences: the component is as open as its least open licence, so name a
        # licence that is not open when there is one (deterministically: sorted)
        lics = sorted(x for x in view.objects(comp, DCTERMS.license) if isinstance(x, URIRef))
        closed = [x for x in lics if not is_open_in_view(view, x)]
        lic = closed[0] if closed else (lics[0] if lics else None)
        decls = sorted(str(d) for d in view.objects(comp, OKG.declaredLicense))
        out.append(
            ComponentInfo(
                iri=comp,
                name=spec.name,
                content_type=spec.content_type,
                declared=", ".join(decls) if decls else None,
                license=lic,
            )
        )
    return out


def is_licence_in_view(view: Graph, license_iri: URIRef | None) -> bool:
    """Whether the view's node is a licence of the knowledge base (not a stand-in for a
    string that names none)."""
    return license_iri is not None and (license_iri, RDF.type, OKG.License) in view


def is_open_in_view(view: Graph, license_iri: URIRef | None) -> bool:
    return license_iri is not None and (license_iri, RDF.type, OKG.MofOpenLicense) in view
