"""Content negotiation: the RDF formats the server speaks and picking one from ``Accept``."""

from __future__ import annotations

from dataclasses import dataclass


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
