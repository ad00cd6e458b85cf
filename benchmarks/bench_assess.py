"""``assess --framework all`` on N synthetic MOT-like models (default 100,000) in an on-disk store:
the product's path (one pass over the records for all frameworks: facts -> verdicts, OSAID through
the compiled SHACL evaluator; computed assessments, criteria and per-model summaries written to
the store; rows streamed as CSV to a counter). Prints models/s, rows/s and peak memory; the
last line is JSON.

    .venv/bin/python benchmarks/bench_assess.py [--n 100000] [--store DIR] [--no-store]

Loading the synthetic records (``synthetic_mot.py``, one named graph each, as ``ingest mot``
writes them) is timed apart and not counted. ``--store DIR`` keeps the store (and reuses it
when it already holds the models).
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_mot import synthetic_store

from openness_kg.frameworks.assess import run
from openness_kg.frameworks.registry import selected
from openness_kg.frameworks.rows import AssessmentRow
from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter

PROV = Provenance("https://example.org/synthetic", datetime.date(2026, 1, 1), "synthetic")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--no-store", action="store_true", help="do not write the assessments")
    a = ap.parse_args()
    minter = Minter()
    with synthetic_store(a.n, a.store, "bench-assess-", minter) as (store, path, load_s):
        print(f"store: {path} ({len(store)} quads; load {load_s:.1f} s, not counted)", flush=True)
        counts: dict[str, int] = {}

        def emit(row: AssessmentRow) -> None:
            counts[row.framework] = counts.get(row.framework, 0) + 1

        t0 = time.perf_counter()
        run(
            store,
            selected("all"),
            None,
            emit,
            minter,
            datetime.datetime.now(datetime.UTC),
            not a.no_store,
        )
        dt = time.perf_counter() - t0
        rows = sum(counts.values())
        models = counts.get("mof", 0)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"models: {models}  rows: {rows}  time: {dt:.1f} s  "
            f"rate: {models / dt:.0f} models/s ({rows / dt:.0f} rows/s)  peak RSS: {peak:.0f} MB"
        )
        store.close()
        print(
            json.dumps(
                {
                    "benchmark": "assess",
                    "models": models,
                    "rows": rows,
                    "seconds": round(dt, 1),
                    "models_per_s": round(models / dt, 1),
                    "rows_per_s": round(rows / dt, 1),
                    "peak_rss_mb": round(peak),
                    "stored": not a.no_store,
                    "rows_per_framework": counts,
                }
            )
        )


if __name__ == "__main__":
    main()
