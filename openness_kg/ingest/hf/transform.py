"""The pure transform: one ``model_info`` body (the Hub API's JSON) -> one :class:`Record`.

Record key: the model's canonical repo id (after redirects), plus ``@<label>`` for a
snapshot kept beside the current one (a recorded file named ``org__name@label.json``, e.g.
the 2024 drift body of ``deepset/roberta-base-squad2``). So re-ingesting a model replaces
its record, and a kept snapshot is a second record of the same model IRI.
The graph is ``Minter.record("hf-model", key)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ...bounded import InputError, load_json
from ...iris import IriError, Minter
from ...namespaces import OKG
from ...records import Record, RecordError
from .facts import Problems, facts_from_model_info
from .licensing import Normalizer, default_normalizer
from .rdf import HUB, add_record_meta, describe_model

MAX_BODY_BYTES = 20 * 1024 * 1024
RECORD_KIND = "hf-model"


def record_key(repo_id: str, label: str | None = None) -> str:
    return f"{repo_id}@{label}" if label else repo_id


def parse_body(text: str | bytes, source: str) -> Any:
    """JSON text -> object, or a :class:`RecordError` naming the problem (not JSON, larger
    than ``MAX_BODY_BYTES``, nested deeper than :data:`openness_kg.bounded.MAX_DEPTH`)."""
    if len(text) > MAX_BODY_BYTES:
        raise RecordError(source, f"body too large: {len(text)} bytes (limit {MAX_BODY_BYTES})")
    try:
        return load_json(text, max_bytes=MAX_BODY_BYTES)
    except InputError as exc:
        raise RecordError(source, str(exc)) from None


def transform_model_info(
    body: Any,
    minter: Minter,
    *,
    source: str,
    source_path: str | None = None,
    retrieved_at: str | None = None,
    requested_id: str | None = None,
    aliases: Iterable[str] = (),
    redirects: Mapping[str, str] | None = None,
    label: str | None = None,
    canonical_id: str | None = None,
    normalize: Normalizer | None = None,
) -> Record:
    """One body -> one record, or :class:`RecordError` (nothing is written either way).

    ``requested_id`` is the id the body was asked for (an old id when the Hub redirected);
    ``aliases`` more old ids of the model; ``redirects`` (old id -> new id) resolves base
    model ids; ``retrieved_at`` the response's own date (default: the body's
    ``lastModified``); ``label`` marks a kept snapshot (see the module doc);
    ``canonical_id`` the id to describe the model under when the body names it by a legacy
    id of the same repository (same ``_id``), which is then kept as an alias.
    """
    problems = Problems()
    facts = facts_from_model_info(body, problems)
    if problems or facts is None:
        raise RecordError(source, "; ".join(problems[:20]) or "unusable body")
    olds = [*aliases, *([requested_id] if requested_id else [])]
    if canonical_id and canonical_id != facts.repo_id:
        olds.append(facts.repo_id)
        facts.repo_id = canonical_id
    facts.aliases = [a for a in dict.fromkeys(olds) if a != facts.repo_id]
    try:
        graph = minter.record(RECORD_KIND, record_key(facts.repo_id, label))
        rec = Record(graph=graph, source=source, warnings=list(facts.warnings))
        model = describe_model(
            rec, facts, minter, normalize or default_normalizer(), dict(redirects or {})
        )
    except IriError as exc:
        raise RecordError(source, str(exc)) from None
    add_record_meta(
        rec,
        OKG.HubModelInfo,
        model,
        source_path,
        retrieved_at or facts.modified,
        f"{HUB}/api/models/{requested_id or facts.repo_id}",
    )
    return rec
