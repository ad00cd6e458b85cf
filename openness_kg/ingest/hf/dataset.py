"""The pure transform of one ``dataset_info`` body (``/api/datasets/<id>``) -> one record.

The dataset (``Minter.dataset``): ``a Dataset; hubId; hubPage; rdfs:label`` (``pretty_name``
or the id); ``dcterms:identifier`` (the Hub's ``_id``); ``producer``; ``dcterms:created``/
``modified``; ``dcterms:language``; licence as for models (``declaredLicense``,
``dcterms:license``, ``licenseMatch``, ``dcterms:rights``); ``dcterms:references`` arXiv
papers. Graph: ``Minter.record("hf-dataset", id)``; kind ``HubDatasetInfo``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from ...iris import IriError, Minter, is_hub_id
from ...namespaces import OKG
from ...records import Record, RecordError, plain
from .facts import Problems, Reader
from .licensing import Normalizer, default_normalizer
from .rdf import HUB, add_licences, add_papers, add_producer, add_record_meta, dt

RECORD_KIND = "hf-dataset"


def transform_dataset_info(
    body: Any,
    minter: Minter,
    *,
    source: str,
    source_path: str | None = None,
    retrieved_at: str | None = None,
    normalize: Normalizer | None = None,
) -> Record:
    problems = Problems()
    if not isinstance(body, Mapping):
        raise RecordError(source, f"expected a JSON object, got {type(body).__name__}")
    r = Reader(body, "", problems)
    ds_id = r.text("id")
    if ds_id is None or not is_hub_id(ds_id):
        raise RecordError(source, "; ".join(problems) or f"not a Hub dataset id: {ds_id!r:.200}")
    hub_key = r.text("_id")
    author = r.text("author")
    created = r.when("createdAt")
    modified = r.when("lastModified")
    tags = r.text_list("tags")
    card = r.obj("cardData")
    c = Reader(card, "cardData.", problems)
    licences = c.texts("license")
    license_name = c.text("license_name")
    license_link = c.text("license_link")
    languages = c.texts("language")
    pretty = c.text("pretty_name")
    if problems:
        raise RecordError(source, "; ".join(problems[:20]))
    if not licences:
        licences = [t[len("license:") :] for t in tags if t.startswith("license:")]
    if not languages:
        languages = [t[len("language:") :] for t in tags if t.startswith("language:")]
    arxiv = [t[len("arxiv:") :] for t in tags if t.startswith("arxiv:")]
    try:
        rec = Record(minter.record(RECORD_KIND, ds_id), source)
        d = minter.dataset(ds_id)
        page = f"{HUB}/datasets/{ds_id}"
        rec.add(d, RDF.type, OKG.Dataset)
        rec.add(d, OKG.hubId, plain(ds_id))
        rec.add(d, RDFS.label, plain(pretty or ds_id))
        rec.add(d, OKG.hubPage, URIRef(page))
        if hub_key:
            rec.add(d, DCTERMS.identifier, plain(hub_key))
        if author:
            add_producer(rec, minter, d, author)
        if created:
            rec.add(d, DCTERMS.created, dt(created))
        if modified:
            rec.add(d, DCTERMS.modified, dt(modified))
        for lang in dict.fromkeys(languages):
            rec.add(d, DCTERMS.language, plain(lang))
        add_licences(
            rec, d, licences, license_name, license_link, page, minter,
            normalize or default_normalizer(),
        )  # fmt: skip
        add_papers(rec, minter, d, dict.fromkeys(arxiv))
    except (IriError, ValueError) as exc:
        raise RecordError(source, str(exc)) from None
    add_record_meta(
        rec, OKG.HubDatasetInfo, d, source_path, retrieved_at or modified,
        f"{HUB}/api/datasets/{ds_id}",
    )  # fmt: skip
    return rec
