"""Synthetic MOT-like model files (as parsed data), shaped like the bundled ones: a random subset
of the 17 components, licences drawn from the strings MOT files really use, release-level
licences sometimes. Deterministic for a seed."""

from __future__ import annotations

import datetime
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openness_kg.ingest.mot import transform
from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter
from openness_kg.mof.settings import load_settings
from openness_kg.store import OxigraphStore
from openness_kg.store.write import write_records

LICENCES = [
    "Apache-2.0",
    "MIT",
    "CC-BY-4.0",
    "unlicensed",
    "Undisclosed",
    "Apache 2.0",
    "Llama 3 Community License",
    "CC-BY-NC-4.0",
    "BSD-3",
    "CDLA-Permissive-2.0",
    None,
]


def synthetic_models(n: int, seed: int = 4) -> Iterator[dict[str, Any]]:
    rnd = random.Random(seed)
    names = [c.name for c in load_settings().components]
    for i in range(n):
        comps = []
        for name in rnd.sample(names, rnd.randint(1, len(names))):
            c: dict[str, Any] = {"name": name, "description": "synthetic"}
            lic = rnd.choice(LICENCES)
            if lic is not None:
                c["license"] = lic
            comps.append(c)
        glob = (
            {"distribution": {"name": rnd.choice(["Apache-2.0", "MIT", "Proprietary"])}}
            if rnd.random() < 0.5
            else {}
        )
        yield {
            "framework": {
                "name": "Model Openness Framework",
                "version": "1.0",
                "date": "2024-12-15",
            },
            "release": {
                "name": f"synthetic-{i}",
                "producer": f"org{i % 997}",
                "huggingface": f"https://huggingface.co/org{i % 997}/model-{i}",
                "license": glob,
                "components": comps,
            },
        }


@contextmanager
def synthetic_store(
    n: int, path: Path | None, prefix: str, minter: Minter
) -> Iterator[tuple[OxigraphStore, Path, float]]:
    """An on-disk store holding ``n`` synthetic records (one named graph each, as ``ingest mot``
    writes them): ``path`` is kept (and reused when it already holds quads), else a temporary
    folder is removed afterwards. Yields the store, its folder and the load time (0 if reused)."""
    tmp = None
    if path is None:
        tmp = Path(tempfile.mkdtemp(prefix=prefix))
        path = tmp / "store"
    try:
        store = OxigraphStore(path)
        t = time.perf_counter()
        if not len(store):
            prov = Provenance(
                "https://example.org/synthetic", datetime.date(2026, 1, 1), "synthetic"
            )
            recs = (
                transform(d, f"synthetic-{i}.yml", prov, minter)
                for i, d in enumerate(synthetic_models(n))
            )
            write_records(store, recs)
        yield store, path, time.perf_counter() - t
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
