"""``openness-kg ingest mot PATH...``: MOT model files (files or folders) into the store;
``ingest mot --git REPO``: every version of them from a git repository's history."""

from __future__ import annotations

from pathlib import Path

import click

from ..ingest.mot import ingest_paths
from ..store.write import write_records
from .ingest import finish
from .main import Settings, UsageError, pass_settings


@click.command("mot")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--git",
    "repo",
    type=click.Path(file_okay=False, path_type=Path),
    help="A local clone of a MOT repository: each commit that changed models/NAME.yml is a "
    "dated version of that record (the newest current, the older ones kept versions); "
    "PATHS then name the model files to read (default: every one).",
)
@click.option("--rev", default="HEAD", show_default=True, help="With --git: the newest commit.")
@pass_settings
def ingest_mot(settings: Settings, paths: tuple[Path, ...], repo: Path | None, rev: str) -> None:
    """Ingest MOT model files (YAML); each file becomes one record in its own named graph.

    Files failing YAML parsing or MOT's JSON schema are reported with the reason; the rest land.
    """
    if repo is not None:
        from ..history.git_source import GitError, git_records

        if not repo.is_dir():
            raise UsageError(f"no such folder: {repo}")
        store = settings.recording(f"ingest mot --git {repo}")
        try:
            names = [p.name for p in paths]  # with --git: which model files (default all)
            items = list(git_records(repo, settings.minter, store, rev, names=names))
        except GitError as exc:
            raise UsageError(str(exc)) from exc
        # one batch: a file's kept versions land with its current record, all or nothing
        finish(write_records(store, items, batch_size=max(1, len(items))), "mot --git")
        return
    if not paths:
        raise UsageError("give PATH... (files or folders) or --git REPO")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    report = write_records(settings.recording("ingest mot"), ingest_paths(paths, settings.minter))
    finish(report, "mot")
