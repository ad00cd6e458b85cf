"""The ``openness-kg`` command: one click group; each command lives in a module of this package
and only parses arguments, calls library functions and prints.

Exit codes: 0 ok, 1 violations or findings, 2 usage or input error.
"""

from __future__ import annotations

from . import (  # noqa: F401  (importing a command module registers its commands)
    assess,
    build,
    classify,
    compare,
    diff,
    explain,
    export,
    export_graph,
    ingest,
    ingest_fmti,
    ingest_hf,
    ingest_mot,
    ingest_osai,
    license,
    lineage,
    load,
    ontology,
    osai,
    publish,
    push,
    query,
    serve,
    stats,
    validate,
    versions,
)
from .main import main

__all__ = ["main"]
