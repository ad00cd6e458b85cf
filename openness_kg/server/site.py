"""The state one server keeps: the store, the URL map, caches of what rarely changes
(ontology labels, MOF component types, licence descriptions, filter facets, VoID counts,
ontology docs, the SPARQL form's example queries)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar, cast

from rdflib import Graph, Literal, URIRef

from .. import __version__
from ..namespaces import ONTOLOGY_IRI
from ..publish import void
from ..publish.ontology_docs import ontology_html, serialize_ontology
from ..sparql.pool import QueryPool
from ..store import KGStore
from .cq import Example, load_examples
from .describe import Description, describe
from .labels import Labels, fetch_labels
from .modellist import facets
from .pages import component_types
from .urls import UrlMap

T = TypeVar("T")
MAX_LABELS = 200_000  # IRIs whose labels a server process keeps (beyond the ontology's)


@dataclass
class Site:
    store: KGStore
    urls: UrlMap
    pool: QueryPool | None = None
    store_path: Path | None = None  # the on-disk store (a snapshot, under `serve`)
    answers: Path | None = None  # a folder of rendered answers the server's processes share
    title: str = "openness-kg"
    _cache: dict[str, object] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _asked: set[URIRef] = field(default_factory=set)  # IRIs whose labels were read
    _more: Labels = field(default_factory=Labels)  # what was read of them

    def cached(self, key: str, make: Callable[[], T]) -> T:
        if key in self._cache:
            return cast(T, self._cache[key])
        value = make()  # computed outside the lock: makers may use other cached values
        with self._lock:
            return cast(T, self._cache.setdefault(key, value))

    def ontology(self) -> Graph:
        return self.cached("ontology", lambda: self.store.graph(URIRef(ONTOLOGY_IRI)))

    def term_labels(self) -> Labels:
        def make() -> Labels:
            terms = {t for t in self.ontology().all_nodes() if isinstance(t, URIRef)}
            return fetch_labels(self.store, terms)

        return self.cached("term_labels", make)

    def labels(self, iris: set[URIRef]) -> Labels:
        """The labels of ``iris``: the ontology's from :meth:`term_labels`, others read once
        per server process and kept (up to ``MAX_LABELS`` IRIs, then read afresh: the store
        served does not change, and the nodes many pages show, licences, organizations,
        datasets, stay read)."""
        known = self.term_labels()
        todo = {i for i in iris if i not in known.label and i not in self._asked}
        if todo:
            got = fetch_labels(self.store, todo)
            with self._lock:
                if len(self._asked) + len(todo) > MAX_LABELS:
                    self._asked, self._more = set(), Labels()
                self._asked |= todo
                self._more.label.update(got.label)
                self._more.definition.update(got.definition)
                self._more.known |= got.known
        with self._lock:
            mine = self._more.only(iris)
        return known.merge(mine)

    def license_terms(self, license: URIRef) -> Description:
        """A licence's description, as a model page shows it: the same on every page that
        names the licence, read once per server process (the store served does not change)."""
        return self.cached(f"license-terms {license}", lambda: describe(self.store, license))

    def component_types(self) -> dict[URIRef, tuple[URIRef, bool, int]]:
        return self.cached("component_types", lambda: component_types(self.store))

    def facets(self) -> tuple[list[URIRef], list[str]]:
        return self.cached("facets", lambda: facets(self.store))

    def counts(self) -> void.Counts:
        return self.cached("counts", lambda: void.count(self.store))

    def void(self) -> Graph:
        def make() -> Graph:
            return void.void_graph(
                self.counts(),
                public=self.urls.public,
                base=self.urls.base,
                sparql=self.urls.absolute("sparql") if self.pool else None,
                dumps=[],
                ontology_url=self.urls.absolute("ontology"),
            )

        return self.cached("void", make)

    def ontology_html(self) -> str:
        return self.cached("ontology_html", lambda: ontology_html(self.ontology()))

    def ontology_file(self, ext: str) -> bytes:
        """The ontology in the format of file extension ``ext`` (ttl, jsonld, rdf, nt)."""
        return self.cached(f"ontology.{ext}", lambda: serialize_ontology(self.ontology(), ext))

    def validators(self) -> tuple[str, datetime | None]:
        """What HTTP caching validates answers by (:mod:`.caching`): a stamp of the data
        served (the build's time, the store's RocksDB manifest, the version) and the build's
        end (``None`` for a store no build wrote)."""
        rows = self.store.select(void.BUILD_TIME)
        when: datetime | None = None
        t = rows[0].get("t") if rows else None
        if isinstance(t, Literal) and isinstance(t.toPython(), datetime):
            when = t.toPython()
            if when is not None and when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
        manifest = ""
        if self.store_path is not None and (self.store_path / "CURRENT").exists():
            manifest = (self.store_path / "CURRENT").read_text().strip()
        seed = f"{when}|{manifest}|{__version__}|{id(self) if not manifest else ''}"
        return hashlib.sha1(seed.encode()).hexdigest()[:16], when

    def warm(self) -> None:
        """Read what every page needs before the first request does (a server process
        calls this as it starts): ontology labels, MOF component types, the list's facets,
        the SPARQL form's examples. The counts (home page, VoID) stay lazy: they read the
        whole store."""
        self.term_labels()
        self.component_types()
        self.facets()
        self.examples()

    def examples(self) -> list[Example]:
        return self.cached("examples", load_examples)
