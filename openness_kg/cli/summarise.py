"""``openness-kg summarise``."""

from __future__ import annotations

import time

import click

from ..summaries import refresh
from .main import Settings, pass_settings
from .progress import progress_bar


@click.command("summarise")
@pass_settings
def summarise_cmd(settings: Settings) -> None:
    """Recompute every model's summaries (licences and their categories, the most open
    verdict per framework) from what the store holds now.

    build, ingest, classify and assess keep the summaries of the models they touch; this
    is for a store written before summaries existed, or changed behind openness-kg's back
    (``load``, a remote store's own updates).
    """
    started = time.perf_counter()
    with progress_bar() as bar:
        task = bar.add_task("summaries", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        n = refresh(settings.recording("summarise"), settings.minter, progress=tick)
    click.echo(f"summarised {n} models in {time.perf_counter() - started:.1f}s", err=True)
