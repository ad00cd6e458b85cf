"""The ``--framework`` tokens of ``assess``, each mapped to ``rows(store, models)``.

An explicit table, no import-time registration: a new framework (computed or human, e.g. the
European Open Source AI Index as ``osai`` or FMTI as ``fmti``) is one line here. The order is
the order of ``--framework all``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rdflib import URIRef

from ..indexes import fmti_rows, osai_rows
from ..store import KGStore
from . import computed
from .rows import AssessmentRow

RowsFn = Callable[[KGStore, Sequence[URIRef] | None], Iterable[AssessmentRow]]

FRAMEWORKS: dict[str, RowsFn] = {
    "mof": computed.MOF,
    "osaid": computed.OSAID,
    "g7": computed.G7,
    "release": computed.RELEASE,
    "columbia": computed.COLUMBIA,
    "osai": osai_rows.rows,  # the European Open Source AI Index's own verdicts (issue 13)
    "fmti": fmti_rows.rows,  # Stanford's FMTI, per developer and edition (issue 13)
}
ALL = "all"


def choices() -> list[str]:
    return [*FRAMEWORKS, ALL]


def selected(token: str) -> list[str]:
    return list(FRAMEWORKS) if token == ALL else [token]
