"""``openness-kg ingest osai PATH...``: European Open Source AI Index files into the store,
then the links of their systems to our releases."""

from __future__ import annotations

from pathlib import Path

import click

from ..indexes.osai_links import write_links
from ..ingest.osai import ingest_paths
from ..store.write import write_records
from .ingest import finish
from .main import Settings, UsageError, pass_settings


@click.command("osai")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@pass_settings
def ingest_osai(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Ingest index files (YAML, either generation; files or folders); one record per file.

    Files that are not a system (malformed YAML, wrong types, the submission template) are
    reported with the reason; the rest land. Then every system in the store is linked to our
    releases by evidence (see ``openness-kg osai links``).
    """
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    store = settings.store()
    report = write_records(store, ingest_paths(paths, settings.minter))
    linked = write_links(store, settings.minter)
    click.echo(f"osai: {linked.linked} of {linked.systems} system(s) linked to a release", err=True)
    finish(report, "osai")
