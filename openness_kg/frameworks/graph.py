"""Computed assessments as RDF, stored the way MOF assessments are (:mod:`..mof.classify`).

One named graph per record and framework (``record/<framework>-assessment/<record key>``)
holding one ``okg:Assessment``: framework IRI and version, rule version, verdict concept,
score, reason, evidence, ``okg:basedOnRecord``, ``okg:assessedBy`` and
``prov:generatedAtTime``; and one part per criterion (``dcterms:isPartOf`` the assessment) with
the criterion, its status (``okg:Open``/``Partial``/``Closed``/``NotEvidenced``), reason and
evidence. The graph describes itself as a ``prov:Entity`` derived from the record. Per model
and framework, a summary graph with the most open verdict of the model's records is
:mod:`openness_kg.summaries`' (``okg:highestOsaidVerdict``, ``okg:highestG7Label``,
``okg:highestReleaseLevel``). The criteria themselves are described once, in
``record/framework-criteria/<framework>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from .. import __version__
from ..iris import Minter
from ..namespaces import OKG
from ..records import Record, plain
from .result import STATUS_CONCEPT, Verdict


@dataclass(frozen=True)
class FrameworkInfo:
    """What the graph records about a computed framework."""

    token: str
    iri: URIRef
    version: str
    rule_version: str
    verdicts: dict[str, URIRef]  # verdict token -> concept (empty: no verdict concept)
    rank: tuple[str, ...] = ()  # verdict tokens, most open first (for the summary)
    summary: URIRef | None = None  # the summary property


def _stamp(when: datetime) -> Literal:
    return Literal(when.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _key(record: URIRef) -> str:
    return str(record).split("/record/", 1)[-1]


def assessment_record(v: Verdict, info: FrameworkInfo, minter: Minter, when: datetime) -> Record:
    f = v.facts
    kind = f"{info.token}-assessment"
    graph = minter.record(kind, _key(f.record))
    rec = Record(graph=graph, source=f"{kind}:{_key(f.record)}")
    add = rec.add
    a = minter.assessment(info.token, f.record, f.model)
    stamp = _stamp(when)
    rule = f"{info.rule_version}; openness-kg {__version__}"
    agent = minter.agent("openness-kg")
    add(graph, RDF.type, PROV.Entity)
    add(graph, PROV.wasDerivedFrom, f.record)
    add(graph, PROV.generatedAtTime, stamp)
    add(a, RDF.type, OKG.Assessment)
    add(a, OKG.framework, info.iri)
    add(a, OKG.frameworkVersion, plain(info.version))
    add(a, OKG.assessedModel, f.model)
    add(a, OKG.basedOnRecord, f.record)
    if f.record_version is not None:
        add(a, OKG.basedOnRecordVersion, f.record_version)
    concept = info.verdicts.get(v.verdict)
    if concept is not None:
        add(a, OKG.verdict, concept)
    if v.score is not None:
        add(a, OKG.score, Literal(round(v.score, 6), datatype=XSD.decimal))
    add(a, OKG.ruleVersion, plain(rule))
    add(a, OKG.assessedBy, agent)
    add(agent, RDF.type, PROV.SoftwareAgent)
    add(agent, RDFS.label, plain("openness-kg"))
    add(a, PROV.generatedAtTime, stamp)
    add(a, RDFS.label, plain(f"{info.token} {v.verdict}: {f.name}"))
    add(a, OKG.reason, plain(v.detail))
    for e in v.evidence:
        add(a, OKG.evidence, e)
    for c in v.criteria:
        part = URIRef(f"{a}/{c.key}")
        add(part, RDF.type, OKG.Assessment)
        add(part, DCTERMS.isPartOf, a)
        add(part, OKG.framework, info.iri)
        add(part, OKG.assessedModel, f.model)
        add(part, OKG.criterion, minter.criterion(info.token, c.key))
        add(part, OKG.verdict, STATUS_CONCEPT[c.status])
        add(part, OKG.reason, plain(c.detail))
        for e in c.evidence:
            add(part, OKG.evidence, e)
    return rec


def criteria_record(info: FrameworkInfo, criteria: dict[str, str], minter: Minter) -> Record:
    """The criteria of one framework (key -> label), described once."""
    graph = minter.record("framework-criteria", info.token)
    rec = Record(graph=graph, source=f"framework-criteria:{info.token}")
    for key, label in sorted(criteria.items()):
        crit = minter.criterion(info.token, key)
        rec.add(crit, RDF.type, OKG.Criterion)
        rec.add(crit, RDFS.label, plain(label))
        rec.add(crit, RDFS.isDefinedBy, info.iri)
    return rec
