"""Content negotiation: the RDF formats the server speaks and picking one from ``Accept``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    ext: str
    media_type: str
    rdflib: str | None  # rdflib serializer name; None for HTML
    quads: bool = False  # keeps named graphs (TriG, N-Quads)


FORMATS: dict[str, Format] = {
    f.ext: f
    for f in (
        Format("html", "text/html", None),
        Format("ttl", "text/turtle", "turtle"),
        Format("jsonld", "application/ld+json", "json-ld"),
        Format("nt", "application/n-triples", "nt"),
        Format("rdf", "application/rdf+xml", "xml"),
        Format("trig", "application/trig", "trig", quads=True),
        Format("nq", "application/n-quads", "nquads", quads=True),
    )
}
BY_MEDIA_TYPE = {f.media_type: f for f in FORMATS.values()}
# Aliases clients send for the same formats.
BY_MEDIA_TYPE.update(
    {
        "application/xhtml+xml": FORMATS["html"],
        "application/x-turtle": FORMATS["ttl"],
        "application/json": FORMATS["jsonld"],
        "text/plain": FORMATS["nt"],
        "application/xml": FORMATS["rdf"],
    }
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """``Accept`` as (media range, q) pairs, best first (RFC 9110 §12.5.1); ties keep order
    but a more specific range wins over a wildcard."""
    if not header:
        return [("*/*", 1.0)]
    out: list[tuple[str, float, int, int]] = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
        out.append((media, q, specificity, -i))
    out.sort(key=lambda t: (t[1], t[2], t[3]), reverse=True)
    return [(m, q) for m, q, _, _ in out if q > 0]


def negotiate(header: str | None, offers: list[str], default: str) -> str | None:
    """The offered media type the client prefers (``default`` for ``*/*``), or ``None``
    when it accepts none of them (-> 406)."""
    for media, _q in parse_accept(header):
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            for offer in offers:
                if offer.startswith(major):
                    return offer
            continue
        if media in offers:
            return media
        alias = BY_MEDIA_TYPE.get(media)
        if alias is not None and alias.media_type in offers:
            return alias.media_type
    return None


def negotiate_format(header: str | None, default: str = "html") -> Format | None:
    """The RDF or HTML format for a resource request."""
    offers = [f.media_type for f in FORMATS.values()]
    media = negotiate(header, offers, FORMATS[default].media_type)
    return BY_MEDIA_TYPE[media] if media else None


# The formats /sparql answers in, and their media types and aliases, as pyoxigraph defines them.
RESULTS_FORMATS = [
    ox.QueryResultsFormat.JSON,
    ox.QueryResultsFormat.XML,
    ox.QueryResultsFormat.CSV,
    ox.QueryResultsFormat.TSV,
]
GRAPH_FORMATS = [
    ox.RdfFormat.TURTLE,
    ox.RdfFormat.N_TRIPLES,
    ox.RdfFormat.JSON_LD,
    ox.RdfFormat.RDF_XML,
    ox.RdfFormat.N_QUADS,
    ox.RdfFormat.TRIG,
]


def _bare(media_type: str) -> str:
    """``text/csv; charset=utf-8`` -> ``text/csv``."""
    return media_type.split(";")[0].strip()


def _canonical(accept: str | None, lookup: Callable[[str], Any]) -> str | None:
    """``Accept`` with every media type pyoxigraph knows by an alias replaced by its
    canonical one (``application/json`` -> SPARQL JSON results or JSON-LD...)."""
    if not accept:
        return accept
    parts = []
    for part in accept.split(","):
        media, sep, rest = part.strip().partition(";")
        known = lookup(media.strip().lower()) if "*" not in media else None
        parts.append((_bare(known.media_type) if known else media.strip().lower()) + sep + rest)
    return ",".join(parts)


def negotiate_query(accept: str | None, ext: str | None = None) -> tuple[str | None, str | None]:
    """The media types a query result is written in, by ``Accept`` or a ``format=`` extension
    (``json``, ``csv``, ``ttl``, ``nt``, ``jsonld``...): one for SELECT/ASK results, one for
    CONSTRUCT/DESCRIBE (``None``: that form is not acceptable)."""
    if ext:
        results = ox.QueryResultsFormat.from_extension(ext)
        graph = ox.RdfFormat.from_extension(ext)
        return (
            _bare(results.media_type) if results in RESULTS_FORMATS else None,
            _bare(graph.media_type) if graph in GRAPH_FORMATS else None,
        )
    return (
        negotiate(
            _canonical(accept, ox.QueryResultsFormat.from_media_type),
            [_bare(f.media_type) for f in RESULTS_FORMATS],
            ox.QueryResultsFormat.JSON.media_type,
        ),
        negotiate(
            _canonical(accept, ox.RdfFormat.from_media_type),
            [_bare(f.media_type) for f in GRAPH_FORMATS],
            ox.RdfFormat.TURTLE.media_type,
        ),
    )
