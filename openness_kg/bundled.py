"""The bundled sources that ``build`` loads, in this order (an explicit list, no registry).

Order matters only for the progress display; ``build`` writes everything in one transaction.
A new ingester with bundled data defines its ``SOURCE`` and is added here.
"""

from __future__ import annotations

from . import ontology
from .ingest import fmti, licenses, mot, osai
from .ingest.hf import bundled as hf
from .sources import BundledSource


def bundled_sources() -> list[BundledSource]:
    """Every bundled source, in build order."""
    return [ontology.SOURCE, hf.SOURCE, fmti.SOURCE, osai.SOURCE, mot.SOURCE, licenses.SOURCE]
