"""Classify N synthetic MOT-like models (default 100,000): transform -> MOF view -> compiled
SHACL (class) + progress, in worker processes; prints models/s and peak memory.
``--check K`` (default 200) also validates the first K models with pySHACL in the same run and
checks the classes agree. The last line is one JSON object:
``{"models", "models_per_s", "pyshacl_models_per_s", "peak_rss_mb"}``.

    .venv/bin/python benchmarks/bench_classify.py [--n 100000] [--workers 2] [--check 500]
"""

from __future__ import annotations

import argparse
import datetime
import json
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_mot import synthetic_models

from openness_kg.ingest.mot import transform
from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classifier

PROV = Provenance("https://example.org/synthetic", datetime.date(2026, 1, 1), "synthetic")


def _chunk(args: tuple[int, int, str]) -> tuple[int, list[int]]:
    start, size, engine = args
    minter = Minter()
    clf = Classifier("strict", engine, minter)
    classes = []
    for i, data in enumerate(synthetic_models(start + size)):
        if i < start:
            continue
        rec = transform(data, f"synthetic-{i}.yml", PROV, minter)
        classes.append(clf.classify_record(rec).mof_class)
    return start, classes


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=5000)
    ap.add_argument(
        "--check",
        type=int,
        default=200,
        help="also classify the first K models with pySHACL, in this run, for its rate and "
        "to check the classes agree (0: skip)",
    )
    a = ap.parse_args()
    t = time.perf_counter()
    jobs = [(s, min(a.chunk, a.n - s), "fast") for s in range(0, a.n, a.chunk)]
    dist: dict[int, int] = {}
    results: dict[int, list[int]] = {}
    with ProcessPoolExecutor(a.workers) as pool:
        for start, classes in pool.map(_chunk, jobs):
            results[start] = classes
            for c in classes:
                dist[c] = dist.get(c, 0) + 1
    dt = time.perf_counter() - t
    rate = a.n / dt
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"models: {a.n}  workers: {a.workers}  time: {dt:.1f} s  rate: {rate:.0f} models/s")
    print(f"peak memory: main {peak_self:.0f} MB, largest worker {peak_children:.0f} MB")
    print(f"classes: {dict(sorted(dist.items()))}")
    pyshacl_rate = None
    if a.check:
        k = min(a.check, a.n)
        t = time.perf_counter()
        _, ref = _chunk((0, k, "pyshacl"))
        dt = time.perf_counter() - t
        pyshacl_rate = k / dt
        same = ref == results[0][:k]
        print(f"pySHACL on the first {k}: {pyshacl_rate:.0f} models/s; classes agree: {same}")
        if not same:
            raise SystemExit("the compiled evaluator and pySHACL disagree")
    peak = max(peak_self, peak_children, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    summary = {
        "models": a.n,
        "models_per_s": round(rate, 1),
        "pyshacl_models_per_s": None if pyshacl_rate is None else round(pyshacl_rate, 1),
        "peak_rss_mb": round(peak),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
