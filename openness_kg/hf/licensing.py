"""Licence strings of Hub metadata -> licence ids, through the project's normaliser.

The transform takes the normaliser as a parameter (:data:`Normalizer`): by default the licence
knowledge base's ``openness_kg.licenses.normalize.normalize``; while that module is absent, a
small stand-in that knows SPDX ids (any case), the Hub's licence ids (``data/licenses/
hf_licenses.csv``) and the explicit non-answers (``other``, ``unknown``, empty).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..licenses.ids import spdx_ids_by_lower
from ..paths import DATA_DIR

HF_LICENSES_CSV = DATA_DIR / "licenses" / "hf_licenses.csv"
NON_ANSWERS = frozenset(
    {"", "other", "unknown", "none", "unlicensed", "undisclosed", "noassertion"}
)


@dataclass(frozen=True)
class LicenceResult:
    """What a normaliser made of one licence string."""

    raw: str
    ids: tuple[str, ...]  # licence ids (SPDX, Hub or LicenseRef-okg-*), empty when none
    match: str  # exact | alias | expression | url | none | unmatched
    expression: str | None = None  # the normalised SPDX expression, for match == expression


Normalizer = Callable[[str], LicenceResult]


@cache
def _hub_ids() -> dict[str, str]:
    """Hub licence id (lower case) -> SPDX id when there is one, else the Hub id itself."""
    out: dict[str, str] = {}
    with HF_LICENSES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            out[row["hub_id"].strip().lower()] = row["spdx_id_or_empty"].strip() or row["hub_id"]
    return out


def fallback_normalize(text: str) -> LicenceResult:
    """The stand-in normaliser: exact SPDX or Hub ids, explicit non-answers, else unmatched."""
    key = text.strip().lower()
    if key in NON_ANSWERS:
        return LicenceResult(text, (), "none")
    spdx = spdx_ids_by_lower().get(key)
    if spdx:
        return LicenceResult(text, (spdx,), "exact")
    hub = _hub_ids().get(key)
    if hub:
        return LicenceResult(text, (hub,), "exact")
    return LicenceResult(text, (), "unmatched")


def _adapt(normalize: Callable[[str], object]) -> Normalizer:
    def run(text: str) -> LicenceResult:
        n = normalize(text)
        match = getattr(n, "match", "unmatched")
        match = str(getattr(match, "value", match))
        ids = tuple(str(i) for i in (getattr(n, "ids", None) or ()))
        licence = getattr(n, "licence", None) or getattr(n, "license", None)
        if not ids and licence and match != "expression":
            ids = (str(licence),)
        expr = str(licence) if match == "expression" and licence else None
        return LicenceResult(text, ids, match, expr)

    return run


@cache
def default_normalizer() -> Normalizer:
    """The licence KB's normaliser when it is installed, else :func:`fallback_normalize`."""
    try:
        from ..licenses.normalize import normalize  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return cache(fallback_normalize)
    return cache(_adapt(normalize))
