"""``openness-kg classify``: the MOF class and progress of every record describing a model."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime

import click

from ..ingest.write import write_records
from ..mof.classify import (
    HEADERS,
    Classifier,
    assessment_record,
    classify_store,
    summary_records,
)
from .main import Settings, pass_settings
from .output import emit_rows, format_option


@click.command("classify")
@click.option("--framework", type=click.Choice(["mof"]), default="mof", show_default=True)
@click.option("--strict", is_flag=True, help="MOT's own licence lists, literal matching.")
@format_option
@click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="SHACL engine: the compiled evaluator of shapes/mof.ttl, or pySHACL (reference).",
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
    results = list(classify_store(store, classifier))
    if not no_store and results:
        now = datetime.now(UTC)
        assessments = (assessment_record(c, settings.minter, now) for c in results)
        summaries = summary_records(results, settings.minter, now)
        write_records(store, itertools.chain(assessments, summaries))
    rows = [c.row() for c in results]
    if fmt == "json":
        out = [
            dict(zip(HEADERS, r, strict=True)) | {"model_iri": str(c.model)}
            for r, c in zip(rows, results, strict=True)
        ]
        click.echo(json.dumps(out, indent=2))
    else:
        emit_rows(HEADERS, rows, fmt, title=f"MOF classes ({mode} mode)")
