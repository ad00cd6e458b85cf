"""Load on `openness-kg serve`: CLIENTS concurrent clients for DURATION seconds, on 127.0.0.1
only, against model pages and the SPARQL endpoint; prints requests per second, p50/p99
latency and the count of 5xx answers.

The store is the bundled build (`openness-kg build` into a temporary directory). Each client
loops: a model page (HTML, a different model each time), then a SPARQL query (a competency-
style SELECT with LIMIT, JSON results). The loop is bounded in time and stops by itself.

    .venv/bin/python benchmarks/bench_server_load.py [--clients 50] [--duration 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # never anything but loopback
SPARQL = """PREFIX okg: <https://w3id.org/openness-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?m ?label ?verdict WHERE {
  ?m a okg:Model .
  OPTIONAL { ?m rdfs:label ?label }
  OPTIONAL { ?a okg:assessedModel ?m ; okg:verdict ?verdict }
} LIMIT 50"""


def build_store(path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            "from openness_kg.cli import main; main()",
            "--store",
            str(path),
            "build",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


async def client_loop(
    http: httpx.AsyncClient,
    pages: list[str],
    stop: float,
    i: int,
    results: list[tuple[str, float, int]],
) -> None:
    n = i
    while time.monotonic() < stop:
        for kind in ("page", "sparql"):
            t = time.perf_counter()
            try:
                if kind == "page":
                    r = await http.get(pages[n % len(pages)], headers={"accept": "text/html"})
                else:
                    r = await http.get(
                        "sparql",
                        params={"query": SPARQL},
                        headers={"accept": "application/sparql-results+json"},
                    )
                status = r.status_code
            except httpx.HTTPError:
                status = 599
            results.append((kind, time.perf_counter() - t, status))
            n += 1


async def run_load(base: str, pages: list[str], clients: int, duration: float) -> None:
    results: list[tuple[str, float, int]] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        start = time.monotonic()
        stop = start + duration
        await asyncio.gather(*(client_loop(http, pages, stop, i, results) for i in range(clients)))
        elapsed = time.monotonic() - start
    print(f"{clients} clients, {elapsed:.1f} s, {len(results)} requests")
    print(f"{'what':8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5}")
    for kind in ("page", "sparql", "all"):
        rows = [r for r in results if kind in ("all", r[0])]
        if not rows:
            continue
        lat = sorted(r[1] * 1000 for r in rows)
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        fivexx = sum(1 for r in rows if r[2] >= 500)
        print(
            f"{kind:8} {len(rows):9d} {len(rows) / elapsed:8.1f} "
            f"{statistics.median(lat):8.1f} {p99:8.1f} {fivexx:5d}"
        )
    others = sorted({r[2] for r in results if r[2] != 200})
    if others:
        print("non-200 statuses seen:", others)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--store", type=Path, default=None, help="use this built store")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None:
            t = time.monotonic()
            build_store(store)
            print(f"bundled build: {time.monotonic() - t:.1f} s")
        port = free_port()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from openness_kg.cli import main; main()",
                "--store",
                str(store),
                "serve",
                "--host",
                HOST,
                "--port",
                str(port),
            ],
            stderr=subprocess.DEVNULL,
        )
        base = f"http://{HOST}:{port}/"
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(base + "models", timeout=5).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.3)
            q = (
                "SELECT DISTINCT ?m WHERE { ?m a <https://w3id.org/openness-kg/ontology#Model> }"
                " LIMIT 500"
            )
            r = httpx.get(
                base + "sparql",
                params={"query": q},
                headers={"accept": "application/sparql-results+json"},
                timeout=60,
            )
            iris = [b["m"]["value"] for b in r.json()["results"]["bindings"]]
            prefix = "https://w3id.org/openness-kg/id/"
            pages = [base + "doc/" + i[len(prefix) :] for i in iris if i.startswith(prefix)]
            if not pages:
                print("no models in the store", file=sys.stderr)
                return 1
            print(f"{len(pages)} model pages in rotation")
            asyncio.run(run_load(base, pages, args.clients, args.duration))
        finally:
            proc.terminate()
            proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
