"""Classifying records into MOF classes: view -> SHACL (class) + progress, and assessments.

The class comes from the SHACL report over the record's MOF view (the compiled evaluator by
default, pySHACL with ``engine="pyshacl"``; tests hold them equal); progress comes from the
same view. Results are stored as ``okg:Assessment`` nodes in one named graph per record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SH, XSD
from rdflib.term import Node

from .. import __version__
from ..binding import bind_parameters
from ..frameworks.records import read_record_lines, record_rows, record_version
from ..iris import Minter
from ..namespaces import OKG, sparql_prologue
from ..records import Record
from ..shacl.compiled import CompiledShapes, disjoint_batches
from ..shacl.run import ShaclResult, validate_views
from ..shacl.sparql import SparqlShapes
from ..store import KGStore
from ..store.write import write_records
from ..summaries import refresh
from .progress import Progress, open_in_view, progress_from_open
from .settings import MOF_CLASS_IRI, OKG_CLASS, ROMAN, bundled_source_info
from .shapes import mof_class_from_levels, mof_shapes, shape_levels
from .store_view import (
    LicenceTable,
    MofStoreView,
    components_query,
    declared_strings,
    open_components_query,
)
from .view import (
    DEFAULT,
    STRICT,
    Licences,
    Triple,
    ViewFacts,
    facts_from_lines,
    facts_from_triples,
    keys_graph,
    view_keys,
)

ENGINES = ("fast", "sparql", "pyshacl")
BATCH = 1000  # records validated at once by the compiled evaluator
STORE_CHUNK = 1000  # records one set of SPARQL queries classifies (engine="sparql")


def rule_version(mode: str) -> str:
    commit, _ = bundled_source_info()
    # the choice MOF leaves open, stated with the rule: how a licence expression counts
    exprs = "; a licence expression is open only when every licence and exception in it is"
    return (
        f"MOT ModelEvaluator rules @ {commit[:7]}; {mode} mode"
        f"{exprs if mode == DEFAULT else ''}; openness-kg {__version__}"
    )


@dataclass
class Classification:
    model: URIRef
    name: str
    source: str
    record: URIRef
    mode: str
    progress: Progress
    shacl_class: int
    results: list[ShaclResult] = field(default_factory=list)
    view: Graph | None = None
    record_version: URIRef | None = None  # the version of the record it read (issue 17)

    @property
    def mof_class(self) -> int:
        return self.shacl_class

    def row(self) -> list[object]:
        p = self.progress
        return [
            self.name,
            self.source,
            self.mof_class,
            f"{p.class_1:.2f}",
            f"{p.class_2:.2f}",
            f"{p.class_3:.2f}",
        ]


HEADERS = [
    "model",
    "source",
    "mof_class",
    "progress_class_1",
    "progress_class_2",
    "progress_class_3",
]


@dataclass(frozen=True)
class Item:
    """One record to classify: what the view reads of it, its model, name and source."""

    facts: ViewFacts
    model: URIRef
    name: str
    source: str
    record: URIRef
    record_version: URIRef | None = None


class Classifier:
    """Classifies records set at a time. ``engine="sparql"``: the shapes compiled to SPARQL
    over the MOF view of the records *in the store* (:mod:`openness_kg.mof.store_view`),
    thousands of records per query, nothing read into Python but the results; records given
    as triples, and views kept for ``explain``, go through the compiled evaluator.
    ``engine="fast"``: the views of a batch of records (each model once per batch) validated
    in one call of the compiled evaluator. ``engine="pyshacl"``: each record alone by
    pySHACL (the reference; one record per call, so the tests that hold the engines equal
    also check that batching changes nothing)."""

    def __init__(
        self,
        mode: str = DEFAULT,
        engine: str = "fast",
        minter: Minter | None = None,
        require_class: int | None = None,
    ) -> None:
        if mode not in (DEFAULT, STRICT):
            raise ValueError(f"unknown mode {mode!r}")
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}")
        self.mode, self.engine = mode, engine
        self.minter = minter or Minter()
        self.shapes = mof_shapes(require_class)
        self.levels = {str(k): v for k, v in shape_levels(self.shapes).items()}
        self.compiled = CompiledShapes(self.shapes) if engine != "pyshacl" else None
        self.batch_size = BATCH if engine != "pyshacl" else 1
        self.table = LicenceTable(mode, self.minter)
        self.licences: Licences = {}  # what each declared string stands for in the view
        self._sparql: tuple[tuple[int, bool], SparqlShapes, str] | None = None

    def store_queries(self, lateral: bool) -> tuple[SparqlShapes, str]:
        """The shapes as SPARQL over the MOF view, and the open-components query, compiled
        with the licence table as it stands (again when it has grown; ``lateral``: see
        :func:`~openness_kg.shacl.sparql.per_graph`)."""
        key = (self.table.version, lateral)
        if self._sparql is None or self._sparql[0] != key:
            assert self.compiled is not None
            view = MofStoreView(self.table)
            shapes = SparqlShapes(self.compiled, view, lateral)
            opened = open_components_query(view, shapes.fresh, lateral)
            self._sparql = (key, shapes, opened)
        return self._sparql[1], self._sparql[2]

    def validate(self, view: list[Triple]) -> list[ShaclResult]:
        if self.compiled is not None:
            return self.compiled.validate_keys(view)
        return validate_views(keys_graph(view), self.shapes)

    def classify(
        self,
        triples: Iterable[tuple[Node, Node, Node]],
        model: URIRef,
        name: str,
        source: str,
        record: URIRef,
        keep_view: bool = False,
    ) -> Classification:
        item = Item(facts_from_triples(triples), model, name, source, record)
        return self.classify_many([item], keep_view)[0]

    def classify_many(self, items: Sequence[Item], keep_view: bool = False) -> list[Classification]:
        """Classify records whose views share no model or component (a batch): one
        validation of all their views, the results split by focus node."""
        view: list[Triple] = []
        focus: dict[str, str] = {}
        per_item = []
        for it in items:
            model = str(it.model)
            mine = view_keys(it.facts, self.mode, self.minter, self.licences)
            view.extend(mine)
            focus[model] = model
            for s, p, o in mine:
                if p == _K_HAS and s == model:
                    focus[o] = model
            per_item.append((it, mine))
        by_model: dict[str, list[ShaclResult]] = {}
        for r in self.validate(view):
            m = focus.get(r.focus)
            if m is not None:
                by_model.setdefault(m, []).append(r)
        classes = mof_class_from_levels(by_model, self.levels)
        out = []
        for it, mine in per_item:
            v = keys_graph(mine) if keep_view else None
            out.append(
                Classification(
                    model=it.model,
                    name=it.name,
                    source=it.source,
                    record=it.record,
                    mode=self.mode,
                    progress=progress_from_open(open_in_view(mine, str(it.model))),
                    shacl_class=classes.get(str(it.model), 1),
                    results=by_model.get(str(it.model), []),
                    view=v,
                    record_version=it.record_version,
                )
            )
        return out

    def classify_record(self, rec: Record, keep_view: bool = False) -> Classification:
        model = next(o for s, p, o in rec.triples if p == OKG.recordOf and s == rec.graph)
        name = next(
            (str(o) for s, p, o in rec.triples if s == model and p == OKG.releaseName), str(model)
        )
        return self.classify(rec.triples, model, name, rec.source, rec.graph, keep_view)  # type: ignore[arg-type]


_K_HAS = str(OKG.hasComponent)


RECORDS_QUERY = (
    sparql_prologue()
    + """
SELECT DISTINCT ?g ?model ?path ?name WHERE {
  GRAPH ?g {
    ?g a okg:SourceRecord ; okg:recordOf ?model .
    ?model okg:hasComponent ?c .
    OPTIONAL { ?g okg:sourcePath ?path }
    OPTIONAL { ?model okg:releaseName ?name }
  }
} ORDER BY ?g
"""
)


def store_items(store: KGStore, model: URIRef | None = None) -> Iterator[Item]:
    """Every record in the store that describes a model's components (or ``model``'s), read
    once each by the frameworks' reader
    (:func:`~openness_kg.frameworks.records.read_record_lines`: the store writes each record
    as N-Triples lines, the view's facts are read from them as keys, no rdflib term made;
    the record version is the digest of all of it)."""
    models = [model] if model is not None else None
    for r, lines, version in read_record_lines(store, models):
        facts = facts_from_lines(lines)
        m = str(r.model)
        if any(s == m for s, _ in facts.components):
            yield Item(facts, r.model, r.name, r.source, r.record, version)


def _nodes(it: Item) -> set[str]:
    out = {str(it.model)}
    for s, o in it.facts.components:
        out.add(s)
        out.add(o)
    return out


def classify_store(
    store: KGStore,
    classifier: Classifier,
    model: URIRef | None = None,
    keep_view: bool = False,
    versions: bool = True,
) -> Iterator[Classification]:
    """Classify every record in the store that describes a model's components, a batch at a
    time (memory bounded by the batch, whatever the store's size). ``versions=False``
    leaves ``record_version`` unset (the store engine then reads no record whole: the
    version is the digest of all of a record)."""
    if classifier.engine == "sparql" and not keep_view:
        yield from _classify_in_store(store, classifier, model, versions)
        return
    for batch in disjoint_batches(store_items(store, model), _nodes, classifier.batch_size):
        yield from classifier.classify_many(batch, keep_view)


_MOF_NAME = {str(v): k for k, v in OKG_CLASS.items()}
_MIN_COUNT = str(SH.MinCountConstraintComponent)


def _solutions(store: KGStore, query: str, graphs: list[URIRef]) -> ox.QuerySolutions:
    res = store.query_raw(bind_parameters(query, {"g": graphs}))
    assert isinstance(res, ox.QuerySolutions)
    return res


def _classify_in_store(
    store: KGStore, clf: Classifier, model: URIRef | None, versions: bool
) -> Iterator[Classification]:
    """The store engine: per chunk of records, the distinct licence strings they declare
    extend the licence table, then each compiled query gives its results for all of them."""
    rows = record_rows(store, [model] if model is not None else None)
    for start in range(0, len(rows), STORE_CHUNK):
        chunk = rows[start : start + STORE_CHUNK]
        graphs = [r.record for r in chunk]
        clf.table.extend(declared_strings(store, graphs))
        shapes, open_query = clf.store_queries(store.supports_lateral)
        comps: dict[tuple[str, str], set[str]] = {}
        for sol in _solutions(store, components_query(store.supports_lateral), graphs):
            comps.setdefault((sol["g"].value, sol["m"].value), set()).add(sol["c"].value)
        results: dict[str, list[ShaclResult]] = {}
        for q in shapes.queries:
            for sol in _solutions(store, q.text, graphs):
                value = None if q.value is None or q.component == _MIN_COUNT else sol[q.value]
                results.setdefault(sol["g"].value, []).append(
                    ShaclResult(
                        focus=sol[q.focus].value,
                        path=q.path,
                        source_shape=q.source_shape,
                        component=q.component,
                        severity=q.severity,
                        value=None if value is None else value.value,
                        message=q.message,
                    )
                )
        opened: dict[tuple[str, str], set[str]] = {}
        for sol in _solutions(store, open_query, graphs):
            name = _MOF_NAME[sol["k"].value]
            opened.setdefault((sol["g"].value, sol["m"].value), set()).add(name)
        for r in chunk:
            key = (str(r.record), str(r.model))
            if key not in comps:
                continue  # a record that lists no component of its model
            focus = comps[key] | {key[1]}
            mine = sorted(
                (x for x in results.get(key[0], ()) if x.focus in focus),
                key=lambda x: x.order,
            )
            yield Classification(
                model=r.model,
                name=r.name,
                source=r.source,
                record=r.record,
                mode=clf.mode,
                progress=progress_from_open(opened.get(key, set())),
                shacl_class=mof_class_from_levels({key[1]: mine}, clf.levels)[key[1]],
                results=mine,
                record_version=record_version(store, r.record) if versions else None,
            )


def classify_and_store(
    store: KGStore,
    classifier: Classifier,
    when: datetime,
    write: bool = True,
    emit: Callable[[Classification], None] | None = None,
) -> int:
    """``classify``: every record classified, each classification given to ``emit`` as it
    comes, the assessments streamed to the store (batched writes, :func:`write_records`),
    then the summaries of the models classified refreshed (:mod:`openness_kg.summaries`:
    ``okg:highestMofClass`` over each model's current default-mode assessments). Returns
    the number of classifications."""
    n = 0
    models: set[URIRef] = set()

    def assessments() -> Iterator[Record]:
        nonlocal n
        for c in classify_store(store, classifier):
            n += 1
            if emit is not None:
                emit(c)
            if write:
                models.add(c.model)
                yield assessment_record(c, classifier.minter, when)

    if write:
        write_records(store, assessments())
        refresh(store, classifier.minter, models, when)
    else:
        for _ in assessments():
            pass
    return n


def _assessment_kind_key(c: Classification) -> tuple[str, str]:
    key = str(c.record).split("/record/", 1)[-1]
    return ("mof-assessment" if c.mode == DEFAULT else "mof-strict-assessment"), key


def assessment_graph(c: Classification, minter: Minter) -> URIRef:
    """The named graph holding the assessment of one classified record."""
    return minter.record(*_assessment_kind_key(c))


def assessment_record(c: Classification, minter: Minter, when: datetime | str) -> Record:
    """The assessment of one classified record, in its own named graph."""
    kind, key = _assessment_kind_key(c)
    graph = minter.record(kind, key)
    rec = Record(graph=graph, source=f"{kind}:{key}")
    a = minter.assessment("mof" if c.mode == DEFAULT else "mof-strict", c.record, c.model)
    stamp = _stamp(when)
    rec.add(a, RDF.type, OKG.Assessment)
    rec.add(a, OKG.framework, OKG.ModelOpennessFramework)
    rec.add(a, OKG.assessedModel, c.model)
    rec.add(a, OKG.basedOnRecord, c.record)
    if c.record_version is not None:
        rec.add(a, OKG.basedOnRecordVersion, c.record_version)
    rec.add(a, OKG.verdict, MOF_CLASS_IRI.get(c.mof_class, OKG.MofUnclassified))
    rec.add(a, OKG.classLevel, Literal(c.mof_class))
    rec.add(a, OKG.ruleVersion, Literal(rule_version(c.mode)))
    agent = minter.agent("openness-kg")
    rec.add(a, OKG.assessedBy, agent)
    rec.add(agent, RDF.type, PROV.SoftwareAgent)
    rec.add(agent, RDFS.label, Literal("openness-kg"))
    rec.add(a, PROV.generatedAtTime, stamp)
    label = f"Class {ROMAN[c.mof_class]}" if c.mof_class else "Unclassified"
    rec.add(a, RDFS.label, Literal(f"MOF {label} ({c.mode} mode): {c.name}"))
    for level in (3, 2, 1):
        part = URIRef(f"{a}/class-{level}")
        rec.add(part, RDF.type, OKG.Assessment)
        rec.add(part, DCTERMS.isPartOf, a)
        rec.add(part, OKG.framework, OKG.ModelOpennessFramework)
        rec.add(part, OKG.assessedModel, c.model)
        rec.add(part, OKG.criterion, MOF_CLASS_IRI[level])
        rec.add(part, OKG.score, Literal(round(c.progress.of(level), 6), datatype=XSD.decimal))
        rec.add(part, OKG.ruleVersion, Literal(rule_version(c.mode)))
        rec.add(part, OKG.basedOnRecord, c.record)
        rec.add(part, OKG.assessedBy, agent)
        rec.add(part, PROV.generatedAtTime, stamp)
        for r in c.results:
            if r.source_shape and r.severity and _level_of(r, level):
                rec.add(part, OKG.evidence, URIRef(r.focus))
    return rec


def _stamp(when: datetime | str) -> Literal:
    if isinstance(when, datetime):
        return Literal(when.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    return Literal(when, datatype=XSD.date)


def _level_of(r: ShaclResult, level: int) -> bool:
    return f"Class{ROMAN[level]}-" in r.source_shape
