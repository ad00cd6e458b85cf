"""The one model resolver: from what a person types to the model IRI(s) of the store.

Every command, page and query parameter that takes a model goes through :func:`find_models`
(``explain``, ``lineage``, ``export mot``, ``validate --model``, ``query --param model=...``,
the server's ``/compare`` and its model pages). A key is tried in this order, and the first
kind of match that finds a model wins (so a Hub id is never outvoted by a release name):

1. an IRI (``https://...`` or ``<...>``) of a model in the store;
2. a Hub repo id (``okg:hubId``), also as the IRI minted from it;
3. an alternative id the Hub recorded (``okg:alternativeId``: a redirect from a legacy
   unprefixed id such as ``gpt2`` or ``bert-base-uncased``, or a rename);
4. a release name (``okg:releaseName``: MOT's name for a release, the Hub's repo id), also as
   the IRI minted from a name;
5. for a file name, a record's file: its ``okg:sourcePath`` exactly (``models/Llama-3-70B.yml``,
   or the key with the bundled ``models/`` prefix), or the MOT record named after the file
   (``record/mot/Llama-3-70B.yml``, wherever the file was read from).

Every step is an index lookup on a bound literal or IRI (no scan, no string function over the
store), so a lookup costs about the same on 30 models as on 2 million
(``benchmarks/bench_resolve.py``). Nothing is matched fuzzily (no case folding, no edit
distance): a key names a model only as a source wrote it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from urllib.parse import unquote

from rdflib import Literal, URIRef

from .app_queries import app_query
from .binding import Binding
from .iris import IriError, Minter, is_hub_id
from .namespaces import OKG
from .store import KGStore

_FILE_NAME = re.compile(r"\.(?:ya?ml|json)$", re.IGNORECASE)


def _models(store: KGStore, query: str, bindings: Mapping[str, Binding]) -> list[URIRef]:
    rows = store.select(app_query(query), bindings)
    return sorted({m for r in rows if isinstance(m := r.get("m"), URIRef)})


def _iri_key(key: str) -> URIRef | None:
    text = key[1:-1] if key.startswith("<") and key.endswith(">") else key
    return URIRef(text) if re.match(r"^https?://\S+$", text) else None


def _minted(key: str, minter: Minter) -> tuple[URIRef | None, URIRef | None]:
    """The IRIs a Hub id and a name would be minted as (``None`` where the key cannot be)."""
    try:
        hub = minter.hub_model(key) if is_hub_id(key) else None
        named = minter.named_model(key)
    except IriError:
        return None, None
    return hub, named


def find_models(store: KGStore, key: str, minter: Minter | None = None) -> list[URIRef]:
    """The models ``key`` names, by the first kind of match that finds any (module
    docstring); sorted, empty when none."""
    key = key.strip()
    if not key:
        return []
    minter = minter or Minter()
    iri = _iri_key(key)
    if iri is not None:
        found = _models(store, "resolve-iri-is-model", {"m": iri})
        prefix = f"{minter.base}model/"
        if found or not str(iri).startswith(prefix):
            return found
        # an IRI minted from an id the store knows under another IRI (model/gpt2): its key
        key = unquote(str(iri)[len(prefix) :])
    literal = Literal(key)
    hub_iri, named_iri = _minted(key, minter)
    by_property = "resolve-model-by-property"
    steps: list[tuple[str, dict[str, Binding]]] = [
        (by_property, {"prop": OKG.hubId, "key": literal}),
        ("resolve-iri-is-model", {"m": hub_iri}) if hub_iri is not None else ("", {}),
        (by_property, {"prop": OKG.alternativeId, "key": literal}),
        (by_property, {"prop": OKG.releaseName, "key": literal}),
        ("resolve-iri-is-model", {"m": named_iri}) if named_iri is not None else ("", {}),
    ]
    if _FILE_NAME.search(key):
        steps.append(("resolve-model-by-path", {"p": [literal, Literal(f"models/{key}")]}))
        # a MOT record is named after its file (record/mot/<file>), wherever it was read
        with contextlib.suppress(IriError):
            steps.append(("resolve-model-by-record", {"g": minter.record("mot", key)}))
    for query, bindings in steps:
        found = _models(store, query, bindings) if query else []
        if found:
            return found
    return []


def find_model(store: KGStore, key: str, minter: Minter | None = None) -> URIRef | None:
    """The one model ``key`` names, or ``None`` when it names none; when it names several
    (one release name used by two sources), the first by IRI."""
    found = find_models(store, key, minter)
    return found[0] if found else None
