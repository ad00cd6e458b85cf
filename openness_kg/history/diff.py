"""What changed between two states of the graph: two stores, two published releases, or two
dates of one store (from its record versions).

A state (:class:`State`) is, per source record, what the record says about its model
(components, the licences of each, release-level licences, lineage: :class:`RecordFacts`)
and, per stored assessment, its verdict (:class:`Verdict`), for any framework: an
assessment is any ``okg:Assessment`` with an ``okg:verdict`` that is not part of another
(``dcterms:isPartOf``), keyed by its IRI (minted from framework, record and model, so the
same assessment has the same IRI in two builds). :func:`compare` lists the changes per model,
each with the record (and its two version digests) and the rule versions behind it.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS
from rdflib.term import Node

from ..namespaces import OKG
from ..records import Triple
from ..store import KGStore, OxigraphStore, StoreError, open_store
from .versions import (
    Version,
    as_datetime,
    content_digest,
    kept_versions,
    version_at,
    version_triples,
    versions_of,
)

LINEAGE = (
    OKG.fineTunedFrom,
    OKG.adapterOf,
    OKG.quantizedFrom,
    OKG.mergedFrom,
    OKG.derivedFromModel,
)
HEADERS = ["model", "change", "subject", "old", "new", "record", "versions", "rules"]
NONE = "(none)"
NOT_ASSESSED = "(not assessed)"

RECORD_GRAPHS = """
PREFIX okg: <https://w3id.org/openness-kg/ontology#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a okg:SourceRecord } }
"""
ASSESSMENT_GRAPHS = """
PREFIX okg: <https://w3id.org/openness-kg/ontology#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a okg:Assessment } }
"""
# records that exist only as kept versions (dropped since): their content said SourceRecord
KEPT_RECORDS = """
PREFIX okg: <https://w3id.org/openness-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT DISTINCT ?record ?kind WHERE {
  GRAPH ?v { ?v a okg:RecordVersion ; prov:specializationOf ?record .
             ?st rdf:subject ?x ; rdf:predicate rdf:type ; rdf:object ?kind .
             FILTER (?kind = okg:Assessment || (?kind = okg:SourceRecord && ?x = ?record)) }
}
"""


def local_name(term: Node) -> str:
    text = str(term)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
            break
    return unquote(text)


def after(term: Node, marker: str) -> str:
    """The part of an IRI after ``marker`` (``/model/``, ``/record/``), decoded; else the IRI."""
    text = str(term)
    return unquote(text.split(marker, 1)[1]) if marker in text else text


@dataclass(frozen=True)
class RecordFacts:
    """What one record (one version of it) says about its model."""

    record: URIRef
    model: URIRef | None
    digest: str
    components: dict[str, str] = field(default_factory=dict)  # name -> licence text
    release_licences: dict[str, str] = field(default_factory=dict)  # key -> licence text
    lineage: frozenset[tuple[str, str]] = frozenset()  # (relation, base model)


def _licence_text(declared: Iterable[str], ids: Iterable[str]) -> str:
    d, i = sorted(set(declared)), sorted(set(ids))
    if not d and not i:
        return NONE
    text = "; ".join(d)
    return f"{text} [{', '.join(i)}]".strip() if i else text


def record_facts(
    record: URIRef, triples: Sequence[Triple], digest: str | None = None
) -> RecordFacts:
    model = next(
        (o for s, p, o in triples if s == record and p == OKG.recordOf and isinstance(o, URIRef)),
        None,
    )
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in triples:
        by_subject.setdefault(s, []).append((p, o))

    def licence(node: Node) -> str:
        props = by_subject.get(node, [])
        declared = [str(o) for p, o in props if p == OKG.declaredLicense]
        ids = [local_name(o) for p, o in props if p == DCTERMS.license]
        return _licence_text(declared, ids)

    components: dict[str, str] = {}
    releases: dict[str, str] = {}
    lineage: set[tuple[str, str]] = set()
    for p, o in by_subject.get(model, []) if model is not None else []:
        if p == OKG.hasComponent:
            label = next((str(x) for q, x in by_subject.get(o, []) if q == RDFS.label), None)
            components[label or after(o, "/component/")] = licence(o)
        elif p == OKG.releaseLicense:
            releases[local_name(o)] = licence(o)
        elif p in LINEAGE:
            lineage.add((local_name(p), after(o, "/model/")))
    return RecordFacts(
        record,
        model,
        digest or content_digest(triples),
        components,
        releases,
        frozenset(lineage),
    )


@dataclass(frozen=True)
class Verdict:
    """One stored assessment's verdict."""

    assessment: URIRef
    framework: str  # a token: the assessment IRI's framework segment, else the framework's name
    model: URIRef
    record: URIRef | None
    verdict: str
    rule: str
    record_version: URIRef | None
    generated: str | None


def verdicts_from(triples: Sequence[Triple]) -> Iterator[Verdict]:
    """The top-level assessments among ``triples`` (one assessment graph, or a version of it)."""
    props: dict[Node, dict[Node, list[Node]]] = {}
    for s, p, o in triples:
        props.setdefault(s, {}).setdefault(p, []).append(o)
    for a, ps in props.items():
        if OKG.Assessment not in ps.get(RDF.type, []) or DCTERMS.isPartOf in ps:
            continue
        if OKG.verdict not in ps or not isinstance(a, URIRef):
            continue

        def one(p: URIRef, ps: dict[Node, list[Node]] = ps) -> Node | None:
            vals = ps.get(p)
            return min(vals, key=str) if vals else None

        framework = one(OKG.framework)
        token = after(a, "/assessment/").split("/", 1)[0] if "/assessment/" in a else ""
        model, record, rv = (
            one(OKG.assessedModel),
            one(OKG.basedOnRecord),
            one(OKG.basedOnRecordVersion),
        )
        generated = one(PROV.generatedAtTime)
        yield Verdict(
            assessment=a,
            framework=token or (local_name(framework) if framework is not None else "?"),
            model=model if isinstance(model, URIRef) else URIRef(""),
            record=record if isinstance(record, URIRef) else None,
            verdict=", ".join(sorted(local_name(v) for v in ps[OKG.verdict])),
            rule="; ".join(sorted(str(v) for v in ps.get(OKG.ruleVersion, []))),
            record_version=rv if isinstance(rv, URIRef) else None,
            generated=str(generated) if isinstance(generated, Literal) else None,
        )


@dataclass
class State:
    """What the graph said at one point: per record its facts, per assessment its verdict."""

    label: str
    records: dict[URIRef, RecordFacts] = field(default_factory=dict)
    verdicts: dict[URIRef, Verdict] = field(default_factory=dict)


RELEASE_DUMP = Path("dumps") / "openness-kg.nq.gz"  # what ``publish`` writes, with graphs


def open_source(path: Path) -> KGStore:
    """A state's source: a store directory (opened read-only), a ``publish`` release directory
    (its N-Quads dump) or an N-Quads/TriG file (``.gz`` too), the last two loaded into
    memory. Raises ``ValueError`` naming the path and the problem."""
    if not path.exists():
        raise ValueError(f"no such store, release or dump: {path}")
    if path.is_dir() and (path / RELEASE_DUMP).is_file():
        path = path / RELEASE_DUMP
    if path.is_dir():
        try:
            return open_store(path, read_only=True)
        except StoreError as exc:
            raise ValueError(f"{path}: not a store ({exc})") from exc
    name = path.name.removesuffix(".gz")
    fmt = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}.get(Path(name).suffix)
    if fmt is None:
        raise ValueError(f"{path}: give a store folder, a release folder or a .nq/.trig dump")
    store = OxigraphStore(None)
    try:
        with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as f:
            store.raw.load(f.read(), fmt)
    except (OSError, SyntaxError, ValueError) as exc:
        raise ValueError(f"{path}: cannot read it: {exc}".replace("\n", " ")) from exc
    return store


def _graphs(store: KGStore, query: str) -> list[URIRef]:
    return sorted(r["g"] for r in store.select(query) if isinstance(r.get("g"), URIRef))  # type: ignore[misc]


def _triples(store: KGStore, graph: URIRef) -> list[Triple]:
    return [(s, p, o) for s, p, o, _ in store.quads(graph)]


def state_of(store: KGStore, label: str) -> State:
    """The current state of a store (its records' graphs and assessment graphs)."""
    state = State(label)
    for g in _graphs(store, RECORD_GRAPHS):
        state.records[g] = record_facts(g, _triples(store, g))
    for g in _graphs(store, ASSESSMENT_GRAPHS):
        for v in verdicts_from(_triples(store, g)):
            state.verdicts[v.assessment] = v
    return state


def state_at(store: KGStore, when: str) -> State:
    """The state of one store on a date, from its record versions: per record the version
    whose own date is the latest on or before ``when``; per assessment the latest one that
    read that version of its record (none when no stored assessment read it)."""
    state = State(when)
    kept: dict[URIRef, list[Version]] = {}
    for v in kept_versions(store):
        kept.setdefault(v.record, []).append(v)
    kinds: dict[URIRef, set[Node]] = {}
    for r in store.select(KEPT_RECORDS):
        kinds.setdefault(r["record"], set()).add(r["kind"])  # type: ignore[arg-type]
    records = set(_graphs(store, RECORD_GRAPHS)) | {
        g for g, k in kinds.items() if OKG.SourceRecord in k
    }
    chosen: dict[URIRef, URIRef] = {}  # record -> version IRI valid on the date
    for g in sorted(records):
        valid = version_at(versions_of(store, g, kept.get(g, [])), when)
        if valid is None:
            continue
        state.records[g] = record_facts(g, version_triples(store, valid), valid.digest)
        chosen[g] = valid.iri
    assessment_graphs = set(_graphs(store, ASSESSMENT_GRAPHS)) | {
        g for g, k in kinds.items() if OKG.Assessment in k
    }
    candidates: dict[URIRef, list[Verdict]] = {}
    for g in sorted(assessment_graphs):
        for v in versions_of(store, g, kept.get(g, [])):
            for verdict in verdicts_from(version_triples(store, v)):
                if (
                    verdict.record is not None
                    and chosen.get(verdict.record) == verdict.record_version
                ):
                    candidates.setdefault(verdict.assessment, []).append(verdict)
    for a, vs in candidates.items():
        state.verdicts[a] = max(vs, key=lambda x: as_datetime(x.generated) if x.generated else _MIN)
    return state


_MIN = as_datetime("0001-01-01")


# --- comparing two states ---------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Change:
    model: str
    change: str
    subject: str
    old: str
    new: str
    record: str
    versions: str = ""
    rules: str = ""

    def row(self) -> list[str]:
        return [
            self.model,
            self.change,
            self.subject,
            self.old,
            self.new,
            self.record,
            self.versions,
            self.rules,
        ]


def _pair(a: str, b: str) -> str:
    return a if a == b else f"{a} -> {b}"


def compare(old: State, new: State) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted by model, kind of change and subject."""
    out: list[Change] = []
    for g in sorted(set(old.records) | set(new.records)):
        a, b = old.records.get(g), new.records.get(g)
        key = after(g, "/record/")
        model = after((b or a).model or g, "/model/")  # type: ignore[union-attr]
        if a is None or b is None:
            kind = "record-added" if a is None else "record-removed"
            digest = (b or a).digest  # type: ignore[union-attr]
            out.append(Change(model, kind, key, "", "", key, digest))
            continue
        versions = _pair(a.digest, b.digest)
        if a.model != b.model:
            old_model = after(a.model, "/model/") if a.model is not None else NONE
            out.append(Change(model, "record-of", key, old_model, model, key, versions))

        def add(kind: str, subject: str, o: str, n: str) -> None:
            out.append(Change(model, kind, subject, o, n, key, versions))  # noqa: B023

        for name in sorted(set(a.components) | set(b.components)):
            ca, cb = a.components.get(name), b.components.get(name)
            if ca is None:
                add("component-added", name, "", cb or "")
            elif cb is None:
                add("component-removed", name, ca, "")
            elif ca != cb:
                add("licence", name, ca, cb)
        for name in sorted(set(a.release_licences) | set(b.release_licences)):
            la, lb = a.release_licences.get(name, NONE), b.release_licences.get(name, NONE)
            if la != lb:
                add("licence", f"release licence ({name})", la, lb)
        for rel, base in sorted(a.lineage - b.lineage):
            add("lineage-removed", rel, base, "")
        for rel, base in sorted(b.lineage - a.lineage):
            add("lineage-added", rel, "", base)
    for key in sorted(set(old.verdicts) | set(new.verdicts)):
        va, vb = old.verdicts.get(key), new.verdicts.get(key)
        verdict_a = va.verdict if va else _missing(old, key, vb)
        verdict_b = vb.verdict if vb else _missing(new, key, va)
        if verdict_a == verdict_b:
            continue
        v = vb or va
        assert v is not None
        rec = v.record
        out.append(
            Change(
                model=after(v.model, "/model/"),
                change="verdict",
                subject=v.framework,
                old=verdict_a,
                new=verdict_b,
                record=after(rec, "/record/") if rec is not None else "",
                versions=_pair(_digest_of(va), _digest_of(vb)),
                rules=_pair(va.rule if va else NONE, vb.rule if vb else NONE),
            )
        )
    return sorted(out)


def _missing(state: State, assessment: URIRef, other: Verdict | None) -> str:
    """No verdict in ``state``: ``(not assessed)`` when the record the other side's
    assessment read is there (nothing assessed that content), else ``(none)``."""
    record = other.record if other is not None else None
    return NOT_ASSESSED if record is not None and record in state.records else NONE


def _digest_of(v: Verdict | None) -> str:
    if v is None or v.record_version is None:
        return NONE
    return str(v.record_version).rsplit("/version/", 1)[-1]


# --- what differs between two versions of one record ------------------------------------------


@dataclass(frozen=True, order=True)
class FieldChange:
    """One field (a subject and a property) whose values differ between two versions."""

    subject: str
    field: str
    old: str
    new: str


def _short(term: Node, record: URIRef, model: Node | None) -> str:
    if term == record:
        return "record"
    if model is not None and term == model:
        return "model"
    text = str(term)
    if model is not None and text.startswith(f"{model}/"):
        return text[len(str(model)) + 1 :]
    return text


def field_changes(
    record: URIRef, old: Sequence[Triple], new: Sequence[Triple]
) -> list[FieldChange]:
    """Per (subject, property), the values only one version has, sorted; subjects are
    ``record``, ``model`` or a path under the model (``component/...``), else the IRI."""
    model = next((o for s, p, o in [*new, *old] if s == record and p == OKG.recordOf), None)

    def fields(triples: Sequence[Triple]) -> dict[tuple[str, str], set[str]]:
        out: dict[tuple[str, str], set[str]] = {}
        for s, p, o in triples:
            value = str(o) if isinstance(o, Literal) else _short(o, record, model)
            out.setdefault((_short(s, record, model), local_name(p)), set()).add(value)
        return out

    a, b = fields(old), fields(new)
    changes = []
    for key in sorted(set(a) | set(b)):
        va, vb = a.get(key, set()), b.get(key, set())
        if va != vb:
            changes.append(
                FieldChange(key[0], key[1], "; ".join(sorted(va - vb)), "; ".join(sorted(vb - va)))
            )
    return changes
