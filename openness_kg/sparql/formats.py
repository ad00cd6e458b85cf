"""Writing query results: SPARQL 1.1 results formats for SELECT/ASK, RDF formats for
CONSTRUCT/DESCRIBE (both by pyoxigraph's serializers), and a readable table for people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO

import pyoxigraph as ox

from ..namespaces import DEFAULT_BASE, PREFIXES
from ..store.base import QueryResult

RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]


class FormatError(ValueError):
    """A format that does not fit the query form (e.g. Turtle for a SELECT)."""


def project_prefixes(base: str | None = None) -> dict[str, str]:
    """The project's prefixes plus ``id:`` for the instance base."""
    return {**PREFIXES, "id": base or DEFAULT_BASE}


def is_graph_result(result: QueryResult) -> bool:
    return not isinstance(result, ox.QuerySolutions | ox.QueryBoolean)


def check_format(fmt: str, graph_result: bool) -> None:
    if fmt == "table":
        return
    if graph_result and fmt not in GRAPH_FORMATS:
        raise FormatError(
            f"--format {fmt} is for SELECT/ASK results; a CONSTRUCT/DESCRIBE gives "
            "table, turtle, nt, jsonld or xml (RDF/XML)"
        )
    if not graph_result and fmt not in RESULTS_FORMATS:
        raise FormatError(
            f"--format {fmt} is for CONSTRUCT/DESCRIBE results; a SELECT/ASK gives "
            "table, csv, tsv, json or xml"
        )


def write_result(
    result: QueryResult, fmt: str, out: IO[bytes], prefixes: Mapping[str, str] | None = None
) -> None:
    """Serialize ``result`` in ``fmt`` (not ``table``) to a binary stream."""
    check_format(fmt, is_graph_result(result))
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        result.serialize(out, RESULTS_FORMATS[fmt])
        return
    rdf = GRAPH_FORMATS[fmt]
    use_prefixes = turtle_prefixes(prefixes) if rdf is ox.RdfFormat.TURTLE else None
    ox.serialize(result, out, rdf, prefixes=use_prefixes)


def turtle_prefixes(prefixes: Mapping[str, str] | None = None) -> dict[str, str]:
    """The prefixes Turtle output uses: the project's but ``id:`` (instance IRIs stay whole:
    ``id:model\\/org\\/name`` is unreadable)."""
    return {k: v for k, v in (prefixes or project_prefixes()).items() if k != "id"}


class TermNames:
    """Short, readable names for terms in a table: prefixed names where a prefix fits."""

    def __init__(self, prefixes: Mapping[str, str] | None = None) -> None:
        items = (prefixes or project_prefixes()).items()
        self._prefixes = sorted(items, key=lambda kv: len(kv[1]), reverse=True)

    def __call__(self, term: object) -> str:
        if term is None:
            return ""
        if isinstance(term, ox.NamedNode):
            iri = term.value
            for prefix, ns in self._prefixes:
                if iri.startswith(ns) and len(iri) > len(ns):
                    return f"{prefix}:{iri[len(ns) :]}"
            return f"<{iri}>"
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        if isinstance(term, ox.Literal):
            return term.value + (f"@{term.language}" if term.language else "")
        return str(term)


def table_rows(
    result: QueryResult, prefixes: Mapping[str, str] | None = None
) -> tuple[list[str], Iterable[list[str]]]:
    """Headers and rows of display strings for any result form."""
    name = TermNames(prefixes)
    if isinstance(result, ox.QueryBoolean):
        return ["result"], [["true" if bool(result) else "false"]]
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return variables, ([name(sol[v]) for v in variables] for sol in result)
    return ["subject", "predicate", "object"], (
        [name(t.subject), name(t.predicate), name(t.object)] for t in result
    )
