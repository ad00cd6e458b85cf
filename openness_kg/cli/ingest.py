"""``openness-kg ingest``: the group; each source's subcommand lives in ``ingest_<source>.py``."""

from __future__ import annotations

import click

from ..records import BatchReport
from .output import error, warn


@click.group("ingest")
def ingest_group() -> None:
    """Turn source records (MOT files, Hub metadata, model cards) into RDF in the store.

    Each record lands in its own named graph; bad records are reported on stderr and the
    rest of the batch still lands (exit 1 when any record failed).
    """


def finish(report: BatchReport, what: str) -> None:
    """Print the outcome of an ingest on stderr and exit 1 when any record failed."""
    for w in report.warnings:
        warn(w)
    for e in report.errors:
        error(str(e))
    click.echo(
        f"{what}: {report.landed} record(s) landed, {report.triples} triples"
        + (f", {len(report.errors)} failed" if report.errors else ""),
        err=True,
    )
    if report.errors:
        raise SystemExit(1)
