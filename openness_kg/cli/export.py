"""``openness-kg export``: the group; ``export mot MODEL`` writes a MOT model file."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import URIRef

from ..mof.classify import RECORDS_QUERY
from ..mof.export_mot import dump_mot, record_to_mot
from ..resolve import find_models
from .default_group import DefaultCommandGroup
from .main import Settings, UsageError, pass_settings


@click.group(
    "export", cls=DefaultCommandGroup, default_command="graph"
)  # `export OUT` = `export graph OUT`
def export_group() -> None:
    """Write what the graph knows in other formats."""


@export_group.command("mot")
@click.argument("model")
@click.option(
    "--source", default=None, help="The record (file name) to export when several describe MODEL."
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_settings
def export_mot(settings: Settings, model: str, source: str | None, output: Path | None) -> None:
    """Write MODEL as a MOT model file (YAML passing MOT's JSON schema) to stdout or --output."""
    store = settings.store(read_only=True)
    records: list[tuple[URIRef, URIRef, str]] = []
    for m in find_models(store, model, settings.minter):
        for row in store.select(RECORDS_QUERY, {"model": m}):
            path = str(row.get("path") or row["g"])
            if source is None or path.endswith(source):
                records.append((row["g"], m, path))  # type: ignore[arg-type]
    if not records:
        raise UsageError(f"no record describing the components of {model!r}")
    if len(records) > 1:
        names = ", ".join(p for _, _, p in records)
        raise UsageError(f"{model!r} has several records ({names}); choose one with --source")
    g, m, _ = records[0]
    text = dump_mot(record_to_mot(store.graph(g), m))
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
