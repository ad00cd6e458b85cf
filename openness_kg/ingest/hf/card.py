"""A model card (``README.md``) from disk -> one :class:`Record` of kind HubModelCard.

The card's YAML front matter (between ``---`` lines at the top) carries licence, datasets,
base model(s), languages and evaluation results; a card without front matter, or with front
matter that is not valid YAML, is still a model card: the record then says only that (with a
warning). The front matter is read by :func:`openness_kg.bounded.load_yaml` (YAML 1.2 core
schema, as the Hub reads it: ``- no`` is Norwegian; bounded size, depth and alias expansion);
a field of the wrong type is dropped with a warning naming its path, and the rest lands.
The repo id comes from the caller (``--id``), else from the card's own metadata
(``model_id``/``repo_id``, or a ``model-index`` name of the form ``org/name``), else the
card is rejected with a clear error. Graph: ``Minter.record("hf-card", repo_id)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ...bounded import InputError, load_yaml
from ...iris import IriError, Minter, is_hub_id
from ...namespaces import OKG
from ...records import Record, RecordError
from .facts import Problems, facts_from_card
from .licensing import Normalizer, default_normalizer
from .rdf import add_record_meta, describe_model

MAX_CARD_BYTES = 10 * 1024 * 1024
RECORD_KIND = "hf-card"
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def front_matter(
    text: str, warnings: list[str] | None = None
) -> tuple[Mapping[str, Any] | None, str | None]:
    """(metadata, problem): ``(None, None)`` when there is no front matter at all. Warnings
    of the YAML loader (a duplicate key, an ignored tag), each naming its path, go to
    ``warnings``. Front matter out of bounds (an alias bomb, nested too deep) raises
    :class:`InputError`: a card like that is refused, not read as a card without metadata."""
    m = _FRONT.match(text)
    if not m:
        return None, None
    try:
        loaded = load_yaml(m.group(1), first_line=2)
    except InputError as exc:
        if str(exc).startswith("malformed YAML"):
            where = f" (line {exc.line})" if exc.line is not None else ""
            return None, f"front matter is not valid YAML{where}; ignored"
        raise InputError(f"front matter: {exc}") from None
    if warnings is not None:
        warnings.extend(f"front matter: {w}" for w in loaded.warnings)
    data = loaded.data
    if data is None:
        return {}, None
    if not isinstance(data, Mapping):
        return None, f"front matter is YAML but not a mapping ({type(data).__name__}); ignored"
    return data, None


def card_repo_id(meta: Mapping[str, Any]) -> str | None:
    """A repo id the card states about itself, if any (only ``org/name`` forms count)."""
    candidates: list[object] = [meta.get("model_id"), meta.get("repo_id")]
    index = meta.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], Mapping):
        candidates.append(index[0].get("name"))
    for c in candidates:
        if isinstance(c, str) and "/" in c and is_hub_id(c):
            return c
    return None


def transform_card(
    text: str,
    minter: Minter,
    *,
    source: str,
    repo_id: str | None = None,
    source_path: str | None = None,
    retrieved_at: str | None = None,
    normalize: Normalizer | None = None,
) -> Record:
    """One card's text -> one record, or :class:`RecordError`."""
    loader_warnings: list[str] = []
    try:
        meta, problem = front_matter(text, loader_warnings)
    except InputError as exc:
        raise RecordError(source, str(exc)) from None
    rid = repo_id or (card_repo_id(meta) if meta else None)
    if rid is None:
        raise RecordError(
            source,
            "no repo id: pass --id REPO_ID (the card's metadata names none"
            + (f"; {problem}" if problem else "")
            + ")",
        )
    if not is_hub_id(rid):
        raise RecordError(source, f"not a Hugging Face repo id: {rid[:200]!r}")
    problems = Problems()
    facts = facts_from_card(meta or {}, rid, problems)
    if problems:
        raise RecordError(source, "; ".join(problems[:20]))
    facts.warnings[:0] = loader_warnings
    if problem:
        facts.warnings.append(problem)
    elif meta is None:
        facts.warnings.append("the card has no YAML front matter")
    try:
        rec = Record(minter.record(RECORD_KIND, rid), source, warnings=list(facts.warnings))
        model = describe_model(
            rec, facts, minter, normalize or default_normalizer(), from_body=False
        )
    except IriError as exc:
        raise RecordError(source, str(exc)) from None
    add_record_meta(rec, OKG.HubModelCard, model, source_path, retrieved_at, None)
    return rec


def card_from_file(
    path: Path,
    minter: Minter,
    repo_id: str | None = None,
    normalize: Normalizer | None = None,
) -> Record:
    """Read and transform a card file; its modification time dates the record."""
    source = str(path)
    try:
        st = path.stat()
        if st.st_size > MAX_CARD_BYTES:
            raise RecordError(
                source, f"card too large: {st.st_size} bytes (limit {MAX_CARD_BYTES} bytes)"
            )
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RecordError(source, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RecordError(source, f"not UTF-8 text: {exc.reason} at byte {exc.start}") from None
    mtime = datetime.fromtimestamp(st.st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return transform_card(
        text,
        minter,
        source=source,
        repo_id=repo_id,
        source_path=source,
        retrieved_at=mtime,
        normalize=normalize,
    )
