"""Load on `openness-kg serve`: CLIENTS concurrent clients for DURATION seconds, on 127.0.0.1
only, against model pages and the SPARQL endpoint; prints requests per second, p50/p99
latency and the count of 5xx answers, for model pages and SPARQL queries apart and together.

The store is the bundled build (`openness-kg build` into a temporary directory), a synthetic
one of ``--models N`` models (the graph of ``bench_queries.py``), or ``--store DIR``. Each client
loops: a model page (HTML, a different model each time), then a SPARQL query (a competency-
style SELECT with LIMIT, JSON results). The loop is bounded in time and stops by itself.
The load's client is aiohttp (httpx, used for the rest, costs this 2-core machine about 5 ms
of CPU per request, which the server would not get). Alongside, one probe sends a query that
cannot finish (a new text each time, so no cache
answers it) every few seconds and times the endpoint's answer: it must be the 503 of the
time limit, within the limit and a margin, under the same load (its 503s are the expected
answer and are reported on their own line, not counted with the load's 5xx). The last line
is one JSON object over the load's requests: ``rps``, ``p50_ms``, ``p99_ms``, ``errors_5xx``
over all of them, then the same for model pages (``page_*``) and SPARQL (``sparql_*``) apart,
the slowest time-limit answer, and the load average (1 min) before and after: this machine's
cores are shared, and the numbers mean little without it. Without ``--warm`` the server is
measured from its start (cold): no page was asked for before.

    .venv/bin/python benchmarks/bench_server_load.py [--clients 50] [--duration 30] \
        [--workers 2] [--warm] [--pages 500] [--models N | --store DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
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


def model_iris(base: str, n: int) -> list[str]:
    """Up to ``n`` model IRIs, asked of the endpoint 500 at a time (its answers are bounded)."""
    iris: list[str] = []
    while len(iris) < n:
        q = (
            "SELECT ?m WHERE { ?m a <https://w3id.org/openness-kg/ontology#Model> }"
            f" LIMIT {min(500, n - len(iris))} OFFSET {len(iris)}"
        )
        r = httpx.get(
            base + "sparql",
            params={"query": q},
            headers={"accept": "application/sparql-results+json"},
            timeout=60,
        )
        r.raise_for_status()
        got = [b["m"]["value"] for b in r.json()["results"]["bindings"]]
        iris += got
        if len(got) < 500 and len(iris) < n:
            break
    return iris


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


async def client_loop(
    http: aiohttp.ClientSession,
    base: str,
    pages: list[str],
    stop: float,
    turn: Iterator[int],
    results: list[tuple[str, float, int]],
) -> None:
    """Model page, SPARQL query, again until ``stop``; ``turn`` is shared by every client, so
    the pages go round the rotation in order (no two clients ask for one page together until
    the rotation starts again)."""
    while time.monotonic() < stop:
        for kind in ("page", "sparql"):
            t = time.perf_counter()
            try:
                if kind == "page":
                    url, params, accept = pages[next(turn) % len(pages)], None, "text/html"
                else:
                    url, params = base + "sparql", {"query": SPARQL}
                    accept = "application/sparql-results+json"
                async with http.get(url, params=params, headers={"accept": accept}) as r:
                    await r.read()
                    status = r.status
            except (aiohttp.ClientError, TimeoutError):
                status = 599
            results.append((kind, time.perf_counter() - t, status))


NEVER_ENDS = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }} # probe {n}"


async def probe_loop(base: str, stop: float, out: list[tuple[float, int]]) -> None:
    """A query past the time limit, every few seconds: (seconds to the answer, status)."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        n = 0
        while time.monotonic() < stop - 12:
            t = time.perf_counter()
            try:
                r = await http.get("sparql", params={"query": NEVER_ENDS.format(n=n)})
                status = r.status_code
            except httpx.HTTPError:
                status = 599
            out.append((time.perf_counter() - t, status))
            n += 1
            await asyncio.sleep(3)


async def warm(base: str, pages: list[str], workers: int) -> None:
    """Every page (and the load's SPARQL query) asked for, enough times over that each of
    the ``workers`` processes has likely answered it once (the kernel spreads connections)."""
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        for _ in range(2 * workers):
            fresh = [httpx.AsyncClient(base_url=base, timeout=120) for _ in range(8)]
            for k, page in enumerate(pages):
                await fresh[k % 8].get(page, headers={"accept": "text/html"})
            for c in fresh:
                await c.get(
                    "sparql",
                    params={"query": SPARQL},
                    headers={"accept": "application/sparql-results+json"},
                )
                await c.aclose()
        del http


async def run_load(base: str, pages: list[str], clients: int, duration: float) -> dict[str, Any]:
    results: list[tuple[str, float, int]] = []
    probes: list[tuple[float, int]] = []
    # aiohttp, not httpx, for the load: on this machine httpx's client spent about 5 ms of CPU
    # per request (aiohttp 0.3 ms), and the client shares the cores with the server; it asks
    # for gzip as browsers do and reads every byte, but does not inflate them (client work)
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, auto_decompress=False
    ) as http:
        start = time.monotonic()
        stop = start + duration
        turn = itertools.count()
        await asyncio.gather(
            probe_loop(base, stop, probes),
            *(client_loop(http, base, pages, stop, turn, results) for _ in range(clients)),
        )
        elapsed = time.monotonic() - start
    print(f"{clients} clients, {elapsed:.1f} s, {len(results)} requests")
    print(f"{'what':8} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'5xx':>5}")
    summary: dict[str, Any] = {"clients": clients, "seconds": round(elapsed)}
    for kind, prefix in (("all", ""), ("page", "page_"), ("sparql", "sparql_")):
        rows = [r for r in results if kind in ("all", r[0])]
        lat = sorted(r[1] * 1000 for r in rows)
        fivexx = sum(1 for r in rows if r[2] >= 500)
        p50 = round(statistics.median(lat), 1) if lat else None
        p99 = round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1) if lat else None
        summary |= {
            f"{prefix}rps": round(len(rows) / elapsed, 1),
            f"{prefix}p50_ms": p50,
            f"{prefix}p99_ms": p99,
            f"{prefix}errors_5xx": fivexx,
        }
        print(f"{kind:8} {len(rows):9d} {len(rows) / elapsed:8.1f} {p50:8} {p99:8} {fivexx:5d}")
    others = sorted({r[2] for r in results if r[2] != 200})
    if others:
        print("non-200 statuses seen:", others)
    if probes:
        worst = max(t for t, _ in probes)
        statuses = sorted({s for _, s in probes})
        print(
            f"time-limit probes: {len(probes)}, statuses {statuses}, slowest answer {worst:.1f} s"
        )
        summary |= {"probe_max_s": round(worst, 2), "probe_statuses": statuses}
    return summary


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--store", type=Path, default=None, help="use this built store")
    ap.add_argument(
        "--models",
        type=int,
        default=None,
        help="a synthetic store of this many models (bench_queries.py's graph) instead of the "
        "bundled build",
    )
    ap.add_argument(
        "--pages",
        type=int,
        default=500,
        help="distinct model pages in rotation (more than the load asks for: every page "
        "request renders, none is answered from a cache)",
    )
    ap.add_argument("--workers", type=int, default=2, help="server processes (serve --workers)")
    ap.add_argument(
        "--warm",
        action="store_true",
        help="ask for every page once before the timed load (the steady state of a server "
        "whose caches hold the pages asked for; the default measures from a cold start)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store"
        if args.store is None and args.models:
            from bench_queries import generate

            t = time.monotonic()
            generate(store, args.models)
            print(f"synthetic store of {args.models:,} models: {time.monotonic() - t:.1f} s")
        elif args.store is None:
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
                "--workers",
                str(args.workers),
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
            iris = model_iris(base, args.pages)
            prefix = "https://w3id.org/openness-kg/id/"
            pages = [base + "doc/" + i[len(prefix) :] for i in iris if i.startswith(prefix)]
            if not pages:
                print("no models in the store", file=sys.stderr)
                return 1
            print(f"{len(pages)} model pages in rotation")
            if args.warm:
                t = time.monotonic()
                asyncio.run(warm(base, pages, args.workers))
                print(f"warmed: every page asked for by each process, {time.monotonic() - t:.1f} s")
            load_before = os.getloadavg()[0]
            summary = asyncio.run(run_load(base, pages, args.clients, args.duration))
            summary |= {
                "workers": args.workers,
                "warm": args.warm,
                "pages_in_rotation": len(pages),
                "loadavg_before": round(load_before, 2),
                "loadavg_after": round(os.getloadavg()[0], 2),
            }
        finally:
            proc.terminate()
            proc.wait(30)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
