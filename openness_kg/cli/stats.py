"""``openness-kg stats``."""

from __future__ import annotations

import json

import click

from ..stats import compute_stats
from .main import Settings, pass_settings
from .output import emit_rows


@click.command("stats")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@pass_settings
def stats_cmd(settings: Settings, fmt: str) -> None:
    """Counts of models, components, licences, and triples per named graph."""
    stats = compute_stats(settings.store(read_only=True))
    if fmt == "json":
        click.echo(json.dumps(stats.as_dict(), indent=2))
        return
    d = stats.as_dict()
    emit_rows(
        ["what", "count"],
        [(k, v) for k, v in d.items() if k != "graphs"],
        title="openness-kg store",
    )
    emit_rows(
        ["named graph", "triples"], sorted(stats.graphs.items()), title="triples per named graph"
    )
