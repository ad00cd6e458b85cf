"""Synthetic MOT-like model files (as parsed data), shaped like the bundled ones: a random subset
of the 17 components, licences drawn from the strings MOT files really use, release-level
licences sometimes. Deterministic for a seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from openness_kg.mof.settings import load_settings

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
