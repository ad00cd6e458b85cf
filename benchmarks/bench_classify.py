"""Classify N synthetic MOT-like models (default 100,000) from an on-disk store, the product's
path: one reader over the store's records, each batch of 1,000 records' MOF views validated
by the compiled SHACL evaluator in one call (set at a time), progress from the same views.
Prints, separately, the evaluation rate (classify, nothing written) and the end-to-end rate
(``classify``'s library call: assessments streamed to the store in batches, then the
per-model summaries), and pySHACL's rate on the first K records (``--check``, default 200)
in the same run, checking it gives the same results. The last line is one JSON object:
``{"models", "models_per_s", "pyshacl_models_per_s", "peak_rss_mb", ...}`` where
``models_per_s`` is the evaluation rate and ``end_to_end_models_per_s`` the rate with writes.

    .venv/bin/python benchmarks/bench_classify.py [--n 100000] [--check 200] [--store DIR]
        [--engine fast|sparql]

``--engine sparql`` classifies with the shapes compiled to SPARQL and run by the store
(:mod:`openness_kg.shacl.sparql`); the JSON then also names the engine.

Loading the synthetic records (``synthetic_mot.py``) is timed apart and not counted;
``--store DIR`` keeps the store (and reuses it when it already holds the models).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic_mot import synthetic_store

from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classifier, classify_and_store, classify_store

PROV = Provenance("https://example.org/synthetic", datetime.date(2026, 1, 1), "synthetic")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--check", type=int, default=200, help="pySHACL on the first K (0: skip)")
    ap.add_argument("--store", type=Path, default=None)
    ap.add_argument("--engine", choices=["fast", "sparql"], default="fast")
    a = ap.parse_args()
    minter = Minter()
    with synthetic_store(a.n, a.store, "bench-classify-", minter) as (store, path, load_s):
        print(f"store: {path} ({len(store)} quads; load {load_s:.1f} s)")
        clf = Classifier("default", a.engine, minter)
        t = time.perf_counter()
        dist: dict[int, int] = {}
        for c in classify_store(store, clf):
            dist[c.mof_class] = dist.get(c.mof_class, 0) + 1
        eval_s = time.perf_counter() - t
        n = sum(dist.values())
        peak_eval = peak_mb()
        print(f"evaluation: {n} models in {eval_s:.1f} s: {n / eval_s:.0f} models/s")
        print(f"classes: {dict(sorted(dist.items()))}; peak RSS {peak_eval:.0f} MB")
        t = time.perf_counter()
        stored = classify_and_store(store, clf, datetime.datetime.now(datetime.UTC))
        e2e_s = time.perf_counter() - t
        print(f"end to end (with writes): {stored} in {e2e_s:.1f} s: {stored / e2e_s:.0f}/s")
        pyshacl_rate = None
        if a.check:
            k = min(a.check, n)
            ref = Classifier("default", "pyshacl", minter)
            fast = [(c.mof_class, [r.key for r in c.results]) for c in
                    itertools.islice(classify_store(store, clf), k)]  # fmt: skip
            t = time.perf_counter()
            slow = [(c.mof_class, [r.key for r in c.results]) for c in
                    itertools.islice(classify_store(store, ref), k)]  # fmt: skip
            pyshacl_rate = k / (time.perf_counter() - t)
            print(f"pySHACL on the first {k}: {pyshacl_rate:.1f} models/s; same: {fast == slow}")
            if fast != slow:
                raise SystemExit("the compiled evaluator and pySHACL disagree")
        store.close()
        rate = n / eval_s
        speedup = None if not pyshacl_rate else round(rate / pyshacl_rate, 1)
        print(
            json.dumps(
                {
                    "models": n,
                    "models_per_s": round(rate, 1),
                    "pyshacl_models_per_s": None
                    if pyshacl_rate is None
                    else round(pyshacl_rate, 1),
                    "peak_rss_mb": round(peak_mb()),
                    "evaluation_peak_rss_mb": round(peak_eval),
                    "end_to_end_models_per_s": round(stored / e2e_s, 1),
                    "speedup_vs_pyshacl": speedup,
                    "engine": a.engine,
                }
            )
        )


if __name__ == "__main__":
    main()
