"""Imports every module that registers a bundled source with :mod:`openness_kg.sources`.

Order matters only for the progress display; ``build`` writes everything in one transaction.
"""

from __future__ import annotations

from . import ontology  # noqa: F401  (registers the ontology source)
