"""``openness-kg diff OLD NEW`` / ``diff --at DATE --at DATE``: what changed, per model."""

from __future__ import annotations

from pathlib import Path

import click

from ..history.diff import HEADERS, State, compare, open_source, state_at, state_of
from ..store import KGStore, StoreError
from .main import Settings, UsageError, pass_settings
from .output import emit_rows, format_option


def open_state_source(path: Path) -> KGStore:
    try:
        return open_source(path)
    except (StoreError, ValueError) as exc:
        raise UsageError(str(exc)) from exc


@click.command("diff")
@click.argument("old", required=False, type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option(
    "--at",
    "dates",
    multiple=True,
    metavar="DATE",
    help="Compare the store (--store) on two dates, from its record versions: --at OLD "
    "--at NEW (YYYY-MM-DD or an ISO date-time).",
)
@format_option
@pass_settings
def diff_cmd(
    settings: Settings, old: Path | None, new: Path | None, dates: tuple[str, ...], fmt: str
) -> None:
    """What changed from OLD to NEW, per model: verdicts per framework, components added or
    removed, licences, lineage, records added or removed, each with the record, its two
    version digests and the rule versions behind it.

    OLD and NEW are store folders, `publish` release folders or N-Quads/TriG dumps; or give
    --at DATE twice to compare the store on two dates. Exit 0 when nothing changed, 1 when
    something did, 2 on a usage error.
    """
    states: list[State]
    if dates:
        if old is not None or new is not None or len(dates) != 2:
            raise UsageError("give OLD NEW, or --at DATE --at DATE (two dates, no paths)")
        from ..history.versions import as_datetime

        for d in dates:
            try:
                as_datetime(d)
            except ValueError as exc:
                raise UsageError(f"--at {d!r}: not a date or date-time ({exc})") from exc
        store = settings.store()
        states = [state_at(store, d) for d in dates]
    else:
        if old is None or new is None:
            raise UsageError("give OLD NEW (stores, releases or dumps), or --at DATE --at DATE")
        states = []
        for path in (old, new):
            s = open_state_source(path)
            try:
                states.append(state_of(s, str(path)))
            finally:
                s.close()
    changes = compare(states[0], states[1])
    emit_rows(
        HEADERS,
        [c.row() for c in changes],
        fmt,
        title=f"changes from {states[0].label} to {states[1].label}",
    )
    if changes:
        raise SystemExit(1)
