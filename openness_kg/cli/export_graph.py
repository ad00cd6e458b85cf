"""``openness-kg export [graph] --format nt|turtle|trig|nq|jsonld [--graph NAME] OUT``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..sparql.formats import project_prefixes
from ..store import StoreError
from ..store.transfer import EXPORT_FORMATS, export, open_output
from .main import Settings, UsageError, graph_name, pass_settings
from .output import error, warn

HAS_GRAPH = "ASK { GRAPH ?g { ?s ?p ?o } }"

_BY_EXTENSION = {
    "nt": "nt",
    "ttl": "turtle",
    "turtle": "turtle",
    "trig": "trig",
    "nq": "nq",
    "jsonld": "jsonld",
    "json": "jsonld",
}


def _format_for(out: str, fmt: str | None) -> str:
    if fmt:
        return fmt
    name = out[:-3] if out.endswith(".gz") else out
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    raise UsageError(f"cannot tell the format of {out!r}: give --format nt|turtle|trig|nq|jsonld")


@click.command("graph")
@click.argument("out", metavar="OUT")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(EXPORT_FORMATS)),
    default=None,
    help="RDF format [default: from OUT's extension (.nt .ttl .trig .nq .jsonld, optionally .gz)].",
)
@click.option(
    "--graph",
    "graph",
    default=None,
    metavar="NAME",
    help="Only this named graph (an IRI, <IRI> or prefix:name such as id:graph/licenses).",
)
@pass_settings
def export_graph_cmd(settings: Settings, out: str, fmt: str | None, graph: str | None) -> None:
    """Stream the whole store (or one named graph) to OUT (- for stdout), without loading it
    into memory. nt and turtle hold triples only: without --graph they get the triples of
    every named graph; trig, nq and jsonld keep the graphs. OUT ending in .gz is compressed.

    Exit codes: 0 ok, 1 the export failed while writing, 2 usage error (including a --graph
    that is not in the store: nothing is written then).
    """
    name = _format_for(out, fmt)
    target = graph_name(settings, graph) if graph is not None else None
    if target is None and not EXPORT_FORMATS[name].supports_datasets:
        warn(f"{name} has no named graphs: writing the triples of every graph (trig/nq keep them)")
    store = settings.store(read_only=True)
    if target is not None and not store.ask(HAS_GRAPH, {"g": target}):
        raise UsageError(
            f"no graph <{target}> in the store: nothing exported (openness-kg stats lists them)"
        )
    prefixes = project_prefixes(settings.minter.base)
    try:
        if out == "-":
            export(store, sys.stdout.buffer, name, target, prefixes)
            sys.stdout.buffer.flush()
        else:
            with open_output(Path(out)) as fh:
                export(store, fh, name, target, prefixes)
    except (OSError, StoreError, ValueError) as exc:
        error(f"export failed: {exc}")
        raise SystemExit(1) from exc
