"""``openness-kg query --limit N --offset K``: a page is the full answer's slice, in every
output format, on the bundled build; usage errors; the order is total and the same in every
run (ties broken by the rows' terms), so pages fit together."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from query_helpers import classified_bundled_store

from openness_kg.cli import main
from openness_kg.sparql.cq import find_question

# list questions with many rows on the bundled build, and their parameters: plain ORDER BY
# (01, 14), DESC over a GROUP BY (19, whose groups come out of Oxigraph in another order in
# each process), a parameter (12), DESC over numbers with ties (29)
QUESTIONS = [
    ("01-weights-and-code-licences-differ", ()),
    ("14-models-without-licence", ()),
    ("19-models-per-licence", ()),
    ("12-missing-components", ("--param", "model=Codex")),
    ("29-organizations-by-fmti-score", ("--param", "edition=2025-12")),
]

# question 20 ordered by a variable it does not project: every row ties. Its groups come out
# of Oxigraph in another order in each process (the hash joins of its sub-SELECTs), so only
# the worker's own tie-break (the rows' terms) orders them
TIED = find_question("20-models-per-licence-category").text.replace(
    "ORDER BY DESC(?models) ?category", "ORDER BY ?unprojected"
)
assert TIED.rstrip().endswith("ORDER BY ?unprojected")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return classified_bundled_store(tmp_path_factory.mktemp("paging") / "st")


def run(store: Path, *args: str):
    return CliRunner().invoke(main, ["--store", str(store), "query", *args])


def csv_rows(store: Path, *args: str) -> list[list[str]]:
    res = run(store, *args, "--format", "csv")
    assert res.exit_code == 0, res.output
    return list(csv.reader(io.StringIO(res.stdout)))


@pytest.mark.parametrize(("name", "params"), QUESTIONS)
def test_pages_are_slices_of_the_full_answer(store: Path, name: str, params: tuple) -> None:
    head, *full = csv_rows(store, "--cq", name, *params)
    assert len(full) >= 20, f"{name}: too few rows on the bundled build to page"
    size = 7
    pages = []
    for offset in range(0, len(full) + size, size):
        page_head, *page = csv_rows(
            store, "--cq", name, *params, "--limit", str(size), "--offset", str(offset)
        )
        assert page_head == head
        assert page == full[offset : offset + size], f"{name}: page at {offset}"
        pages += page
    assert pages == full
    # an offset alone: the rest of the answer
    assert csv_rows(store, "--cq", name, *params, "--offset", "5")[1:] == full[5:]


def test_json_and_table_pages(store: Path) -> None:
    name = "14-models-without-licence"
    res = run(store, "--cq", name, "--format", "json")
    full = json.loads(res.stdout)["results"]["bindings"]
    res = run(store, "--cq", name, "--format", "json", "--limit", "4", "--offset", "9")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["head"]["vars"] == ["model"]
    assert data["results"]["bindings"] == full[9:13]

    res = run(store, "--cq", name, "--limit", "4", "--offset", "9")
    assert res.exit_code == 0, res.output
    cells = [line.split("│")[1].strip() for line in res.stdout.splitlines() if "│" in line]
    shown = [b["model"]["value"].replace("https://w3id.org/openness-kg/id/", "id:") for b in full]
    assert cells == shown[9:13]


def test_tied_groups_page_the_same_in_every_run(store: Path) -> None:
    full = csv_rows(store, "--sparql", TIED)
    assert full[1:] == sorted(full[1:])  # by the category's IRI, the first column
    for _ in range(3):  # each run is a new worker process: Oxigraph's group order changes
        assert csv_rows(store, "--sparql", TIED) == full
    first = csv_rows(store, "--sparql", TIED, "--limit", "3")
    second = csv_rows(store, "--sparql", TIED, "--limit", "3", "--offset", "3")
    assert len(full) > 4 and first[1:] + second[1:] == full[1:7]


def test_limit_zero_and_offset_past_the_end(store: Path) -> None:
    name = "14-models-without-licence"
    assert csv_rows(store, "--cq", name, "--limit", "0") == [["model"]]
    assert csv_rows(store, "--cq", name, "--limit", "5", "--offset", "100000") == [["model"]]
    res = run(store, "--cq", name, "--format", "json", "--offset", "100000")
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["results"]["bindings"] == []
    res = run(store, "--sparql", "CONSTRUCT { ?m a okg:Model } WHERE { ?m a okg:Model }")
    every = res.stdout.splitlines()
    res = run(
        store,
        *("--sparql", "CONSTRUCT { ?m a okg:Model } WHERE { ?m a okg:Model }"),
        *("--format", "nt", "--limit", "3"),
    )
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 3 and len(every) > 3


@pytest.mark.parametrize("args", [("--limit", "-1"), ("--offset", "-2"), ("--limit", "-5")])
def test_negative_numbers_are_usage_errors(store: Path, args: tuple[str, str]) -> None:
    res = run(store, "--cq", "14-models-without-licence", *args)
    assert res.exit_code == 2
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and args[0] in lines[0] and args[1] in lines[0]


def test_paging_without_order_by_warns(store: Path) -> None:
    res = run(store, "--sparql", "SELECT ?m WHERE { ?m a okg:Model }", "--limit", "2")
    assert res.exit_code == 0, res.output
    assert "no ORDER BY" in res.stderr
    assert len([line for line in res.stdout.splitlines() if "id:model/" in line]) == 2


def test_the_querys_own_slice_is_sorted_and_paged_by_the_worker(store: Path) -> None:
    """A trailing ORDER BY ?v ... LIMIT n OFFSET k (the worker sorts and slices it: a heap),
    and --limit/--offset paging within that slice."""
    text = "SELECT ?m ?l WHERE { ?m a okg:Model ; dcterms:license ?l } ORDER BY ?l"
    head, *full = csv_rows(store, "--sparql", text)
    assert len(full) >= 35
    assert csv_rows(store, "--sparql", text + " LIMIT 10 OFFSET 3")[1:] == full[3:13]
    assert csv_rows(store, "--sparql", text + " OFFSET 30")[1:] == full[30:]
    inner = csv_rows(
        store, "--sparql", text + " LIMIT 10 OFFSET 3", "--limit", "4", "--offset", "2"
    )
    assert inner == [head, *full[5:9]]
    past = csv_rows(store, "--sparql", text + " LIMIT 10", "--offset", "12")
    assert past == [head]


def test_unsorted_pages_are_the_stores_slices(store: Path) -> None:
    """A SELECT the worker does not sort is paged by the store (a LIMIT/OFFSET after it),
    within the query's own slice; a text that takes no trailing LIMIT (a VALUES block at
    its end) is sliced as it comes; an ASK is not paged at all."""
    text = "SELECT ?m ?l WHERE { ?m a okg:Model ; dcterms:license ?l }"
    assert csv_rows(store, "--sparql", text, "--limit", "6", "--offset", "4") == csv_rows(
        store, "--sparql", text + " LIMIT 6 OFFSET 4"
    )
    assert csv_rows(
        store, "--sparql", text + " LIMIT 8 OFFSET 2", "--limit", "6", "--offset", "4"
    ) == csv_rows(store, "--sparql", text + " LIMIT 4 OFFSET 6")
    models = " ".join(
        f"<https://w3id.org/openness-kg/id/model/{m}>" for m in ("Codex", "CPM-2", "Nemotron-4")
    )
    values = "SELECT ?m WHERE { ?m a okg:Model } VALUES ?m { " + models + " }"
    head, *every = csv_rows(store, "--sparql", values)
    assert len(every) == 3
    assert csv_rows(store, "--sparql", values, "--limit", "1", "--offset", "1") == [
        head,
        every[1],
    ]
    ask = run(store, "--sparql", "ASK { ?m a okg:Model }", "--offset", "5", "--format", "json")
    assert ask.exit_code == 0, ask.output
    assert json.loads(ask.stdout)["boolean"] is True
