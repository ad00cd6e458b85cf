"""``openness-kg serve``: the linked-data server over the store."""

from __future__ import annotations

from pathlib import Path

import click

from ..store import open_store
from .main import Settings, UsageError, pass_settings, require_extra


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@click.option(
    "--public-url",
    default=None,
    metavar="URL",
    help="The root URL the server is reached at; instance IRIs are answered under "
    "<URL>id/ [default: the canonical site, the instance base minus 'id/'].",
)
@click.option("--timeout", default=10.0, show_default=True, help="SPARQL query time limit (s).")
@click.option(
    "--max-result-bytes", default=50_000_000, show_default=True, help="SPARQL result size limit."
)
@click.option(
    "--query-workers",
    default=2,
    show_default=True,
    help="SPARQL worker processes per server process.",
)
@click.option(
    "--query-nice",
    default=10,
    show_default=True,
    type=click.IntRange(min=0, max=19),
    help="How far below the pages' CPU priority SPARQL queries run (0: the same).",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Server processes, each reading the store read-only.",
)
@pass_settings
def serve_cmd(
    settings: Settings,
    host: str,
    port: int,
    public_url: str | None,
    timeout: float,
    max_result_bytes: int,
    query_workers: int,
    query_nice: int,
    workers: int,
) -> None:
    """Serve HTML pages and RDF for every IRI, a read-only SPARQL endpoint at /sparql and
    the dataset description at /.well-known/void.

    Instance IRIs answer 303 See Other to their HTML page (doc/...) or RDF document
    (data/....ttl|.jsonld|.nt|.rdf) by the Accept header; the ontology is served at
    /ontology with direct content negotiation. The embedded store is served as a read-only
    snapshot taken when the server starts (other commands may go on writing to the store;
    restart to serve what they wrote), by --workers processes; answers carry ETag,
    Last-Modified and Cache-Control, are gzip-compressed when the client accepts it, and are
    kept once rendered (in memory, and in a folder beside the snapshot that the processes
    share, so each page is rendered once). Other programs reach the graph at /sparql, whose
    time limit counts from a query's arrival; its queries run at a lower CPU priority than
    the pages (--query-nice).
    """
    require_extra("server", "starlette", "uvicorn", "jinja2", "multipart")
    import os

    import uvicorn

    from ..server import create_app, make_site
    from ..server.process import settings_env

    if public_url is not None and not public_url.startswith(("http://", "https://")):
        raise UsageError("--public-url must be an http(s) URL")
    remote = settings.endpoint is not None
    base = settings.minter.base
    if remote or workers == 1:
        store = settings.store(read_only=True) if remote else None
        path = None if remote else settings.snapshot_path()
        site = make_site(
            store if store is not None else open_store(path, read_only=True),
            path,
            base,
            public_url,
            timeout=timeout,
            max_result_bytes=max_result_bytes,
            query_workers=query_workers,
            answers=None if path is None else _answers_beside(path),
            query_nice=query_nice,
        )
        click.echo(f"serving {site.urls.public} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
        uvicorn.run(create_app(site), host=host, port=port, log_level="warning")
        return
    path = settings.snapshot_path()
    os.environ.update(
        settings_env(
            store=str(path),
            base=base,
            public_url=public_url,
            timeout=timeout,
            max_result_bytes=max_result_bytes,
            query_workers=query_workers,
            answers=str(_answers_beside(path)),
            query_nice=query_nice,
        )
    )
    click.echo(
        f"serving on http://{host}:{port}/ with {workers} processes (Ctrl-C stops)", err=True
    )
    uvicorn.run(
        "openness_kg.server.process:app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


def _answers_beside(snapshot: Path) -> Path:
    """The folder the server's processes share rendered answers in: beside the snapshot,
    in the temporary folder removed with it when ``serve`` ends."""
    folder = snapshot.parent / "answers"
    folder.mkdir(exist_ok=True)
    return folder
