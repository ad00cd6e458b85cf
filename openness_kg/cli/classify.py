"""``openness-kg classify``: the MOF class and progress of every record describing a model."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from ..mof.classify import ENGINES, HEADERS, Classification, Classifier, classify_and_store
from .main import Settings, pass_settings
from .output import emit_rows, format_option


@click.command("classify")
@click.option("--framework", type=click.Choice(["mof"]), default="mof", show_default=True)
@click.option("--strict", is_flag=True, help="MOT's own licence lists, literal matching.")
@format_option
@click.option(
    "--engine",
    type=click.Choice(list(ENGINES)),
    default="fast",
    show_default=True,
    help="SHACL engine: the compiled evaluator of shapes/mof.ttl over many records at a time; "
    "the shapes compiled to SPARQL and run by the store (sparql: the work stays in the store, "
    "e.g. a remote one); or pySHACL record by record (the reference).",
)
@click.option("--no-store", is_flag=True, help="Do not store the assessments in the graph.")
@pass_settings
def classify(
    settings: Settings, framework: str, strict: bool, fmt: str, engine: str, no_store: bool
) -> None:
    """One row per source record that describes a model's components (exit 0 whatever the
    classes). Progress is in percent; mof_class 0 means unclassified. The assessments are
    stored in the graph (one named graph per record) unless --no-store, with each model's
    highest class in default mode (okg:highestMofClass, one graph per model)."""
    store = settings.store() if no_store else settings.recording("classify")
    mode = "strict" if strict else "default"
    classifier = Classifier(mode, engine, settings.minter)
    rows: list[list[object]] = []
    iris: list[str] = []

    def emit(c: Classification) -> None:
        rows.append(c.row())
        iris.append(str(c.model))

    classify_and_store(store, classifier, datetime.now(UTC), write=not no_store, emit=emit)
    if fmt == "json":
        out = [
            dict(zip(HEADERS, r, strict=True)) | {"model_iri": m}
            for r, m in zip(rows, iris, strict=True)
        ]
        click.echo(json.dumps(out, indent=2))
    else:
        emit_rows(HEADERS, rows, fmt, title=f"MOF classes ({mode} mode)")
