"""``openness-kg publish OUT_DIR``: a static release of the graph, for any static file server.

Layout::

    index.html                     what is here, with links
    dumps/openness-kg.nt.gz        all triples (union of the named graphs), N-Triples, gzip
    dumps/openness-kg.nq.gz        all quads: every statement with its source record's graph
    dumps/openness-kg.ttl          all triples, Turtle
    dumps/openness-kg.jsonld       all triples, JSON-LD
    ontology/okg.ttl .jsonld .rdf .nt   the ontology; ontology/index.html its pyLODE docs
    context.jsonld                 JSON-LD @context for writing model metadata as plain JSON
    example-model.json             a model described with that context
    void.ttl, void.jsonld          VoID + DCAT description, counts taken from the store
    VERSION, release.json          version stamp
    .htaccess                      redirect rules for w3id.org/openness-kg/
    SHA256SUMS                     checksums of every file above (sha256sum -c format)

Dumps are written by pyoxigraph's streaming serializers, so memory stays flat in the size of
the store.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import URIRef

from .. import __version__
from ..namespaces import ONTOLOGY_IRI
from ..store import KGStore
from . import void
from .context import json_context
from .htaccess import htaccess
from .ontology_docs import ontology_html, serialize_ontology

ALL_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
DUMPS = [
    ("dumps/openness-kg.nt.gz", "application/n-triples", ox.RdfFormat.N_TRIPLES, True, False),
    ("dumps/openness-kg.nq.gz", "application/n-quads", ox.RdfFormat.N_QUADS, True, True),
    ("dumps/openness-kg.ttl", "text/turtle", ox.RdfFormat.TURTLE, False, False),
    ("dumps/openness-kg.jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, False, False),
]
DEFAULT_PUBLIC = "https://w3id.org/openness-kg/"
Progress = Callable[[str], None]


@dataclass
class ReleaseReport:
    out: Path
    files: list[str] = field(default_factory=list)
    counts: void.Counts | None = None


def _raw_store(store: KGStore) -> ox.Store:
    raw = getattr(store, "raw", None)
    if not isinstance(raw, ox.Store):
        raise TypeError("publish needs the embedded store (dumps stream from pyoxigraph)")
    return raw


def _write_dump(raw: ox.Store, path: Path, fmt: ox.RdfFormat, gz: bool, quads: bool) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    opener: Callable[..., IO[bytes]] = gzip.open if gz else open  # type: ignore[assignment]
    with opener(path, "wb") as out:
        if quads:
            raw.dump(out, format=fmt)
        else:
            result = raw.query(ALL_TRIPLES)
            assert isinstance(result, ox.QueryTriples)
            result.serialize(out, fmt)


def sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def example_model(base: str) -> dict[str, Any]:
    model = base + "model/example-org/example-model"
    return {
        "@context": DEFAULT_PUBLIC + "context.jsonld",
        "id": model,
        "type": "Model",
        "label": "Example model",
        "producer": {
            "id": base + "org/example-org",
            "type": "Organization",
            "label": "Example org",
        },
        "license": "http://spdx.org/licenses/Apache-2.0",
        "gating": "NotGated",
        "hasComponent": [
            {
                "id": model + "/component/model-parameters-final",
                "type": "ModelParametersFinal",
                "license": "http://spdx.org/licenses/Apache-2.0",
                "declaredLicense": "Apache-2.0",
            },
            {
                "id": model + "/component/training-code",
                "type": "TrainingCode",
                "license": "http://spdx.org/licenses/MIT",
            },
        ],
    }


def publish(
    store: KGStore,
    out: Path,
    base: str,
    public_url: str = DEFAULT_PUBLIC,
    release_url: str | None = None,
    server_url: str | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    previous: Path | None = None,
) -> ReleaseReport:
    """Write the release into ``out`` (created; files of an earlier release are replaced).

    ``public_url`` is the canonical site (w3id); ``release_url`` where these files are hosted
    (default ``<public>release/``); ``server_url`` where ``openness-kg serve`` runs (default:
    the release URL's site); ``previous`` the release the notes compare with (default: the
    one already in ``out``, if any)."""
    from ..history.notes import previous_state, write_notes

    say = progress or (lambda _msg: None)
    say("previous release")
    before = previous_state(previous or out)
    raw = _raw_store(store)
    release = release_url or public_url + "release/"
    server = server_url or release
    out.mkdir(parents=True, exist_ok=True)
    report = ReleaseReport(out)

    for rel, _media, fmt, gz, quads in DUMPS:
        say(f"dump {rel}")
        _write_dump(raw, out / rel, fmt, gz, quads)
        report.files.append(rel)

    say("ontology")
    onto = store.graph(URIRef(ONTOLOGY_IRI))
    (out / "ontology").mkdir(exist_ok=True)
    for ext in ("ttl", "jsonld", "rdf", "nt"):
        (out / "ontology" / f"okg.{ext}").write_bytes(serialize_ontology(onto, ext))
        report.files.append(f"ontology/okg.{ext}")
    (out / "ontology" / "index.html").write_text(ontology_html(onto), encoding="utf-8")
    report.files.append("ontology/index.html")

    say("JSON-LD context")
    _write_json(out / "context.jsonld", json_context(onto))
    _write_json(out / "example-model.json", example_model(base))
    report.files += ["context.jsonld", "example-model.json"]

    say("VoID and DCAT")
    counts = void.count(store)
    report.counts = counts
    g = void.void_graph(
        counts,
        public=public_url,
        base=base,
        sparql=server + "sparql",
        dumps=[(release + rel, media) for rel, media, *_ in DUMPS],
        ontology_url=public_url + "ontology",
    )
    (out / "void.ttl").write_bytes(g.serialize(format="turtle", encoding="utf-8"))
    (out / "void.jsonld").write_bytes(
        g.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    )
    report.files += ["void.ttl", "void.jsonld"]

    stamp = (now or datetime.now(UTC)).replace(microsecond=0).isoformat()
    info = {
        "name": "openness-kg",
        "version": __version__,
        "released": stamp,
        "built": str(counts.build_time) if counts.build_time is not None else None,
        "triples": counts.triples,
        "entities": counts.entities,
        "base": base,
        "public_url": public_url,
        "release_url": release,
    }
    say("release notes")
    notes, changed = write_notes(out, store, before, __version__)
    report.files += notes
    info["changes_since_previous"] = changed
    (out / "VERSION").write_text(f"openness-kg {__version__} {stamp}\n", encoding="utf-8")
    _write_json(out / "release.json", info)
    (out / ".htaccess").write_text(htaccess(release, server), encoding="utf-8")
    (out / "index.html").write_text(_index_html(info, report.files), encoding="utf-8")
    report.files += ["VERSION", "release.json", ".htaccess", "index.html"]

    sums = [f"{sha256(out / rel)}  {rel}" for rel in sorted(report.files)]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    report.files.append("SHA256SUMS")
    return report


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _index_html(info: dict[str, Any], files: list[str]) -> str:
    from html import escape

    items = "\n".join(f'<li><a href="{escape(f)}">{escape(f)}</a></li>' for f in files)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>openness-kg {escape(info['version'])}</title></head><body>"
        f"<h1>openness-kg {escape(info['version'])}</h1>"
        f"<p>Released {escape(info['released'])}; {info['triples']} statements.</p>"
        f'<ul>{items}<li><a href="SHA256SUMS">SHA256SUMS</a></li></ul></body></html>\n'
    )
