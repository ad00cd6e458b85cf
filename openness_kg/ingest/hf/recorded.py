"""Recorded Hub responses on disk -> records (``ingest hf --from-dir`` and the bundled data).

A directory holds ``models/*.json`` (``model_info`` bodies; files directly in the directory
count as model bodies too) and ``datasets/*.json`` (``dataset_info`` bodies), and optionally:

- ``INDEX.csv`` (columns ``file``, ``recorded_date``, ...): the date each response was
  recorded, which dates its record; without it a body's own ``lastModified`` does;
- ``redirects.json`` (``[{request_uri, status, location}]``): 307s from old repo ids to new
  ones; the old id becomes an alias of the model and resolves base-model links.

A file ``org__name@label.json`` is a kept snapshot (a second record of the model, key
``org/name@label``). Bodies of one repository under two ids (same ``_id`` and ``sha``, as
``gpt2`` and ``openai-community/gpt2``) become one record of the ``org/name`` id with the
other id as an alias.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...iris import Minter
from ...records import RecordError
from ...sources import RecordItem
from .dataset import transform_dataset_info
from .facts import norm_datetime
from .licensing import Normalizer, default_normalizer
from .transform import MAX_BODY_BYTES, parse_body, transform_model_info

API_PREFIX = "/api/models/"


def read_index(directory: Path) -> dict[str, str]:
    """``INDEX.csv`` -> file (relative path) -> recorded date (normalised ISO)."""
    path = directory / "INDEX.csv"
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            date = (row.get("recorded_date") or "").strip()
            if row.get("file") and date:
                try:
                    out.setdefault(row["file"], norm_datetime(date))
                except ValueError:
                    continue
    return out


def _api_id(uri: str) -> str | None:
    i = uri.find(API_PREFIX)
    return uri[i + len(API_PREFIX) :].split("?", 1)[0] if i >= 0 else None


def read_redirects(directory: Path) -> dict[str, str]:
    """``redirects.json`` -> old repo id -> new repo id."""
    path = directory / "redirects.json"
    if not path.is_file():
        return {}
    out: dict[str, str] = {}
    for r in json.loads(path.read_text(encoding="utf-8")):
        old, new = _api_id(str(r.get("request_uri", ""))), _api_id(str(r.get("location", "")))
        if old and new and old != new:
            out[old] = new
    return out


def model_files(directory: Path) -> list[Path]:
    """``models/*.json`` and ``*.json`` directly in ``directory``, but not ``redirects.json``."""
    sub = directory / "models"
    files = [*directory.glob("*.json"), *(sub.glob("*.json") if sub.is_dir() else [])]
    return sorted(f for f in files if f.name != "redirects.json")


def dataset_files(directory: Path) -> list[Path]:
    sub = directory / "datasets"
    return sorted(sub.glob("*.json")) if sub.is_dir() else []


def count_files(directory: Path) -> int:
    return len(model_files(directory)) + len(dataset_files(directory))


@dataclass
class _Body:
    path: Path
    rel: str
    body: Any
    label: str | None


def _label(path: Path) -> str | None:
    return path.stem.split("@", 1)[1] if "@" in path.stem else None


def _load(path: Path, rel: str) -> Any:
    size = path.stat().st_size
    if size > MAX_BODY_BYTES:
        raise RecordError(rel, f"body too large: {size} bytes")
    return parse_body(path.read_bytes(), rel)


def _canonical(ids: list[str], author: str | None) -> str:
    """Of the ids one repository answered to, the ``org/name`` one (its author's, if any)."""
    ranked = sorted(
        dict.fromkeys(ids),
        key=lambda i: (not (author and i.startswith(author + "/")), "/" not in i, i),
    )
    return ranked[0]


def read_dir(
    directory: Path,
    minter: Minter,
    path_prefix: str = "",
    normalize: Normalizer | None = None,
) -> Iterator[RecordItem]:
    """Every recorded body under ``directory`` as a record or a per-file error."""
    normalize = normalize or default_normalizer()
    index = read_index(directory)
    redirects = read_redirects(directory)
    old_ids: dict[str, list[str]] = {}
    for old, new in redirects.items():
        old_ids.setdefault(new, []).append(old)
    bodies: list[_Body] = []
    for f in model_files(directory):
        rel = f.relative_to(directory).as_posix()
        try:
            bodies.append(_Body(f, rel, _load(f, path_prefix + rel), _label(f)))
        except RecordError as exc:
            yield exc
        except OSError as exc:
            yield RecordError(path_prefix + rel, f"cannot read: {exc}")
    # one repository answering to several ids (same _id): one canonical id
    groups: dict[str, list[_Body]] = {}
    for b in bodies:
        if isinstance(b.body, dict) and isinstance(b.body.get("_id"), str):
            groups.setdefault(b.body["_id"], []).append(b)
    canonical: dict[int, str] = {}
    merged: set[int] = set()
    for members in groups.values():
        ids = [m.body.get("id") for m in members if isinstance(m.body.get("id"), str)]
        if len(set(ids)) < 2:
            continue
        author = members[0].body.get("author")
        canon = _canonical(ids, author if isinstance(author, str) else None)
        canon_shas = {(m.body.get("sha"), m.label) for m in members if m.body.get("id") == canon}
        for m in members:
            canonical[id(m)] = canon
            if m.body.get("id") != canon:
                old_ids.setdefault(canon, []).append(m.body["id"])
                if (m.body.get("sha"), m.label) in canon_shas:
                    merged.add(id(m))
    for b in bodies:
        if id(b) in merged:
            continue
        source = path_prefix + b.rel
        body_id = b.body.get("id") if isinstance(b.body, dict) else None
        target = canonical.get(id(b)) or (body_id if isinstance(body_id, str) else None)
        label: str | None = b.label
        if target and target != body_id and label is None:
            label = str(b.body.get("sha") or body_id)[:12]
        try:
            yield transform_model_info(
                b.body,
                minter,
                source=source,
                source_path=source,
                retrieved_at=index.get(b.rel),
                aliases=sorted(old_ids.get(target or "", [])),
                redirects=redirects,
                label=label,
                canonical_id=target,
                normalize=normalize,
            )
        except RecordError as exc:
            yield exc
    for f in dataset_files(directory):
        rel = f.relative_to(directory).as_posix()
        try:
            body = _load(f, path_prefix + rel)
            yield transform_dataset_info(
                body,
                minter,
                source=path_prefix + rel,
                source_path=path_prefix + rel,
                retrieved_at=index.get(rel),
                normalize=normalize,
            )
        except RecordError as exc:
            yield exc
        except OSError as exc:
            yield RecordError(path_prefix + rel, f"cannot read: {exc}")
