"""``export`` and ``load``: the bundled build round-trips through N-Quads; per-file errors."""

from __future__ import annotations

import gzip

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from narrow import literal
from query_helpers import MINTER, bundled_store, canonical, small_store
from rdflib import Graph, URIRef

from openness_kg.cli import main
from openness_kg.store import OxigraphStore


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    path = tmp_path_factory.mktemp("bundled") / "st"
    bundled_store(path).close()
    return path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def all_quads(path) -> list[ox.Quad]:
    store = ox.Store.read_only(str(path))
    return list(store)


def test_bundled_build_round_trips_through_nquads(bundled, tmp_path) -> None:
    out = tmp_path / "dump.nq"
    res = cli("--store", str(bundled), "export", "--format", "nq", str(out))
    assert res.exit_code == 0, res.output
    res = cli("--store", str(tmp_path / "copy"), "load", str(out))
    assert res.exit_code == 0, res.output
    original, copy = all_quads(bundled), all_quads(tmp_path / "copy")
    assert len(original) > 10_000
    assert len(copy) == len(original)
    assert canonical(copy) == canonical(original)  # equal up to blank-node labels


def test_gzip_and_format_from_extension(bundled, tmp_path) -> None:
    out = tmp_path / "dump.trig.gz"
    assert cli("--store", str(bundled), "export", str(out)).exit_code == 0
    quads = list(ox.parse(gzip.decompress(out.read_bytes()), ox.RdfFormat.TRIG))
    assert canonical(quads) == canonical(all_quads(bundled))


def test_one_graph_and_the_other_formats(bundled, tmp_path) -> None:
    licences = str(MINTER.licenses_graph())
    raw = ox.Store.read_only(str(bundled))
    expected = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(licences))
    ]
    assert len(expected) > 1000
    out = tmp_path / "lic.nt"
    res = cli("--store", str(bundled), "export", "--graph", "id:graph/licenses", str(out))
    assert res.exit_code == 0, res.output
    got = list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))
    assert canonical(got) == canonical(expected)
    out = tmp_path / "lic.ttl"
    res = cli("--store", str(bundled), "export", "--graph", licences, str(out))
    assert res.exit_code == 0, res.output
    assert len(Graph().parse(out, format="turtle")) == len(expected)
    # a dataset format keeps the graph's name, so `load` puts the triples back where they were
    named = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(licences)) for q in expected]
    for fmt, rdf in (
        ("trig", ox.RdfFormat.TRIG),
        ("nq", ox.RdfFormat.N_QUADS),
        ("jsonld", ox.RdfFormat.JSON_LD),
    ):
        out = tmp_path / f"lic.{fmt}"
        res = cli("--store", str(bundled), "export", "--format", fmt, "--graph", licences, str(out))
        assert res.exit_code == 0, res.output
        assert canonical(list(ox.parse(path=str(out), format=rdf))) == canonical(named), fmt


def test_export_to_stdout_and_export_mot_still_routes(tmp_path) -> None:
    small_store(tmp_path / "st").close()
    res = cli("--store", str(tmp_path / "st"), "export", "--format", "nq", "-")
    assert res.exit_code == 0
    assert len(list(ox.parse(res.stdout_bytes, ox.RdfFormat.N_QUADS))) == 6
    res = cli("export", "mot", "--help")
    assert res.exit_code == 0 and "MOT" in res.output
    res = cli("export", "graph", "--help")
    assert res.exit_code == 0 and "--graph" in res.output


def test_load_triples_into_a_graph_per_file_or_the_given_one(tmp_path) -> None:
    ttl = tmp_path / "mine.ttl"
    ttl.write_text("<https://example.org/m> a <https://w3id.org/openness-kg/ontology#Model> .\n")
    st = tmp_path / "st"
    assert cli("--store", str(st), "load", str(ttl)).exit_code == 0
    assert (
        cli("--store", str(st), "load", "--graph", "https://example.org/g", str(ttl)).exit_code == 0
    )
    store = OxigraphStore(st, read_only=True)
    assert store.graph_sizes() == {
        MINTER.record("file", "mine.ttl"): 1,
        URIRef("https://example.org/g"): 1,
    }


def test_bad_files_are_reported_and_the_rest_lands(tmp_path) -> None:
    good = tmp_path / "good.nt"
    good.write_text('<https://example.org/a> <https://example.org/p> "1" .\n')
    broken = tmp_path / "broken.nt"  # valid first line, malformed third: nothing of it lands
    broken.write_text(
        '<https://example.org/b> <https://example.org/p> "1" .\n'
        '<https://example.org/b> <https://example.org/p> "2" .\n'
        '<https://example.org/b> <https://example.org/p> "unterminated .\n'
    )
    unknown = tmp_path / "data.xyz"
    unknown.write_text("whatever")
    st = tmp_path / "st"
    res = cli(
        "--store",
        str(st),
        "load",
        str(good),
        str(broken),
        str(unknown),
        str(tmp_path / "missing.nt"),
    )
    assert res.exit_code == 1
    assert "broken.nt" in res.output and "line 3" in res.output.replace("\n", " ")
    assert "data.xyz" in res.output and "unknown RDF file extension" in res.output
    assert "missing.nt" in res.output
    store = OxigraphStore(st, read_only=True)
    assert store.graph_sizes() == {MINTER.record("file", "good.nt"): 1}


def test_quad_files_keep_their_graphs_and_replace(tmp_path) -> None:
    trig = tmp_path / "d.trig"
    trig.write_text(
        "<https://example.org/g1> { <https://example.org/a> <https://example.org/p> 1 . }\n"
        "<https://example.org/a> <https://example.org/p> 2 .\n"
    )
    st = tmp_path / "st"
    assert cli("--store", str(st), "load", str(trig)).exit_code == 0
    trig.write_text(
        "<https://example.org/g1> { <https://example.org/a> <https://example.org/p> 3 . }\n"
    )
    assert cli("--store", str(st), "load", "--replace", str(trig)).exit_code == 0
    store = OxigraphStore(st, read_only=True)
    assert store.graph_sizes() == {
        URIRef("https://example.org/g1"): 1,  # replaced: only the new triple
        MINTER.record("file", "d.trig"): 1,  # the default-graph triple of the first load
    }
    rows = store.select("SELECT ?o WHERE { GRAPH <https://example.org/g1> { ?s ?p ?o } }")
    assert [int(literal(r["o"])) for r in rows] == [3]


def test_export_needs_a_known_format(tmp_path) -> None:
    small_store(tmp_path / "st").close()
    res = cli("--store", str(tmp_path / "st"), "export", str(tmp_path / "out.bin"))
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_load_replace_empties_a_graph_once_per_command(tmp_path) -> None:
    """Two files into one graph with --replace: the graph's old content goes, both files stay."""
    from click.testing import CliRunner

    from openness_kg.cli import main

    a, b, old = tmp_path / "a.nt", tmp_path / "b.nt", tmp_path / "old.nt"
    a.write_text("<urn:a> <urn:p> <urn:o> .\n")
    b.write_text("<urn:b> <urn:p> <urn:o> .\n")
    old.write_text("<urn:old> <urn:p> <urn:o> .\n")
    store = str(tmp_path / "st")
    runner = CliRunner()
    base = ["--store", store, "load", "--graph", "<urn:g>"]
    assert runner.invoke(main, [*base, str(old)]).exit_code == 0
    assert runner.invoke(main, [*base, "--replace", str(a), str(b)]).exit_code == 0
    res = runner.invoke(
        main,
        [
            "--store",
            store,
            "query",
            "--format",
            "csv",
            "--sparql",
            "SELECT ?s WHERE { GRAPH <urn:g> { ?s ?p ?o } } ORDER BY ?s",
        ],
    )
    assert res.stdout.split() == ["s", "urn:a", "urn:b"]
