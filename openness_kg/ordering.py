"""Ordering and paging SELECT solutions in Python, for the query worker (:mod:`.worker`).

Oxigraph 0.5 decodes both terms' strings from the store at every comparison of an ORDER BY:
on 1,000,000 synthetic models, 50,000 IRIs come back in 0.7 s unordered and in 18.4 s
ordered (benchmarks/README.md). Decoding each solution once and sorting in Python costs a
fraction of that. So when a SELECT ends with an ORDER BY of plain variables (``?v``,
``ASC(?v)``, ``DESC(?v)``), perhaps followed by LIMIT/OFFSET (:func:`split_slice`), the
worker runs the query without them and sorts (and slices) the solutions here. Any other
ORDER BY (expressions) is left to the store.

The order is SPARQL 1.1's (section 15.1): unbound < blank nodes < IRIs < literals; IRIs by
their string; literals numerically when both are numbers, else by lexical form. Where SPARQL
leaves an order open (literals of different kinds, ties), this order is one valid choice,
which may differ from Oxigraph's. Rows equal on every key are then ordered by the other
projected variables, ascending, so that only identical rows tie: the order is total and the
same in every run (Oxigraph's own order of a GROUP BY's groups changes from one process to
the next).

A page (``limit``/``offset``, :func:`page`: ``query --limit/--offset``, or the query's own
LIMIT/OFFSET) of a query sorted here is the rows the full sort would put there, found with a
heap of ``offset + limit`` rows (``heapq.nsmallest``): the solutions stream through it, no
full sort, no full list. But every solution is still computed and decoded (the first row of
an order is known only once all are), so a page costs what the query's evaluation costs. A
page of any other SELECT is given to the store as a trailing LIMIT/OFFSET
(:func:`store_page`: Oxigraph skips the offset's rows without decoding them, and stops after
the page); where the text does not take one (a trailing VALUES block), and for triples, it is
a slice of the result as it comes.
"""

from __future__ import annotations

import heapq
import io
import itertools
import json
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import IO, Any

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + t
    for t in [
        *("integer", "decimal", "float", "double", "long", "int", "short", "byte"),
        *("nonPositiveInteger", "negativeInteger", "nonNegativeInteger", "positiveInteger"),
        *("unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
    ]
}
STRING = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}

_KEY = r"(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\))"
# the ORDER BY that ends the text; nothing but white space after it, no "#" before it on its line
_TRAILING_ORDER = re.compile(rf"^([^#\n]*?)\bORDER\s+BY((?:\s*{_KEY})+)\s*\Z", re.I | re.M)
_ONE_KEY = re.compile(r"(?i)(DESC|ASC)?\s*\(?\s*\?(\w+)")


def split_order(query: str) -> tuple[str, list[tuple[str, bool]]] | None:
    """``(query without its trailing ORDER BY, [(variable, descending), ...])`` when the query
    ends with an ORDER BY of plain variables, else None (the store orders it).
    Only the clause that ends the text is taken: that is the outermost query's (a
    sub-select's is followed by ``}``), and no LIMIT or OFFSET follows it. A ``#`` earlier on
    its line (a comment, or an IRI with a fragment) leaves the query to the store."""
    m = _TRAILING_ORDER.search(query)
    if m is None:
        return None
    keys = [
        (k.group(2), (k.group(1) or "").upper() == "DESC") for k in _ONE_KEY.finditer(m.group(2))
    ]
    return query[: m.start()] + m.group(1) + "\n", keys


_TRAILING_SLICE = re.compile(r"(?i)\s(LIMIT|OFFSET)\s+(\d+)(?:\s+(LIMIT|OFFSET)\s+(\d+))?\s*\Z")


def own_slice(query: str) -> tuple[str, int | None, int] | None:
    """``(query without its trailing LIMIT/OFFSET, limit, offset)`` when the text ends with
    them (not in a comment), else None."""
    m = _TRAILING_SLICE.search(query)
    if m is None or (m.group(3) or "").upper() == m.group(1).upper():
        return None  # none, or twice the same clause (a syntax error, for the store to say)
    if "#" in query[query.rfind("\n", 0, m.start() + 1) + 1 :]:
        return None  # a comment (or an IRI with a fragment) on their lines: the store's
    given = {m.group(1).upper(): int(m.group(2))}
    if m.group(3):
        given[m.group(3).upper()] = int(m.group(4))
    return query[: m.start()] + "\n", given.get("LIMIT"), given.get("OFFSET", 0)


def split_slice(query: str) -> tuple[str, int | None, int] | None:
    """:func:`own_slice` when it follows an ORDER BY that :func:`split_order` takes, else
    None (the store slices it): the worker then sorts and pages the solutions itself (a
    heap, no full sort)."""
    own = own_slice(query)
    return own if own is not None and split_order(own[0]) is not None else None


def store_page(query: str, limit: int | None, offset: int) -> str:
    """``query`` with the page as its trailing LIMIT/OFFSET (taken within its own, if it
    ends with one), for the store to slice: it skips rows without decoding them."""
    own = own_slice(query)
    if own is not None:
        query = own[0]
        limit, offset = within(own[1], own[2], limit, offset)
    clause = ("" if limit is None else f"LIMIT {limit} ") + f"OFFSET {offset}"
    return f"{query.rstrip()}\n{clause}\n"


def within(
    limit: int | None, offset: int, page_limit: int | None, page_offset: int
) -> tuple[int | None, int]:
    """The ``(limit, offset)`` of a page (``page_limit`` rows from ``page_offset``) taken
    from the slice ``limit`` rows from ``offset`` of an answer."""
    if limit is None:
        return page_limit, offset + page_offset
    left = max(limit - page_offset, 0)
    return (left if page_limit is None else min(left, page_limit)), offset + page_offset


def sort_key(term: Any) -> tuple[Any, ...]:
    """The term's place in the order; distinct terms never tie (a number's datatype comes
    last: ``"1"^^xsd:int`` and ``"1"^^xsd:integer`` are equal numbers but two terms)."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in NUMERIC:
            try:
                return (3, 0, Decimal(term.value), term.value, dt)
            except InvalidOperation:  # NaN, INF, or a malformed number: after the numbers
                return (3, 1, term.value, dt)
        if dt in STRING:
            return (3, 2, term.value, term.language or "")
        return (3, 3, dt, term.value)
    return (4, str(term))  # a quoted triple (RDF-star)


def _given(variables: Sequence[str], keys: Sequence[tuple[str, bool]]) -> list[tuple[int, bool]]:
    """The keys as (column, descending); a key naming no projected variable is left out (it
    is unbound in every row: it changes nothing)."""
    index = {v: i for i, v in enumerate(variables)}
    return [(index[name], descending) for name, descending in keys if name in index]


def total_order(
    variables: Sequence[str], keys: Sequence[tuple[str, bool]]
) -> list[tuple[int, bool]]:
    """The keys as (column, descending), then every other projected variable ascending, so
    that only identical rows tie and the order is the same however the rows came."""
    given = _given(variables, keys)
    named = {i for i, _ in given}
    return given + [(i, False) for i in range(len(variables)) if i not in named]


def sort_rows(
    rows: list[tuple[Any, ...]], variables: Sequence[str], keys: Sequence[tuple[str, bool]]
) -> None:
    """Sort solution rows in place by ``keys`` (the first key the most significant),
    completed to a total order (:func:`total_order`): stable sorts by the keys, least
    significant first, then each run of rows equal on every key (if any) sorted by the other
    columns."""
    given, parts = _given(variables, keys), total_order(variables, keys)
    if not given:
        rows.sort(key=_composite(parts))
        return
    for i, descending in reversed(given):
        column = [sort_key(row[i]) for row in rows]  # in the rows' current order: stable sorts
        order = sorted(range(len(rows)), key=column.__getitem__, reverse=descending)
        rows[:] = [rows[k] for k in order]
    if len(parts) == len(given) or len(rows) < 2:
        return  # every column is a key: only identical rows tie
    # rows equal on every key (equal terms: sort_key tells distinct terms apart) come in runs
    keyed = list(map(operator.itemgetter(*(i for i, _ in given)), rows))
    rest = _composite(parts[len(given) :])
    for start, end in _runs(keyed):
        rows[start:end] = sorted(rows[start:end], key=rest)


def _runs(values: list[Any]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of two or more equal values in a row."""
    start = last = -2
    for p in itertools.compress(range(len(values) - 1), map(operator.eq, values, values[1:])):
        if p != last + 1:  # values[p] == values[p + 1] begins a new run
            if last >= 0:
                yield start, last + 2
            start = p
        last = p
    if last >= 0:
        yield start, last + 2


class _Desc:
    """A sort key compared the other way round (a DESC key in a composite key)."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Desc) and self.key == other.key

    def __lt__(self, other: _Desc) -> bool:
        return other.key < self.key

    __hash__ = None  # type: ignore[assignment]


def _composite(
    parts: Sequence[tuple[int, bool]],
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(_Desc(sort_key(row[i])) if d else sort_key(row[i]) for i, d in parts)

    return key


def row_key(
    variables: Sequence[str], keys: Sequence[tuple[str, bool]]
) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """One composite key per row giving the order :func:`sort_rows` gives."""
    return _composite(total_order(variables, keys))


def check_page(limit: int | None, offset: int) -> None:
    """Raise ValueError unless ``limit`` (``None``: no limit) and ``offset`` are 0 or more."""
    if (limit is not None and limit < 0) or offset < 0:
        raise ValueError(f"a page needs limit and offset of 0 or more, got {limit}, {offset}")


def page_rows(
    rows: Iterable[tuple[Any, ...]],
    variables: Sequence[str],
    keys: Sequence[tuple[str, bool]],
    limit: int | None = None,
    offset: int = 0,
) -> list[tuple[Any, ...]]:
    """The rows :func:`sort_rows` would put at ``offset`` to ``offset + limit`` (``limit``
    ``None``: to the end). With a limit, the rows stream through a heap of ``offset + limit``
    (memory and time grow with the page's end, not with the answer)."""
    check_page(limit, offset)
    if limit is None:
        full = list(rows)
        sort_rows(full, variables, keys)
        return full[offset:]
    if limit == 0:
        return []
    return heapq.nsmallest(offset + limit, rows, key=row_key(variables, keys))[offset:]


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def sorted_solutions(
    result: ox.QuerySolutions, keys: Sequence[tuple[str, bool]]
) -> ox.QuerySolutions:
    """The solutions, sorted by ``keys`` (:func:`sort_rows`), as a results object again."""
    variables = [v.value for v in result.variables]
    return solutions_of(variables, page_rows(_rows(result, variables), variables, keys))


def page(
    result: Any,
    limit: int | None = None,
    offset: int = 0,
    keys: Sequence[tuple[str, bool]] | None = None,
) -> Any:
    """A page of a query result: solutions sorted by ``keys`` here (:func:`page_rows`), or
    (no ``keys``) sliced in the order they come; triples sliced; a boolean as it is."""
    check_page(limit, offset)
    end = None if limit is None else offset + limit
    if isinstance(result, ox.QueryBoolean):
        return result
    if not isinstance(result, ox.QuerySolutions):  # triples
        return list(itertools.islice(result, offset, end))
    variables = [v.value for v in result.variables]
    if keys is not None:
        rows = page_rows(_rows(result, variables), variables, keys, limit, offset)
        return solutions_of(variables, rows)
    # the rows skipped are never turned into Python terms
    return solutions_of(variables, list(_rows(itertools.islice(result, offset, end), variables)))


def _rows(result: Iterable[Any], variables: Sequence[str]) -> Iterable[tuple[Any, ...]]:
    return (tuple(sol[v] for v in variables) for sol in result)


def solutions_of(variables: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> ox.QuerySolutions:
    """Rows as a results object again, so that pyoxigraph's own serializers write them in any
    results format (pyoxigraph cannot build one from a list: they go through SPARQL TSV in
    memory, each term written by pyoxigraph as N-Triples, which reads back exactly and is 4
    to 5 times faster to write than SPARQL JSON)."""
    head = "\t".join(f"?{v}" for v in variables)
    body = "".join("\t".join("" if t is None else str(t) for t in row) + "\n" for row in rows)
    try:
        back = ox.parse_query_results(f"{head}\n{body}".encode(), ox.QueryResultsFormat.TSV)
    except SyntaxError:  # a term TSV cannot carry (an RDF-star triple): SPARQL JSON
        text = io.StringIO()
        write_json(variables, rows, text)
        back = ox.parse_query_results(text.getvalue().encode(), ox.QueryResultsFormat.JSON)
    assert isinstance(back, ox.QuerySolutions)
    return back


def write_json(variables: Sequence[str], rows: Sequence[tuple[Any, ...]], out: IO[str]) -> None:
    """The rows as SPARQL 1.1 Query Results JSON (unbound values left out of a binding)."""
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    json.dump({"head": {"vars": list(variables)}, "results": {"bindings": bindings}}, out)
