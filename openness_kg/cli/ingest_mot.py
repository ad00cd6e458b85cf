"""``openness-kg ingest mot PATH...``: MOT model files (files or folders) into the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest.mot import ingest_paths
from ..ingest.write import write_records
from .ingest import finish, ingest_group
from .main import Settings, UsageError, pass_settings


@ingest_group.command("mot")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_settings
def ingest_mot(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Ingest MOT model files (YAML); each file becomes one record in its own named graph.

    Files failing YAML parsing or MOT's JSON schema are reported with the reason; the rest land.
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    report = write_records(settings.recording("ingest mot"), ingest_paths(paths, settings.minter))
    finish(report, "mot")
