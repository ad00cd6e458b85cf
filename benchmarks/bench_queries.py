"""Median latency of every competency question on the embedded store over a synthetic graph of
1,000,000 models (``--models N`` for another size). Prints a table.

The graph is shaped like what the ingesters write, with the real ontology and licence KB
(built by ``build`` from their bundled sources): per model a Hub-style record graph
(model, producer, gating, licence, lineage to an earlier model, a training dataset, three
components with licences), a MOF assessment graph (class level as ``classify`` writes it)
and the model's summaries, computed by ``summaries.refresh`` as ``build`` and ``classify``
do (licences and categories, ``okg:highestMofClass``; the refresh is timed);
5,003 dataset records with licences. It is generated directly as quads (the Hub and MOF
benchmarks' generators go through the full transforms, which at 1M models would take far
longer than the queries) and bulk-loaded. Each question runs the way ``openness-kg query``
runs it (the query worker, its ordering, the JSON results read back), in a child process
that is killed after ``--timeout`` seconds (pyoxigraph cannot cancel a query): the full
answer (its median, rows, and rows per second: the rate the full answer streams at) and the
first page (``--page`` rows, as ``query --limit``; target: under 1 s each). The last line is
one JSON object: ``{"models": N, "p50_s": {question: seconds}, "first_page_p50_s": {...}}``
(``null``: timed out, named in the line above).

    .venv/bin/python benchmarks/bench_queries.py [--models 1000000] [--runs 3] [--store DIR]
        [--page 20]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from openness_kg.build import build
from openness_kg.bundled import bundled_sources
from openness_kg.iris import Minter
from openness_kg.namespaces import DEFAULT_BASE, OKG
from openness_kg.sparql.cq import questions
from openness_kg.sparql.formats import project_prefixes
from openness_kg.sparql.run import QueryTimeout, bind, query_result, with_prologue
from openness_kg.store import OxigraphStore
from openness_kg.summaries import refresh

MINTER = Minter()
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
LICENSE = ox.NamedNode("http://purl.org/dc/terms/license")
WAS_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
XSD = "http://www.w3.org/2001/XMLSchema#"
ORGS = 4999
DATASETS = 5003


MODEL_LICENCES = [  # what Hub models declare most, as the licence KB names them
    MINTER.license("Apache-2.0"),
    MINTER.license("MIT"),
    MINTER.license("llama3.1"),
    MINTER.license("CC-BY-NC-4.0"),
    MINTER.license("openrail"),
    MINTER.license("gemma"),
    MINTER.license("GPL-3.0-only"),
    MINTER.license("CC-BY-4.0"),
    MINTER.license("other"),
    None,  # no licence given
]
DATA_LICENCES = [
    MINTER.license(x) for x in ("CC-BY-4.0", "CC-BY-NC-4.0", "ODC-By-1.0", "CC-BY-ND-4.0", "MIT")
]
GATING = [OKG.NotGated] * 18 + [OKG.GatedAuto, OKG.GatedManual]
RELATIONS = [OKG.fineTunedFrom, OKG.quantizedFrom, OKG.adapterOf, OKG.mergedFrom, None]
LEVELS = [0] * 85 + [3] * 10 + [2] * 3 + [1] * 2
VERDICT = {0: OKG.MofUnclassified, 1: OKG.MofClassI, 2: OKG.MofClassII, 3: OKG.MofClassIII}
COMPONENTS = [
    ("model-parameters-final", OKG.ModelParametersFinal),
    ("model-card", OKG.ModelCard),
    ("model-architecture", OKG.ModelArchitecture),
]


def hub_id(i: int) -> str:
    return f"org{i % ORGS}/model-{i}"


def iri(term: object) -> str:
    return f"<{term}>"


T, LABEL, LIC = f"<{RDF_TYPE.value}>", f"<{RDFS_LABEL.value}>", f"<{LICENSE.value}>"
DERIVED = f"<{WAS_DERIVED_FROM.value}>"


class _Terms(dict[str, str]):
    """``K["Model"]`` is ``<...ontology#Model>`` (a closed-namespace lookup, so a typo fails)."""

    def __missing__(self, name: str) -> str:
        self[name] = iri(getattr(OKG, name))
        return self[name]


K = _Terms()
BASE = MINTER.base
DT = f"^^<{XSD}dateTime>"
INT = f"^^<{XSD}integer>"


def dataset_lines() -> Iterator[str]:
    for d in range(DATASETS):
        key = f"synthetic-data/set-{d}"
        ds, g = f"<{BASE}dataset/{key}>", f"<{BASE}record/hf-dataset/{key}>"
        lic = iri(DATA_LICENCES[d % len(DATA_LICENCES)])
        yield f"{g} {T} {K['SourceRecord']} {g} .\n"
        yield f"{g} {K['sourceKind']} {K['HubDatasetInfo']} {g} .\n"
        yield f"{g} {K['recordOf']} {ds} {g} .\n"
        yield f"{ds} {T} {K['Dataset']} {g} .\n"
        yield f"{ds} {LIC} {lic} {g} .\n"


def model_lines(i: int) -> str:
    """One model's record graph and MOF assessment graph, as N-Quads (IRIs as the minter
    makes them; the keys need no escaping)."""
    key = hub_id(i)
    m, g = f"<{BASE}model/{key}>", f"<{BASE}record/hf-model/{key}>"
    out = [
        f"{g} {T} {K['SourceRecord']} {g} .",
        f"{g} {K['sourceKind']} {K['HubModelInfo']} {g} .",
        f"{g} {K['recordOf']} {m} {g} .",
        f'{g} {K["sourcePath"]} "synthetic/{i}.json" {g} .',
        f'{g} {K["retrievedAt"]} "2025-03-21T00:00:00Z"{DT} {g} .',
        f"{m} {T} {K['Model']} {g} .",
        f'{m} {LABEL} "{key}" {g} .',
        f'{m} {K["hubId"]} "{key}" {g} .',
        f"{m} {K['producer']} <{BASE}org/org{i % ORGS}> {g} .",
        f"{m} {K['gating']} {iri(GATING[i % len(GATING)])} {g} .",
    ]
    lic = MODEL_LICENCES[(i * 7) % len(MODEL_LICENCES)]
    if lic is not None:
        out.append(f"{m} {LIC} {iri(lic)} {g} .")
    rel = RELATIONS[i % len(RELATIONS)]
    if i > 10 and rel is not None:
        out.append(f"{m} {iri(rel)} <{BASE}model/{hub_id(i // 3)}> {g} .")
    if i % 2 == 0:
        out.append(f"{m} {K['trainedOn']} <{BASE}dataset/synthetic-data/set-{i % DATASETS}> {g} .")
    for j, (slug, cls) in enumerate(COMPONENTS):
        c = f"<{BASE}model/{key}/component/{slug}>"
        out.append(f"{m} {K['hasComponent']} {c} {g} .")
        out.append(f"{c} {T} {iri(cls)} {g} .")
        clic = lic if j == 0 else MODEL_LICENCES[(i + j) % len(MODEL_LICENCES)]
        if clic is not None:
            out.append(f"{c} {LIC} {iri(clic)} {g} .")
    # the MOF assessment, as `classify` writes it, in its own graph
    level = LEVELS[(i * 13) % len(LEVELS)]
    ag, a = f"<{BASE}record/mof-assessment/hf-model/{key}>", f"<{BASE}assessment/mof/{i:016x}>"
    out += [
        f"{ag} {DERIVED} {g} {ag} .",
        f"{a} {T} {K['Assessment']} {ag} .",
        f"{a} {K['framework']} {K['ModelOpennessFramework']} {ag} .",
        f"{a} {K['assessedModel']} {m} {ag} .",
        f"{a} {K['basedOnRecord']} {g} {ag} .",
        f"{a} {K['verdict']} {iri(VERDICT[level])} {ag} .",
        f'{a} {K["classLevel"]} "{level}"{INT} {ag} .',
        f'{a} {K["ruleVersion"]} "synthetic; default mode" {ag} .',
    ]
    # the model's summaries are computed by openness_kg.summaries.refresh, as `build` and
    # `classify` do, once the records are loaded (timed: `generate`)
    return "\n".join(out) + "\n"


def generate(path: Path, models: int) -> int:
    store = OxigraphStore(path)
    keep = [s for s in bundled_sources() if s.name in ("ontology", "licenses")]
    build(store, MINTER, keep)
    raw = store.raw
    raw.bulk_load("".join(dataset_lines()).encode(), ox.RdfFormat.N_QUADS)
    started = time.perf_counter()
    chunk = 50_000
    for start in range(0, models, chunk):
        text = "".join(model_lines(i) for i in range(start, min(models, start + chunk)))
        raw.bulk_load(text.encode(), ox.RdfFormat.N_QUADS)
        done = min(models, start + chunk)
        if done % 200_000 == 0 or done == models:
            rate = done / (time.perf_counter() - started)
            print(f"  {done:,} models ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    raw.flush()
    t, rss = time.perf_counter(), peak_mb()
    n = refresh(store, MINTER)  # every model's licence and MOF summaries
    dt = time.perf_counter() - t
    print(
        f"  summaries of {n:,} models refreshed in {dt:.1f} s ({n / dt:,.0f} models/s; "
        f"peak RSS {max(rss, peak_mb()):,.0f} MB)",
        file=sys.stderr,
        flush=True,
    )
    total = len(raw)
    store.close()
    return total


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


PARAMS = {  # parameters for the synthetic graph (the YAML defaults name fixture IRIs)
    "model": f"<{DEFAULT_BASE}model/{hub_id(105)}>",  # fine-tuned from 35, from 11
    "base": f"<{DEFAULT_BASE}model/{hub_id(3)}>",
    "dataset": f"<{DEFAULT_BASE}dataset/synthetic-data/set-7>",
    "class": f"<{OKG.MofClassII}>",
    "property": f"<{OKG.producer}>",
}


def _time_query(
    path: str, text: str, runs: int, timeout: float, limit: int | None, out: mp.Queue
) -> None:
    """Run the query as ``openness-kg query`` does (a worker process on the read-only store,
    which sorts in Python a trailing ORDER BY of variables, results back as SPARQL JSON;
    ``limit``: only the first page, as ``--limit``) ``runs + 1`` times (the first warms the
    caches), putting each (seconds, rows) on ``out`` as soon as it is measured; slow queries
    (over 5 s) run twice."""
    for k in range(runs + 1):
        t = time.perf_counter()
        try:  # the timeout stops the worker (killing this process alone would orphan it)
            with query_result(
                Path(path), text, timeout=timeout, check=False, limit=limit
            ) as result:
                rows = 1 if isinstance(result, ox.QueryBoolean) else sum(1 for _ in result)
        except QueryTimeout:
            return
        elapsed = time.perf_counter() - t
        out.put((elapsed, rows))
        if k >= 1 and elapsed > 5:
            break


@dataclass
class Timing:
    """One question, one way (full answer or first page): the median of the timed runs
    (``None``: no run finished within the timeout), the rows, and whether the median is of
    warm runs (``False``: only the first, cold run finished in time)."""

    seconds: float | None
    rows: int | None
    warm: bool

    def fast(self) -> bool:
        """Under the target, 1 s."""
        return self.seconds is not None and self.seconds < 1

    def cell(self, timeout: float) -> str:
        if self.seconds is None:
            return f"> {timeout:g}"
        return f"{self.seconds:.3f}" + ("" if self.warm else " (1 run)")


def measure(path: Path, text: str, runs: int, timeout: float, limit: int | None) -> Timing:
    """Time one query in a child process (see :func:`_time_query`)."""
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()
    proc = ctx.Process(target=_time_query, args=(str(path), text, runs, timeout, limit, out))
    proc.start()
    proc.join(2 * timeout + 15)  # each run stops itself at the timeout; slow ones run twice
    if proc.is_alive():
        proc.kill()
        proc.join()
    measured = []
    while not out.empty():
        measured.append(out.get())
    if len(measured) >= 2:
        return Timing(statistics.median(t for t, _ in measured[1:]), measured[-1][1], True)
    if measured:  # only the first run finished in time
        return Timing(measured[0][0], measured[0][1], False)
    return Timing(None, None, False)


@dataclass
class Row:
    name: str
    full: Timing
    first_page: Timing

    def rate(self) -> float | None:
        """Rows per second of the full answer (a list question: more than one row)."""
        if self.full.seconds is None or not self.full.rows or self.full.rows <= 1:
            return None
        return self.full.rows / self.full.seconds


def run_questions(path: Path, runs: int, timeout: float, page: int) -> list[Row]:
    table = []
    prefixes = project_prefixes()
    for q in questions():
        values = {p.name: PARAMS.get(p.name, p.default or "") for p in q.parameters}
        text = bind(with_prologue(q.text, prefixes), q.bindings(values, MINTER))
        full = measure(path, text, runs, timeout, None)
        first = measure(path, text, runs, timeout, page)
        table.append(Row(q.name, full, first))
        print(f"  {q.name}: {full} / first page {first}", file=sys.stderr, flush=True)
    return table


def _round(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds, 4)


def summary(models: int, table: list[Row]) -> str:
    """The last line: one JSON object, the medians in seconds (``null``: timed out)."""
    return json.dumps(
        {
            "models": models,
            "p50_s": {r.name: _round(r.full.seconds) for r in table},
            "first_page_p50_s": {r.name: _round(r.first_page.seconds) for r in table},
        }
    )


def report(models: int, table: list[Row], timeout: float, page: int) -> list[str]:
    """The printed table, the counts, and the JSON line last."""
    width = max(len(r.name) for r in table)
    lines = [
        f"\n{'question':<{width}}  {'full s':>14}  {'rows':>8}  {'rows/s':>10}  "
        f"{'first ' + str(page) + ' s':>14}  page < 1 s"
    ]
    for r in table:
        rate = r.rate()
        lines.append(
            f"{r.name:<{width}}  {r.full.cell(timeout):>14}  "
            f"{'-' if r.full.rows is None else r.full.rows:>8}  "
            f"{'-' if rate is None else f'{rate:,.0f}':>10}  "
            f"{r.first_page.cell(timeout):>14}  {'ok' if r.first_page.fast() else 'MISS'}"
        )
    full_ok = sum(1 for r in table if r.full.fast())
    pages_ok = sum(1 for r in table if r.first_page.fast())
    lines.append(f"\nfull answer under 1 s: {full_ok} of {len(table)}")
    lines.append(f"first page ({page} rows) under 1 s: {pages_ok} of {len(table)}")
    late = [
        f"{r.name} ({w})"
        for r in table
        for w, t in (("full", r.full), ("first page", r.first_page))
        if t.seconds is None
    ]
    if late:
        lines.append(f"timed out after {timeout:g} s (null in the JSON): {', '.join(late)}")
    lines.append(summary(models, table))
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per question (median)")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds per question")
    ap.add_argument("--store", type=Path, default=None, help="reuse/keep the store here")
    ap.add_argument("--page", type=int, default=20, help="rows of the first page timed")
    args = ap.parse_args()
    tmp = None
    path = args.store
    if path is None:
        tmp = tempfile.mkdtemp(prefix="okg-bench-queries-")
        path = Path(tmp) / "store"
    try:
        if not (path / "CURRENT").exists():
            t = time.perf_counter()
            quads = generate(path, args.models)
            print(
                f"generated {args.models:,} models, {quads:,} quads in "
                f"{time.perf_counter() - t:.0f} s",
                flush=True,
            )
        else:
            print(f"reusing the store at {path} (--models {args.models:,} is taken as its size)")
        table = run_questions(path, args.runs, args.timeout, args.page)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(report(args.models, table, args.timeout, args.page)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
