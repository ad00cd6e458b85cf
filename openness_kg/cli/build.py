"""``openness-kg build``."""

from __future__ import annotations

import time

import click

from ..build import build as run_build
from ..bundled import bundled_sources
from .main import Settings, pass_settings
from .output import error, warn
from .progress import progress_bar


@click.command("build")
@pass_settings
def build_cmd(settings: Settings) -> None:
    """Load the ontology and everything bundled in data/ into the store.

    Replaces what a previous build put there (in one transaction); records that fail
    are reported on stderr and the rest still land. Exit 1 when any record failed.
    """
    sources = bundled_sources()
    started = time.perf_counter()
    with progress_bar() as bar:
        tasks = {s.name: bar.add_task(s.name, total=s.count()) for s in sources}

        def tick(name: str, done: int) -> None:
            bar.update(tasks[name], completed=done)

        report = run_build(settings.recording("build"), settings.minter, sources, progress=tick)
    for w in report.warnings:
        warn(w)
    for e in report.errors:
        error(str(e))
    elapsed = time.perf_counter() - started
    click.echo(
        f"built {report.landed} records, {report.triples} triples in {elapsed:.1f}s "
        f"into {settings.store_path}"
        + (f"; {len(report.errors)} record(s) failed" if report.errors else ""),
        err=True,
    )
    if report.errors:
        raise SystemExit(1)
