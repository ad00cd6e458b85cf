"""Linking the European Open Source AI Index's 193 systems to releases in a store of N models.

The store holds N synthetic Hub models (type, release name, Hub id: what the lookups read),
the bundled MOT files (the real link targets) and the bundled index files. Linking makes
batched VALUES lookups on indexed terms (model IRIs, release names, Hub ids), so its time
should not grow with N. Prints the numbers; the last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDF

from openness_kg.indexes.osai_links import compute_links
from openness_kg.ingest.mot import MODELS_DIR
from openness_kg.ingest.mot import ingest_paths as mot_paths
from openness_kg.ingest.osai import OSAI_DIR, ingest_paths
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

MINTER = Minter()


def synthetic(n: int) -> Iterator[Record]:
    for i in range(n):
        hub = f"org{i % 5000}/model-{i}"
        m = MINTER.hub_model(hub)
        r = Record(MINTER.record("bench", hub), hub)
        r.add(m, RDF.type, OKG.Model)
        r.add(m, OKG.releaseName, Literal(f"Model-{i}"))
        r.add(m, OKG.hubId, Literal(hub))
        yield r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=1_000_000, help="synthetic models (1,000,000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs of the linking (3)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        t0 = time.perf_counter()
        write_records(store, synthetic(args.models), batch_size=20_000)
        write_records(store, mot_paths([MODELS_DIR], MINTER))
        write_records(store, ingest_paths([OSAI_DIR], MINTER))
        gen = time.perf_counter() - t0
        print(f"store: {args.models:,} synthetic models + MOT + index in {gen:.1f} s", flush=True)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            report = compute_links(store, MINTER)
            times.append(time.perf_counter() - t)
        store.close()
    best = min(times)
    print(
        f"linking {report.systems} systems: {report.linked} linked; best of {args.runs}: "
        f"{best:.2f} s (runs: {', '.join(f'{x:.2f}' for x in times)})"
    )
    print(
        json.dumps(
            {
                "models": args.models,
                "systems": report.systems,
                "linked": report.linked,
                "seconds": round(best, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
