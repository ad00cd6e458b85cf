"""Where each IRI is served: the mapping between IRIs and the server's URLs.

Instance IRIs (``<base><rest>``, default base ``https://w3id.org/openness-kg/id/``) are served
at ``<public>id/<rest>``; with the default public URL (the base minus its ``id/``) the served
URL *is* the IRI. Slash IRIs of things (models, licences, organizations...) answer with a
``303 See Other`` to a document about them: ``<public>doc/<rest>`` (HTML) or
``<public>data/<rest>.<ext>`` (RDF), chosen by the ``Accept`` header. Ontology terms are hash
IRIs of the ontology document, served with direct content negotiation at ``<public>ontology``.
Any other IRI the store describes (e.g. SPDX licences at spdx.org) has a page at
``<public>resource?iri=<IRI>`` with the same alternates.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from rdflib import URIRef

from ..namespaces import DEFAULT_BASE, ONTOLOGY_IRI

ID_PREFIX = "id/"
DOC_PREFIX = "doc/"
DATA_PREFIX = "data/"


def default_public_url(base: str) -> str:
    """The site root of an instance base (``.../openness-kg/id/`` -> ``.../openness-kg/``)."""
    if base.endswith("/" + ID_PREFIX):
        return base[: -len(ID_PREFIX)]
    parts = urlsplit(base)
    return f"{parts.scheme}://{parts.netloc}/"


@dataclass(frozen=True)
class UrlMap:
    """IRIs to URLs of one server (public root ``public``) and back."""

    base: str = DEFAULT_BASE
    public: str = ""
    ontology_iri: str = ONTOLOGY_IRI
    # Links in pages: root-relative ("/doc/...") by default, so a server reached at any
    # host works; absolute under ``public`` when a public URL was given explicitly.
    links: str = ""

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            object.__setattr__(self, "base", self.base + "/")
        explicit = bool(self.public)
        public = self.public or default_public_url(self.base)
        if not public.endswith("/"):
            public += "/"
        object.__setattr__(self, "public", public)
        if not self.links:
            object.__setattr__(self, "links", public if explicit else "/")

    # IRIs -> URLs ------------------------------------------------------------------------
    def is_instance(self, iri: str) -> bool:
        return iri.startswith(self.base) and len(iri) > len(self.base)

    def is_ontology(self, iri: str) -> bool:
        return iri == self.ontology_iri or iri.startswith(self.ontology_iri + "#")

    def rest(self, iri: str) -> str:
        return iri[len(self.base) :]

    def served(self, iri: str) -> str:
        """The URL that dereferences ``iri`` on this server (the IRI itself by default)."""
        if self.is_instance(iri):
            return self.public + ID_PREFIX + self.rest(iri)
        if self.is_ontology(iri):
            return self.public + "ontology" + iri[len(self.ontology_iri) :]
        return self.resource(iri)

    def page(self, iri: str) -> str:
        """The HTML page about ``iri``."""
        if self.is_instance(iri):
            return self.links + DOC_PREFIX + self.rest(iri)
        if self.is_ontology(iri):
            return self.links + "ontology" + iri[len(self.ontology_iri) :]
        return self.resource(iri)

    def data(self, iri: str, ext: str) -> str:
        """The RDF document about ``iri`` in the format with file extension ``ext``."""
        if self.is_instance(iri):
            return self.links + DATA_PREFIX + self.rest(iri) + "." + ext
        if self.is_ontology(iri):
            return self.links + "ontology." + ext
        return self.resource(iri, ext)

    def resource(self, iri: str, ext: str | None = None) -> str:
        params = {"iri": iri}
        if ext:
            params["format"] = ext
        return self.links + "resource?" + urlencode(params, quote_via=quote)

    def url(self, path: str) -> str:
        """The link to a path of the site (``models``, ``sparql``...)."""
        return self.links + path.lstrip("/")

    def absolute(self, path: str) -> str:
        """The public absolute URL of a path of the site (for VoID and redirects' targets)."""
        return self.public + path.lstrip("/")

    # URLs -> IRIs ------------------------------------------------------------------------
    def iri_of_rest(self, rest: str) -> URIRef:
        """The instance IRI for the part of a request path after ``id/``, ``doc/`` or
        ``data/`` (kept percent-encoded as the client sent it, since minted IRIs are)."""
        return URIRef(self.base + rest)
