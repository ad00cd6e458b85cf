"""``openness-kg query``: every output format parses as what it claims, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from narrow import solutions
from query_helpers import HOSTILE, HOSTILE_NAME, SLOW_QUERY, A, B, filler_store, small_store
from rdflib import Graph

from openness_kg.cli import main

NAMES = "SELECT ?m ?name WHERE { ?m a okg:Model ; okg:releaseName ?name } ORDER BY ?name"
MODELS = "CONSTRUCT { ?m a okg:Model } WHERE { ?m a okg:Model }"


@pytest.fixture
def store_dir(tmp_path):
    small_store(tmp_path / "st").close()
    return tmp_path / "st"


def run(store_dir, *args: str, input: str | None = None):
    return CliRunner().invoke(main, ["--store", str(store_dir), "query", *args], input=input)


def test_select_formats(store_dir) -> None:
    res = run(store_dir, "--sparql", NAMES, "--format", "json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["head"]["vars"] == ["m", "name"]
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["A", 'B"}', HOSTILE_NAME]

    res = run(store_dir, "--sparql", NAMES, "--format", "csv")
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["m", "name"]
    assert rows[1] == [str(A), "A"]
    assert rows[2] == [str(B), 'B"}']

    res = run(store_dir, "--sparql", NAMES, "--format", "tsv")
    parsed = ox.parse_query_results(res.stdout_bytes, ox.QueryResultsFormat.TSV)
    assert [s["name"].value for s in solutions(parsed)] == ["A", 'B"}', HOSTILE_NAME]

    res = run(store_dir, "--sparql", NAMES, "--format", "xml")
    root = ET.fromstring(res.stdout_bytes)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(root.findall(".//r:result", ns)) == 3


def test_default_table_is_readable(store_dir) -> None:
    res = run(store_dir, "--sparql", NAMES)
    assert res.exit_code == 0, res.output
    assert "id:model/org/a" in res.stdout  # prefixed, not <https://...>
    assert "name" in res.stdout


def test_ask_formats(store_dir) -> None:
    res = run(store_dir, "--sparql", "ASK { ?m okg:releaseName 'A' }", "--format", "json")
    assert json.loads(res.stdout) == {"head": {}, "boolean": True}
    res = run(store_dir, "--sparql", "ASK { ?m okg:releaseName 'Z' }")
    assert "false" in res.stdout


@pytest.mark.parametrize(
    "fmt,rdflib_format", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("xml", "xml")]
)
def test_construct_formats(store_dir, fmt: str, rdflib_format: str) -> None:
    res = run(store_dir, "--sparql", MODELS, "--format", fmt)
    assert res.exit_code == 0, res.output
    g = Graph().parse(data=res.stdout_bytes, format=rdflib_format)
    assert {str(s) for s in g.subjects()} == {str(A), str(B), str(HOSTILE)}


def test_query_file_stdin_and_output_file(store_dir, tmp_path) -> None:
    q = tmp_path / "q.rq"
    q.write_text(NAMES)
    res = run(store_dir, str(q), "--format", "csv")
    assert res.exit_code == 0 and res.stdout.count("\n") == 4
    res = run(store_dir, "-", "--format", "csv", input=NAMES)
    assert res.exit_code == 0 and res.stdout.count("\n") == 4
    out = tmp_path / "out.json"
    res = run(store_dir, str(q), "--format", "json", "-o", str(out))
    assert res.exit_code == 0
    assert len(json.loads(out.read_text())["results"]["bindings"]) == 3


def test_params_are_bound_as_terms(store_dir) -> None:
    res = run(store_dir, "--sparql", NAMES, "--param", 'name=B"}', "--format", "csv")
    assert res.exit_code == 0, res.output
    assert list(csv.reader(io.StringIO(res.stdout)))[1:] == [[str(B), 'B"}']]
    res = run(store_dir, "--sparql", NAMES, "--param", f"m=<{A}>", "--format", "csv")
    assert list(csv.reader(io.StringIO(res.stdout)))[1:] == [[str(A), "A"]]
    res = run(store_dir, "--sparql", NAMES, "--param", "m=<http://x> } UNION {", "--format", "csv")
    assert res.exit_code == 0  # not an IRI: a plain string, which matches no model
    assert res.stdout.strip() == "m,name"


def test_syntax_error_is_exit_2_with_line_and_column(store_dir, tmp_path) -> None:
    q = tmp_path / "bad.rq"
    q.write_text("SELECT ?m WHERE {\n  ?m a okg:Model .\n  FILTER(?m = ) }\n")
    res = run(store_dir, str(q))
    assert res.exit_code == 2
    assert f"{q}: syntax error at line 3, column 3" in res.output


def test_format_that_does_not_fit_the_form_is_exit_2(store_dir) -> None:
    res = run(store_dir, "--sparql", NAMES, "--format", "turtle")
    assert res.exit_code == 2 and "SELECT/ASK" in res.output
    res = run(store_dir, "--sparql", MODELS, "--format", "csv")
    assert res.exit_code == 2 and "CONSTRUCT/DESCRIBE" in res.output


def test_usage_errors(store_dir, tmp_path) -> None:
    assert run(store_dir).exit_code == 2
    assert run(store_dir, "--sparql", NAMES, "--cq", "1").exit_code == 2
    assert run(store_dir, "--sparql", NAMES, "--param", "novalue").exit_code == 2
    assert run(store_dir, "--cq", "no-such-question").exit_code == 2
    res = CliRunner().invoke(main, ["--store", str(tmp_path / "none"), "query", "--sparql", NAMES])
    assert res.exit_code == 2 and "no store at" in res.output


def test_timeout_is_exit_1(tmp_path) -> None:
    filler_store(tmp_path / "st")
    res = run(tmp_path / "st", "--sparql", SLOW_QUERY, "--timeout", "0.5")
    assert res.exit_code == 1
    assert "longer than 0.5 s" in res.output


def test_list_shows_the_competency_questions(store_dir) -> None:
    from openness_kg.sparql.cq import questions

    found = questions()
    res = run(store_dir, "--list", "--format", "json")
    assert res.exit_code == 0
    listed = json.loads(res.stdout)
    assert [r["name"] for r in listed] == [q.name for q in found]


def test_competency_question_with_a_hostile_model_id(store_dir) -> None:
    """A model id carrying quotes, braces and > becomes one (percent-encoded) IRI: the
    question keeps its shape and, here, finds nothing."""
    hostile = 'x"} UNION { ?model ?p ?ancestor } #>'
    res = run(
        store_dir, "--cq", "fine-tune-ancestors", "--param", f"model={hostile}", "--format", "csv"
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.strip() == "ancestor"
    res = run(store_dir, "--cq", "2", "--param", "nosuch=1")
    assert res.exit_code == 2 and "has no parameter nosuch" in res.output


def test_cq_without_its_parameter_is_a_usage_error(store_dir) -> None:
    """The YAML's example value belongs to the fixture graph: running a question on a real
    store without its parameter must not silently answer for that example."""
    result = run(store_dir, "--cq", "02-fine-tune-ancestors")
    assert result.exit_code == 2
    assert "needs --param model=" in result.output


def test_a_value_that_cannot_stand_where_bound_names_the_parameter(store_dir) -> None:
    result = run(store_dir, "--sparql", "SELECT ?n WHERE { ?s ?p ?n }", "--param", "p=3")
    assert result.exit_code == 2
    assert "the value given for ?p" in result.output
