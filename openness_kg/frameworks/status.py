"""One status per component, derived once from a record and the licence knowledge base.

Every framework reads these statuses (MOF's default mode derives its class and progress from
them: a component counts open exactly when its status is ``present-open``):

- ``absent``: the record does not list the component (it is silent; not "not released");
- ``present-unlicensed``: listed with no licence, or with a statement that none is given
  (``unlicensed``, ``Undisclosed``...: the normaliser's ``none``);
- ``present-not-open``: a licence the knowledge base knows and that is not open (the MOF
  default-mode test, :func:`openness_kg.licenses.kb.is_open_mof`, by the expression's OR/AND);
- ``present-open``: every declared licence known and open;
- ``unknown``: a declared licence string the knowledge base cannot read.

A component with several licences is as open as its least open one: ``present-not-open``
(positive evidence) before ``unknown`` before ``present-unlicensed`` before ``present-open``.

:class:`RecordFacts` is what the computed frameworks read: the record, its model, the status and
evidence of every MOF component, and the access facts (gating, weight files) of a Hub record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from ..licenses import kb
from ..licenses.normalize import Normalized, is_open_expression, normalize
from ..mof.settings import OKG_CLASS, load_settings
from ..namespaces import OKG

ABSENT = "absent"
UNLICENSED = "present-unlicensed"
NOT_OPEN = "present-not-open"
OPEN = "present-open"
UNKNOWN = "unknown"
STATUSES = (ABSENT, UNLICENSED, NOT_OPEN, OPEN, UNKNOWN)
STATUS_CONCEPT: dict[str, URIRef] = {
    ABSENT: OKG.StatusAbsent,
    UNLICENSED: OKG.StatusPresentUnlicensed,
    NOT_OPEN: OKG.StatusPresentNotOpen,
    OPEN: OKG.StatusPresentOpen,
    UNKNOWN: OKG.StatusUnknown,
}
# least open first: the status of a component with several licences is the first one found
_PRECEDENCE = (NOT_OPEN, UNKNOWN, UNLICENSED, OPEN)
_MOF_NAME = {v: k for k, v in OKG_CLASS.items()}
_NO_LICENCE = ("", "unlicensed")  # what the MOF view also reads as "no licence"


@cache
def licence_status(raw: str) -> str:
    """The status one declared licence string gives a component."""
    if raw in _NO_LICENCE:
        return UNLICENSED
    n = normalize(raw)
    if n.match == "none":
        return UNLICENSED
    if not n.matched:
        return UNKNOWN
    return OPEN if is_open_expression(n, kb.is_open_mof) else NOT_OPEN


def combined_status(raws: Iterable[str]) -> str:
    found = {licence_status(r) for r in raws}
    if not found:
        return UNLICENSED
    return next(s for s in _PRECEDENCE if s in found)


@cache
def normalized(raw: str) -> Normalized:
    return normalize(raw)


@dataclass(frozen=True)
class ComponentFacts:
    """One listed component: its status, licences and the evidence links of the record."""

    name: str
    iri: URIRef
    status: str
    declared: tuple[str, ...]
    paths: tuple[str, ...] = ()
    links: tuple[URIRef, ...] = ()
    inherited: bool = False

    @property
    def licences(self) -> tuple[str, ...]:
        """The declared licences the knowledge base reads, as normalised ids/expressions."""
        out = []
        for raw in self.declared:
            n = normalized(raw)
            if n.matched and n.licence not in out:
                out.append(n.licence)
        return tuple(out)


@dataclass
class RecordFacts:
    """What the computed frameworks read from one source record."""

    record: URIRef
    model: URIRef
    name: str
    source: str
    kind: URIRef | None = None
    gating: URIRef | None = None
    hub_page: URIRef | None = None
    components: dict[str, ComponentFacts] = field(default_factory=dict)
    data_information_judged: bool | None = None  # a person's assertion, never a record's
    record_version: URIRef | None = None  # the version of the record read (issue 17)

    def status(self, name: str) -> str:
        c = self.components.get(name)
        return c.status if c is not None else ABSENT

    def statuses(self) -> dict[str, str]:
        return {c.name: self.status(c.name) for c in load_settings().components}

    def open_names(self) -> set[str]:
        return {n for n, c in self.components.items() if c.status == OPEN}

    @property
    def is_hub(self) -> bool:
        return self.kind in (OKG.HubModelInfo, OKG.HubModelCard)


def record_facts(
    triples: Iterable[tuple[Node, Node, Node]],
    model: URIRef,
    record: URIRef,
    name: str,
    source: str,
    judged: bool | None = None,
) -> RecordFacts:
    """Read one record's triples once into :class:`RecordFacts`."""
    comps: list[Node] = []
    types: dict[Node, URIRef] = {}
    declared: dict[Node, list[str]] = {}
    paths: dict[Node, list[str]] = {}
    links: dict[Node, list[URIRef]] = {}
    inherited: set[Node] = set()
    facts = RecordFacts(record=record, model=model, name=name, source=source)
    for s, p, o in triples:
        if p == OKG.hasComponent:
            if s == model:
                comps.append(o)
        elif p == RDF.type:
            if o in _MOF_NAME:
                types[s] = o  # type: ignore[assignment]
        elif p == OKG.declaredLicense:
            raws = declared.setdefault(s, [])
            if str(o) not in raws:
                raws.append(str(o))
        elif p == OKG.componentPath:
            paths.setdefault(s, []).append(str(o))
        elif p == OKG.evidencedBy and isinstance(o, URIRef):
            links.setdefault(s, []).append(o)
        elif p == OKG.licenseInheritedFrom:
            inherited.add(s)
        elif p == OKG.sourceKind and s == record and isinstance(o, URIRef):
            facts.kind = o
        elif s == model and isinstance(o, URIRef) and p in (OKG.gating, OKG.hubPage):
            if p == OKG.gating:
                facts.gating = o
            else:
                facts.hub_page = o
        elif p == OKG.dataInformationSufficient and s == model and isinstance(o, Literal):
            facts.data_information_judged = bool(o.toPython())
    for comp in comps:
        cls = types.get(comp)
        if cls is None or not isinstance(comp, URIRef):
            continue
        cname = _MOF_NAME[cls]
        decl = tuple(declared.get(comp, ()))
        facts.components[cname] = ComponentFacts(
            name=cname,
            iri=comp,
            status=combined_status(decl),
            declared=decl,
            paths=tuple(sorted(set(paths.get(comp, ())))),
            links=tuple(sorted(set(links.get(comp, ())))),
            inherited=comp in inherited,
        )
    if judged is not None:
        facts.data_information_judged = judged
    return facts


def status_triples(facts: RecordFacts) -> Iterable[tuple[Node, Node, Node]]:
    """``<component> okg:componentStatus <status>`` for every listed component."""
    for c in facts.components.values():
        yield c.iri, OKG.componentStatus, STATUS_CONCEPT[c.status]


__all__ = [
    "ABSENT",
    "NOT_OPEN",
    "OPEN",
    "STATUSES",
    "UNKNOWN",
    "UNLICENSED",
    "ComponentFacts",
    "RecordFacts",
    "combined_status",
    "licence_status",
    "record_facts",
]


def facts_from_triples(triples: list[tuple[Node, Node, Node]]) -> list[RecordFacts]:
    """Facts of every model in a graph that is not (or not only) one stored record, e.g. a
    user's own Turtle for ``validate --data``: each model (``a okg:Model`` or with
    components), its record the graph saying ``okg:recordOf`` it, else the model itself. When
    the triples are a source record, only the models it is the record of."""
    models: dict[URIRef, None] = {}
    records: dict[Node, URIRef] = {}
    names: dict[Node, str] = {}
    for s, p, o in triples:
        if isinstance(s, URIRef) and (p == OKG.hasComponent or (p == RDF.type and o == OKG.Model)):
            models[s] = None
        elif p == OKG.recordOf and isinstance(s, URIRef):
            records[o] = s
        elif p == OKG.releaseName:
            names[s] = str(o)
    if records:  # a source record: the models it is the record of (not e.g. base models)
        models = {m: None for m in models if m in records}
    return [
        record_facts(triples, m, records.get(m, m), names.get(m, str(m)), str(records.get(m, m)))
        for m in sorted(models)
    ]
