"""Benchmark: what keeping record versions (issue 17) costs on the write path.

Synthetic Hub records (``bench_hf_ingest.records``) are written with ``write_records`` into
fresh on-disk stores, five ways: (1) a first ingest without versions (the plain store), (2)
the same through ``VersionKeeper`` (what every ingest does now: one existence query per
batch), (3) the same records again through the keeper (unchanged: each replaced graph is read
and its digest compared, nothing kept), (4) again with one record in ten changed (its own date:
those records' old contents are kept as version graphs), (5) the unchanged re-ingest without
the keeper, for comparison. Prints records/s per pass, the version graphs and quads added, and
peak memory; the last line is JSON.

    python benchmarks/bench_versions.py [--n 20000] [--batch 2000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench_hf_ingest import peak_rss_mb, synthetic

from openness_kg.history.versions import Run, VersionKeeper, kept_versions
from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.records import Record, RecordError
from openness_kg.store import KGStore, OxigraphStore
from openness_kg.store.write import write_records


def records(n: int, minter: Minter, changed_every: int = 0) -> Iterator[Record | RecordError]:
    for i, body in synthetic(n):
        day = "2025-06-01" if changed_every and i % changed_every == 0 else "2025-03-21"
        try:
            yield transform_model_info(
                body, minter, source=f"synthetic/{i}", retrieved_at=f"{day}T00:00:00Z"
            )
        except RecordError as exc:
            yield exc


def timed(store: KGStore, n: int, minter: Minter, batch: int, changed_every: int = 0) -> float:
    t0 = time.perf_counter()
    report = write_records(store, records(n, minter, changed_every), batch_size=batch)
    assert not report.errors, report.errors[:3]
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20_000)
    ap.add_argument("--batch", type=int, default=2000)
    args = ap.parse_args()
    n, minter = args.n, Minter()
    out: dict[str, float | int] = {"models": n}
    with tempfile.TemporaryDirectory(prefix="bench-versions-", ignore_cleanup_errors=True) as tmp:
        plain = OxigraphStore(Path(tmp) / "plain")
        out["first_plain_s"] = timed(plain, n, minter, args.batch)
        out["reingest_plain_s"] = timed(plain, n, minter, args.batch)
        plain.close()
        inner = OxigraphStore(Path(tmp) / "kept")
        keeper = VersionKeeper(inner, Run("bench", minter))
        out["first_kept_s"] = timed(keeper, n, minter, args.batch)
        quads_before = len(inner)
        out["reingest_unchanged_kept_s"] = timed(keeper, n, minter, args.batch)
        out["versions_after_unchanged"] = len(kept_versions(inner))
        out["reingest_10pct_changed_kept_s"] = timed(keeper, n, minter, args.batch, 10)
        out["versions_after_changed"] = len(kept_versions(inner))
        out["quads_added_by_versions"] = len(inner) - quads_before
        out["quads_per_version"] = round(
            out["quads_added_by_versions"] / max(1, out["versions_after_changed"]), 1
        )
        inner.close()
    out["peak_rss_mb"] = round(peak_rss_mb(), 1)
    for key in ("first_plain_s", "first_kept_s", "reingest_plain_s", "reingest_unchanged_kept_s"):
        out[key] = round(float(out[key]), 2)
        print(f"{key:32} {out[key]:8.2f} s  ({n / float(out[key]):8.0f} records/s)")
    out["reingest_10pct_changed_kept_s"] = round(float(out["reingest_10pct_changed_kept_s"]), 2)
    print(f"{'reingest_10pct_changed_kept_s':32} {out['reingest_10pct_changed_kept_s']:8.2f} s")
    print(
        f"versions kept: {out['versions_after_unchanged']} after the unchanged re-ingest, "
        f"{out['versions_after_changed']} after the changed one "
        f"({out['quads_added_by_versions']} quads, {out['quads_per_version']} per version)"
    )
    print(json.dumps(out))


if __name__ == "__main__":
    main()
