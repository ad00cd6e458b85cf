"""The ``openness-kg`` command: one click group; each command lives in a module of this package
and only parses arguments, calls library functions and prints. Every command is added here,
explicitly (importing a command module registers nothing).

Exit codes: 0 ok, 1 violations or findings, 2 usage or input error.
"""

from __future__ import annotations

from . import (
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
    summarise,
    validate,
    versions,
)
from .main import main

__all__ = ["main"]

for command in (
    assess.assess,
    build.build_cmd,
    classify.classify,
    compare.compare_cmd,
    diff.diff_cmd,
    explain.explain,
    export.export_group,
    ingest.ingest_group,
    license.license_group,
    lineage.lineage_cmd,
    load.load_cmd,
    ontology.ontology_group,
    osai.osai_group,
    publish.publish_cmd,
    push.push_cmd,
    query.query_cmd,
    serve.serve_cmd,
    stats.stats_cmd,
    summarise.summarise_cmd,
    validate.validate,
    versions.versions_cmd,
):
    main.add_command(command)

for sub in (
    ingest_fmti.ingest_fmti,
    ingest_hf.ingest_card,
    ingest_hf.ingest_hf,
    ingest_mot.ingest_mot,
    ingest_osai.ingest_osai,
):
    ingest.ingest_group.add_command(sub)

export.export_group.add_command(export_graph.export_graph_cmd)
