"""``openness-kg serve``: the linked-data server over the store."""

from __future__ import annotations

import click

from .main import Settings, UsageError, main, pass_settings, require_extra


@main.command("serve")
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
@click.option("--query-workers", default=2, show_default=True, help="SPARQL worker processes.")
@pass_settings
def serve_cmd(
    settings: Settings,
    host: str,
    port: int,
    public_url: str | None,
    timeout: float,
    max_result_bytes: int,
    query_workers: int,
) -> None:
    """Serve HTML pages and RDF for every IRI, a read-only SPARQL endpoint at /sparql and
    the dataset description at /.well-known/void.

    Instance IRIs answer 303 See Other to their HTML page (doc/...) or RDF document
    (data/....ttl|.jsonld|.nt|.rdf) by the Accept header; the ontology is served at
    /ontology with direct content negotiation. This process holds the embedded store open;
    other commands reach it with --endpoint http://HOST:PORT/sparql.
    """
    require_extra("server", "starlette", "uvicorn", "jinja2", "multipart")
    import uvicorn

    from ..server import create_app, make_site

    if public_url is not None and not public_url.startswith(("http://", "https://")):
        raise UsageError("--public-url must be an http(s) URL")
    store = settings.store()
    remote = settings.endpoint is not None
    site = make_site(
        store,
        None if remote else settings.store_path,
        settings.minter.base,
        public_url,
        timeout=timeout,
        max_result_bytes=max_result_bytes,
        query_workers=query_workers,
    )
    click.echo(f"serving {site.urls.public} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(site), host=host, port=port, log_level="warning")
