"""The one model resolver (issue 14) on a large store: median latency of ``find_models`` for
each kind of key, on an on-disk store of N synthetic models (Hub ids, legacy ids, release names,
record files), as every command calls it. The last line is JSON.

.venv/bin/python benchmarks/bench_resolve.py [--models 1000000] [--runs 20] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openness_kg.namespaces import OKG  # noqa: E402
from openness_kg.resolve import find_models  # noqa: E402
from openness_kg.store import OxigraphStore  # noqa: E402

BASE = "https://w3id.org/openness-kg/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def nquads(n: int) -> bytes:
    """Per model: its type, Hub id and release name in its Hub record's graph, which names the
    model and its file; every tenth model also has a legacy unprefixed id."""
    lines: list[str] = []
    for i in range(n):
        repo = f"org{i % 1000}/model-{i}"
        m = f"<{BASE}model/{repo}>"
        g = f"<{BASE}record/hf-model/{repo}>"
        lines += [
            f"{m} {RDF_TYPE} <{OKG.Model}> {g} .",
            f'{m} <{OKG.hubId}> "{repo}" {g} .',
            f'{m} <{OKG.releaseName}> "{repo}" {g} .',
            f"{g} <{OKG.recordOf}> {m} {g} .",
            f'{g} <{OKG.sourcePath}> "hf/models/{repo.replace("/", "__")}.json" {g} .',
        ]
        if i % 10 == 0:
            lines.append(f'{m} <{OKG.alternativeId}> "model-{i}" {g} .')
    return ("\n".join(lines) + "\n").encode()


def median_ms(store: OxigraphStore, key: str, runs: int) -> tuple[float, int]:
    times = []
    found = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        found = len(find_models(store, key))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), found


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--store", type=Path, default=None, help="keep the store in DIR")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "store"
        store = OxigraphStore(path)
        if len(store) == 0:
            t0 = time.perf_counter()
            store.raw.bulk_load(nquads(args.models), ox.RdfFormat.N_QUADS)
            print(f"generated {args.models} models in {time.perf_counter() - t0:.1f} s")
        n = args.models
        keys = {
            "IRI": f"{BASE}model/org7/model-{n // 2 + 7 - (n // 2) % 1000}",
            "Hub id": f"org3/model-{n - 997}",
            "legacy id (alternativeId)": f"model-{(n // 20) * 10}",
            "minted legacy IRI": f"{BASE}model/model-{(n // 20) * 10}",
            "record file": f"hf/models/org5__model-{5 + 1000 * (n // 3000)}.json",
            "miss": "nobody/nothing",
            "miss, a file name": "nothing.yml",
        }
        results: dict[str, float] = {}
        print(f"{'key':36} {'median ms':>10} {'models':>7}")
        for label, key in keys.items():
            ms, found = median_ms(store, key, args.runs)
            results[label] = round(ms, 3)
            print(f"{label:36} {ms:10.2f} {found:7d}")
        store.close()
    print(json.dumps({"models": args.models, "median_ms": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
