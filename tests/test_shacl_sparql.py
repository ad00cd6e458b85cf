"""SHACL compiled to SPARQL (openness_kg/shacl/sparql.py): over data stored as it is
(``StoredView``), each record graph's results equal pySHACL's on that graph alone, for
every construct the compiler takes; what it cannot express raises."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from openness_kg.binding import bind_parameters
from openness_kg.iris import Minter
from openness_kg.mof.store_view import LicenceTable, MofStoreView
from openness_kg.records import Record
from openness_kg.shacl.compiled import CompiledShapes
from openness_kg.shacl.run import read_results, run_shacl
from openness_kg.shacl.sparql import SparqlShapes, StoredView
from openness_kg.store import OxigraphStore

PREFIXES = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX ex: <https://example.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

SHAPES = (
    PREFIXES
    + """
ex:NeedsPart a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ; sh:minCount 1 .
ex:OpenParts a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ; sh:class ex:Open .
ex:HasFlag a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:flag ;
  sh:hasValue true ; sh:severity sh:Warning .
ex:NotClosed a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ;
  sh:not [ sh:class ex:Closed ] .
ex:OneOpenViaSeq a sh:PropertyShape ; sh:targetClass ex:Thing ;
  sh:path ( ex:part ex:owner ) ;
  sh:qualifiedMinCount 1 ; sh:qualifiedValueShape [ sh:class ex:Person ] .
ex:EitherOr a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ;
  sh:or ( [ sh:class ex:Open ] [ sh:path ex:owner ; sh:minCount 1 ] ) .
ex:NodeRef a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:part ;
  sh:node ex:Owned .
ex:Owned a sh:NodeShape ; sh:property [ sh:path ex:owner ; sh:minCount 1 ] .
"""
)

# each record graph: its own small world (hand-written so every shape passes somewhere and
# fails somewhere)
DATA = {
    "https://example.org/g/1": """
ex:a a ex:Thing ; ex:flag true ; ex:part ex:p1 .
ex:p1 a ex:Open ; ex:owner ex:alice . ex:alice a ex:Person .
""",
    "https://example.org/g/2": """
ex:b a ex:Thing ; ex:flag false ; ex:part ex:p2 , ex:p3 .
ex:p2 a ex:Closed . ex:p3 a ex:Open ; ex:owner ex:bob .
""",
    "https://example.org/g/3": """
ex:c a ex:Thing .
""",
}


def _graph(text: str) -> Graph:
    return Graph().parse(data=PREFIXES + text, format="turtle")


@pytest.fixture()
def store(tmp_path: Path) -> OxigraphStore:
    s = OxigraphStore(tmp_path / "store")
    s.replace_graphs([Record(URIRef(g), g, list(_graph(text))) for g, text in DATA.items()])
    return s


def _top_level(data: Graph, shapes: Graph) -> set[tuple]:
    """pySHACL's results as the runner reads them (the report's sh:result; not the nested
    sh:detail results pySHACL may add under a failed sh:node)."""
    _, report = run_shacl(data, shapes)
    return {
        (r.focus, r.path, r.source_shape, r.component, r.severity) for r in read_results(report)
    }


def _sparql_results(store: OxigraphStore, shapes: SparqlShapes) -> dict[str, set[tuple]]:
    graphs = [URIRef(g) for g in DATA]
    out: dict[str, set[tuple]] = {g: set() for g in DATA}
    for q in shapes.queries:
        res = store.query_raw(bind_parameters(q.text, {"g": graphs}))
        for sol in res:  # type: ignore[union-attr]
            out[sol["g"].value].add(
                (sol[q.focus].value, q.path, q.source_shape, q.component, q.severity)
            )
    return out


def test_stored_view_equals_pyshacl_per_graph(store: OxigraphStore) -> None:
    shapes_graph = Graph().parse(data=SHAPES, format="turtle")
    compiled = SparqlShapes(CompiledShapes(shapes_graph), StoredView())
    got = _sparql_results(store, compiled)
    total = 0
    for g, text in DATA.items():
        ref = _top_level(_graph(text), shapes_graph)
        assert got[g] == ref, g
        total += len(ref)
    # the data was written so that the check means something: one graph conforms, the
    # two others fall short in many ways
    assert [bool(got[g]) for g in DATA] == [False, True, True] and total >= 8
    shapes_reported = {k[2] for v in got.values() for k in v}
    assert {str(URIRef(f"https://example.org/{n}")) for n in ("HasFlag", "NotClosed")} <= (
        shapes_reported
    )


@pytest.mark.parametrize(
    "bad",
    [
        "ex:S a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:p ; sh:minCount 2 .",
        "ex:S a sh:PropertyShape ; sh:targetClass ex:Thing ; sh:path ex:p ; sh:hasValue [] .",
        "ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:node ex:S .",
    ],
)
def test_what_it_cannot_express_raises(bad: str) -> None:
    shapes_graph = Graph().parse(data=PREFIXES + bad, format="turtle")
    with pytest.raises(ValueError, match="SHACL to SPARQL"):
        SparqlShapes(CompiledShapes(shapes_graph), StoredView())


def test_mof_view_has_no_unknown_triples() -> None:
    view = MofStoreView(LicenceTable("default", Minter()))
    names = iter(range(100))
    with pytest.raises(ValueError, match="no triples"):
        view.triple("?x", "https://example.org/unknown", "?y", lambda: f"?n{next(names)}")


def test_licence_table_reads_each_string_once() -> None:
    table = LicenceTable("default", Minter())
    table.extend([ox.Literal("MIT"), ox.Literal("Apache 2.0"), ox.Literal("Apache-2.0")])
    v = table.version
    table.extend([ox.Literal("MIT")])
    assert table.version == v  # nothing new: the compiled queries stay valid
    # two spellings of one licence name one node, flagged open once
    assert table.rows['"Apache 2.0"'] == table.rows['"Apache-2.0"']
    assert "<http://spdx.org/licenses/Apache-2.0>" in table.nodes_text().split(", ")


def test_the_runner_reads_top_level_results_not_their_details() -> None:
    """pySHACL explains a failed sh:node with the nested result under sh:detail; that is no
    result of the shapes graph's own, and the runner must not report it (hand-written case:
    one model, one failed sh:node, so exactly one result)."""
    shapes = _graph(
        """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:Named a sh:NodeShape ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        ex:M a sh:NodeShape ; sh:targetClass ex:Model ; sh:node ex:Named ."""
    )
    data = _graph("@prefix ex: <http://example.org/> . ex:m a ex:Model .")
    _, report = run_shacl(data, shapes)
    assert set(report.objects(None, SH.detail)), "pySHACL should explain the sh:node failure"
    got = read_results(report)
    assert [(r.focus, r.component) for r in got] == [
        ("http://example.org/m", str(SH.NodeConstraintComponent))
    ]
