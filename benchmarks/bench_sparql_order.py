"""One SPARQL path: a SELECT ending in ORDER BY, answered by ``openness-kg query`` and by the
server's ``/sparql``, on a synthetic store of ``--models`` models (default 100,000; the graph
of ``bench_queries.py``). Both go through the same worker pool (``openness_kg/sparql/pool.py``)
and so the same Python ordering; Oxigraph's own ORDER BY on the same store (what ``/sparql``
ran before) is timed for reference. Prints the medians and, last, one JSON line.

    .venv/bin/python benchmarks/bench_sparql_order.py [--models 100000] [--runs 3] [--store DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from bench_queries import generate
from bench_server_load import HOST, free_port

QUERY = """PREFIX okg: <https://w3id.org/openness-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?m ?name WHERE { ?m a okg:Model ; rdfs:label ?name } ORDER BY DESC(?name)"""
CLI = [sys.executable, "-c", "from openness_kg.cli import main; main()"]
LIMIT = ["--timeout", "300", "--workers", "1"]


def timed(run: object, runs: int) -> tuple[float, int]:
    """Median seconds of ``runs`` calls after one warm-up, and the size of the last answer.
    Each call gets the query after a comment line of its own (``# run K``; at the start: a
    trailing ORDER BY must end the text to be sorted in Python), so that the server's cache
    of answers cannot answer it: what is timed is the query."""
    times, size = [], 0
    for k in range(runs + 1):
        t = time.perf_counter()
        size = run(f"# run {k}\n{QUERY}")  # type: ignore[operator]
        if k:
            times.append(time.perf_counter() - t)
    return statistics.median(times), size


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--store", type=Path, default=None, help="reuse/keep the store here")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="okg-bench-order-")
    path = args.store or Path(tmp.name) / "store"
    if not (path / "CURRENT").exists():
        print(f"generating {args.models:,} models into {path}", file=sys.stderr)
        generate(path, args.models)

    def cli(query: str) -> int:
        out = subprocess.run(
            [*CLI, "--store", str(path), "query", "--sparql", query, "--format", "json"],
            check=True,
            capture_output=True,
        ).stdout
        return len(json.loads(out)["results"]["bindings"])

    port = free_port()
    server = subprocess.Popen(
        # the time limit raised from its 10 s default: on a busy machine the query can take
        # longer, and what is measured is its time, not the limit
        [*CLI, "--store", str(path), "serve", "--host", HOST, "--port", str(port), *LIMIT],
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://{HOST}:{port}/sparql"
        with httpx.Client(timeout=120) as http:
            for _ in range(300):
                try:
                    http.get(f"http://{HOST}:{port}/")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)

            def served(query: str) -> int:
                r = http.get(
                    url,
                    params={"query": query},
                    headers={"accept": "application/sparql-results+json"},
                )
                r.raise_for_status()
                return len(r.json()["results"]["bindings"])

            server_s, server_rows = timed(served, args.runs)
    finally:
        server.terminate()
        server.wait(30)
    cli_s, cli_rows = timed(cli, args.runs)

    def oxigraph(query: str) -> int:
        store = ox.Store.read_only(str(path))
        result = store.query(query, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        return len(result.serialize(format=ox.QueryResultsFormat.JSON) or b"")

    ox_s, _ = timed(oxigraph, 1)
    assert cli_rows == server_rows, (cli_rows, server_rows)
    print(f"rows: {cli_rows:,}", file=sys.stderr)
    print(f"openness-kg query (process start included): {cli_s:.2f} s", file=sys.stderr)
    print(f"/sparql over HTTP: {server_s:.2f} s", file=sys.stderr)
    print(f"Oxigraph's own ORDER BY, in-process: {ox_s:.2f} s", file=sys.stderr)
    summary = {
        "models": args.models,
        "rows": cli_rows,
        "cli_s": round(cli_s, 3),
        "server_s": round(server_s, 3),
        "oxigraph_order_by_s": round(ox_s, 3),
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
