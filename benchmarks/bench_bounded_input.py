"""Reading others' YAML and JSON within bounds (issue 14, parts 2 and 3).

    .venv/bin/python benchmarks/bench_bounded_input.py [--repeat N]

Prints: the time and peak memory to refuse the alias bomb ("billion laughs", a few hundred
bytes) and a JSON body nested ten million levels deep (20 MB, the body limit); the YAML
loader on the bundled MOT files (libyaml's events, values by the YAML 1.2 core schema)
against PyYAML's C loader (YAML 1.1) that it replaced; the Hub body loader (json plus the
depth walk) against plain ``json.loads`` on the largest bundled body. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from openness_kg.bounded import InputError, load_json, load_yaml
from openness_kg.ingest.mot import MODELS_DIR
from openness_kg.paths import DATA_DIR

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def refuse(call: Callable[[], Any]) -> tuple[float, float, str]:
    """(seconds, peak MiB, message) of an input the loader must refuse."""
    tracemalloc.start()
    t = time.perf_counter()
    try:
        call()
        message = "ACCEPTED"
    except InputError as exc:
        message = str(exc)
    seconds = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, message


def best(call: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    bomb_s, bomb_mib, bomb_msg = refuse(lambda: load_yaml(BOMB))
    print(
        f"alias bomb ({len(BOMB)} bytes): refused in {bomb_s:.4f} s, peak {bomb_mib * 1024:.0f} KiB"
    )
    print(f"  {bomb_msg}")
    deep = "[" * 10_000_000 + "]" * 10_000_000
    deep_s, deep_mib, deep_msg = refuse(lambda: load_json(deep))
    print(
        f"deep JSON ({len(deep)} bytes): refused in {deep_s:.4f} s, peak {deep_mib * 1024:.0f} KiB"
    )
    print(f"  {deep_msg}")

    texts = [p.read_text(encoding="utf-8") for p in sorted(MODELS_DIR.glob("*.yml"))]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    ours = best(lambda: [load_yaml(t) for t in texts], args.repeat)
    theirs = best(lambda: [yaml.load(t, Loader=loader) for t in texts], args.repeat)
    print(
        f"{len(texts)} MOT files: load_yaml {ours * 1000 / len(texts):.2f} ms/file, "
        f"PyYAML {loader.__name__} {theirs * 1000 / len(texts):.2f} ms/file"
    )

    bodies = sorted((DATA_DIR / "hf" / "models").glob("*.json"), key=lambda p: p.stat().st_size)
    body = bodies[-1].read_text(encoding="utf-8")
    ours_j = best(lambda: load_json(body), args.repeat * 10)
    plain_j = best(lambda: json.loads(body), args.repeat * 10)
    print(
        f"largest Hub body ({Path(bodies[-1]).name}, {len(body)} bytes): load_json "
        f"{ours_j * 1000:.3f} ms, json.loads {plain_j * 1000:.3f} ms"
    )
    print(
        json.dumps(
            {
                "alias_bomb_refused_s": round(bomb_s, 4),
                "alias_bomb_peak_kib": round(bomb_mib * 1024),
                "deep_json_refused_s": round(deep_s, 4),
                "deep_json_peak_kib": round(deep_mib * 1024),
                "mot_load_yaml_ms_per_file": round(ours * 1000 / len(texts), 3),
                "mot_pyyaml_c_ms_per_file": round(theirs * 1000 / len(texts), 3),
                "hub_body_load_json_ms": round(ours_j * 1000, 3),
                "hub_body_json_loads_ms": round(plain_j * 1000, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
