"""Issue 14 part 8: while one process writes, read-only commands still read (the store allows
one writer: they open it read-only, and say so on stderr). The writer is a real process that
holds the store open and keeps writing records while the readers run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from query_helpers import small_store

from openness_kg.cli import main

WRITER = """
import sys, time
from rdflib import Literal, URIRef
from openness_kg.records import Record
from openness_kg.store import OxigraphStore
store = OxigraphStore(sys.argv[1])
print("ready", flush=True)
i = 0
while not sys.stdin.closed:
    r = Record(URIRef(f"https://example.org/writer/{i}"), f"w{i}")
    r.add(URIRef(f"https://example.org/s{i}"), URIRef("https://example.org/p"), Literal(i))
    store.replace_graphs([r])
    i += 1
    if i % 50 == 0:
        store.raw.flush()
    time.sleep(0.01)
"""


def test_read_only_commands_read_while_a_writer_holds_the_store(tmp_path: Path) -> None:
    small_store(tmp_path / "st").close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "st")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        # the writer holds the lock: a second writer is refused, as before
        res = CliRunner().invoke(main, ["--store", str(tmp_path / "st"), "build"])
        assert res.exit_code == 2 and "lock" in res.stderr.lower()

        res = CliRunner().invoke(
            main, ["--store", str(tmp_path / "st"), "stats", "--format", "json"]
        )
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout)["triples"] >= 6  # the three models, two triples each
        assert "another process is writing" in res.stderr and "snapshot" in res.stderr

        out = tmp_path / "dump.nt"
        res = CliRunner().invoke(
            main, ["--store", str(tmp_path / "st"), "export", "--format", "nt", str(out)]
        )
        assert res.exit_code == 0, res.output
        assert "org/a" in out.read_text()

        res = CliRunner().invoke(
            main,
            [
                "--store",
                str(tmp_path / "st"),
                "query",
                "--sparql",
                "SELECT (COUNT(*) AS ?n) WHERE { ?m a okg:Model }",
                "--format",
                "csv",
            ],
        )
        assert res.exit_code == 0, res.output
        assert res.stdout.split() == ["n", "3"]
        assert writer.poll() is None  # the writer kept writing all along
    finally:
        assert writer.stdin is not None
        writer.stdin.close()
        writer.kill()
        writer.wait(10)
