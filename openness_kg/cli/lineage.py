"""``openness-kg lineage MODEL``: ancestry and descendants with licences, and the findings of
the licence-lineage shapes. Exit 0 no violation, 1 a violation, 2 unknown model."""

from __future__ import annotations

import json
import sys

import click
from rdflib.namespace import SH

from ..lineage import findings as lineage_findings
from ..lineage import lineage, resolve_model
from .main import Settings, UsageError, pass_settings
from .output import TABULAR_FORMATS, emit_rows


@click.command("lineage")
@click.argument("model")
@click.option("--depth", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(TABULAR_FORMATS), default="table")
@pass_settings
def lineage_cmd(settings: Settings, model: str, depth: int, fmt: str) -> None:
    """Print MODEL's ancestry and descendants known to the graph, each with its licence, and
    the licence-lineage findings (shapes/lineage.ttl).

    MODEL is a Hub repo id (an old, redirected id works too) or a model IRI.
    """
    store = settings.store(read_only=True)
    iri = resolve_model(store, settings.minter, model)
    if iri is None:
        raise UsageError(f"no model {model!r} in the store")
    rows = lineage(store, iri, depth)
    found = lineage_findings(store, rows)
    headers = ["depth", "model", "relation", "of", "licence", "declared", "gating"]
    table = [
        [
            r.depth,
            r.hub_id or str(r.model),
            ""
            if not r.relation
            else (f"base ({r.relation}) of" if r.depth < 0 else f"{r.relation} of"),
            next((x.hub_id or str(x.model) for x in rows if x.model == r.via), ""),
            " ".join(r.licences),
            " ".join(r.declared),
            r.gating or "",
        ]
        for r in rows
    ]
    fheaders = ["severity", "model", "value", "shape", "message"]
    ftable = [
        [
            f.severity.rsplit("#", 1)[-1],
            f.focus,
            f.value or "",
            f.source_shape.rsplit("#", 1)[-1],
            f.message,
        ]
        for f in found
    ]
    if fmt == "json":
        json.dump(
            {
                "lineage": [dict(zip(headers, r, strict=True)) for r in table],
                "findings": [dict(zip(fheaders, r, strict=True)) for r in ftable],
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        emit_rows(headers, table, fmt, title=f"lineage of {model}")
        if ftable:
            if fmt == "table":
                emit_rows(fheaders, ftable, fmt, title="findings")
            else:
                click.echo()
                emit_rows(fheaders, ftable, fmt)
        elif fmt == "table":
            click.echo("no lineage findings")
    if any(f.severity == str(SH.Violation) for f in found):
        raise SystemExit(1)
