"""``openness-kg ingest hf`` (Hub metadata, live or recorded) and ``ingest card`` (a card file)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from ..ingest.hf.card import card_from_file
from ..ingest.hf.fetch import HubClient, LiveJob, RunState, ingest_live, resolve_endpoint
from ..ingest.hf.recorded import count_files, read_dir
from ..records import Record, RecordError
from ..store.write import write_records
from .ingest import finish
from .main import Settings, UsageError, pass_settings
from .progress import progress_bar


@click.command("hf")
@click.argument("model_ids", nargs=-1)
@click.option("--author", help="Every model of this user or organization (paged listing).")
@click.option("--search", help="Every model whose id matches this text.")
@click.option(
    "--limit", type=click.IntRange(min=1), help="At most N models from --author/--search."
)
@click.option("--with-datasets", is_flag=True, help="Also ingest the datasets models name.")
@click.option(
    "--with-lineage",
    "lineage_depth",
    type=click.IntRange(min=0),
    default=0,
    metavar="DEPTH",
    help="Follow base_model links up to DEPTH levels.",
)
@click.option("--with-cards", is_flag=True, help="Also ingest each model's README card.")
@click.option(
    "--from-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Ingest recorded JSON responses from DIR (offline; models/, datasets/, INDEX.csv, "
    "redirects.json).",
)
@click.option(
    "--hf-endpoint",
    metavar="URL",
    help="Hub endpoint [env HF_ENDPOINT; default https://huggingface.co].",
)
@click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Resume file of a live run [default: <store>.hf-ingest.json].",
)
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True)
@click.option("--retries", type=click.IntRange(min=0), default=5, show_default=True)
@pass_settings
def ingest_hf(
    settings: Settings,
    model_ids: tuple[str, ...],
    author: str | None,
    search: str | None,
    limit: int | None,
    with_datasets: bool,
    lineage_depth: int,
    with_cards: bool,
    from_dir: Path | None,
    hf_endpoint: str | None,
    state_path: Path | None,
    batch_size: int,
    retries: int,
) -> None:
    """Ingest Hugging Face Hub model metadata: MODEL_ID..., --author ORG, --search TEXT,
    or recorded responses with --from-dir DIR.

    Each response lands as its own record (named graph); a failed model is reported and
    the rest land (exit 1 when any failed). An interrupted live run started again with the
    same arguments continues where it stopped.
    """
    live = bool(model_ids or author or search)
    if from_dir is not None and live:
        raise UsageError("--from-dir reads recorded responses; give no model ids or listing")
    if from_dir is None and not live:
        raise UsageError("give MODEL_ID..., --author ORG, --search TEXT or --from-dir DIR")
    if limit is not None and not (author or search):
        raise UsageError("--limit applies to --author/--search")
    store = settings.recording("ingest hf")
    if from_dir is not None:
        with progress_bar() as bar:
            task = bar.add_task("hf files", total=count_files(from_dir))
            report = write_records(
                store,
                read_dir(from_dir, settings.minter),
                batch_size=batch_size,
                progress=lambda n: bar.update(task, completed=n),
            )
        finish(report, f"ingest hf --from-dir {from_dir}")
        return
    client = HubClient(resolve_endpoint(hf_endpoint), max_retries=retries)
    job = LiveJob(list(model_ids), author, search, limit, with_datasets, lineage_depth, with_cards)
    state = RunState.open(
        state_path or settings.store_path.with_name(settings.store_path.name + ".hf-ingest.json"),
        {**job.as_key(), "endpoint": client.endpoint},
    )
    with progress_bar() as bar:
        task = bar.add_task("hf", total=None)
        report = ingest_live(
            store,
            client,
            settings.minter,
            job,
            state,
            batch_size=batch_size,
            progress=lambda key: bar.update(task, advance=1, description=f"hf {key[:50]}"),
        )
    finish(report, "ingest hf")


@click.command("card")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--id", "repo_id", metavar="REPO_ID", help="The model's Hub repo id.")
@pass_settings
def ingest_card(settings: Settings, paths: tuple[Path, ...], repo_id: str | None) -> None:
    """Ingest model card(s) (README.md with YAML front matter) from disk.

    The repo id comes from --id, else from the card's own metadata, else it is an error.
    """
    if repo_id is not None and len(paths) > 1:
        raise UsageError("--id names one model: give one card with it")

    def items() -> Iterator[Record | RecordError]:
        for p in paths:
            try:
                yield card_from_file(p, settings.minter, repo_id)
            except RecordError as exc:
                yield exc

    finish(write_records(settings.recording("ingest card"), items()), "ingest card")
