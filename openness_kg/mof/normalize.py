"""Default mode's licence view: the licence knowledge base's normaliser and openness flags
(:func:`openness_kg.licenses.normalize.normalize`, :func:`openness_kg.licenses.kb.is_open_mof`).
"""

from __future__ import annotations

from functools import cache

from ..licenses.kb import is_open_mof
from ..licenses.normalize import is_open_expression, normalize


def normalized_id(raw: str) -> str | None:
    """The licence id (or expression) ``raw`` normalises to, or ``None`` when unrecognised."""
    return normalize(raw).licence or None


@cache
def is_open_raw(raw: str) -> bool:
    """Default mode: does the licence ``raw`` normalises to count as open for the MOF? (For an
    expression, the licence engineer's expression semantics decide.)"""
    result = normalize(raw)
    return bool(result.licence) and is_open_expression(result, is_open_mof)
