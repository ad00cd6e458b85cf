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
from urllib.parse import unquote

from rdflib import Literal, URIRef

from .iris import IriError, Minter, is_hub_id
from .namespaces import sparql_prologue
from .store import KGStore

_FILE_NAME = re.compile(r"\.(?:ya?ml|json)$", re.IGNORECASE)

_IS_MODEL = sparql_prologue() + "SELECT ?m WHERE { VALUES ?m { $iri } ?m a okg:Model }"
_BY_PROPERTY = sparql_prologue() + "SELECT DISTINCT ?m WHERE {{ ?m {prop} $key ; a okg:Model }}"
_BY_PATH = (
    sparql_prologue()
    + """SELECT DISTINCT ?m WHERE {
  VALUES ?p { $key $inModels } ?g okg:sourcePath ?p ; okg:recordOf ?m . ?m a okg:Model }"""
)
_BY_RECORD = (
    sparql_prologue()
    + "SELECT DISTINCT ?m WHERE { VALUES ?g { $record } ?g okg:recordOf ?m . ?m a okg:Model }"
)


def _models(store: KGStore, query: str, bindings: dict[str, object]) -> list[URIRef]:
    rows = store.select(query, bindings)  # type: ignore[arg-type]
    return sorted({r["m"] for r in rows if isinstance(r.get("m"), URIRef)})  # type: ignore[misc]


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
        found = _models(store, _IS_MODEL, {"iri": iri})
        prefix = f"{minter.base}model/"
        if found or not str(iri).startswith(prefix):
            return found
        # an IRI minted from an id the store knows under another IRI (model/gpt2): its key
        key = unquote(str(iri)[len(prefix) :])
    literal = Literal(key)
    hub_iri, named_iri = _minted(key, minter)
    steps: list[tuple[str, dict[str, object]]] = [
        (_BY_PROPERTY.format(prop="okg:hubId"), {"key": literal}),
        (_IS_MODEL, {"iri": hub_iri}) if hub_iri is not None else ("", {}),
        (_BY_PROPERTY.format(prop="okg:alternativeId"), {"key": literal}),
        (_BY_PROPERTY.format(prop="okg:releaseName"), {"key": literal}),
        (_IS_MODEL, {"iri": named_iri}) if named_iri is not None else ("", {}),
    ]
    if _FILE_NAME.search(key):
        steps.append((_BY_PATH, {"key": literal, "inModels": Literal(f"models/{key}")}))
        # a MOT record is named after its file (record/mot/<file>), wherever it was read
        with contextlib.suppress(IriError):
            steps.append((_BY_RECORD, {"record": minter.record("mot", key)}))
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
