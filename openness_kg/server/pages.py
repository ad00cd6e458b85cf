"""What the specialised pages show beyond the description: scorecards, lineage, users of a
licence, models of a producer. Every query is bounded (``LIMIT``) so pages stay fast on a big
store; the generic statement list of each page comes from :mod:`.describe`."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..app_queries import app_query
from ..mof.settings import MOF_CLASS_IRI
from ..namespaces import OKG
from ..store import KGStore
from .queries import paged

MOF_CLASSES = [OKG.MofClassIII, OKG.MofClassII, OKG.MofClassI]  # in the order they build up
CLASS_NUMBER = {iri: n for n, iri in MOF_CLASS_IRI.items()}  # okg:MofClassI -> 1
LINEAGE_PROPS = [
    OKG.fineTunedFrom,
    OKG.adapterOf,
    OKG.quantizedFrom,
    OKG.mergedFrom,
    OKG.derivedFromModel,
]
RELATED_LIMIT = 200

ASSESSMENTS = app_query("assessments")
COMPONENT_TYPES = app_query("component-types")
COMPONENTS = app_query("components")
MODEL_LICENSES = app_query("model-licenses")
LICENSE_FACTS = app_query("license-facts")
PARENTS = app_query("parents")
CHILDREN = app_query("children")
# the models a page of each kind lists, at most RELATED_LIMIT + 1 (to say there are more)
MODELS_WITH_LICENSE = app_query("models-with-license")
MODELS_OF_PRODUCER = app_query("models-of-producer")
MODELS_TRAINED_ON = app_query("models-trained-on")
MODEL_OF_COMPONENT = app_query("model-of-component")


@dataclass
class ComponentRow:
    component: URIRef | None
    type: URIRef
    mof_class: URIRef | None
    required: bool
    licenses: set[URIRef] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)
    evidence: set[Node] = field(default_factory=set)
    graphs: set[URIRef] = field(default_factory=set)

    @property
    def listed(self) -> bool:
        return self.component is not None


@dataclass
class Assessment:
    iri: URIRef
    framework: URIRef | None = None
    verdict: URIRef | None = None
    criterion: URIRef | None = None
    score: float | None = None
    record: URIRef | None = None
    rule: str | None = None
    when: str | None = None
    graph: URIRef | None = None


@dataclass
class MofCard:
    """One MOF verdict and the progress per class, as one record's assessments state them."""

    record: URIRef | None
    verdict: URIRef | None = None
    progress: dict[URIRef, float] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)

    @property
    def class_number(self) -> int:
        return CLASS_NUMBER.get(self.verdict, 0) if self.verdict else 0

    @property
    def mode(self) -> str:
        """``strict`` (MOT's own licence lists, literal matching) or ``default`` (normalised
        licences), as the rule version of the record's assessments states it."""
        rules = " ".join(a.rule or "" for a in self.assessments)
        return "strict" if "strict mode" in rules else "default"


@dataclass
class LicenseFacts:
    category: set[URIRef] = field(default_factory=set)
    osi: bool | None = None
    fsf: bool | None = None


@dataclass
class Scorecard:
    mof: list[MofCard]
    other: list[Assessment]
    components: list[ComponentRow]
    model_licenses: list[URIRef]
    license_facts: dict[URIRef, LicenseFacts]
    parents: list[tuple[URIRef, URIRef, URIRef]]  # (child, relation, parent), up the chain
    children: list[tuple[URIRef, URIRef, URIRef]]  # (child, relation, parent), down

    @property
    def best_class(self) -> int:
        nums = [c.class_number for c in self.mof if c.class_number]
        return min(nums) if nums else 0


def assessments(store: KGStore, model: URIRef) -> list[Assessment]:
    out: dict[URIRef, Assessment] = {}
    for row in store.select(ASSESSMENTS, {"m": model}):
        a = out.setdefault(row["a"], Assessment(row["a"]))  # type: ignore[arg-type]
        a.framework = _iri(row.get("framework")) or a.framework
        a.verdict = _iri(row.get("verdict")) or a.verdict
        a.criterion = _iri(row.get("criterion")) or a.criterion
        a.record = _iri(row.get("record")) or a.record
        a.graph = _iri(row.get("g")) or a.graph
        score = row.get("score")
        if isinstance(score, Literal):
            with contextlib.suppress(ValueError):
                a.score = float(score)
        for key in ("rule", "when"):
            val = row.get(key)
            if isinstance(val, Literal):
                setattr(a, key, str(val))
    return sorted(out.values(), key=lambda a: str(a.iri))


def mof_cards(items: list[Assessment]) -> tuple[list[MofCard], list[Assessment]]:
    cards: dict[URIRef | None, MofCard] = {}
    other: list[Assessment] = []
    for a in items:
        if a.framework != OKG.ModelOpennessFramework:
            other.append(a)
            continue
        # one record's verdict and per-class progress share the assessment's named graph
        key = a.graph or a.record
        card = cards.setdefault(key, MofCard(a.record))
        card.record = card.record or a.record
        card.assessments.append(a)
        if a.criterion is not None and a.criterion in CLASS_NUMBER and a.score is not None:
            card.progress[a.criterion] = a.score
        better = card.verdict is None or (
            a.verdict in CLASS_NUMBER and CLASS_NUMBER[a.verdict] < CLASS_NUMBER[card.verdict]
        )
        if a.verdict is not None and a.verdict in CLASS_NUMBER and better:
            card.verdict = a.verdict
    return sorted(cards.values(), key=lambda c: (str(c.record), c.mode)), other


def component_types(store: KGStore) -> dict[URIRef, tuple[URIRef, bool, int]]:
    out: dict[URIRef, tuple[URIRef, bool, int]] = {}
    for row in store.select(COMPONENT_TYPES):
        t, cls = row["type"], row["cls"]
        if not (isinstance(t, URIRef) and isinstance(cls, URIRef)):
            continue
        req = row.get("required")
        num = row.get("id")
        out[t] = (
            cls,
            bool(req.toPython()) if isinstance(req, Literal) else False,
            int(num.toPython()) if isinstance(num, Literal) else 99,
        )
    return out


def components(
    store: KGStore, model: URIRef, types: dict[URIRef, tuple[URIRef, bool, int]]
) -> list[ComponentRow]:
    rows: dict[URIRef, ComponentRow] = {}
    for row in store.select(COMPONENTS, {"m": model}):
        c = row["c"]
        t = row.get("type")
        assert isinstance(c, URIRef)
        comp = rows.get(c)
        if comp is None:
            comp = rows[c] = ComponentRow(c, OKG.Component, None, False)
        if isinstance(t, URIRef) and t in types:
            comp.type = t
            comp.mof_class, comp.required, _ = types[t]
        if isinstance(lic := row.get("license"), URIRef):
            comp.licenses.add(lic)
        if isinstance(row.get("declared"), Literal):
            comp.declared.add(str(row["declared"]))
        for key in ("evidence", "path"):
            if row.get(key) is not None:
                comp.evidence.add(row[key])
        if isinstance(g := row.get("g"), URIRef):
            comp.graphs.add(g)
    present = {c.type for c in rows.values()}
    missing = [
        ComponentRow(None, t, cls, req) for t, (cls, req, _n) in types.items() if t not in present
    ]
    order = {c: i for i, c in enumerate(MOF_CLASSES)}

    def sort_key(r: ComponentRow) -> tuple[int, int, str]:
        n = types[r.type][2] if r.type in types else 99
        rank = order.get(r.mof_class, 9) if r.mof_class is not None else 9
        return (rank, n, str(r.component or ""))

    return sorted([*rows.values(), *missing], key=sort_key)


def license_facts(store: KGStore, licenses: set[URIRef]) -> dict[URIRef, LicenseFacts]:
    out = {lic: LicenseFacts() for lic in licenses}
    if not licenses:
        return out
    for row in store.select(LICENSE_FACTS, {"l": licenses}):
        f = out[row["l"]]  # type: ignore[index]
        if isinstance(row.get("category"), URIRef):
            f.category.add(row["category"])  # type: ignore[arg-type]
        for key in ("osi", "fsf"):
            val = row.get(key)
            if isinstance(val, Literal):
                setattr(f, key, bool(val.toPython()))
    return out


def lineage(
    store: KGStore, model: URIRef, up: bool, depth: int = 6
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Edges (child, relation, parent) up (ancestors) or down (descendants), level by level."""
    edges: list[tuple[URIRef, URIRef, URIRef]] = []
    seen = {model}
    frontier = {model}
    for _ in range(depth):
        if not frontier:
            break
        rows = (
            store.select(PARENTS, {"child": frontier})
            if up
            else store.select(CHILDREN, {"parent": frontier})
        )
        nxt: set[URIRef] = set()
        for row in rows:
            child, rel, parent = row["child"], row["rel"], row["parent"]
            if not all(isinstance(x, URIRef) for x in (child, rel, parent)):
                continue
            edge = (child, rel, parent)
            if edge not in edges:
                edges.append(edge)  # type: ignore[arg-type]
            new = parent if up else child
            if new not in seen:
                seen.add(new)  # type: ignore[arg-type]
                nxt.add(new)  # type: ignore[arg-type]
        frontier = nxt
    return _prefer_specific(edges)


def _prefer_specific(
    edges: list[tuple[URIRef, URIRef, URIRef]],
) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Drop ``prov:wasDerivedFrom`` / ``okg:derivedFromModel`` when a more specific relation
    links the same two models."""
    specific = {(c, p) for c, r, p in edges if r in LINEAGE_PROPS[:4]}
    return [e for e in edges if e[1] in LINEAGE_PROPS[:4] or (e[0], e[2]) not in specific]


def scorecard(
    store: KGStore, model: URIRef, types: dict[URIRef, tuple[URIRef, bool, int]]
) -> Scorecard:
    mof, other = mof_cards(assessments(store, model))
    comps = components(store, model, types)
    model_lics: list[URIRef] = sorted(
        lic
        for r in store.select(MODEL_LICENSES, {"m": model})
        if isinstance(lic := r.get("license"), URIRef)
    )
    lics = set(model_lics) | {lic for c in comps for lic in c.licenses}
    return Scorecard(
        mof=mof,
        other=other,
        components=comps,
        model_licenses=model_lics,
        license_facts=license_facts(store, lics),
        parents=lineage(store, model, up=True),
        children=lineage(store, model, up=False),
    )


def related(store: KGStore, text: str, var: str, node: URIRef) -> list[URIRef]:
    """The models one of the ``MODELS_...`` queries lists for ``node`` (bound to ``?var``)."""
    rows = store.select(paged(text, RELATED_LIMIT + 1), {var: node})
    return sorted(r["m"] for r in rows if isinstance(r.get("m"), URIRef))  # type: ignore[misc]


def group_by_class(rows: list[ComponentRow]) -> dict[URIRef | None, list[ComponentRow]]:
    out: dict[URIRef | None, list[ComponentRow]] = defaultdict(list)
    for r in rows:
        out[r.mof_class].append(r)
    return out


def _iri(node: Node | None) -> URIRef | None:
    return node if isinstance(node, URIRef) else None
