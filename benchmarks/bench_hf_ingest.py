"""Benchmark: the Hub transform + batched writes into an on-disk store, against Oxigraph's own
bulk load of the same quads.

Synthetic ``model_info`` bodies are made from the recorded ones in ``data/hf/models`` (each
body a copy of a recorded one with a new repo id, revision, base-model link, licence and
datasets) and parsed from JSON text, transformed with ``transform_model_info`` and written
with ``write_records`` (batches of new graphs go in by Oxigraph's bulk loader, journaled so
each batch is all or nothing, from a writer thread while the next batch is transformed) into
a fresh on-disk Oxigraph store. The store's quads are then dumped
to N-Quads and bulk-loaded (``Store.bulk_load``) into another fresh store, and also copied with
``Store.bulk_extend``; both rates are printed beside ours.

    python benchmarks/bench_hf_ingest.py [--n 100000] [--batch 2000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.paths import DATA_DIR
from openness_kg.records import Record, RecordError
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

LICENCES = ["apache-2.0", "mit", "llama3.1", "cc-by-nc-4.0", "openrail++", "other", "gpl-3.0"]
RELATIONS = ["finetune", "adapter", "quantized", "merge", None]


def templates() -> list[str]:
    """The recorded bodies as JSON text: each synthetic body is parsed from it, as an ingest
    parses each body it reads."""
    return [
        f.read_text(encoding="utf-8")
        for f in sorted((DATA_DIR / "hf" / "models").glob("*.json"))
        if "@" not in f.stem
    ]


def synthetic(n: int) -> Iterator[tuple[int, dict]]:
    """``n`` bodies shaped like the recorded ones (made lazily: memory stays flat)."""
    tpl = templates()
    for i in range(n):
        body = json.loads(tpl[i % len(tpl)])
        org = f"synthetic-org-{i % 997}"
        rid = f"{org}/model-{i}"
        body["id"] = body["modelId"] = rid
        body["_id"] = f"{i:024x}"
        body["author"] = org
        body["sha"] = f"{i:040x}"
        tags = [t for t in body.get("tags", []) if not t.startswith(("base_model:", "license:"))]
        lic = LICENCES[i % len(LICENCES)]
        tags.append(f"license:{lic}")
        if i > 10:
            base = f"synthetic-org-{(i // 3) % 997}/model-{i // 3}"
            rel = RELATIONS[i % len(RELATIONS)]
            tags.append(f"base_model:{base}")
            if rel:
                tags.append(f"base_model:{rel}:{base}")
        body["tags"] = tags
        card = body.get("cardData") or {}
        card = {k: v for k, v in card.items() if k not in ("base_model", "extra_gated_prompt")}
        card["license"] = lic
        card["datasets"] = [f"synthetic-data/set-{i % 5003}"]
        body["cardData"] = card
        yield i, body


def records(n: int, minter: Minter) -> Iterator[Record | RecordError]:
    for i, body in synthetic(n):
        try:
            yield transform_model_info(
                body, minter, source=f"synthetic/{i}", retrieved_at="2025-03-21T00:00:00Z"
            )
        except RecordError as exc:
            yield exc


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        return int(f.read().split("VmRSS:")[1].split()[0]) / 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=2000)
    args = ap.parse_args()
    minter = Minter()
    # RocksDB's background threads may still be writing when the stores are released: a
    # failed clean-up of the temporary folder must not lose the numbers
    with tempfile.TemporaryDirectory(prefix="bench-hf-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        # 1. transform alone (no store), for the split of the time
        t0 = time.perf_counter()
        triples = sum(
            len(r.triples) for r in records(min(args.n, 20_000), minter) if isinstance(r, Record)
        )
        t_transform = (time.perf_counter() - t0) / min(args.n, 20_000) * args.n
        # 2. transform + batched writes into the on-disk store
        store = OxigraphStore(root / "ours")
        marks: list[str] = []

        def progress(done: int) -> None:
            if done % (args.n // 4 or 1) == 0:
                marks.append(f"{done}: {rss_mb():.0f} MB")

        t0 = time.perf_counter()
        report = write_records(
            store, records(args.n, minter), batch_size=args.batch, progress=progress
        )
        t_ours = time.perf_counter() - t0
        quads = len(store)
        store.raw.flush()
        dump = root / "dump.nq"
        store.raw.dump(str(dump), format=ox.RdfFormat.N_QUADS)
        src = store.raw
        # 3. Oxigraph's own bulk load of the same quads (N-Quads file)
        bulk = ox.Store(str(root / "bulk"))
        t0 = time.perf_counter()
        bulk.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        bulk.flush()
        t_bulk = time.perf_counter() - t0
        assert len(bulk) == quads, (len(bulk), quads)
        # 4. Oxigraph's bulk_extend with the same quads (read from our store)
        ext = ox.Store(str(root / "extend"))
        t0 = time.perf_counter()
        ext.bulk_extend(src.quads_for_pattern(None, None, None, None))
        ext.flush()
        t_extend = time.perf_counter() - t0
        assert len(ext) == quads
        store.close()
        del bulk, ext, src
    rate = quads / t_ours
    print(f"models: {args.n}  records landed: {report.landed}  errors: {len(report.errors)}")
    sample = min(args.n, 20_000)
    print(f"quads: {quads}  ({quads / args.n:.1f} per model; {triples / sample:.1f} per record)")
    print(
        f"transform only (timed on {sample}): {t_transform:.1f} s for {args.n}, "
        f"{args.n / t_transform:,.0f} models/s, "
        f"{triples / sample * args.n / t_transform:,.0f} triples/s"
    )
    print(f"transform + write_records (batch {args.batch}): {t_ours:.1f} s")
    print(f"  {args.n / t_ours:,.0f} models/s, {rate:,.0f} quads/s")
    print(f"Oxigraph bulk_load (N-Quads file): {t_bulk:.1f} s, {quads / t_bulk:,.0f} quads/s")
    print(
        f"Oxigraph bulk_extend (quad iterator): {t_extend:.1f} s, {quads / t_extend:,.0f} quads/s"
    )
    print(f"ours / bulk_load: {rate / (quads / t_bulk):.2f}  (target >= 0.5)")
    print(f"RSS along our run: {', '.join(marks)}; peak RSS of the process: {peak_rss_mb():.0f} MB")
    print(
        f"extrapolated to 2,000,000 models: {t_ours / args.n * 2_000_000 / 3600:.2f} h "
        f"(bulk_load: {t_bulk / args.n * 2_000_000 / 3600:.2f} h)"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
