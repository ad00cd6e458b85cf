"""``openness-kg push --to QUERY_URL``: copy the embedded store to a SPARQL 1.1 store."""

from __future__ import annotations

import click

from ..store import OxigraphStore, StoreError
from ..store.remote import AUTH_SCHEMES, Endpoint, RemoteStore
from ..store.transfer import DEFAULT_BATCH, push
from .main import Settings, UsageError, pass_settings
from .output import error, warn
from .progress import progress_bar


@click.command("push")
@click.option("--to", "to", required=True, metavar="QUERY_URL", help="The SPARQL query endpoint.")
@click.option(
    "--update",
    "update",
    default=None,
    metavar="URL",
    help="Update endpoint [default: --to].",
)
@click.option(
    "--gsp",
    "gsp",
    default=None,
    metavar="URL",
    help="Graph Store Protocol endpoint: send graphs with PUT/POST instead of INSERT DATA.",
)
@click.option("--user", envvar="OPENNESS_KG_ENDPOINT_USER", default=None, help="HTTP auth user.")
@click.option(
    "--password", envvar="OPENNESS_KG_ENDPOINT_PASSWORD", default=None, help="HTTP auth password."
)
@click.option("--token", envvar="OPENNESS_KG_ENDPOINT_TOKEN", default=None, help="Bearer token.")
@click.option(
    "--auth",
    envvar="OPENNESS_KG_ENDPOINT_AUTH",
    type=click.Choice(AUTH_SCHEMES),
    default="basic",
    show_default=True,
    help="How --user/--password are sent: basic, or digest (Virtuoso's /sparql-auth).",
)
@click.option("--batch-size", type=click.IntRange(min=1), default=DEFAULT_BATCH, show_default=True)
@pass_settings
def push_cmd(
    settings: Settings,
    to: str,
    update: str | None,
    gsp: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    auth: str,
    batch_size: int,
) -> None:
    """Copy every graph of the embedded store to a remote store, in batches, replacing the
    graphs of the same names there (others are left alone). Exit 1 if the remote then holds
    a different number of quads (e.g. it had other graphs)."""
    if settings.endpoint is not None:
        raise UsageError("push copies the embedded store (--store); drop --endpoint")
    local = settings.store()
    assert isinstance(local, OxigraphStore)
    total = len(local)
    remote = RemoteStore(
        Endpoint(
            to,
            update_url=update,
            gsp_url=gsp,
            user=user,
            password=password,
            token=token,
            auth=auth,
        )
    )
    try:
        with progress_bar() as bar:
            task = bar.add_task("push", total=total)
            report = push(
                local,
                remote,
                batch_size=batch_size,
                use_gsp=gsp is not None,
                progress=lambda done: bar.update(task, completed=done),
            )
        union = remote.union_default_graph()
    except StoreError as exc:
        error(f"push failed: {exc}")
        raise SystemExit(1) from exc
    click.echo(
        f"pushed {report.quads} quads in {report.graphs} graphs ({report.requests} requests); "
        f"the remote store holds {report.remote_quads} quads in named graphs",
        err=True,
    )
    if not union:
        warn(
            "the endpoint does not query the union of its named graphs by default, so "
            "queries will miss the data: start Oxigraph with --union-default-graph "
            "(Fuseki: tdb2:unionDefaultGraph true)"
        )
    if report.remote_quads != report.quads:
        warn(f"local {report.quads} quads, remote {report.remote_quads}")
        raise SystemExit(1)
