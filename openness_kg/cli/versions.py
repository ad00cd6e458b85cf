"""``openness-kg versions RECORD``: a record's versions and what differs between them."""

from __future__ import annotations

import json

import click
from rdflib import URIRef

from ..history.diff import field_changes
from ..history.versions import version_triples, versions_of
from .main import Settings, UsageError, pass_settings
from .output import emit_rows, format_option

VERSION_HEADERS = ["version", "date", "digest", "where"]
CHANGE_HEADERS = ["from", "to", "subject", "field", "old", "new"]


@click.command("versions")
@click.argument("record")
@format_option
@pass_settings
def versions_cmd(settings: Settings, record: str, fmt: str) -> None:
    """The versions of one source record, oldest first by their own dates (the source's date),
    and per pair of consecutive versions the fields that differ. RECORD is the record's graph
    IRI or its key after record/ (e.g. mot/OLMo-7B.yml, hf-model/deepset/roberta-base-squad2).
    CSV gives the differing fields only."""
    graph = URIRef(record if "://" in record else f"{settings.minter.base}record/{record}")
    store = settings.store()
    versions = versions_of(store, graph)
    if not versions:
        raise UsageError(f"no record {graph} (current or kept) in the store")
    rows = [
        [n, v.date or "", v.digest, str(v.iri) if v.kept else f"current: {graph}"]
        for n, v in enumerate(versions, start=1)
    ]
    contents = [version_triples(store, v) for v in versions]
    changes = [
        [n, n + 1, c.subject, c.field, c.old, c.new]
        for n in range(1, len(versions))
        for c in field_changes(graph, contents[n - 1], contents[n])
    ]
    if fmt == "json":
        out = {
            "record": str(graph),
            "versions": [dict(zip(VERSION_HEADERS, r, strict=True)) for r in rows],
            "changes": [dict(zip(CHANGE_HEADERS, r, strict=True)) for r in changes],
        }
        click.echo(json.dumps(out, indent=2))
    elif fmt == "csv":
        emit_rows(CHANGE_HEADERS, changes, fmt)
    else:
        emit_rows(VERSION_HEADERS, rows, fmt, title=f"versions of {graph}")
        emit_rows(CHANGE_HEADERS, changes, fmt, title="fields that differ")
