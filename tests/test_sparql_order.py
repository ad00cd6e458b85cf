"""Ordering SELECT solutions in the query worker (openness_kg/ordering.py): which ORDER BY
clauses it takes over, and that it orders as Oxigraph's own ORDER BY does."""

from __future__ import annotations

import io
import json
import random

import narrow
import pyoxigraph as ox
import pytest
from narrow import solutions

from openness_kg.ordering import (
    page,
    page_rows,
    sort_rows,
    sorted_solutions,
    split_order,
    split_slice,
    store_page,
    within,
    write_json,
)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("SELECT ?a WHERE { ?a ?p ?o }\nORDER BY ?a\n", [("a", False)]),
        (
            "SELECT * { ?a ?p ?o } order by desc(?o) ?a ASC( ?p )",
            [("o", True), ("a", False), ("p", False)],
        ),
        (
            "SELECT ?c (COUNT(*) AS ?n) { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c",
            [("n", True), ("c", False)],
        ),
    ],
)
def test_takes_over_a_trailing_order_by_of_variables(query: str, keys) -> None:
    split = split_order(query)
    assert split is not None
    text, got = split
    assert got == keys
    assert "order" not in text.lower()
    ox.Store().query(text)  # still a valid query


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a LIMIT 10",  # a slice needs the order first
        "SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a OFFSET 5",
        "SELECT ?a WHERE { ?a ?p ?o } ORDER BY STR(?a)",  # an expression: the store's job
        "SELECT ?a WHERE { { SELECT ?a { ?a ?p ?o } ORDER BY ?a } }",  # a sub-select's
        "SELECT ?a WHERE { ?a ?p ?o } ORDER BY ?a # a comment after it",
        "SELECT ?a WHERE { ?a ?p ?o }",
    ],
)
def test_leaves_other_queries_to_the_store(query: str) -> None:
    assert split_order(query) is None


TERMS = """
<urn:s> <urn:p> <http://example.org/b>, <http://example.org/a>, <http://example.org/a/b>,
  _:x, -3, 10, 2, 2.5, "0.1"^^<http://www.w3.org/2001/XMLSchema#double>, -0.5,
  "b", "a", "B", "é", "a"@en, "ab" ,
  "2024-01-01"^^<http://www.w3.org/2001/XMLSchema#date>,
  "2023-12-31"^^<http://www.w3.org/2001/XMLSchema#date> .
<urn:t> <urn:q> <urn:z> .
"""


def _store() -> ox.Store:
    store = ox.Store()
    store.load(TERMS.encode(), ox.RdfFormat.TURTLE)
    return store


@pytest.mark.parametrize(
    ("pattern", "descending"),
    [
        # numbers of several types together, both directions
        ("?s <urn:p> ?o . FILTER (isNumeric(?o))", False),
        ("?s <urn:p> ?o . FILTER (isNumeric(?o))", True),
        # plain strings (code point order: "B" < "a" < "ab" < "b" < "é")
        ("?s <urn:p> ?o . FILTER (DATATYPE(?o) = xsd:string)", False),
        # unbound < blank node < IRIs (with an IRI that is a prefix of another)
        ("{ ?s <urn:p> ?o . FILTER (!isLiteral(?o)) } UNION { ?s <urn:q> ?z }", False),
        ("{ ?s <urn:p> ?o . FILTER (!isLiteral(?o)) } UNION { ?s <urn:q> ?z }", True),
        # dates of one datatype
        ("?s <urn:p> ?o . FILTER (DATATYPE(?o) = xsd:date)", False),
    ],
)
def test_orders_as_oxigraph_does(pattern: str, descending: bool) -> None:
    store = _store()
    key = "DESC(?o)" if descending else "?o"
    prefix = "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    ordered = [
        s["o"]
        for s in solutions(store.query(f"{prefix}SELECT ?o WHERE {{ {pattern} }} ORDER BY {key}"))
    ]
    rows = [(s["o"],) for s in solutions(store.query(f"{prefix}SELECT ?o WHERE {{ {pattern} }}"))]
    sort_rows(rows, ["o"], [("o", descending)])
    assert [r[0] for r in rows] == ordered
    assert len(ordered) >= 2


def test_sorts_by_several_keys_most_significant_first() -> None:
    a, b = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    one, two = (
        ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.Literal("2", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    )
    rows = [(b, one), (a, one), (a, two), (b, two)]
    sort_rows(rows, ["m", "n"], [("n", True), ("m", False)])
    assert rows == [(a, two), (b, two), (a, one), (b, one)]


def test_json_is_what_pyoxigraph_reads_back() -> None:
    store = _store()
    result = solutions(
        store.query("SELECT ?o ?z WHERE { { ?s <urn:p> ?o } UNION { ?s <urn:q> ?z } }")
    )
    variables = [v.value for v in result.variables]
    rows = [tuple(s[v] for v in variables) for s in result]
    out = io.StringIO()
    write_json(variables, rows, out)
    back = solutions(
        ox.parse_query_results(out.getvalue().encode(), format=ox.QueryResultsFormat.JSON)
    )
    again = [tuple(s[v] for v in variables) for s in back]

    # blank node labels may change on the way; everything else comes back as it was
    def norm(row):
        return tuple("_:" if isinstance(t, ox.BlankNode) else t for t in row)

    assert [norm(r) for r in again] == [norm(r) for r in rows]
    assert json.loads(out.getvalue())["head"]["vars"] == ["o", "z"]


def test_sorted_solutions_come_back_whole_in_oxigraphs_order() -> None:
    """The worker's sorted results (sorted_solutions, through SPARQL TSV): every term comes
    back as it was (tabs, newlines, quotes and control characters in strings, languages,
    datatypes, blank nodes, unbound values), and plain strings in the order Oxigraph's own
    ORDER BY gives (literals of different kinds are an order SPARQL leaves open)."""
    store = _store()
    hostile = 'tab\there\nnew "quoted" \\ back \r \x01'
    store.add(ox.Quad(ox.NamedNode("urn:h"), ox.NamedNode("urn:p"), ox.Literal(hostile)))
    store.add(
        ox.Quad(ox.NamedNode("urn:h"), ox.NamedNode("urn:p"), ox.Literal("x", language="en-GB"))
    )

    def norm(row):  # blank node labels may change on the way
        return tuple("_:" if isinstance(t, ox.BlankNode) else t for t in row)

    def rows(result) -> list[tuple]:
        return [norm(tuple(s[v] for v in ("o", "z"))) for s in result]

    query = "SELECT ?o ?z WHERE { { ?s <urn:p> ?o } UNION { ?s <urn:q> ?z } }"
    before = rows(store.query(query))
    after = rows(sorted_solutions(solutions(store.query(query)), [("o", True), ("z", False)]))
    assert sorted(map(repr, after)) == sorted(map(repr, before))
    assert (ox.Literal(hostile), None) in after and len(after) > 10

    strings = (
        "SELECT ?o ?z WHERE { ?s <urn:p> ?o FILTER (DATATYPE(?o) = "
        "<http://www.w3.org/2001/XMLSchema#string>) }"
    )
    expected = rows(store.query(strings + " ORDER BY DESC(?o)"))
    assert rows(sorted_solutions(solutions(store.query(strings)), [("o", True)])) == expected


def _random_rows(rng: random.Random, n: int) -> list[tuple]:
    """Rows of three columns drawn from few values (many ties), with unbound values, blank
    nodes, IRIs and literals of several kinds."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    pool = [
        None,
        ox.BlankNode("b1"),
        ox.NamedNode("urn:a"),
        ox.NamedNode("urn:b"),
        ox.Literal("1", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("1.0", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("2", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("x"),
        ox.Literal("x", language="en"),
        ox.Literal("2025-01-01", datatype=ox.NamedNode(xsd + "date")),
    ]
    return [tuple(rng.choice(pool) for _ in range(3)) for _ in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_a_page_is_the_full_sorts_slice(seed: int) -> None:
    """page_rows (a heap of offset + limit rows) gives the rows the full sort puts there,
    for keys in either direction, with ties; and the order does not depend on the order the
    rows came in (ties broken by the rows' terms)."""
    rng = random.Random(seed)
    rows = _random_rows(rng, 200)
    variables = ["a", "b", "c"]
    keys = [(v, rng.random() < 0.5) for v in rng.sample(variables, rng.randint(1, 2))]
    full = list(rows)
    sort_rows(full, variables, keys)
    shuffled = list(rows)
    rng.shuffle(shuffled)
    again = list(shuffled)
    sort_rows(again, variables, keys)
    assert again == full
    for offset, limit in [(0, 1), (0, 20), (13, 7), (190, 20), (250, 5), (5, 0), (0, 200)]:
        assert (
            page_rows(iter(shuffled), variables, keys, limit, offset)
            == full[offset : offset + limit]
        ), (keys, offset, limit)
    assert page_rows(iter(shuffled), variables, keys, None, 30) == full[30:]


def test_page_of_a_result_in_store_order() -> None:
    """Without keys a page is a slice of the solutions as they come; triples too."""
    store = _store()
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    every = [tuple(s[v] for v in ("s", "o")) for s in solutions(store.query(query))]
    got = page(store.query(query), 3, 2)
    assert [tuple(s[v] for v in ("s", "o")) for s in got] == every[2:5]
    assert [v.value for v in got.variables] == ["s", "o"]
    triples = list(narrow.triples(store.query("CONSTRUCT WHERE { ?s ?p ?o }")))
    assert page(store.query("CONSTRUCT WHERE { ?s ?p ?o }"), 2, 1) == triples[1:3]
    with pytest.raises(ValueError):
        page(store.query(query), -1, 0)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT ?a { ?a ?p ?o } ORDER BY ?a LIMIT 10", (10, 0)),
        ("SELECT ?a { ?a ?p ?o } ORDER BY DESC(?a)\nOFFSET 5", (None, 5)),
        ("SELECT ?a { ?a ?p ?o } ORDER BY ?a OFFSET 5 LIMIT 3", (3, 5)),
        ("SELECT ?a { ?a ?p ?o } order by ?a limit 3 offset 5\n", (3, 5)),
    ],
)
def test_takes_over_a_slice_after_an_order_by_of_variables(query: str, expected) -> None:
    split = split_slice(query)
    assert split is not None
    text, limit, offset = split
    assert (limit, offset) == expected
    assert "limit" not in text.lower() and "offset" not in text.lower()
    assert split_order(text) is not None


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?a { ?a ?p ?o } LIMIT 10",  # no order: the store slices it as it comes
        "SELECT ?a { ?a ?p ?o } ORDER BY STR(?a) LIMIT 10",  # an expression: the store's
        "SELECT ?a { ?a ?p ?o } ORDER BY ?a LIMIT 10 # a comment",
        "SELECT ?a { ?a ?p ?o } ORDER BY ?a LIMIT 10 LIMIT 2",  # a syntax error: the store's
        "SELECT ?a { { SELECT ?a { ?a ?p ?o } ORDER BY ?a LIMIT 1 } }",
    ],
)
def test_leaves_other_slices_to_the_store(query: str) -> None:
    assert split_slice(query) is None


def test_a_page_within_a_slice() -> None:
    answer = list(range(100))
    for limit, offset in [(None, 0), (10, 0), (10, 30), (None, 95), (0, 5)]:
        sliced = answer[offset:] if limit is None else answer[offset : offset + limit]
        for page_limit, page_offset in [(None, 0), (3, 0), (3, 4), (None, 8), (50, 2), (2, 200)]:
            want = sliced[page_offset:] if page_limit is None else sliced[page_offset:][:page_limit]
            got_limit, got_offset = within(limit, offset, page_limit, page_offset)
            end = None if got_limit is None else got_offset + got_limit
            assert answer[got_offset:end] == want, (limit, offset, page_limit, page_offset)


@pytest.mark.parametrize(
    ("query", "limit", "offset", "tail"),
    [
        ("SELECT ?a { ?a ?p ?o }", 5, 10, "LIMIT 5 OFFSET 10"),
        ("SELECT ?a { ?a ?p ?o }", None, 10, "OFFSET 10"),
        ("SELECT ?a { ?a ?p ?o } LIMIT 20 OFFSET 3", 5, 10, "LIMIT 5 OFFSET 13"),
        ("SELECT ?a { ?a ?p ?o } LIMIT 12", 5, 10, "LIMIT 2 OFFSET 10"),
        ("SELECT ?a { ?a ?p ?o } # LIMIT 1", 5, 0, "LIMIT 5 OFFSET 0"),  # a comment's
    ],
)
def test_store_page_puts_the_page_in_the_text(query: str, limit, offset, tail: str) -> None:
    text = store_page(query, limit, offset)
    assert text.split("\n")[-2] == tail
    store = _store()
    every = [s["a"] for s in solutions(store.query("SELECT ?a { ?a ?p ?o }"))]
    own = {"LIMIT 20 OFFSET 3": every[3:23], "LIMIT 12": every[:12]}
    base = next((v for k, v in own.items() if query.endswith(k)), every)
    end = None if limit is None else offset + limit
    assert [s["a"] for s in solutions(store.query(text))] == base[offset:end]
