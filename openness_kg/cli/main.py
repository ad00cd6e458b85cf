"""The root command group and the options every command shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import click

from .. import __version__
from ..iris import Minter
from ..store import KGStore, StoreError, default_store_path, open_store


class UsageError(click.ClickException):
    """An input error: exit code 2."""

    exit_code = 2


@dataclass
class Settings:
    store_path: Path
    minter: Minter
    _store: KGStore | None = field(default=None, repr=False)

    def store(self) -> KGStore:
        """Open the store on first use (so ``--help`` never touches it)."""
        if self._store is None:
            try:
                self._store = open_store(self.store_path)
            except StoreError as exc:
                raise UsageError(str(exc)) from exc
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


pass_settings = click.make_pass_decorator(Settings)


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
@click.pass_context
def main(ctx: click.Context, store_path: Path | None, base_iri: str | None) -> None:
    """openness-kg: how open is this AI model, really, and why?

    Exit codes: 0 ok, 1 violations or findings, 2 usage or input error.
    """
    settings = Settings(
        store_path=store_path or default_store_path(),
        minter=Minter(base_iri) if base_iri else Minter(),
    )
    ctx.obj = settings
    ctx.call_on_close(settings.close)
