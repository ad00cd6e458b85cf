"""``openness-kg load FILE...``: RDF files from others into the store."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import URIRef
from rich.progress import TaskID

from ..history.versions import models_of_graphs
from ..store import StoreError
from ..store.transfer import DEFAULT_BATCH, LoadResult, file_graph, load_file
from ..summaries import refresh
from .main import Settings, graph_name, pass_settings
from .output import error
from .progress import progress_bar


@click.command("load")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--graph",
    default=None,
    metavar="NAME",
    help="Named graph for the files' triples [default: one graph per file, "
    "<base>record/file/<file name>]. Quads of TriG/N-Quads files keep their own graphs.",
)
@click.option("--replace", is_flag=True, help="Empty each target graph before loading into it.")
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True)
@pass_settings
def load_cmd(
    settings: Settings, files: tuple[Path, ...], graph: str | None, replace: bool, batch_size: int
) -> None:
    """Load RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, N3; .gz too;
    format from the extension). Each file is checked whole before anything of it is
    written; a bad file is reported and the others still load (exit 1 when any failed).
    The summaries of the models whose records or assessments the files add, or --replace
    empties, are refreshed at the end.
    """
    target = graph_name(settings, graph) if graph is not None else None
    store = settings.store()
    results: list[LoadResult] = []
    emptied: set[URIRef] = set()  # with --replace, each graph is emptied once per command
    touched: set[URIRef] = set()  # models whose summaries the load may change

    def before_empty(graphs: list[URIRef]) -> None:
        touched.update(models_of_graphs(store, graphs))

    with progress_bar() as bar:
        for path in files:
            task = bar.add_task(path.name, total=None)

            def tick(done: int, total: int, task: TaskID = task) -> None:
                bar.update(task, completed=done, total=total)

            into = target if target is not None else file_graph(settings.minter, path)
            try:
                r = load_file(store, path, into, replace, batch_size, tick, emptied, before_empty)
            except StoreError as exc:
                r = LoadResult(path, error=f"{path}: {exc}")
            bar.update(task, completed=r.quads, total=r.quads or 1)
            results.append(r)
    touched |= models_of_graphs(store, {g for r in results for g in r.graphs})
    if touched:
        refresh(store, settings.minter, touched)
    failed = [r for r in results if r.error]
    for r in failed:
        error(r.error or "")
    loaded = sum(r.quads for r in results)
    graphs = len({g for r in results if not r.error for g in r.graphs})
    click.echo(
        f"loaded {loaded} quads from {len(results) - len(failed)} file(s) into {graphs} graph(s)"
        + (f"; {len(failed)} file(s) failed" if failed else ""),
        err=True,
    )
    if failed:
        raise SystemExit(1)
