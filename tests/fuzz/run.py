"""``make fuzz``: every target of ``fuzz_targets.py`` with a larger budget, against a store.

    python tests/fuzz/run.py [--examples N] [--seed S] [--only NAME ...]

A store is built in a temporary folder from the bundled MOT files and Hub responses and
fingerprinted (a SHA-256 per named graph over its sorted N-Quads). Then each target gets N
hypothesis-generated inputs; every record an ingester produces is written to the store, as
``ingest`` would (each its own batch). A contract breach or any other exception is recorded
with its traceback, and the run goes on. At the end the store is fingerprinted again: every
graph no fuzz record wrote must be byte-identical, and every graph a fuzz record wrote must
hold exactly that record's triples (the last one written), nothing half-written.

Prints, per target, the inputs tried, records landed, record errors and tracebacks; then
the tracebacks; then the fingerprints; the last line is JSON. Exit 1 on any traceback or
store difference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fuzz_targets import TARGETS, Target  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from rdflib import Graph, Literal, URIRef  # noqa: E402
from rdflib.compare import isomorphic  # noqa: E402

from openness_kg.ingest.hf.recorded import read_dir  # noqa: E402
from openness_kg.ingest.mot import _bundled as bundled_mot  # noqa: E402
from openness_kg.iris import Minter  # noqa: E402
from openness_kg.paths import DATA_DIR  # noqa: E402
from openness_kg.records import Record, RecordError  # noqa: E402
from openness_kg.store import OxigraphStore  # noqa: E402
from openness_kg.store.write import write_records  # noqa: E402
from openness_kg.terms import from_ox, to_ox_quads  # noqa: E402


def fingerprint(store: OxigraphStore) -> dict[str, str]:
    """Named graph -> SHA-256 of its sorted N-Quads lines."""
    lines: dict[str, list[str]] = {}
    for q in store.ox_quads():
        lines.setdefault(str(q.graph_name), []).append(str(q))
    return {
        g: hashlib.sha256("\n".join(sorted(ls)).encode()).hexdigest() for g, ls in lines.items()
    }


def total(prints: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(sorted(prints.items())).encode()).hexdigest()[:16]


def _graph(quads: Any) -> Graph:
    """Quads as an rdflib graph, literals by value (``...Z`` and ``...+00:00`` are one
    dateTime: the bulk writer keeps the lexical form written, rdflib normalises it)."""
    g = Graph()
    for q in quads:
        o = from_ox(q.object)
        if isinstance(o, Literal):
            o = Literal(str(o), datatype=o.datatype, lang=o.language)
        g.add((from_ox(q.subject), from_ox(q.predicate), o))
    return g


def graph_of(store: OxigraphStore, name: str) -> Graph:
    return _graph(store.ox_quads(URIRef(name)))


def expected(rec: Record) -> Graph:
    """The record's triples as the store encodes them (the same lexical forms)."""
    return _graph(to_ox_quads(rec.graph, rec.triples))


def explore(target: Target, n: int, rng_seed: int, store: OxigraphStore, state: dict) -> dict:
    stats: Counter[str] = Counter()
    tracebacks: list[str] = state["tracebacks"]

    @seed(rng_seed)
    @settings(
        max_examples=n,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(target.strategy)
    def probe(value: Any) -> None:
        stats["inputs"] += 1
        try:
            items = target.run(value)
        except Exception:
            stats["tracebacks"] += 1
            tracebacks.append(f"[{target.name}] input {value!r:.300}\n{traceback.format_exc()}")
            return
        records = [i for i in items if isinstance(i, Record)]
        stats["record errors"] += sum(isinstance(i, RecordError) for i in items)
        for rec in records:
            try:
                report = write_records(store, [rec])
            except Exception:
                stats["tracebacks"] += 1
                tracebacks.append(f"[{target.name}] writing {rec.graph}\n{traceback.format_exc()}")
                continue
            if report.landed:
                stats["landed"] += 1
                state["written"][str(rec.graph)] = rec

    probe()
    return dict(stats)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=1000, help="inputs per target")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--only", nargs="*", default=None, help="target names")
    ap.add_argument("--debug", action="store_true")
    args = ap.parse_args(argv)
    targets = [t for t in TARGETS if not args.only or t.name in args.only]

    with tempfile.TemporaryDirectory(prefix="okg-fuzz-") as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        minter = Minter()
        base = write_records(
            store, [*bundled_mot(minter), *read_dir(DATA_DIR / "hf", minter, path_prefix="hf/")]
        )
        before = fingerprint(store)
        print(f"baseline: {base.landed} records, {len(before)} graphs, store {total(before)}")
        state: dict[str, Any] = {"tracebacks": [], "written": {}}
        per_target = {}
        for t in targets:
            stats = explore(t, args.examples, args.seed, store, state)
            per_target[t.name] = stats
            print(
                f"{t.name}: {stats.get('inputs', 0)} inputs, {stats.get('landed', 0)} records "
                f"landed, {stats.get('record errors', 0)} record errors, "
                f"{stats.get('tracebacks', 0)} tracebacks"
            )
        after = fingerprint(store)
        written: dict[str, Record] = state["written"]
        unchanged = [g for g in before if g not in written and after.get(g) == before[g]]
        unexpected = sorted(
            g
            for g in set(before) | set(after)
            if g not in written and before.get(g) != after.get(g)
        )
        not_exact = sorted(
            g for g, rec in written.items() if not isomorphic(graph_of(store, g), expected(rec))
        )
        for g in not_exact[:3] if args.debug else []:
            a, b = graph_of(store, g), expected(written[g])
            print("DEBUG", g, sorted(set(a) - set(b))[:3], sorted(set(b) - set(a))[:3])
        store.close()

    for tb in state["tracebacks"][:20]:
        print("-" * 78)
        print(tb)
    replaced = sorted(g for g in written if g in before)
    print(
        f"store before {total(before)} ({len(before)} graphs), after {total(after)} "
        f"({len(after)} graphs): {len(unchanged)} graphs unchanged, {len(written)} written by "
        f"fuzz records ({len(replaced)} of them baseline graphs the fuzz replaced), "
        f"{len(not_exact)} not exactly their record, {len(unexpected)} changed unexpectedly"
    )
    inputs = sum(s.get("inputs", 0) for s in per_target.values())
    summary = {
        "inputs": inputs,
        "tracebacks": len(state["tracebacks"]),
        "per_target": per_target,
        "store_before": total(before),
        "store_after": total(after),
        "graphs_before": len(before),
        "graphs_unchanged": len(unchanged),
        "graphs_written_by_fuzz": len(written),
        "graphs_not_exact": len(not_exact),
        "graphs_changed_unexpectedly": len(unexpected),
    }
    print(json.dumps(summary, sort_keys=True))
    return 1 if state["tracebacks"] or not_exact or unexpected else 0


if __name__ == "__main__":
    raise SystemExit(main())
