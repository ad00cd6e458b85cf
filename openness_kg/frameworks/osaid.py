"""OSI's Open Source AI Definition 1.0, as the SHACL shapes of ``shapes/osaid.ttl``.

Sources: the definition (https://opensource.org/ai/open-source-ai-definition, 1.0, October
2024): Data Information, Code and Parameters, each under OSI-approved licences or terms; OSI's
checklist mapped onto MOF components (https://hackmd.io/@opensourceinitiative/checklist-mof),
which OSI calls a learning tool, not an operating manual (OSI certifies nothing). The rows:

- Code: Data preprocessing code, Training code, Inference code, Supporting libraries and tools,
  Model architecture, each under an OSI-approved licence (the SPDX ``isOsiApproved`` flag);
- Parameters: Model parameters (Final) under terms with no use, field, user-count or commercial
  restriction (:mod:`.licence_terms`; the knowledge base's terms, ``unknown`` where it cannot
  tell);
- Data Information: at least one of Datasets, Research paper, Technical report, Data card,
  listed under an open licence; whether it is *sufficient* is a human judgment no record
  carries, which a user asserts with ``okg:dataInformationSufficient`` (``validate --data``).

The data the shapes read is the record's OSAID view (:func:`osaid_view`): components with their
status and licences, the licences flagged from the knowledge base. Verdict: a ``sh:Violation``
(positive evidence of non-open terms) -> ``fails``; else a ``sh:Warning`` (an element not
shown) -> ``incomplete``; else the ``sh:Info`` of the unasserted human judgment ->
``meets-checkable-part``; no result -> ``conforms``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, XSD
from rdflib.term import Node

from ..iris import IriError, Minter, slug
from ..mof.settings import OKG_CLASS
from ..namespaces import OKG, SHAPES, SPDX
from ..paths import SHAPES_DIR
from ..shacl.compiled import CompiledShapes
from ..shacl.run import ShaclResult
from .licence_terms import RESTRICTED, UNRESTRICTED, osi_approved, use_terms
from .result import CLOSED, NOT_EVIDENCED, OPEN, PARTIAL, CriterionResult, Verdict, names
from .status import (
    ABSENT,
    NOT_OPEN,
    UNKNOWN,
    UNLICENSED,
    RecordFacts,
    facts_from_triples,
    normalized,
)

Triple = tuple[Node, Node, Node]

TOKEN = "osaid"
FRAMEWORK = OKG.OpenSourceAIDefinition
VERSION = "1.0"
RULE_VERSION = "shapes/osaid.ttl 1; " + "checklist-mof rows; parameters by licence KB terms"
OSAID_SHAPES = SHAPES_DIR / "osaid.ttl"
CONFORMS, MEETS, INCOMPLETE, FAILS = "conforms", "meets-checkable-part", "incomplete", "fails"
VERDICT_CONCEPT = {
    CONFORMS: OKG.OsaidConforms,
    MEETS: OKG.OsaidMeetsCheckablePart,
    INCOMPLETE: OKG.OsaidIncomplete,
    FAILS: OKG.OsaidFails,
}
RANK = (CONFORMS, MEETS, INCOMPLETE, FAILS)  # most favourable first

CODE_ROWS = (
    "Data preprocessing code",
    "Training code",
    "Inference code",
    "Supporting libraries and tools",
    "Model architecture",
)
PARAMETERS = "Model parameters (Final)"
DATA_INFORMATION = ("Datasets", "Research paper", "Technical report", "Data card")
CRITERIA = (*CODE_ROWS, PARAMETERS, "Data information")


def _local(cls: URIRef) -> str:
    return str(cls).rsplit("#", 1)[-1]


# shape local name part -> criterion label
_CRITERION_OF = {_local(OKG_CLASS[n]): n for n in (*CODE_ROWS, PARAMETERS)} | {
    "DataInformation": "Data information"
}


@cache
def osaid_shapes() -> Graph:
    return Graph().parse(OSAID_SHAPES, format="turtle")


@cache
def compiled() -> CompiledShapes:
    return CompiledShapes(osaid_shapes())


def _licence_node(lid: str, minter: Minter, fallback: URIRef) -> URIRef:
    try:
        return minter.license(lid)
    except IriError:
        return fallback


def osaid_triples(records: Iterable[RecordFacts], minter: Minter) -> list[Triple]:
    """The graph the OSAID shapes read: per model its components (MOF class, status) and each
    declared licence, flagged from the knowledge base (``spdx:isOsiApproved``,
    ``okg:UnrestrictedUseLicense`` / ``okg:RestrictedUseLicense``). A licence string the
    knowledge base cannot read (or a "none" statement beside real licences) becomes a node with
    no flags, so it never counts as open and never as evidence of non-open terms."""
    from .status import STATUS_CONCEPT

    out: list[Triple] = []
    add = out.append
    for f in records:
        add((f.model, RDF.type, OKG.Model))
        if f.data_information_judged is not None:
            add(
                (
                    f.model,
                    OKG.dataInformationSufficient,
                    Literal(f.data_information_judged, datatype=XSD.boolean),
                )
            )
        for c in f.components.values():
            add((f.model, OKG.hasComponent, c.iri))
            add((c.iri, RDF.type, OKG_CLASS[c.name]))
            add((c.iri, OKG.componentStatus, STATUS_CONCEPT[c.status]))
            if c.status == UNLICENSED and not any(normalized(r).matched for r in c.declared):
                continue  # no licence at all
            for i, raw in enumerate(c.declared):
                n = normalized(raw)
                unread = URIRef(f"{c.iri}/licence-unread-{i}")
                if not n.matched:
                    add((c.iri, DCTERMS.license, unread))
                    continue
                lic = _licence_node(n.licence, minter, unread)
                add((c.iri, DCTERMS.license, lic))
                add((lic, SPDX.isOsiApproved, Literal(osi_approved(n))))
                terms = use_terms(n)
                if terms == UNRESTRICTED:
                    add((lic, RDF.type, OKG.UnrestrictedUseLicense))
                elif terms == RESTRICTED:
                    add((lic, RDF.type, OKG.RestrictedUseLicense))
    return out


def osaid_view(records: Iterable[RecordFacts], minter: Minter, into: Graph | None = None) -> Graph:
    """:func:`osaid_triples` as an rdflib graph (for pySHACL and ``validate``)."""
    g = into if into is not None else Graph()
    for t in osaid_triples(records, minter):
        g.add(t)
    return g


def _criterion_of(shape: str) -> tuple[str, str]:
    local = shape.removeprefix(str(SHAPES)).removeprefix("OSAID-")
    part, _, kind = local.partition("-")
    return _CRITERION_OF[part], kind


def _not_shown_why(f: RecordFacts, name: str) -> str:
    st = f.status(name)
    c = f.components.get(name)
    if st == ABSENT:
        return f"{name} (not listed)"
    if st == UNLICENSED:
        return f"{name} (listed without a licence)"
    if st == UNKNOWN:
        return f"{name} (licence {', '.join(repr(r) for r in c.declared) if c else ''} unreadable)"
    lic = ", ".join(c.licences) if c else ""
    if name == PARAMETERS:
        return f"{name} (terms of {lic} not known to the licence KB)"
    return f"{name} (licence {lic})"


def verdict_token(results: Iterable[ShaclResult]) -> str:
    """The verdict a report gives: a Violation fails, a Warning is incomplete, the Info of the
    unasserted human judgment meets the checkable part, nothing conforms."""
    severities = {r.severity for r in results}
    if str(SH.Violation) in severities:
        return FAILS
    if str(SH.Warning) in severities:
        return INCOMPLETE
    return MEETS if severities else CONFORMS


def verdict_from_results(f: RecordFacts, results: list[ShaclResult]) -> Verdict:
    """The OSAID verdict on one record from the report of its OSAID view."""
    focus = {str(f.model)} | {str(c.iri) for c in f.components.values()}
    mine = [r for r in results if r.focus in focus]
    failed: dict[str, list[ShaclResult]] = {}
    unshown: set[str] = set()
    unjudged = False
    for r in mine:
        crit, kind = _criterion_of(r.source_shape)
        if r.severity == str(SH.Violation):
            failed.setdefault(crit, []).append(r)
        elif r.severity == str(SH.Warning):
            unshown.add(crit)
        elif kind == "judged":
            unjudged = True
    criteria = []
    for crit in CRITERIA:
        members = DATA_INFORMATION if crit == "Data information" else (crit,)
        evidence = tuple(c.iri for n in members if (c := f.components.get(n)) is not None) + tuple(
            URIRef(r.value) for r in failed.get(crit, []) if r.value and r.value[:4] == "http"
        )
        if crit in failed:
            st, why = CLOSED, _failed_why(f, crit)
        elif crit in unshown:
            st = NOT_EVIDENCED
            why = (
                "none of " + names([_not_shown_why(f, n) for n in DATA_INFORMATION]) + " is open"
                if crit == "Data information"
                else _not_shown_why(f, crit)
            )
        elif crit == "Data information" and unjudged:
            st, why = PARTIAL, "shown openly; sufficiency not judged (a human judgment)"
        else:
            st, why = OPEN, "met"
        criteria.append(CriterionResult(slug(crit), crit, st, why, evidence))
    if failed:
        token = FAILS
        detail = "fails: " + "; ".join(_failed_why(f, c) for c in CRITERIA if c in failed)
    elif unshown:
        token = INCOMPLETE
        detail = "incomplete: not shown " + "; ".join(
            c.detail for c in criteria if c.status == NOT_EVIDENCED
        )
    elif unjudged:
        token = MEETS
        detail = (
            "meets the machine-checkable part; data information sufficiency is a human "
            "judgment no record carries (assert okg:dataInformationSufficient)"
        )
    else:
        token = CONFORMS
        detail = "conforms: machine-checkable part holds and data information judged sufficient"
    return Verdict(TOKEN, f, token, None, detail, tuple(criteria))


def _failed_why(f: RecordFacts, crit: str) -> str:
    if crit == "Data information":
        return "Data information judged insufficient by a person"
    c = f.components.get(crit)
    lic = ", ".join(c.licences) if c else ""
    if crit == PARAMETERS:
        return f"{crit} under terms with use restrictions ({lic})"
    return f"{crit} under a licence that is not OSI-approved ({lic})"


@cache
def _minter() -> Minter:
    return Minter.from_env()


def assess(f: RecordFacts, minter: Minter | None = None) -> Verdict:
    """The OSAID verdict on one record (the compiled evaluator of ``shapes/osaid.ttl``)."""
    view = osaid_triples([f], minter or _minter())
    return verdict_from_results(f, compiled().validate(view))


def assess_many(facts: Sequence[RecordFacts], minter: Minter | None = None) -> list[Verdict]:
    """The OSAID verdicts on records whose views share no model or component (a batch,
    :func:`~openness_kg.shacl.compiled.disjoint_batches`): one evaluation of all their views,
    the results split by focus node; equal to :func:`assess` on each (tested)."""
    view = osaid_triples(facts, minter or _minter())
    owner: dict[str, int] = {}
    for i, f in enumerate(facts):
        owner[str(f.model)] = i
        for c in f.components.values():
            owner[str(c.iri)] = i
    mine: list[list[ShaclResult]] = [[] for _ in facts]
    for r in compiled().validate(view):
        k = owner.get(r.focus)
        if k is not None:
            mine[k].append(r)
    return [verdict_from_results(f, rs) for f, rs in zip(facts, mine, strict=True)]


def osaid_record_view(minter: Minter) -> Callable[[list[Triple], Graph], Graph]:
    """The OSAID view of a record's (or a user's) triples, for ``validate --shapes osaid``."""

    def view(triples: list[Triple], into: Graph) -> Graph:
        return osaid_view(facts_from_triples(triples), minter, into)

    return view


__all__ = [
    "NOT_OPEN",
    "TOKEN",
    "assess",
    "assess_many",
    "osaid_record_view",
    "osaid_shapes",
    "osaid_view",
    "verdict_from_results",
]
