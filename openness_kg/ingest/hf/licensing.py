"""Licence strings of Hub metadata -> licence ids, through the licence knowledge base's
normaliser (:func:`openness_kg.licenses.normalize.normalize`, which knows SPDX ids, the Hub's
licence ids, aliases, URLs, expressions and the explicit non-answers).

The transforms take the normaliser as a parameter (:data:`Normalizer`), defaulting to it.
"""

from __future__ import annotations

from collections.abc import Callable

from ...licenses.normalize import Normalized, normalize

Normalizer = Callable[[str], Normalized]


def default_normalizer() -> Normalizer:
    """The licence KB's normaliser (cached by the KB itself)."""
    return normalize
