"""The root command group and the options every command shares."""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import click
from rdflib import URIRef

from .. import __version__
from ..iris import Minter
from ..paths import ResourceMissing, check_resources
from ..resolve import find_models
from ..store import KGStore, StoreError, default_store_path, open_store, snapshot
from ..store.remote import AUTH_SCHEMES, Endpoint, RemoteStore
from .output import warn


class UsageError(click.ClickException):
    """An input error: exit code 2. The message is one line."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.splitlines()))


def require_extra(extra: str, *modules: str) -> None:
    """Fail with a usage error naming the optional dependencies a command needs, when any of
    ``modules`` is not installed (``pip install 'openness-kg[EXTRA]'``)."""
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise UsageError(
            f"this command needs the optional '{extra}' dependencies ({', '.join(missing)} "
            f"not installed): pip install 'openness-kg[{extra}]'"
        )


@dataclass
class Settings:
    store_path: Path
    minter: Minter
    _store: KGStore | None = field(default=None, repr=False)
    endpoint: Endpoint | None = None  # --endpoint: a remote SPARQL 1.1 store instead
    _snapshots: list[Path] = field(default_factory=list, repr=False)

    def store(self, read_only: bool = False) -> KGStore:
        """Open the store on first use (so ``--help`` never touches it): the remote
        endpoint when ``--endpoint`` is given, else the embedded store. A command that only
        reads (``read_only``) still reads while another process writes (the store allows one
        writer): it reads a snapshot of what that writer has flushed, and says so."""
        if self._store is None:
            if self.endpoint is not None:
                self._store = RemoteStore(self.endpoint)
                return self._store
            try:
                store = self._store = open_store(self.store_path)
            except StoreError as exc:
                if not (read_only and is_locked(exc)):
                    raise UsageError(str(exc)) from exc
                self._store = open_store(self._snapshot(), read_only=True)
                return self._store
            if store.recovered:
                warn(
                    f"an interrupted write had left {len(store.recovered)} graph(s) partly "
                    f"written in {self.store_path}; they were removed (ingest them again): "
                    + ", ".join(str(g) for g in store.recovered[:5])
                    + (" ..." if len(store.recovered) > 5 else "")
                )
        return self._store

    def read_path(self) -> Path:
        """Where a reader in another process (a query worker) reads the embedded store: the
        store itself, or while another process writes to it, a snapshot of it (one per
        command: asked again, the same)."""
        if self._store is not None or not (self.store_path / "CURRENT").exists():
            return self.store_path
        if self._snapshots:
            return self._snapshots[-1] / "store"
        try:
            open_store(self.store_path).close()  # no writer: read the store itself
        except StoreError as exc:
            if not is_locked(exc):
                raise UsageError(str(exc)) from exc
            return self._snapshot()
        return self.store_path

    def snapshot_path(self) -> Path:
        """A read-only snapshot of the embedded store for a long-running reader (``serve``),
        which a writer cannot disturb, removed when the command ends."""
        if not (self.store_path / "CURRENT").exists():
            raise UsageError(
                f"no store at {self.store_path}: run `openness-kg build` first (or pass --store)"
            )
        try:  # no writer: recover an interrupted write first
            self.store().close()
            self._store = None
        except UsageError:
            return self._snapshot(busy=True)
        return self._snapshot(busy=False)

    def _snapshot(self, busy: bool = True) -> Path:
        """A snapshot of the store a writer holds, taken with a bounded retry (RocksDB may
        be switching files under the writer at that moment), removed when the command ends."""
        for attempt in range(READ_TRIES):
            tmp = Path(
                tempfile.mkdtemp(
                    prefix=f".{self.store_path.name}.reader-", dir=self.store_path.parent
                )
            )
            self._snapshots.append(tmp)
            try:
                snapshot(self.store_path, tmp / "store")
            except StoreError as exc:
                if attempt == READ_TRIES - 1:
                    raise UsageError(
                        f"another process is writing to {self.store_path} and {READ_TRIES} "
                        f"attempts to read it in {READ_TRIES * READ_WAIT:g} s failed: {exc}"
                    ) from exc
                time.sleep(READ_WAIT)
                continue
            if busy:
                warn(
                    f"another process is writing to {self.store_path}: reading a read-only "
                    "snapshot of what it has flushed so far"
                )
            return tmp / "store"
        raise AssertionError("unreachable")

    def recording(self, command: str) -> KGStore:
        """The store for a command that writes it: the run is described in the store (a
        ``prov:Activity`` with a version stamp) and every record it replaces keeps its old
        content as a version (``history.versions``). When it ends, the summaries of the models
        whose records it wrote, replaced or removed are refreshed (``summaries``)."""
        from ..history.versions import start_run
        from ..summaries import refresh

        keeper = start_run(self.store(), self.minter, command)

        def end() -> None:
            if keeper.touched:
                refresh(keeper, self.minter, set(keeper.touched))
            keeper.end_run()

        click.get_current_context().call_on_close(end)
        return keeper

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        for tmp in self._snapshots:
            shutil.rmtree(tmp, ignore_errors=True)
        self._snapshots.clear()


READ_TRIES = 5  # snapshots tried while a writer holds the store
READ_WAIT = 0.5  # seconds between two


def is_locked(exc: StoreError) -> bool:
    """Whether the store could not be opened because another opener holds its lock."""
    return "lock" in str(exc).lower()


pass_settings = click.make_pass_decorator(Settings)


def models_named(settings: Settings, store: KGStore, key: str) -> list[URIRef]:
    """The models a MODEL argument names, by the one resolver (:mod:`openness_kg.resolve`);
    a usage error when the key is empty or names none."""
    if not key.strip():
        raise UsageError("MODEL is empty: give a release name, Hub id, file name or IRI")
    found = find_models(store, key, settings.minter)
    if not found:
        raise UsageError(f"no model {key!r} in the store")
    return found


def graph_name(settings: Settings, text: str) -> URIRef:
    """A ``--graph NAME`` value (an IRI, ``<IRI>`` or ``prefix:name``) as the graph's IRI."""
    from ..sparql.cq import ParameterValueError, to_term

    try:
        term = to_term(text, "iri", settings.minter)
    except ParameterValueError as exc:
        raise UsageError(str(exc)) from exc
    if not isinstance(term, URIRef):
        raise UsageError(f"--graph wants an IRI, <IRI> or prefix:name, not {text!r}")
    return term


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="openness-kg")
@click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Embedded store directory [env OPENNESS_KG_STORE; default "
    "$XDG_DATA_HOME/openness-kg/store].",
)
@click.option(
    "--base-iri",
    envvar="OPENNESS_KG_BASE",
    default=None,
    help="Base of minted instance IRIs [default https://w3id.org/openness-kg/id/].",
)
@click.option(
    "--endpoint",
    envvar="OPENNESS_KG_ENDPOINT",
    default=None,
    metavar="URL",
    help="Use a remote SPARQL 1.1 store: its query endpoint [env OPENNESS_KG_ENDPOINT]. "
    "It must query the union of named graphs by default (Oxigraph: --union-default-graph).",
)
@click.option(
    "--update-endpoint",
    envvar="OPENNESS_KG_UPDATE_ENDPOINT",
    default=None,
    metavar="URL",
    help="Its SPARQL Update endpoint [default: the query endpoint].",
)
@click.option(
    "--gsp-endpoint",
    envvar="OPENNESS_KG_GSP_ENDPOINT",
    default=None,
    metavar="URL",
    help="Its Graph Store Protocol endpoint (optional).",
)
@click.option(
    "--endpoint-user",
    envvar="OPENNESS_KG_ENDPOINT_USER",
    default=None,
    help="HTTP basic auth user for the endpoint [env OPENNESS_KG_ENDPOINT_USER].",
)
@click.option(
    "--endpoint-password",
    envvar="OPENNESS_KG_ENDPOINT_PASSWORD",
    default=None,
    help="HTTP basic auth password [env OPENNESS_KG_ENDPOINT_PASSWORD; prefer the env].",
)
@click.option(
    "--endpoint-token",
    envvar="OPENNESS_KG_ENDPOINT_TOKEN",
    default=None,
    help="Bearer token for the endpoint [env OPENNESS_KG_ENDPOINT_TOKEN].",
)
@click.option(
    "--endpoint-auth",
    envvar="OPENNESS_KG_ENDPOINT_AUTH",
    type=click.Choice(AUTH_SCHEMES),
    default="basic",
    show_default=True,
    help="How the user and password are sent: basic, or digest (Virtuoso's /sparql-auth).",
)
@click.pass_context
def main(
    ctx: click.Context,
    store_path: Path | None,
    base_iri: str | None,
    endpoint: str | None = None,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    endpoint_user: str | None = None,
    endpoint_password: str | None = None,
    endpoint_token: str | None = None,
    endpoint_auth: str = "basic",
) -> None:
    """openness-kg: how open is this AI model, really, and why?

    Exit codes: 0 ok, 1 violations or findings, 2 usage or input error.
    """
    if endpoint is None and (update_endpoint or gsp_endpoint):
        raise UsageError("--update-endpoint and --gsp-endpoint need --endpoint")
    try:
        check_resources()
    except ResourceMissing as exc:
        raise UsageError(str(exc)) from exc
    settings = Settings(
        store_path=store_path or default_store_path(),
        minter=Minter(base_iri) if base_iri else Minter(),
        endpoint=Endpoint(
            query_url=endpoint,
            update_url=update_endpoint,
            gsp_url=gsp_endpoint,
            user=endpoint_user,
            password=endpoint_password,
            token=endpoint_token,
            auth=endpoint_auth,
        )
        if endpoint
        else None,
    )
    ctx.obj = settings
    ctx.call_on_close(settings.close)
