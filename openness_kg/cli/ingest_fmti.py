"""``openness-kg ingest fmti DIR``: the Foundation Model Transparency Index into the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest.fmti import ingest_dir
from ..store.write import write_records
from .ingest import finish
from .main import Settings, UsageError, pass_settings


@click.command("fmti")
@click.argument("directory", type=click.Path(path_type=Path))
@pass_settings
def ingest_fmti(settings: Settings, directory: Path) -> None:
    """Ingest FMTI editions: DIR is the data folder (``October2023/``, ``May2024/``,
    ``Dec2025/`` inside) or one edition's folder. One record per edition; each developer's
    0/1 per indicator with disclosure and justification where the edition has them; the
    developers mapped to our organizations in a graph of its own."""
    if not directory.is_dir():
        raise UsageError(f"not a folder: {directory}")
    report = write_records(settings.store(), ingest_dir(directory, settings.minter))
    finish(report, "fmti")
