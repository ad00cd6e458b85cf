"""Links from index systems (``okg:ModelFamily``) to our releases, by evidence only.

For each system and each role (end model, base model), in this order:

1. a Hugging Face URL in the system's links (end: the end-model weights link, then the
   system link; base: the base-model weights link) naming a repo that is a model in the
   store (``hub-url``); every such repo is linked;
2. else the end/base model name the file gives, equal character for character to the release
   name of exactly one model (``release-name``);
3. else that name equal to the Hub id of a model (``hub-id``);
4. else nothing. A name that matches several models links none of them and says so.

Every link is an ``okg:EvidencedLink`` (property, method, evidence in words) next to the
plain ``okg:endModel``/``okg:baseModel`` triple, in one derived graph per system
(``record/osai-links/<file>``), replaced whenever links are recomputed. All lookups are
batched ``VALUES`` joins on indexed terms (model IRIs, release names, Hub ids), never a scan
of the models.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD
from rdflib.term import Node

from ..app_queries import app_query
from ..ingest.mot import hub_repo_id
from ..iris import IriError, Minter
from ..namespaces import OKG, sparql_prologue
from ..records import Record
from ..store import KGStore
from ..store.base import Row
from ..store.write import write_records

ROLES = {"end": OKG.endModel, "base": OKG.baseModel}
METHOD_NOTATION = {
    OKG.HubUrlLink: "hub-url",
    OKG.ExactReleaseNameLink: "release-name",
    OKG.ExactHubIdLink: "hub-id",
}
# the weights parameters of both generations (osai.CURRENT, osai.EARLIER) and their role
WEIGHTS_PARAMS = {
    "weights_endmodel": "end",
    "weights_basemodel": "base",
    "rlweights": "end",
    "llmweights": "base",
}
VALUES_CHUNK = 500

SYSTEMS = (
    sparql_prologue()
    + """
SELECT ?g ?family ?name ?path ?base ?end ?link WHERE {
  GRAPH ?g {
    ?g okg:sourceKind okg:OsaiIndexFile ; okg:recordOf ?family ; okg:sourcePath ?path .
    ?family rdfs:label ?name .
    OPTIONAL { ?family okg:baseModelName ?base }
    OPTIONAL { ?family okg:endModelName ?end }
    OPTIONAL { ?family rdfs:seeAlso ?link }
  }
}
"""
)
WEIGHT_LINKS = (
    sparql_prologue()
    + """
SELECT ?family ?param ?url WHERE {
  GRAPH ?g {
    ?g okg:sourceKind okg:OsaiIndexFile .
    ?a okg:assessedFamily ?family ; okg:criterion ?c ; okg:evidence ?url .
    ?c skos:notation ?param .
    VALUES ?param { "weights_endmodel" "weights_basemodel" "rlweights" "llmweights" }
  }
}
"""
)


@dataclass(frozen=True)
class Link:
    role: str  # "end" | "base"
    model: URIRef
    method: URIRef
    evidence: str


@dataclass
class SystemLinks:
    family: URIRef
    record: URIRef
    name: str
    path: str
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class LinkReport:
    systems: int = 0
    linked: int = 0
    found: list[SystemLinks] = field(default_factory=list)


def select_values(store: KGStore, query: str, var: str, terms: Iterable[Node]) -> Iterator[Row]:
    """The application query ``query`` (``queries/app/<query>.rq``) with ``?var`` bound to
    ``terms``, in chunks of terms (an inline ``VALUES`` block each): each term an indexed
    lookup, never a scan."""
    wanted = sorted(set(terms), key=str)
    text = app_query(query)
    for i in range(0, len(wanted), VALUES_CHUNK):
        yield from store.select(text, {var: wanted[i : i + VALUES_CHUNK]})


def models_in_store(store: KGStore, iris: Iterable[URIRef]) -> set[URIRef]:
    """Which of ``iris`` are models in the store."""
    rows = select_values(store, "models-in-store", "m", iris)
    return {r["m"] for r in rows if isinstance(r["m"], URIRef)}


def models_by_name(store: KGStore, names: Iterable[str]) -> dict[tuple[str, str], set[URIRef]]:
    """(name, "release-name"|"hub-id") -> the models whose release name or Hub id is ``name``."""
    out: dict[tuple[str, str], set[URIRef]] = {}
    for r in select_values(store, "models-by-name", "key", (Literal(n) for n in names)):
        if isinstance(r["m"], URIRef):
            out.setdefault((str(r["key"]), str(r["kind"])), set()).add(r["m"])
    return out


def compute_links(store: KGStore, minter: Minter) -> LinkReport:
    """Every index system in the store with its evidenced links (nothing is written)."""
    systems: dict[URIRef, SystemLinks] = {}
    names: dict[URIRef, dict[str, str]] = {}
    hub_urls: dict[URIRef, list[tuple[str, str, str]]] = {}  # family -> (role, field, url)
    for r in store.select(SYSTEMS):
        fam, g = r["family"], r["g"]
        assert isinstance(fam, URIRef) and isinstance(g, URIRef)
        systems.setdefault(fam, SystemLinks(fam, g, str(r["name"]), str(r["path"])))
        for role in ("base", "end"):
            if r.get(role) is not None:
                names.setdefault(fam, {})[role] = str(r[role])
        if r.get("link") is not None:
            hub_urls.setdefault(fam, []).append(("end", "system link", str(r["link"])))
    for r in store.select(WEIGHT_LINKS):
        fam = r["family"]
        if isinstance(fam, URIRef) and fam in systems:
            param = str(r["param"])
            hub_urls.setdefault(fam, []).insert(
                0, (WEIGHTS_PARAMS[param], f"{param}.link", str(r["url"]))
            )
    # every candidate Hub model, looked up at once
    candidates: dict[URIRef, list[tuple[str, str, str, URIRef]]] = {}
    for fam, urls in hub_urls.items():
        for role, where, url in urls:
            repo = hub_repo_id(url)
            if not repo or "/" not in repo:
                continue
            try:
                iri = minter.hub_model(repo)
            except IriError:
                continue
            candidates.setdefault(fam, []).append((role, where, url, iri))
    known = models_in_store(store, (c[3] for cs in candidates.values() for c in cs))
    by_name = models_by_name(store, (n for d in names.values() for n in d.values()))
    report = LinkReport()
    for fam in sorted(systems, key=lambda f: systems[f].path):
        s = systems[fam]
        for role in ("end", "base"):
            seen: set[URIRef] = set()
            missing: list[str] = []
            for crole, _where, url, iri in candidates.get(fam, []):
                if crole != role or iri in seen:
                    continue
                if iri in known:
                    seen.add(iri)
                    s.links.append(Link(role, iri, OKG.HubUrlLink, f"{_where}: {url}"))
                elif url not in missing:
                    missing.append(url)
            if seen:
                continue
            if missing:
                s.notes.append(
                    f"{role}: Hub URL(s) of models not in the store: {', '.join(missing)}"
                )
            name = names.get(fam, {}).get(role)
            if not name:
                continue
            for kind, method in (
                ("release-name", OKG.ExactReleaseNameLink),
                ("hub-id", OKG.ExactHubIdLink),
            ):
                found = by_name.get((name, kind), set())
                if len(found) == 1:
                    (m,) = found
                    field_name = f"{role} model name"
                    s.links.append(
                        Link(role, m, method, f"{field_name} {name!r} is the {kind} of one model")
                    )
                    break
                if len(found) > 1:
                    s.notes.append(
                        f"{role}: {name!r} is the {kind} of {len(found)} models: none linked"
                    )
                    break
        report.found.append(s)
    report.systems = len(systems)
    report.linked = sum(1 for s in report.found if s.links)
    return report


def links_graph(s: SystemLinks, minter: Minter) -> URIRef:
    return minter.record("osai-links", s.path.rsplit("/", 1)[-1])


def link_record(s: SystemLinks, minter: Minter, when: datetime | None = None) -> Record:
    """One system's links in their own derived graph. ``when`` (the run's time) is left out
    in a build, whose graphs are dated by the build itself (its ``prov:endedAtTime``)."""
    graph = links_graph(s, minter)
    rec = Record(graph=graph, source=f"osai-links:{s.path}")
    rec.add(graph, RDF.type, PROV.Entity)
    rec.add(graph, PROV.wasDerivedFrom, s.record)
    if when is not None:
        stamp = when.replace(microsecond=0).isoformat()
        rec.add(graph, PROV.generatedAtTime, Literal(stamp, datatype=XSD.dateTime))
    for n, link in enumerate(s.links, start=1):
        prop = ROLES[link.role]
        rec.add(s.family, prop, link.model)
        node = URIRef(f"{graph}#link-{n}")
        rec.add(node, RDF.type, OKG.EvidencedLink)
        rec.add(node, OKG.linkSubject, s.family)
        rec.add(node, OKG.linkTarget, link.model)
        rec.add(node, OKG.linkProperty, prop)
        rec.add(node, OKG.linkMethod, link.method)
        rec.add(node, OKG.linkEvidence, Literal(link.evidence))
    return rec


def write_links(store: KGStore, minter: Minter) -> LinkReport:
    """Recompute every system's links and replace their graphs."""
    report = compute_links(store, minter)
    now = datetime.now(UTC)
    write_records(store, [link_record(s, minter, now) for s in report.found])
    return report
