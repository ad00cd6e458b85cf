"""Per-model summary facts, computed from the store and kept right as records change.

The aggregate questions (models per licence, per licence category, per MOF class, per OSAID
verdict...) read one or a few triples per model instead of joining every record and
assessment. Each summary is a named graph per model and kind, derived from what the store
holds now:

- ``record/licence-summary/<model>``: the model's licences as 19-models-per-licence counts
  them (``okg:summaryLicense``: of the model as a whole, of its release, of its final
  weights), their categories (``okg:summaryLicenseCategory``; ``okg:NoLicenseDeclared`` for
  a model a record describes with none, as 20-models-per-licence-category counts it), and
  the categories of the weights' and of the code components' licences
  (``okg:weightsLicenseCategory``, ``okg:codeLicenseCategory``);
- ``record/<framework>-summary/<model>``: the most open verdict of the model's current
  assessments whose source record is still in the store (``okg:highestMofClass`` from
  default-mode MOF assessments, ``okg:highestOsaidVerdict``, ``okg:highestG7Label``,
  ``okg:highestReleaseLevel``), derived from (``prov:wasDerivedFrom``) their graphs.

Lifecycle: :func:`refresh` recomputes the summaries of the models given (or of every model)
a chunk of models at a time and replaces the graphs whose content changed (a summary as it
was keeps its ``prov:generatedAtTime``), dropping those with nothing left to say. ``build``,
``classify`` and ``assess`` refresh the models they wrote; every other command that writes
through a :class:`~openness_kg.history.versions.VersionKeeper` (the ingesters) refreshes the
models whose records it wrote, replaced or removed when it ends (``cli/main.py``), and
``load`` the models of the graphs it filled or emptied, so a replaced or removed record never
leaves a summary behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from .app_queries import app_query
from .frameworks.computed import G7, OSAID, RELEASE
from .frameworks.graph import FrameworkInfo
from .history.versions import VersionKeeper, existing_graphs
from .iris import Minter
from .mof.settings import CONTENT_TYPE_CLASS, MOF_CLASS_IRI, OKG_CLASS, load_settings
from .namespaces import OKG
from .records import Record
from .store import KGStore

CHUNK = 1000  # models one set of summary queries reads


@dataclass(frozen=True)
class VerdictSummary:
    """The most open verdict of a framework's assessments of a model: ``rank`` lists the
    verdict concepts, most open first; ``kind`` is the kind of graph its assessments lie in
    (``record/<kind>/...``)."""

    token: str
    prop: URIRef
    kind: str
    rank: tuple[URIRef, ...]


def _framework_summary(info: FrameworkInfo) -> VerdictSummary:
    assert info.summary is not None, f"{info.token} has no summary property"
    concepts = tuple(info.verdicts[t] for t in info.rank)
    return VerdictSummary(info.token, info.summary, f"{info.token}-assessment", concepts)


VERDICTS = (
    # default mode only: strict mode is its own verdict (``mof-strict-assessment`` graphs)
    VerdictSummary(
        "mof",
        OKG.highestMofClass,
        "mof-assessment",
        (MOF_CLASS_IRI[1], MOF_CLASS_IRI[2], MOF_CLASS_IRI[3], OKG.MofUnclassified),
    ),
    *(_framework_summary(fw.info) for fw in (OSAID, G7, RELEASE)),
)
LICENCE_KIND = "licence"


def _stamp(when: datetime) -> Literal:
    return Literal(when.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _code_classes() -> frozenset[str]:
    code = CONTENT_TYPE_CLASS["code"]
    return frozenset(
        str(OKG_CLASS[c.name])
        for c in load_settings().components
        if CONTENT_TYPE_CLASS[c.content_type] == code
    )


KINDS = (LICENCE_KIND, *(v.token for v in VERDICTS))


def _pairs(store: KGStore, name: str, models: Sequence[URIRef], *cols: str) -> list[tuple]:
    out = []
    for row in store.select(app_query(name), {"model": models}):
        if all(c in row for c in cols):
            out.append(tuple(row[c] for c in cols))
    return out


def _kind_of(graph: URIRef) -> str:
    """The kind of a record graph, ``record/<kind>/...``."""
    return str(graph).split("/record/", 1)[-1].split("/", 1)[0]


@dataclass
class _LicenceFacts:
    """What the licence summaries of a chunk of models read from the store."""

    categories: dict[URIRef, set[URIRef]]
    licences: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    weights: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    code: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    described: set[URIRef] = field(default_factory=set)

    def read(self, store: KGStore, models: Sequence[URIRef]) -> None:
        for name in ("summary-model-licences", "summary-release-licences"):
            for m, lic in _pairs(store, name, models, "model", "license"):
                self.licences.setdefault(m, set()).add(lic)
        final, code_classes = str(OKG.ModelParametersFinal), _code_classes()
        for m, cls, lic in _pairs(
            store, "summary-component-licences", models, "model", "class", "license"
        ):
            if str(cls) == final:
                self.licences.setdefault(m, set()).add(lic)
                self.weights.setdefault(m, set()).add(lic)
            elif str(cls) in code_classes:
                self.code.setdefault(m, set()).add(lic)
        self.described = {row[0] for row in _pairs(store, "summary-described", models, "model")}

    def cats(self, lics: Iterable[URIRef]) -> list[URIRef]:
        return sorted({c for lic in lics for c in self.categories.get(lic, ())})

    def record(self, m: URIRef, minter: Minter) -> Record:
        graph = minter.summary(LICENCE_KIND, m)
        rec = Record(graph=graph, source=f"{LICENCE_KIND}-summary:{m}")
        own = self.licences.get(m, set())
        for lic in sorted(own):
            rec.add(m, OKG.summaryLicense, lic)
        none = [OKG.NoLicenseDeclared] if m in self.described else []
        own_cats = self.cats(own) if own else none
        for c in own_cats:
            rec.add(m, OKG.summaryLicenseCategory, c)
        for c in self.cats(self.weights.get(m, ())):
            rec.add(m, OKG.weightsLicenseCategory, c)
        for c in self.cats(self.code.get(m, ())):
            rec.add(m, OKG.codeLicenseCategory, c)
        return rec


def _verdict_record(
    m: URIRef, v: VerdictSummary, found: list[tuple[URIRef, URIRef]], minter: Minter
) -> Record:
    graph = minter.summary(v.token, m)
    rec = Record(graph=graph, source=f"{v.token}-summary:{m}")
    ranked = [v.rank.index(x) for x, _ in found if x in v.rank]
    if ranked:
        rec.add(m, v.prop, v.rank[min(ranked)])
        for g in sorted({g for _, g in found}):
            rec.add(graph, PROV.wasDerivedFrom, g)
    return rec


def summarise(
    store: KGStore,
    minter: Minter,
    models: Sequence[URIRef],
    when: datetime,
    categories: dict[URIRef, set[URIRef]],
    kinds: Iterable[str] = KINDS,
) -> tuple[list[Record], list[URIRef]]:
    """The summary records of ``models`` as the store stands (of ``kinds``: ``licence``
    and framework tokens), and the summary graphs of theirs that have nothing to say (to
    drop)."""
    kinds = set(kinds)
    facts = _LicenceFacts(categories)
    if LICENCE_KIND in kinds:
        facts.read(store, models)
    wanted = [v for v in VERDICTS if v.token in kinds]
    verdicts: dict[tuple[URIRef, str], list[tuple[URIRef, URIRef]]] = {}
    if wanted:
        for m, verdict, graph in _pairs(
            store, "summary-verdicts", models, "model", "verdict", "graph"
        ):
            verdicts.setdefault((m, _kind_of(graph)), []).append((verdict, graph))
    stamp = _stamp(when)
    out: list[Record] = []
    drop: list[URIRef] = []
    for m in models:
        recs = [facts.record(m, minter)] if LICENCE_KIND in kinds else []
        recs += [_verdict_record(m, v, verdicts.get((m, v.kind), []), minter) for v in wanted]
        for rec in recs:
            if rec.triples:
                rec.add(rec.graph, RDF.type, PROV.Entity)
                rec.add(rec.graph, PROV.generatedAtTime, stamp)
                out.append(rec)
            else:
                drop.append(rec.graph)
    return out, drop


def _unchanged(store: KGStore, records: Sequence[Record]) -> set[URIRef]:
    """The graphs of ``records`` the store already holds as they are, but for the time they
    were computed: left as they are, so a refresh that changes nothing writes nothing."""
    new = {r.graph: {t for t in r.triples if t[1] != PROV.generatedAtTime} for r in records}
    old: dict[URIRef, set[tuple]] = {}
    for row in store.select(app_query("summary-contents"), {"g": list(new)}):
        g = row["g"]
        if isinstance(g, URIRef):
            old.setdefault(g, set()).add((row["s"], row["p"], row["o"]))
    return {g for g, triples in old.items() if new.get(g) == triples}


def refresh(
    store: KGStore,
    minter: Minter,
    models: Iterable[URIRef] | None = None,
    when: datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    kinds: Iterable[str] = KINDS,
) -> int:
    """Recompute and replace the summaries of ``models`` (every model when ``None``), a
    chunk at a time (each chunk all or nothing; ``progress(done, total)`` after each).
    Returns the number of models refreshed.
    ``kinds``: only these summaries (``licence``, framework tokens). Through a
    :class:`VersionKeeper`, the summaries are written to the store it wraps
    (summaries are rebuilt, not versioned) and the models leave its list of models to
    refresh."""
    when = when or datetime.now(UTC)
    target = store.inner if isinstance(store, VersionKeeper) else store
    given: Iterable[object] = (
        models
        if models is not None
        else (r["model"] for r in target.select(app_query("summary-models")))
    )
    wanted = sorted({m for m in given if isinstance(m, URIRef)}, key=str)
    categories: dict[URIRef, set[URIRef]] = {}
    for row in target.select(app_query("summary-licence-categories")):
        lic, cat = row["license"], row["category"]
        if isinstance(lic, URIRef) and isinstance(cat, URIRef):
            categories.setdefault(lic, set()).add(cat)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        records, drop = summarise(target, minter, chunk, when, categories, kinds)
        same = _unchanged(target, records)
        # drop only what is there (a write that drops nothing and replaces nothing is a load)
        target.replace_graphs(
            [r for r in records if r.graph not in same], drop=existing_graphs(target, drop)
        )
        if progress is not None:
            progress(start + len(chunk), len(wanted))
    if isinstance(store, VersionKeeper):
        store.touched.difference_update(wanted)
    return len(wanted)
