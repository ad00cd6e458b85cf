"""``openness-kg assess [MODEL...]``: every framework's verdict per source record."""

from __future__ import annotations

import csv
import json
import sys
from datetime import UTC, datetime

import click
from rdflib import URIRef

from ..frameworks.assess import run
from ..frameworks.registry import choices, selected
from ..frameworks.rows import HEADER, AssessmentRow
from .main import Settings, models_named, pass_settings
from .output import emit_rows, format_option


@click.command("assess")
@click.argument("models", nargs=-1)
@click.option(
    "--framework",
    type=click.Choice(choices()),
    default="all",
    show_default=True,
    help="Which framework: MOF, OSI's OSAID 1.0, the G7 labels, Solaiman's release "
    "gradient, a Columbia-stack profile, or all.",
)
@format_option
@click.option("--no-store", is_flag=True, help="Do not store the assessments in the graph.")
@pass_settings
def assess(
    settings: Settings, models: tuple[str, ...], framework: str, fmt: str, no_store: bool
) -> None:
    """One row per source record and framework (exit 0 whatever the verdicts): model, source,
    framework, verdict, score, detail. With no MODEL, every record. Computed assessments
    (osaid, g7, release, columbia) are stored in the graph, one graph per record and
    framework, with per-model summaries, unless --no-store; MOF's are stored by classify.
    A storing run is recorded as a run (prov:Activity), and an assessment it replaces keeps
    its old content as a version."""
    store = settings.store() if no_store else settings.recording("assess")
    iris: list[URIRef] | None = None
    if models:
        iris = []
        for key in models:
            iris.extend(m for m in models_named(settings, store, key) if m not in iris)
    rows: list[AssessmentRow] = []
    writer = csv.writer(sys.stdout, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(HEADER)

    def emit(row: AssessmentRow) -> None:
        if writer is not None:
            writer.writerow(row.cells())
        else:
            rows.append(row)

    run(
        store,
        selected(framework),
        iris,
        emit,
        settings.minter,
        datetime.now(UTC),
        write=not no_store,
    )
    if fmt == "json":
        out = [dict(zip(HEADER, r.cells(), strict=True)) | {"score": r.score} for r in rows]
        click.echo(json.dumps(out, indent=2))
    elif fmt == "table":
        emit_rows(HEADER, [r.cells() for r in rows], "table", title="Openness by framework")
