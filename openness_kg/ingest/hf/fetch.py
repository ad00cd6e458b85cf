"""The live path: Hub API responses through ``huggingface_hub``, apart from the transforms.

- The endpoint is passed to ``HfApi(endpoint=...)`` explicitly (``huggingface_hub`` reads
  ``HF_ENDPOINT`` once, at import time, so a value set later would be ignored); it comes from
  ``--hf-endpoint``, else ``HF_ENDPOINT`` read at call time, else ``https://huggingface.co``.
  The token comes from ``HF_TOKEN`` (else the locally saved one, as ``huggingface_hub`` does).
- Requests go through ``huggingface_hub.utils.http_backoff``: retries with exponential
  back-off on 408/429/5xx and network errors; on 429 it waits for ``Retry-After`` or, when the
  ``RateLimit`` header says no requests remain, for its reset time. After a successful
  response whose ``RateLimit`` header says no requests remain, :class:`HubClient` waits for
  the reset itself before the next request.
- Listing (``--author``, ``--search``) pages with ``HfApi.list_models`` (``Link`` headers).
- Redirects (307 for renamed repos) are followed; the id asked for becomes an alias.
- :func:`ingest_live` walks the requested models breadth first, following ``base_model`` links
  (``--with-lineage DEPTH``) and training datasets (``--with-datasets``), writes records in
  batches (one transaction each) and keeps a small JSON state file, so an interrupted run
  started again with the same arguments skips what already landed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.utils import build_hf_headers, http_backoff, parse_ratelimit_headers

from ...iris import Minter, is_hub_id
from ...namespaces import OKG
from ...records import BatchReport, Record, RecordError
from ...store import KGStore
from ...store.write import write_records
from .card import MAX_CARD_BYTES, transform_card
from .dataset import transform_dataset_info
from .licensing import Normalizer, default_normalizer
from .transform import parse_body, transform_model_info

DEFAULT_ENDPOINT = "https://huggingface.co"
MAX_RATELIMIT_WAIT = 600.0


def resolve_endpoint(option: str | None = None) -> str:
    return (option or os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/")


def _response_date(headers: Any) -> str:
    """The response's own ``Date``, else now (UTC, ISO 8601)."""
    value = headers.get("date") if headers is not None else None
    try:
        when = parsedate_to_datetime(value) if value else datetime.now(UTC)
    except (TypeError, ValueError):
        when = datetime.now(UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Fetched:
    requested: str
    url: str
    text: bytes
    date: str
    redirected: bool


@dataclass
class HubClient:
    """Raw Hub API responses (the JSON text, for the pure transforms)."""

    endpoint: str = DEFAULT_ENDPOINT
    token: str | None = None
    max_retries: int = 5
    base_wait: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    api: HfApi = field(init=False)

    def __post_init__(self) -> None:
        self.endpoint = self.endpoint.rstrip("/")
        if self.token is None:
            self.token = os.environ.get("HF_TOKEN") or None
        self.api = HfApi(endpoint=self.endpoint, token=self.token)

    def _headers(self) -> dict[str, str]:
        return build_hf_headers(token=self.token, library_name="openness-kg")

    def get(self, path: str, kind: str, ident: str) -> Fetched:
        """GET ``<endpoint>/<path>``; HTTP failures become a :class:`RecordError`."""
        url = f"{self.endpoint}/{path}"
        source = f"hf:{kind}:{ident}"
        try:
            r = http_backoff(
                "GET",
                url,
                headers=self._headers(),
                max_retries=self.max_retries,
                base_wait_time=self.base_wait,
                max_wait_time=max(8.0, self.base_wait),
            )
        except Exception as exc:  # network errors after the retries
            raise RecordError(source, f"request failed: {type(exc).__name__}: {exc}") from None
        self._respect_ratelimit(r.headers)
        if r.status_code >= 400:
            reason = {401: "unauthorized (gated or private: set HF_TOKEN)", 404: "not found"}
            raise RecordError(
                source, f"HTTP {r.status_code} {reason.get(r.status_code, r.reason_phrase)}"
            )
        return Fetched(ident, str(r.url), r.content, _response_date(r.headers), bool(r.history))

    def _respect_ratelimit(self, headers: Any) -> None:
        info = parse_ratelimit_headers(headers)
        if info is not None and info.remaining == 0:
            self.sleep(min(float(info.reset_in_seconds), MAX_RATELIMIT_WAIT))

    def model_info(self, repo_id: str) -> Fetched:
        return self.get(f"api/models/{repo_id}", "model", repo_id)

    def dataset_info(self, dataset_id: str) -> Fetched:
        return self.get(f"api/datasets/{dataset_id}", "dataset", dataset_id)

    def card(self, repo_id: str, revision: str = "main") -> Fetched:
        return self.get(f"{repo_id}/resolve/{revision}/README.md", "card", repo_id)

    def list_model_ids(
        self, author: str | None = None, search: str | None = None, limit: int | None = None
    ) -> Iterator[str]:
        """Model ids from the Hub's listing (paged through ``Link`` headers)."""
        try:
            for m in self.api.list_models(author=author, search=search, limit=limit):
                yield m.id
        except HfHubHTTPError as exc:
            raise RecordError(f"hf:list:{author or search}", f"listing failed: {exc}") from None


# --- transforms of fetched responses -----------------------------------------------------


def model_record(
    f: Fetched, minter: Minter, redirects: dict[str, str], normalize: Normalizer
) -> Record:
    body = parse_body(f.text, f"hf:model:{f.requested}")
    if isinstance(body, dict) and isinstance(body.get("id"), str) and body["id"] != f.requested:
        redirects[f.requested] = body["id"]
    return transform_model_info(
        body,
        minter,
        source=f"hf:model:{f.requested}",
        source_path=f.url,
        retrieved_at=f.date,
        requested_id=f.requested,
        redirects=redirects,
        normalize=normalize,
    )


def dataset_record(f: Fetched, minter: Minter, normalize: Normalizer) -> Record:
    body = parse_body(f.text, f"hf:dataset:{f.requested}")
    return transform_dataset_info(
        body,
        minter,
        source=f"hf:dataset:{f.requested}",
        source_path=f.url,
        retrieved_at=f.date,
        normalize=normalize,
    )


def card_record(f: Fetched, repo_id: str, minter: Minter, normalize: Normalizer) -> Record:
    source = f"hf:card:{repo_id}"
    if len(f.text) > MAX_CARD_BYTES:
        raise RecordError(source, f"card too large: {len(f.text)} bytes")
    try:
        text = f.text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(source, f"not UTF-8 text: {exc.reason}") from None
    return transform_card(
        text, minter, source=source, repo_id=repo_id, source_path=f.url, retrieved_at=f.date,
        normalize=normalize,
    )  # fmt: skip


def linked_ids(rec: Record, props: Iterable[object]) -> list[str]:
    """Hub ids of the things ``rec``'s model links to by ``props`` (bases, datasets)."""
    wanted = set(props)
    targets = [o for _, p, o in rec.triples if p in wanted]
    ids = {s: str(o) for s, p, o in rec.triples if p == OKG.hubId}
    return [ids[t] for t in dict.fromkeys(targets) if t in ids]


LINEAGE_PROPS = (
    OKG.fineTunedFrom, OKG.adapterOf, OKG.quantizedFrom, OKG.mergedFrom, OKG.derivedFromModel,
)  # fmt: skip


# --- resumable runs ----------------------------------------------------------------------


@dataclass
class RunState:
    """Which items of one run already landed (JSON file; removed when the run completes)."""

    path: Path | None
    key: str
    done: dict[str, list[list[Any]]] = field(default_factory=dict)  # key -> follow-ups

    @classmethod
    def open(cls, path: Path | None, job: dict[str, Any]) -> RunState:
        key = hashlib.sha256(json.dumps(job, sort_keys=True).encode()).hexdigest()[:16]
        state = cls(path, key)
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            if data.get("job") == key:
                done = data.get("done")
                state.done = done if isinstance(done, dict) else {}
        return state

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(
            json.dumps({"job": self.key, "done": self.done}, sort_keys=True), encoding="utf-8"
        )
        tmp.replace(self.path)

    def finish(self) -> None:
        if self.path is not None and self.path.exists():
            self.path.unlink()


@dataclass
class LiveJob:
    model_ids: list[str] = field(default_factory=list)
    author: str | None = None
    search: str | None = None
    limit: int | None = None
    with_datasets: bool = False
    with_lineage: int = 0
    with_cards: bool = False

    def as_key(self) -> dict[str, Any]:
        return dict(self.__dict__)


def ingest_live(
    store: KGStore,
    client: HubClient,
    minter: Minter,
    job: LiveJob,
    state: RunState,
    batch_size: int = 200,
    progress: Callable[[str], None] | None = None,
    normalize: Normalizer | None = None,
) -> BatchReport:
    """Fetch, transform and write; per-item errors are collected and the rest lands."""
    normalize = normalize or default_normalizer()
    report = BatchReport()
    redirects: dict[str, str] = {}
    queue: deque[tuple[str, str, int]] = deque()
    seen: set[tuple[str, str]] = set()

    def push(kind: str, ident: str, depth: int) -> None:
        if (kind, ident) not in seen:
            seen.add((kind, ident))
            queue.append((kind, ident, depth))

    for mid in job.model_ids:
        push("model", mid, 0)
    if job.author or job.search:
        try:
            for mid in client.list_model_ids(job.author, job.search, job.limit):
                push("model", mid, 0)
        except RecordError as exc:
            report.errors.append(exc)

    batch: list[Record | RecordError] = []
    landed: dict[str, list[list[Any]]] = {}

    def flush() -> None:
        if batch:
            report.merge(write_records(store, list(batch), batch_size=max(1, len(batch))))
            state.done.update(landed)
            state.save()
            batch.clear()
            landed.clear()

    while queue:
        kind, ident, depth = queue.popleft()
        key = f"{kind}:{ident}"
        if progress:
            progress(key)
        if key in state.done:  # landed in an earlier, interrupted run: only its follow-ups
            for k, i, d in state.done[key]:
                push(str(k), str(i), int(d))
            continue
        item: Record | RecordError
        follow: list[list[Any]] = []
        try:
            if kind == "model":
                if not is_hub_id(ident):
                    raise RecordError(f"hf:model:{ident}", f"not a Hugging Face repo id: {ident!r}")
                item = model_record(client.model_info(ident), minter, redirects, normalize)
                if depth < job.with_lineage:
                    follow += [["model", b, depth + 1] for b in linked_ids(item, LINEAGE_PROPS)]
                if job.with_datasets:
                    follow += [
                        ["dataset", d, depth + 1] for d in linked_ids(item, (OKG.trainedOn,))
                    ]
                if job.with_cards:
                    follow.append(["card", redirects.get(ident, ident), depth])
                for k, i, d in follow:
                    push(k, i, d)
            elif kind == "dataset":
                if not is_hub_id(ident):
                    raise RecordError(f"hf:dataset:{ident}", f"not a Hub dataset id: {ident!r}")
                item = dataset_record(client.dataset_info(ident), minter, normalize)
            else:
                item = card_record(client.card(ident), ident, minter, normalize)
        except RecordError as exc:
            item = exc
        batch.append(item)
        if isinstance(item, Record):
            landed[key] = follow
        if len(batch) >= batch_size:
            flush()
    flush()
    if not report.errors:
        state.finish()  # with failures the state stays: a re-run retries only those
    return report
