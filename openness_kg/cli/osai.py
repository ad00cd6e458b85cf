"""``openness-kg osai links``: the evidenced links of index systems to our releases."""

from __future__ import annotations

import click

from ..indexes.osai_links import METHOD_NOTATION, compute_links, write_links
from .main import Settings, pass_settings
from .output import TABULAR_FORMATS, emit_rows

HEADERS = ["system", "file", "role", "release", "method", "evidence"]


@click.group("osai")
def osai_group() -> None:
    """The European Open Source AI Index in the graph (see ``ingest osai``)."""


@osai_group.command("links")
@click.option("--format", "fmt", type=click.Choice(TABULAR_FORMATS), default="table")
@click.option("--write", is_flag=True, help="Store the recomputed links (replacing the old).")
@pass_settings
def links(settings: Settings, fmt: str, write: bool) -> None:
    """List each index system's links to our releases (end and base model), with how each was
    made, and the systems left unlinked with why. Links are recomputed from the store."""
    store = settings.store()
    report = write_links(store, settings.minter) if write else compute_links(store, settings.minter)
    rows: list[list[str]] = []
    for s in report.found:
        file = s.path.rsplit("/", 1)[-1]
        for link in s.links:
            rows.append(
                [
                    s.name,
                    file,
                    link.role,
                    str(link.model),
                    METHOD_NOTATION[link.method],
                    link.evidence,
                ]
            )
        if not s.links:
            rows.append([s.name, file, "", "", "none", "; ".join(s.notes)])
    emit_rows(HEADERS, rows, fmt, title="index systems and our releases")
    click.echo(f"{report.linked} of {report.systems} system(s) linked", err=True)
