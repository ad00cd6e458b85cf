"""Human-readable names: ``rdfs:label`` (or ``skos:prefLabel``, ``schema:name``,
``dcterms:title``) from the store, English first, else a readable form of the IRI."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..app_queries import app_query
from ..namespaces import PREFIXES
from ..store import KGStore

LABELS = app_query("labels")

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def qname(iri: str) -> str | None:
    best: tuple[str, str] | None = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best[0]])):
            best = (prefix, iri[len(ns) :])
    return f"{best[0]}:{best[1]}" if best and best[1] else None


def fallback_label(iri: str) -> str:
    """``...#fineTunedFrom`` -> ``fine tuned from``; ``.../model/org/name`` -> ``org/name``."""
    if "#" in iri:
        local = iri.rsplit("#", 1)[1]
        return _CAMEL.sub(" ", local).lower() if local else iri
    for marker in ("/model/", "/org/", "/dataset/", "/license/", "/publication/"):
        if marker in iri:
            return unquote(iri.split(marker, 1)[1])
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return unquote(tail) or iri


@dataclass
class Labels:
    """Labels, definitions and whether the store describes each IRI."""

    label: dict[URIRef, str] = field(default_factory=dict)
    definition: dict[URIRef, str] = field(default_factory=dict)
    known: set[URIRef] = field(default_factory=set)

    def __call__(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return self.label.get(node) or fallback_label(str(node))
        return str(node)

    def only(self, iris: set[URIRef]) -> Labels:
        """What is known of ``iris`` alone."""
        return Labels(
            {i: self.label[i] for i in iris if i in self.label},
            {i: self.definition[i] for i in iris if i in self.definition},
            self.known & iris,
        )

    def merge(self, other: Labels) -> Labels:
        out = Labels(dict(self.label), dict(self.definition), set(self.known))
        for k, v in other.label.items():
            out.label.setdefault(k, v)
        for k, v in other.definition.items():
            out.definition.setdefault(k, v)
        out.known |= other.known
        return out


def _better(new: Literal, old: str | None, old_lang: str | None) -> bool:
    if old is None:
        return True
    rank = {"en": 0, None: 1}
    return rank.get(new.language, 2) < rank.get(old_lang, 2)


def fetch_labels(store: KGStore, iris: Iterable[URIRef], chunk: int = 400) -> Labels:
    out = Labels()
    langs: dict[URIRef, str | None] = {}
    todo = sorted({i for i in iris if isinstance(i, URIRef)})
    for start in range(0, len(todo), chunk):
        part = todo[start : start + chunk]
        for row in store.select(LABELS, {"x": part}):
            x = row["x"]
            assert isinstance(x, URIRef)
            label = row.get("label")
            if isinstance(label, Literal) and _better(label, out.label.get(x), langs.get(x)):
                out.label[x] = str(label)
                langs[x] = label.language
            d = row.get("def")
            if isinstance(d, Literal) and (x not in out.definition or d.language == "en"):
                out.definition[x] = str(d)
            known = row.get("known")
            if isinstance(known, Literal) and bool(known.toPython()):
                out.known.add(x)
    return out
