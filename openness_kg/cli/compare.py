"""``openness-kg compare MODEL...``: human and computed verdicts side by side."""

from __future__ import annotations

import click
from rdflib import URIRef

from ..indexes.compare import HEADERS, RULE_VERSION, compare
from .main import Settings, models_named, pass_settings
from .output import TABULAR_FORMATS, emit_rows


@click.command("compare")
@click.argument("models", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(TABULAR_FORMATS), default="table")
@pass_settings
def compare_cmd(settings: Settings, models: tuple[str, ...], fmt: str) -> None:
    """Per MODEL (release name, Hub id, file name or IRI) and criterion family (weights, data,
    code, documentation, licence): the European Open Source AI Index's verdicts next to the
    computed ones (MOF components and the licence KB's categories), with the reasons where
    they disagree; then the MOF class, the index's score and the developer's FMTI totals."""
    store = settings.store()
    resolved: list[tuple[URIRef, str]] = []
    for key in models:
        found = models_named(settings, store, key)
        resolved += [(m, key if len(found) == 1 else str(m)) for m in found]
    results = compare(store, resolved)
    if fmt != "table":
        emit_rows(HEADERS, [r.cells() for _, rows, _ in results for r in rows], fmt)
        return
    for name, rows, lines in results:
        click.echo(f"{name}")
        for line in lines:
            click.echo(f"  {line}")
        emit_rows(HEADERS[1:], [r.cells()[1:] for r in rows], fmt, title=name)
    click.echo(f"rules: {RULE_VERSION}", err=True)
