"""``openness-kg validate``: the SHACL report for the store or for RDF files a user brings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click
from rdflib import Graph

from ..frameworks.osaid import osaid_record_view
from ..mof.validation import (
    ValidationInputError,
    file_graphs,
    mof_view,
    resolve_shapes,
    results_json,
    results_text,
    store_graphs,
    validate_graphs,
)
from .main import Settings, UsageError, models_named, pass_settings


@click.command("validate")
@click.option(
    "--shapes",
    "shapes",
    multiple=True,
    help="mof (default), osaid, a bundled shapes NAME, or a PATH.",
)
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="RDF file(s) to validate instead of the store.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "turtle", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--require-class",
    type=click.IntRange(1, 3),
    default=None,
    help="Raise the shortfalls of MOF Class N (and less open classes) to sh:Violation.",
)
@click.option(
    "--strict", is_flag=True, help="MOF shapes over MOT's own licence lists (literal matching)."
)
@click.option(
    "--model",
    "model_key",
    default=None,
    metavar="MODEL",
    help="Only the records of MODEL (IRI, Hub id, old Hub id, release name or file name).",
)
@pass_settings
def validate(
    settings: Settings,
    shapes: tuple[str, ...],
    data: tuple[Path, ...],
    fmt: str,
    require_class: int | None,
    strict: bool,
    model_key: str | None,
) -> None:
    """Validate with pySHACL. Exit 0 without sh:Violation (warnings and infos are reported),
    1 with one or more, 2 on an input error."""
    mode = "strict" if strict else "default"
    if model_key is not None and data:
        raise UsageError("--model selects records of the store: not with --data")
    try:
        shapes_graph, names = resolve_shapes(list(shapes), require_class)
        views = []
        if "mof" in names:
            views.append(mof_view(mode, settings.minter))
        if "osaid" in names:
            views.append(osaid_record_view(settings.minter))
        graphs: Iterable[Graph]
        if data:
            graphs = file_graphs(list(data), views)
        elif model_key is None:
            graphs = store_graphs(settings.store(read_only=True), views)
        else:
            store = settings.store(read_only=True)
            models = models_named(settings, store, model_key)
            graphs = [g for m in models for g in store_graphs(store, views, model=m)]
        outcome = validate_graphs(graphs, shapes_graph)
    except ValidationInputError as exc:
        raise UsageError(str(exc)) from exc
    if fmt == "turtle":
        click.echo(outcome.report.serialize(format="turtle"))
    elif fmt == "json":
        click.echo(results_json(outcome.results))
    else:
        if outcome.results:
            click.echo(results_text(outcome.results))
        click.echo(f"{len(outcome.results)} result(s), {outcome.violations} violation(s)", err=True)
    if outcome.violations:
        raise SystemExit(1)
