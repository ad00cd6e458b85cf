"""Record versions: a replaced record keeps its old content, queryable, without a second copy
of the store.

- The current content of a record stays in the record's own graph ``G`` (so everything that
  reads the store today reads what it read before).
- Every content has an IRI, ``G/version/<digest>`` (:func:`content_digest`): an assessment
  names the version it read (``okg:basedOnRecordVersion``) and that IRI stays valid after the
  record changes.
- When a write replaces ``G`` with a different content, the old content goes into its
  version graph in the same transaction, as RDF statements (``rdf:Statement`` nodes with
  ``rdf:subject``/``rdf:predicate``/``rdf:object``): queryable by SPARQL, but not asserted,
  so the union of graphs (what queries read by default) sees only current contents. The
  version graph describes itself (``okg:RecordVersion``, ``prov:specializationOf G``, its
  own date as ``prov:generatedAtTime``, ``prov:invalidatedAtTime`` and the run that replaced
  it) and the new content's version ``prov:wasRevisionOf`` it.
- Only graphs of source records (``G a okg:SourceRecord``) and of assessments are kept; the
  ontology, licences, build and summary graphs are rebuilt, not versioned. Replacing one
  record copies that record's graph only.

Which version a record had on a date is the one with the latest own date on or before it
(:func:`version_at`): the record's date as its source gives it (a commit date, the date a
response was recorded), so the order in which versions were ingested does not matter.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from rdflib.term import Node

from ..app_queries import app_query
from ..iris import Minter
from ..namespaces import OKG
from ..records import Record, Triple
from ..store import KGStore
from ..store.base import QueryResult
from ..terms import nt_parts, to_ox, to_ox_quads

DIGEST_LEN = 16
_PROV_GENERATED = str(PROV.generatedAtTime)
_GENERATED_AT = f"> <{_PROV_GENERATED}> "
_TYPE = str(RDF.type)
_RECORD, _ASSESSMENT = str(OKG.SourceRecord), str(OKG.Assessment)


def nt_line(s: Node, p: Node, o: Node) -> str:
    return f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ."


def ox_line(q: ox.Quad | ox.Triple) -> str:
    return f"{q.subject} {q.predicate} {q.object} ."


def digest_lines(lines: Iterable[str]) -> str:
    """The digest of a content given as N-Triples lines: the first 16 hex digits of the SHA-1
    of the sorted lines, each ending in a newline. ``prov:generatedAtTime`` statements are
    left out: they say when a content was derived (an assessment's run), not what it says,
    so re-deriving the same verdict is not a new version."""
    kept = sorted({x for x in lines if _GENERATED_AT not in x})
    text = "".join(f"{x}\n" for x in kept)  # hashed at once: the same bytes as line by line
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:DIGEST_LEN]


def content_digest(triples: Iterable[Triple]) -> str:
    """The digest of a content as read from a store (see :func:`stored_digest` for triples
    about to be written)."""
    return digest_lines(nt_line(*t) for t in triples)


def stored_digest(triples: Iterable[Triple]) -> str:
    """The digest ``triples`` will have once stored: the store keeps some literals in their
    canonical form (``"0.0"^^xsd:decimal`` as ``"0"``), so they go through an in-memory
    Oxigraph store first."""
    return stored_digests([Record(URIRef("urn:x-okg:digest"), "", list(triples))])[
        URIRef("urn:x-okg:digest")
    ]


def stored_digests(records: Sequence[Record]) -> dict[URIRef, str]:
    """:func:`stored_digest` of each record's triples, through one in-memory store."""
    mem = ox.Store()
    mem.extend([q for r in records for q in to_ox_quads(r.graph, r.triples)])
    out = {}
    for r in records:
        g = ox.NamedNode(r.graph)
        out[r.graph] = digest_lines(ox_line(q) for q in mem.quads_for_pattern(None, None, None, g))
    return out


def stored_lines(store: KGStore, graph: URIRef) -> list[str]:
    """The statements of one graph as N-Triples lines (as :func:`ox_line` writes a quad's),
    written by the store in one call (:meth:`~openness_kg.store.KGStore.dump`): no term of it
    becomes a Python object. Lines end at ``\\n`` only (N-Triples escapes it in literals;
    other line breaks such as U+2028 stand unescaped inside literals)."""
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_TRIPLES, graph)
    return out.getvalue().decode("utf-8").split("\n")[:-1]


def is_kept(graph: URIRef, lines: Iterable[str]) -> bool:
    """Whether a graph's content is one whose versions are kept: it describes itself as a
    source record, or holds assessments."""
    for line in lines:
        s, p, o = nt_parts(line)
        kind = o[1:-1]  # "<iri>" -> iri
        if p == f"<{_TYPE}>" and (kind == _ASSESSMENT or (kind == _RECORD and s == f"<{graph}>")):
            return True
    return False


def own_date(graph: URIRef, triples: Iterable[Triple]) -> Literal | None:
    """A content's own date: the record's ``okg:retrievedAt`` (the source's date), else the
    latest ``prov:generatedAtTime`` in it (an assessment's run)."""
    retrieved: Literal | None = None
    generated: list[Literal] = []
    for s, p, o in triples:
        if s == graph and p == OKG.retrievedAt and isinstance(o, Literal):
            retrieved = o
        elif p == PROV.generatedAtTime and isinstance(o, Literal):
            generated.append(o)
    if retrieved is not None:
        return retrieved
    return max(generated, key=lambda lit: as_datetime(str(lit))) if generated else None


def as_datetime(text: str, end_of_day: bool = False) -> datetime:
    """An ``xsd:date`` or ``xsd:dateTime`` lexical form as an aware datetime (UTC when it has
    no zone); a bare date is its first instant, or its last with ``end_of_day``."""
    text = text.strip()
    if len(text) == 10:
        d = date.fromisoformat(text)
        t = datetime(d.year, d.month, d.day, tzinfo=UTC)
        return t.replace(hour=23, minute=59, second=59) if end_of_day else t
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _xsd_datetime(t: datetime) -> Literal:
    return Literal(t.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


# --- runs -----------------------------------------------------------------------------------


@dataclass
class Run:
    """One run of a command that writes the store: a ``prov:Activity`` (``okg:Run``) with a
    version stamp, described in its own graph ``<base>run/<stamp>``."""

    command: str
    minter: Minter
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    ended: datetime | None = None
    replaced: int = 0

    @property
    def stamp(self) -> str:
        return self.started.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")

    @property
    def iri(self) -> URIRef:
        return self.minter.run(self.stamp)

    def record(self) -> Record:
        from .. import __version__

        a = self.iri
        rec = Record(graph=a, source=f"run:{self.stamp}")
        rec.add(a, RDF.type, OKG.Run)
        rec.add(a, RDF.type, PROV.Activity)
        rec.add(a, OKG.versionStamp, Literal(self.stamp))
        rec.add(a, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(self.command))
        rec.add(a, OKG.ruleVersion, Literal(f"openness-kg {__version__}"))
        rec.add(a, PROV.startedAtTime, _xsd_datetime(self.started))
        if self.ended is not None:
            rec.add(a, PROV.endedAtTime, _xsd_datetime(self.ended))
        return rec


def version_record(
    record: URIRef,
    triples: Sequence[Triple],
    minter: Minter,
    run: Run | None = None,
    successor: URIRef | None = None,
    digest: str | None = None,
    invalidated_at: Literal | None = None,
) -> Record:
    """The graph keeping one content of ``record``: its statements as ``rdf:Statement``
    nodes (``<version>#s<n>``, in the order of their sorted N-Triples lines), and its own
    description. ``successor`` is the version that replaced it (``prov:wasRevisionOf``);
    it was invalidated at ``invalidated_at`` (default: the start of ``run``, the run that
    replaced it)."""
    digest = digest or content_digest(triples)
    v = minter.record_version(record, digest)
    rec = Record(graph=v, source=f"version:{record}")
    rec.add(v, RDF.type, OKG.RecordVersion)
    rec.add(v, RDF.type, PROV.Entity)
    rec.add(v, PROV.specializationOf, record)
    rec.add(v, OKG.contentDigest, Literal(digest))
    when = own_date(record, triples)
    if when is not None:
        rec.add(v, PROV.generatedAtTime, when)
    if run is not None:
        rec.add(v, PROV.wasInvalidatedBy, run.iri)
    if invalidated_at is None and run is not None:
        invalidated_at = _xsd_datetime(run.started)
    if invalidated_at is not None:
        rec.add(v, PROV.invalidatedAtTime, invalidated_at)
    if successor is not None:
        rec.add(successor, PROV.wasRevisionOf, v)
        rec.add(successor, PROV.specializationOf, record)
    for n, (_, (s, p, o)) in enumerate(sorted((nt_line(*t), t) for t in triples)):
        st = URIRef(f"{v}#s{n}")
        rec.add(st, RDF.type, RDF.Statement)
        rec.add(st, RDF.subject, s)
        rec.add(st, RDF.predicate, p)
        rec.add(st, RDF.object, o)
    return rec


# --- the store that keeps versions --------------------------------------------------------------


_ABOUT = (OKG.recordOf, OKG.assessedModel)


def models_of(records: Iterable[Record]) -> set[URIRef]:
    """The models records are about (a source record's ``okg:recordOf``, an assessment's
    ``okg:assessedModel``)."""
    return {o for r in records for _, p, o in r.triples if p in _ABOUT and isinstance(o, URIRef)}


class VersionKeeper(KGStore):
    """A store that keeps the old content of every record graph a write replaces or drops
    (see the module doc), in the same transaction as the write. Reads go to the store it
    wraps; writes of graphs that do not exist yet (a first ingest) take the store's own
    fast path."""

    def __init__(self, inner: KGStore, run: Run) -> None:
        self.inner = inner
        self.run = run
        self.supports_lateral = inner.supports_lateral
        # the models whose records or assessments a write added, replaced or removed: their
        # summaries are refreshed when the run ends (:mod:`openness_kg.summaries`)
        self.touched: set[URIRef] = set()

    # writes ---------------------------------------------------------------------------------
    def replace_graphs(self, records: Sequence[Record], drop: Iterable[URIRef] = ()) -> int:
        return self.prepare_replace(records, drop)()

    def prepare_replace(
        self, records: Sequence[Record], drop: Iterable[URIRef] = ()
    ) -> Callable[[], int]:
        records, drop = list(records), list(drop)
        prepared = self.inner.prepare_replace(records, drop)
        self.touched.update(models_of(records))

        def write() -> int:  # in the writer thread: after every earlier batch landed
            versions, unchanged = self.versions(records, drop)
            if not versions and not unchanged:
                return prepared()
            # a record whose content is already stored is not written again
            changed = [r for r in records if r.graph not in unchanged]
            if not changed and not versions and not drop:
                return 0
            return self.inner.replace_graphs([*changed, *versions], drop)

        return write

    def versions(
        self, records: Sequence[Record], drop: Sequence[URIRef]
    ) -> tuple[list[Record], set[URIRef]]:
        """The version graphs a write of ``records`` (and of dropping ``drop``) must add, and
        the kept graphs among ``records`` whose content is already stored as it is."""
        new = {r.graph: r for r in records}
        candidates = [g for g in [*new, *drop] if str(g).startswith(self.run.minter.base)]
        out: list[Record] = []
        unchanged: set[URIRef] = set()
        existing = existing_graphs(self.inner, candidates)
        self.touched |= models_of_graphs(self.inner, existing)  # what the old contents were about
        digests = stored_digests([new[g] for g in existing if g in new])
        for g in existing:
            old_lines = stored_lines(self.inner, g)
            if not is_kept(g, old_lines):
                continue
            old_digest = digest_lines(old_lines)
            successor = None
            if g in new:
                if digests[g] == old_digest:
                    unchanged.add(g)
                    continue
                successor = self.run.minter.record_version(g, digests[g])
            old = [(s, p, o) for s, p, o, _ in self.inner.quads(g)]
            out.append(version_record(g, old, self.run.minter, self.run, successor, old_digest))
        self.run.replaced += len(out)
        return out, unchanged

    def end_run(self) -> None:
        self.run.ended = datetime.now(UTC)
        self.inner.replace_graphs([self.run.record()])

    # reads: the wrapped store's ---------------------------------------------------------------
    def graph_sizes(self) -> dict[URIRef, int]:
        return self.inner.graph_sizes()

    def ox_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        return self.inner.ox_quads(graph)

    def __len__(self) -> int:
        return len(self.inner)

    def query_raw(self, query: str, timeout: float | None = None) -> QueryResult:
        return self.inner.query_raw(query, timeout)


def models_of_graphs(store: KGStore, graphs: Iterable[URIRef], chunk: int = 1000) -> set[URIRef]:
    """The models the records and assessments stored in ``graphs`` are about (as
    :func:`models_of` reads them from records in hand), one query per ``chunk`` graphs."""
    todo = sorted(set(graphs), key=str)
    found: set[URIRef] = set()
    for i in range(0, len(todo), chunk):
        for r in store.select(app_query("models-of-graphs"), {"g": todo[i : i + chunk]}):
            if isinstance(m := r.get("m"), URIRef):
                found.add(m)
    return found


def existing_graphs(store: KGStore, graphs: Sequence[URIRef], chunk: int = 1000) -> list[URIRef]:
    """Which of ``graphs`` hold at least one statement (one query per ``chunk`` graphs)."""
    found: list[URIRef] = []
    query = app_query("existing-graphs")
    for i in range(0, len(graphs), chunk):
        rows = store.select(query, {"g": graphs[i : i + chunk]})
        found += [g for r in rows if isinstance(g := r.get("g"), URIRef)]
    return found


def start_run(store: KGStore, minter: Minter, command: str) -> VersionKeeper:
    """Describe a new run in the store (its start) and hand out the :class:`VersionKeeper`
    its writes go through; :meth:`VersionKeeper.end_run` adds its end."""
    keeper = VersionKeeper(store, Run(command, minter))
    store.replace_graphs([keeper.run.record()])
    return keeper


# --- reading versions back --------------------------------------------------------------------

VERSIONS_QUERY = """
PREFIX okg: <https://w3id.org/openness-kg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?v ?record ?date ?digest ?next WHERE {
  GRAPH ?v { ?v a okg:RecordVersion ; prov:specializationOf ?record ; okg:contentDigest ?digest .
             OPTIONAL { ?v prov:generatedAtTime ?date }
             OPTIONAL { ?next prov:wasRevisionOf ?v } }
}
"""

STATEMENTS_QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o WHERE { GRAPH ?v { ?st a rdf:Statement ; rdf:subject ?s ;
                                       rdf:predicate ?p ; rdf:object ?o } }
"""


@dataclass(frozen=True)
class Version:
    """One content of a record: the current one (``kept`` false: in the record's graph) or a
    kept one (in its version graph)."""

    record: URIRef
    iri: URIRef
    digest: str
    date: str | None
    kept: bool
    successor: URIRef | None = None  # the version that replaced it (prov:wasRevisionOf)

    @property
    def graph(self) -> URIRef:
        return self.iri if self.kept else self.record


def kept_versions(store: KGStore, record: URIRef | None = None) -> list[Version]:
    """Every kept version in the store (of ``record`` only, when given)."""
    rows = store.select(VERSIONS_QUERY, {"record": record} if record is not None else None)
    out = []
    for r in rows:
        date_ = r.get("date")
        out.append(
            Version(
                record=r["record"],  # type: ignore[arg-type]
                iri=r["v"],  # type: ignore[arg-type]
                digest=str(r["digest"]),
                date=str(date_) if date_ is not None else None,
                kept=True,
                successor=r.get("next"),  # type: ignore[arg-type]
            )
        )
    return out


def current_version(store: KGStore, record: URIRef) -> Version | None:
    triples = [(s, p, o) for s, p, o, _ in store.quads(record)]
    if not triples:
        return None
    digest = content_digest(triples)
    when = own_date(record, triples)
    iri = Minter().record_version(record, digest)  # a version IRI does not use the base
    return Version(record, iri, digest, str(when) if when is not None else None, kept=False)


def versions_of(
    store: KGStore, record: URIRef, kept: Sequence[Version] | None = None
) -> list[Version]:
    """A record's versions, oldest first by their own dates (the current one too); a kept
    version with the current one's digest (the record went back to it) is left out.
    ``kept``: the record's kept versions, when the caller has them already."""
    current = current_version(store, record)
    kept = kept_versions(store, record) if kept is None else kept
    found = [v for v in kept if current is None or v.iri != current.iri]
    found += [current] if current is not None else []
    return in_order(found)


def in_order(versions: Sequence[Version]) -> list[Version]:
    """Oldest first, by own date; versions of the same date (commits of one rebase) in the
    order of their revision chain (``prov:wasRevisionOf``): the more successors a version
    has before the end of the chain, the older it is."""
    succ = {v.iri: v.successor for v in versions}

    def remaining(v: Version) -> int:
        n, at, seen = 0, v.successor, {v.iri}
        while at is not None and at in succ and at not in seen:
            seen.add(at)
            n, at = n + 1, succ[at]
        return n

    return sorted(versions, key=lambda v: (as_datetime(v.date) if v.date else _MIN, -remaining(v)))


_MIN = datetime.min.replace(tzinfo=UTC)


def version_at(versions: Sequence[Version], when: str) -> Version | None:
    """The version valid on ``when`` (a date means until its end): the one with the latest
    own date on or before it; ``None`` if every version is dated later."""
    limit = as_datetime(when, end_of_day=True)
    dated = [v for v in versions if v.date is not None and as_datetime(v.date) <= limit]
    return dated[-1] if dated else None


def version_triples(store: KGStore, version: Version) -> list[Triple]:
    """A version's statements, as they were asserted in the record's graph."""
    if not version.kept:
        return [(s, p, o) for s, p, o, _ in store.quads(version.record)]
    rows = store.select(STATEMENTS_QUERY, {"v": version.iri})
    return [(r["s"], r["p"], r["o"]) for r in rows]
