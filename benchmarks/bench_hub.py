"""One end-to-end scale run (issue 16, part 5): a synthetic Hub of ``--models N`` models
(default 2,000,000; ``synthetic_hub.py``: shaped like the recorded bodies, with lineage, gating
and the real Hub's licence mix) built into an on-disk store, classified, assessed by every
framework, and every competency question answered; a table of wall time and peak memory per
stage and the store's size on disk, then the same numbers as one JSON line.

Stages, each run as its own child process so that the numbers are those of the installed
product, whatever its internals are today:

- ``build``: ``openness-kg build`` (the ontology, the licence KB and the bundled records);
- ``ingest``: the product's Hub ingest path, as ``ingest hf --from-dir`` runs it (each body
  through ``transform_model_info``, written by ``write_records`` in journaled batches through
  the run's ``VersionKeeper``), in a child of this script that generates the bodies as it
  goes (2 million bodies would not fit on disk as files);
- ``classify``: ``openness-kg classify --format csv``;
- ``assess``: ``openness-kg assess --framework all --format csv``;
- ``query``: ``openness-kg query --cq NAME --format tsv --timeout S`` for each question of
  ``query --list`` (parameters pointed at synthetic models), each a row of its own table.

Peak memory is measured two ways: ``peak RSS`` is the kernel's ``ru_maxrss`` of the child
(``os.wait4``: the largest of the child and its own waited-for children, e.g. query workers),
``tree RSS`` the largest sum of resident memory over the child's whole process tree, sampled
from ``/proc`` every 0.25 s. Rows written to stdout are counted, not kept.

    .venv/bin/python benchmarks/bench_hub.py [--models 2000000] [--store DIR]
        [--stages build,ingest,classify,assess,query] [--timeout 120] [--seed 16]

Without ``--store`` the store is made in a temporary folder and removed at the end; with it,
the store is kept, and a later run can reuse it (e.g. ``--stages classify,assess,query``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

STAGES = ("build", "ingest", "classify", "assess", "query")
HERE = Path(__file__).resolve()
SAMPLE_S = 0.25


# --- measuring one child process ---------------------------------------------------------------


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    tree_rss_mb: float
    exit: int | None  # None: killed at the timeout
    rows: int = 0
    store_mb: float = 0.0
    note: str = ""


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (MB)."""
    kids, total, todo = _children(), 0, [pid]
    while todo:
        p = todo.pop()
        todo += kids.get(p, [])
        try:
            with open(f"/proc/{p}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total / 2**20


def _count_lines(stream: object, out: list[int]) -> None:
    n = 0
    read = stream.read  # type: ignore[attr-defined]
    while chunk := read(1 << 20):
        n += chunk.count(b"\n")
    out.append(n)


def run_child(
    cmd: list[str],
    log: Path,
    env: dict[str, str],
    timeout: float | None = None,
    status: object = None,
) -> Measured:
    """Run ``cmd`` (stdout counted in lines, stderr to ``log``), measuring wall time and
    memory; killed (its whole process group) after ``timeout`` seconds."""
    with log.open("ab") as err:
        err.write(f"\n$ {' '.join(cmd)}\n".encode())
        err.flush()
        started = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=err, env=env, start_new_session=True
        )
        counted: list[int] = []
        reader = threading.Thread(target=_count_lines, args=(proc.stdout, counted), daemon=True)
        reader.start()
        peak_tree, killed = 0.0, False
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            peak_tree = max(peak_tree, tree_rss_mb(proc.pid))
            if status is not None:
                status.update(_last_line(log))  # type: ignore[attr-defined]
            if timeout is not None and time.perf_counter() - started > timeout and not killed:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(wstatus)
        reader.join()
    return Measured(
        seconds=seconds,
        peak_rss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=max(peak_tree, usage.ru_maxrss / 1024),
        exit=None if killed else proc.returncode,
        rows=counted[0] if counted else 0,
    )


def _last_line(log: Path) -> str:
    try:
        with log.open("rb") as f:
            f.seek(max(0, log.stat().st_size - 400))
            tail = f.read().decode("utf-8", "replace").replace("\r", "\n").strip()
    except OSError:
        return ""
    return tail.rsplit("\n", 1)[-1][:90]


def disk_mb(path: Path) -> float:
    """Space the folder takes on disk (allocated blocks), MB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                continue
    return total / 2**20


# --- the ingest child --------------------------------------------------------------------------


def ingest_child(store_path: Path, models: int, seed: int, batch: int) -> None:
    """Generate the bodies and write them through the product's ingest path (what
    ``openness-kg ingest hf --from-dir`` does with each body it reads)."""
    from openness_kg.history.versions import start_run
    from openness_kg.ingest.hf.transform import transform_model_info
    from openness_kg.iris import Minter
    from openness_kg.records import Record, RecordError
    from openness_kg.store import open_store
    from openness_kg.store.write import write_records

    sys.path.insert(0, str(HERE.parent))
    from synthetic_hub import SyntheticHub

    minter = Minter.from_env()
    hub = SyntheticHub(seed)

    def records() -> Iterator[Record | RecordError]:
        for i, body in hub.bodies(models):
            try:
                yield transform_model_info(
                    body, minter, source=f"synthetic/{i}", retrieved_at="2025-03-21T00:00:00Z"
                )
            except RecordError as exc:
                yield exc

    started = time.perf_counter()

    def progress(done: int) -> None:
        if done % 1000 == 0 or done == models:
            rate = done / (time.perf_counter() - started)
            print(f"ingested {done:,} of {models:,} ({rate:,.0f}/s)", file=sys.stderr, flush=True)

    store = open_store(store_path)
    keeper = start_run(store, minter, "bench-hub ingest (synthetic Hub)")
    report = write_records(keeper, records(), batch_size=batch, progress=progress)
    keeper.end_run()
    store.close()
    for e in report.errors[:20]:
        print(f"error: {e}", file=sys.stderr)
    print(
        f"ingest: {report.landed} record(s) landed, {report.triples} triples, "
        f"{len(report.errors)} failed, {len(report.warnings)} warning(s)",
        file=sys.stderr,
    )
    if report.errors:
        raise SystemExit(1)


# --- the questions -----------------------------------------------------------------------------


def question_params(seed: int, models: int) -> dict[str, str]:
    """Parameters that name things of the synthetic Hub (the listed examples name fixture
    IRIs): a fine-tune whose base is itself derived (else the last derived model), model 0
    (the most derived-from, the bases being drawn with a bias to the oldest), that model's
    dataset and record. Parameters not given here keep the listed example."""
    from openness_kg.iris import Minter

    sys.path.insert(0, str(HERE.parent))
    from synthetic_hub import DATASETS, SyntheticHub

    hub, minter = SyntheticHub(seed), Minter.from_env()
    model = 0
    for i in range(min(models, 5000)):
        d = hub.draw(i)
        if d.base is not None:
            model = i
            if d.relation == "finetune" and hub.draw(d.base).relation is not None:
                break
    rid = hub.repo_id(model)
    return {
        "model": f"<{minter.hub_model(rid)}>",
        "base": f"<{minter.hub_model(hub.repo_id(0))}>",
        "dataset": f"<{minter.dataset(f'synthetic-data/set-{(model * 31) % DATASETS}')}>",
        "record": f"<{minter.record('hf-model', rid)}>",
    }


def questions(cli: str, env: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """``query --list``: each question's name and its parameters' listed examples."""
    out = subprocess.run(
        [cli, "query", "--list", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    return [
        (r["name"], dict(p.split("=", 1) for p in (r.get("parameters") or "").split() if "=" in p))
        for r in json.loads(out)
    ]


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Run:
    models: int
    store: str
    stages: dict[str, Measured] = field(default_factory=dict)
    questions: dict[str, Measured] = field(default_factory=dict)


def find_cli() -> str:
    near = Path(sys.executable).parent / "openness-kg"
    found = str(near) if near.exists() else shutil.which("openness-kg")
    if not found:
        raise SystemExit("openness-kg is not installed (make .venv/.installed)")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--models", type=int, default=2_000_000)
    ap.add_argument("--store", type=Path, help="keep the store here (reused when it exists)")
    ap.add_argument("--stages", default=",".join(STAGES), help="comma-separated subset")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per question")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--batch", type=int, default=2000, help="records per ingest batch")
    ap.add_argument("--ingest-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.ingest_child:
        ingest_child(args.store, args.models, args.seed, args.batch)
        return
    stages = [s.strip() for s in args.stages.split(",") if s.strip()]
    if unknown := [s for s in stages if s not in STAGES]:
        ap.error(f"unknown stage(s) {', '.join(unknown)}; choose from {', '.join(STAGES)}")
    console = Console(stderr=True)
    tmp = None if args.store else tempfile.mkdtemp(prefix="bench-hub-")
    store = (args.store or Path(tmp) / "store").resolve()  # type: ignore[arg-type]
    log = store.with_name(store.name + ".bench-hub.log")
    cli = find_cli()
    env = {**os.environ, "OPENNESS_KG_STORE": str(store)}
    run = Run(models=args.models, store=str(store))
    console.print(f"store {store}  (children's stderr: {log})")
    try:
        with console.status("") as status:
            for stage in stages:
                status.update(f"{stage} ...")
                if stage == "query":
                    run.stages[stage] = run_questions(cli, env, log, args, run, status)
                else:
                    m = run_child(stage_command(stage, cli, store, args), log, env, None, status)
                    run.stages[stage] = m
                run.stages[stage].store_mb = disk_mb(store)
                console.print(f"{stage}: {summary(run.stages[stage])}")
        quads = count_quads(cli, env)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    report(run, quads)


def stage_command(stage: str, cli: str, store: Path, args: argparse.Namespace) -> list[str]:
    if stage == "ingest":
        return [
            sys.executable,
            str(HERE),
            "--ingest-child",
            "--store",
            str(store),
            "--models",
            str(args.models),
            "--seed",
            str(args.seed),
            "--batch",
            str(args.batch),
        ]
    return {
        "build": [cli, "build"],
        "classify": [cli, "classify", "--format", "csv"],
        "assess": [cli, "assess", "--framework", "all", "--format", "csv"],
    }[stage]


def run_questions(
    cli: str,
    env: dict[str, str],
    log: Path,
    args: argparse.Namespace,
    run: Run,
    status: object,
) -> Measured:
    ours = question_params(args.seed, args.models)
    for name, listed in questions(cli, env):
        cmd = [cli, "query", "--cq", name, "--format", "tsv", "--timeout", str(args.timeout)]
        for p, example in listed.items():
            cmd += ["--param", f"{p}={ours.get(p, example)}"]
        status.update(f"query {name}")  # type: ignore[attr-defined]
        # the worker stops at --timeout; the child is killed 30 s later if it has not
        m = run_child(cmd, log, env, args.timeout + 30)
        m.rows = max(0, m.rows - 1)  # the TSV header
        if m.exit == 1 and m.seconds >= args.timeout:
            m.note = "timeout"
        run.questions[name] = m
        print(f"  {name}: {summary(m)}, {m.rows:,} rows", file=sys.stderr, flush=True)
    qs = list(run.questions.values())
    return Measured(
        seconds=sum(q.seconds for q in qs),
        peak_rss_mb=max((q.peak_rss_mb for q in qs), default=0.0),
        tree_rss_mb=max((q.tree_rss_mb for q in qs), default=0.0),
        exit=max((q.exit if q.exit is not None else 137 for q in qs), default=0),
        rows=sum(q.rows for q in qs),
        note=f"{sum(1 for q in qs if q.exit == 0 and q.seconds < 1)} of {len(qs)} under 1 s",
    )


def count_quads(cli: str, env: dict[str, str]) -> int | None:
    """The store's quads (``stats``), after the stages and not timed."""
    try:
        out = subprocess.run(
            [cli, "stats", "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
        ).stdout
        return int(json.loads(out)["triples"])
    except (ValueError, KeyError, TypeError, OSError, subprocess.TimeoutExpired):
        return None


def summary(m: Measured) -> str:
    state = "killed" if m.exit is None else f"exit {m.exit}"
    return f"{m.seconds:,.1f} s, peak RSS {m.peak_rss_mb:,.0f} MB, {state}"


def report(run: Run, quads: int | None) -> None:
    out = Console(width=None if sys.stdout.isatty() else 140)
    t = Table(title=f"bench-hub: {run.models:,} synthetic Hub models")
    cols = ("stage", "wall s", "models/s", "peak RSS MB", "tree RSS MB", "exit", "rows", "store MB")
    for col in (*cols, "note"):
        t.add_column(col, justify="left" if col in ("stage", "note") else "right")
    for name, m in run.stages.items():
        rate = f"{run.models / m.seconds:,.0f}" if name in ("ingest", "classify", "assess") else ""
        t.add_row(
            name,
            f"{m.seconds:,.1f}",
            rate,
            f"{m.peak_rss_mb:,.0f}",
            f"{m.tree_rss_mb:,.0f}",
            "killed" if m.exit is None else str(m.exit),
            f"{m.rows:,}",
            f"{m.store_mb:,.0f}",
            m.note,
        )
    out.print(t)
    if run.questions:
        q = Table(title="competency questions (each a fresh `openness-kg query` process)")
        for col in ("question", "wall s", "rows", "peak RSS MB", "exit"):
            q.add_column(col, justify="left" if col == "question" else "right")
        for name, m in run.questions.items():
            q.add_row(
                name,
                f"{m.seconds:,.2f}",
                f"{m.rows:,}",
                f"{m.peak_rss_mb:,.0f}",
                m.note or ("killed" if m.exit is None else str(m.exit)),
            )
        out.print(q)
    last = max((m.store_mb for m in run.stages.values()), default=0.0)
    out.print(f"store: {run.store}, {last:,.0f} MB on disk, {quads or 0:,} quads")
    print(
        json.dumps(
            {
                "models": run.models,
                "quads": quads,
                "store_mb": round(last, 1),
                "stages": {k: _json(v) for k, v in run.stages.items()},
                "questions": {k: _json(v) for k, v in run.questions.items()},
            }
        ),
        flush=True,
    )


def _json(m: Measured) -> dict[str, object]:
    d = asdict(m)
    for k in ("seconds", "peak_rss_mb", "tree_rss_mb", "store_mb"):
        d[k] = round(d[k], 3 if k == "seconds" else 1)
    return d


if __name__ == "__main__":
    main()
