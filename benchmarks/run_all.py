"""Run every benchmark script in this folder, one after the other, printing their output.

.venv/bin/python benchmarks/run_all.py           # the sizes the issues set (about an hour)
.venv/bin/python benchmarks/run_all.py --quick   # small sizes, a few minutes, same scripts
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Scripts with a make target of their own, too long for the full run (hours at their size).
OWN_TARGET = {"bench_hub.py": "make bench-hub"}

# Smaller sizes for --quick: the numbers are rates, so they stay comparable (roughly).
QUICK_ARGS: dict[str, list[str]] = {
    "bench_assess.py": ["--n", "5000"],
    "bench_classify.py": ["--n", "5000"],
    "bench_hf_ingest.py": ["--n", "5000"],
    "bench_hub.py": ["--models", "2000", "--timeout", "20"],
    "bench_normalize.py": ["--n", "100000", "--expressions", "10000"],
    "bench_osai_links.py": ["--models", "20000", "--runs", "1"],
    "bench_queries.py": ["--models", "20000", "--runs", "1", "--timeout", "20"],
    "bench_resolve.py": ["--models", "20000", "--runs", "5"],
    "bench_server_load.py": ["--clients", "20", "--duration", "10"],
    "bench_versions.py": ["--n", "1000"],
}


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    scripts = sorted(HERE.glob("bench_*.py"))
    if not scripts:
        print("no benchmarks found", file=sys.stderr)
        return 1
    rc = 0
    for script in scripts:
        if not quick and script.name in OWN_TARGET:
            print(f"== {script.name}: skipped, run it by {OWN_TARGET[script.name]}", flush=True)
            continue
        args = QUICK_ARGS.get(script.name, []) if quick else []
        print(f"== {script.name} {' '.join(args)}".rstrip(), flush=True)
        rc |= subprocess.call([sys.executable, str(script), *args])
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
