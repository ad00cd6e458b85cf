"""The MOF view of one record: the small graph both SHACL and progress read.

For each model of the record: its listed components typed by their MOF class and content type,
each with the one licence that applies to it (``dcterms:license``) or none (unlicensed), and
the flags of those licences for the chosen mode: ``okg:MofOpenLicense`` when the MOF counts
it open, ``okg:typeAppropriateFor`` per content type. Strict mode takes the raw licence string
literally against MOT's own lists; default mode takes the normalised licence and current flags.
Because the flags are data in this graph, the shapes and the progress computation cannot
disagree on which licence is open.

One builder, :func:`view_keys`: from what the view reads of a record (:class:`ViewFacts`,
taken from rdflib triples or from the store's N-Triples lines alike) to the view's triples
as keys (plain strings, :func:`~openness_kg.terms.key`), which the compiled evaluator and
progress read as they are; :func:`build_view` makes them an rdflib graph (pySHACL,
``validate``, ``explain``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from ..iris import IriError, Minter
from ..licenses.catalog import resolve_id
from ..licenses.normalize import normalize
from ..namespaces import OKG
from ..terms import from_key, key, lexical, nt_key, nt_parts
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


Triple = tuple[str, str, str]  # keys (:func:`~openness_kg.terms.key`)
_K_TYPE, _K_HAS, _K_DECLARED, _K_INHERITED = (
    str(p) for p in (RDF.type, OKG.hasComponent, OKG.declaredLicense, OKG.licenseInheritedFrom)
)
_K_MOF = frozenset(str(c) for c in _MOF_CLASSES)
# the same predicates as N-Triples writes them (:func:`facts_from_lines`)
_NT_TYPE, _NT_HAS, _NT_DECLARED, _NT_INHERITED = (
    f"<{p}>" for p in (_K_TYPE, _K_HAS, _K_DECLARED, _K_INHERITED)
)


@dataclass
class ViewFacts:
    """What the view reads of one record, as keys: each ``okg:hasComponent`` (model,
    component), each node's MOF class (the last met), the distinct licence strings each
    node declares (lexical forms, in the order met) and each ``okg:licenseInheritedFrom``."""

    components: list[tuple[str, str]] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)
    declared: dict[str, list[str]] = field(default_factory=dict)
    inherited: list[tuple[str, str]] = field(default_factory=list)

    def declare(self, node: str, raw: str) -> None:
        raws = self.declared.setdefault(node, [])
        if raw not in raws:
            raws.append(raw)


def facts_from_triples(triples: Iterable[tuple[Node, Node, Node]]) -> ViewFacts:
    """The view's facts of a record given as rdflib triples (a :class:`Record`'s)."""
    f = ViewFacts()
    for s, p, o in triples:
        if p == OKG.hasComponent:
            f.components.append((key(s), key(o)))
        elif p == RDF.type and o in _MOF_CLASSES:
            f.types[key(s)] = str(o)
        elif p == OKG.declaredLicense:
            f.declare(key(s), str(o))
        elif p == OKG.licenseInheritedFrom:
            f.inherited.append((key(s), key(o)))
    return f


def facts_from_lines(lines: Iterable[str]) -> ViewFacts:
    """The view's facts of a record given as N-Triples lines (as the store writes a record,
    :func:`~openness_kg.history.versions.stored_lines`): the same as
    :func:`facts_from_triples` of its triples, with no rdflib term made."""
    f = ViewFacts()
    for line in lines:
        s, p, o = nt_parts(line)
        if p == _NT_HAS:
            f.components.append((nt_key(s), nt_key(o)))
        elif p == _NT_TYPE:
            if o[0] == "<" and o[1:-1] in _K_MOF:
                f.types[nt_key(s)] = o[1:-1]
        elif p == _NT_DECLARED:
            f.declare(nt_key(s), lexical(nt_key(o)))
        elif p == _NT_INHERITED:
            f.inherited.append((nt_key(s), nt_key(o)))
    return f


# a declared string -> its licence node's key and the node's flags
Licences = dict[str, tuple[str, tuple[tuple[str, str], ...]]]
_K_LICENSE, _K_LICENCE_CLASS, _K_OPEN, _K_APPROPRIATE = (
    str(p) for p in (DCTERMS.license, OKG.License, OKG.MofOpenLicense, OKG.typeAppropriateFor)
)
_K_MODEL, _K_OF, _K_LABEL = (str(p) for p in (OKG.Model, OKG.componentOf, RDFS.label))


def _licence(
    raw: str, mode: str, minter: Minter, mot: Any
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """One declared licence in the view (:func:`licence_facts`) as keys."""
    f = licence_facts(raw, mode, minter, mot)
    flags = []
    if f.known:
        flags.append((_K_TYPE, _K_LICENCE_CLASS))
    if f.open:
        flags.append((_K_TYPE, _K_OPEN))
    flags.extend((_K_APPROPRIATE, str(c)) for c in f.appropriate_for)
    return str(f.node), tuple(flags)


@lru_cache(maxsize=65536)
def _literal_key(text: str) -> str:
    return key(Literal(text))


@cache
def _component_classes() -> dict[str, tuple[str, str]]:
    """MOF class -> its content-type class and its label's key."""
    return {
        str(c.okg_class): (str(CONTENT_TYPE_CLASS[c.content_type]), _literal_key(c.name))
        for c in load_settings().components
    }


def view_keys(
    facts: ViewFacts,
    mode: str = DEFAULT,
    minter: Minter | None = None,
    licences: Licences | None = None,
) -> list[Triple]:
    """The MOF view of a record (its :class:`ViewFacts`) as keys, in the order
    :func:`build_view` gives it. ``licences``: what each declared string stands for, kept
    by the caller across records (a few hundred distinct strings at Hub scale)."""
    minter = minter or Minter()
    mot = load_mot_licenses()
    classes = _component_classes()
    licences = {} if licences is None else licences
    view: list[Triple] = []
    add = view.append
    for model, comp in facts.components:
        cls = facts.types.get(comp)
        if cls is None:
            continue
        content, label = classes[cls]
        add((model, _K_TYPE, _K_MODEL))
        add((model, _K_HAS, comp))
        add((comp, _K_OF, model))
        add((comp, _K_TYPE, cls))
        add((comp, _K_TYPE, content))
        add((comp, _K_LABEL, label))
        raws = facts.declared.get(comp, [])
        for raw in raws:
            add((comp, _K_DECLARED, _literal_key(raw)))
        if not raws or all(raw in ("", UNLICENSED) for raw in raws):
            continue
        for raw in raws:
            lic = licences.get(raw)
            if lic is None:
                lic = licences[raw] = _licence(raw, mode, minter, mot)
            node, flags = lic
            add((comp, _K_LICENSE, node))
            for p, o in flags:
                add((node, p, o))
    for s, o in facts.inherited:
        add((s, _K_INHERITED, o))
    return view


def build_view(
    triples: Iterable[tuple[Node, Node, Node]],
    mode: str = DEFAULT,
    minter: Minter | None = None,
    into: Graph | None = None,
) -> Graph:
    """The MOF view of a record given as triples (a :class:`Record`'s or a named graph's),
    as an rdflib graph (:func:`view_keys`, each key made a term)."""
    return keys_graph(view_keys(facts_from_triples(triples), mode, minter), into)


def keys_graph(keys: Iterable[Triple], into: Graph | None = None) -> Graph:
    """A view given as keys (:func:`view_keys`) as an rdflib graph (``into``, or a new one)."""
    view = into if into is not None else Graph()
    for s, p, o in keys:
        view.add((from_key(s), from_key(p), from_key(o)))
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
