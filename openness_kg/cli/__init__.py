"""The ``openness-kg`` command: one click group; each command lives in a module of this package
and only parses arguments, calls library functions and prints.

Exit codes: 0 ok, 1 violations or findings, 2 usage or input error.
"""

from __future__ import annotations

from . import build, ingest, ontology, stats  # noqa: F401  (registers the commands)
from .main import main

__all__ = ["main"]
