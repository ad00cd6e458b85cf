"""Imports every module that registers a bundled source with :mod:`openness_kg.sources`.

Order matters only for the progress display; ``build`` writes everything in one transaction.
"""

from __future__ import annotations

from . import ontology  # noqa: F401  (registers the ontology source)
from .hf import bundled as hf_bundled  # noqa: F401  (registers the Hub responses)
from .indexes import fmti as fmti_source  # noqa: F401  (registers the FMTI editions, issue 13)
from .indexes import osai as osai_source  # noqa: F401  (registers the index files, issue 13)
from .ingest import mot as mot_source  # noqa: F401  (registers the MOT model files, issue 4)
from .licenses import source as licenses_source  # noqa: F401  (registers the licence KB)
