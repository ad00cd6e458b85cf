"""Deterministic instance IRIs, minted from stable keys.

One model, one IRI: a Hub model is ``<base>model/<org>/<name>`` (the Hub id's ``/`` kept,
everything outside the RFC 3986 unreserved set percent-encoded as UTF-8); a model known
only from another source is ``<base>model/<name>`` with every ``/`` of its name encoded,
so it can never look like a two-part Hub id.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import URIRef

from .namespaces import DEFAULT_BASE, SPDX_LICENSES

BASE_ENV = "OPENNESS_KG_BASE"

# A Hub repo id: one or two path segments of the characters the Hub allows.
_HUB_ID = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")


class IriError(ValueError):
    """A key that cannot be turned into an IRI (empty, or not of the expected form)."""


def encode_segment(text: str, keep_slash: bool = False) -> str:
    """Percent-encode ``text`` for one IRI path segment (or several, with ``keep_slash``)."""
    if not text or not text.strip():
        raise IriError("empty key")
    return quote(text, safe="/" if keep_slash else "")


def slug(text: str) -> str:
    """A lower-case ASCII slug for names such as ``Model parameters (Final)``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if not out:
        raise IriError(f"nothing to slug in {text!r}")
    return out


def is_hub_id(text: str) -> bool:
    """True when ``text`` has the form of a Hugging Face repo id (``org/name`` or ``name``)."""
    return bool(_HUB_ID.match(text)) and ".." not in text and "--" not in text


@dataclass(frozen=True)
class Minter:
    """Mints every instance IRI under one base."""

    base: str = DEFAULT_BASE

    @classmethod
    def from_env(cls) -> Minter:
        return cls(os.environ.get(BASE_ENV) or DEFAULT_BASE)

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    # models -------------------------------------------------------------------------------
    def hub_model(self, repo_id: str) -> URIRef:
        """The IRI of a Hub model, from its repo id (``meta-llama/Llama-3.1-8B``)."""
        if not is_hub_id(repo_id):
            raise IriError(f"not a Hugging Face repo id: {repo_id!r}")
        return self._iri("model", encode_segment(repo_id, keep_slash=True))

    def named_model(self, name: str) -> URIRef:
        """The IRI of a model known only by a source's own name for it."""
        return self._iri("model", encode_segment(name.strip()))

    def component(self, model: URIRef, component_type: str) -> URIRef:
        """A model's component of one type: ``<model>/component/<slug of the type name>``."""
        return URIRef(f"{model}/component/{slug(component_type)}")

    def evaluation(self, model: URIRef, key: str) -> URIRef:
        """One reported evaluation of a model: ``<model>/evaluation/<hash>``, the first 16 hex
        digits of the SHA-1 of ``key`` (for the Hub: ``task|dataset type|dataset
        name|config|split``, UTF-8)."""
        import hashlib

        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return URIRef(f"{model}/evaluation/{digest}")

    def metric(self, evaluation: URIRef, key: str) -> URIRef:
        """One metric of an evaluation: ``<evaluation>/metric/<key>`` (the metric type, encoded)."""
        return URIRef(f"{evaluation}/metric/{encode_segment(key)}")

    # other things -------------------------------------------------------------------------
    def organization(self, name: str) -> URIRef:
        return self._iri("org", encode_segment(name.strip()))

    def dataset(self, dataset_id: str) -> URIRef:
        return self._iri("dataset", encode_segment(dataset_id.strip(), keep_slash=True))

    def publication(self, key: str) -> URIRef:
        """A paper: ``arxiv:2403.13784`` style keys or a URL, encoded as one segment."""
        return self._iri("publication", encode_segment(key.strip()))

    def license(self, license_id: str) -> URIRef:
        """SPDX ids live at spdx.org; Hub-only and ``LicenseRef-okg-*`` ids under our base."""
        from .licenses.ids import is_spdx_id  # local import: licences build on IRIs

        if is_spdx_id(license_id):
            return SPDX_LICENSES[license_id]
        return self._iri("license", encode_segment(license_id))

    def record(self, source_kind: str, key: str) -> URIRef:
        """The named graph of one source record, e.g. ``record/mot/Polyglot-Ko.yml``."""
        return self._iri("record", slug(source_kind), encode_segment(key, keep_slash=True))

    def assessment(self, framework: str, record: URIRef, model: URIRef) -> URIRef:
        key = f"{record}|{model}"
        import hashlib

        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return self._iri("assessment", slug(framework), digest)

    def mof_summary(self, model: URIRef) -> URIRef:
        """The graph of a model's MOF summary: ``record/mof-summary/<model IRI after the
        base>``, or ``record/mof-summary/external/<hash>`` (the first 16 hex digits of the
        SHA-1 of the IRI) for a model outside the base."""
        return self.summary("mof", model)

    def summary(self, framework: str, model: URIRef) -> URIRef:
        """The graph of a model's summary for one framework: ``record/<framework>-summary/…``
        (keyed as :meth:`mof_summary`)."""
        key = str(model).removeprefix(self.base)
        if key == str(model):
            import hashlib

            key = "external/" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return self.record(f"{framework}-summary", key)

    def family(self, source: str, key: str) -> URIRef:
        """A model family as one source names it: ``family/<source>/<key>`` (e.g. an index
        system by its file name)."""
        return self._iri("family", slug(source), encode_segment(key.strip()))

    def criterion(self, framework: str, *parts: str) -> URIRef:
        """A framework's criterion: ``criterion/<framework>/<part>/...`` (e.g. a computed
        framework's criterion slug, or an edition and the slug of an indicator name)."""
        return self._iri("criterion", slug(framework), *(encode_segment(p) for p in parts))

    def record_version(self, record: URIRef, digest: str) -> URIRef:
        """One content of a record, named by its digest: ``<record graph>/version/<digest>``
        (the same IRI before and after the record is replaced, see ``history.versions``)."""
        return URIRef(f"{record}/version/{digest}")

    def run(self, stamp: str) -> URIRef:
        """One run of a command that writes the store: ``<base>run/<version stamp>``; also
        the name of the graph describing it."""
        return self._iri("run", encode_segment(stamp))

    def agent(self, name: str) -> URIRef:
        """A software agent (a rule engine of ours, e.g. ``openness-kg``) or a person."""
        return self._iri("agent", encode_segment(name.strip()))

    def build_graph(self) -> URIRef:
        """The graph holding build metadata (the build time: the one non-deterministic part)."""
        return self._iri("graph", "build")

    def licenses_graph(self) -> URIRef:
        return self._iri("graph", "licenses")
