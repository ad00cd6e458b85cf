"""SPARQL Update text that replaces named graphs in one request (so in one transaction).

Terms are written by pyoxigraph's own N-Triples serializer, so a hostile literal or IRI
cannot escape its position and inject triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import URIRef

from ..records import Record
from ..terms import to_ox


def replace_graphs_update(
    records: Sequence[Record], drop: Iterable[URIRef] = ()
) -> tuple[str, int]:
    """``DROP SILENT GRAPH`` for each graph, then one ``INSERT DATA`` of all triples."""
    graphs: dict[str, None] = {}
    for g in drop:
        graphs[str(ox.NamedNode(str(g)))] = None
    for r in records:
        graphs[str(ox.NamedNode(str(r.graph)))] = None
    if not graphs:
        return "", 0
    parts = [f"DROP SILENT GRAPH {g} ;" for g in graphs]
    body: list[str] = []
    count = 0
    for r in records:
        if not r.triples:
            continue
        body.append(f"GRAPH {ox.NamedNode(str(r.graph))} {{")
        for s, p, o in r.triples:
            body.append(f"{ox.Triple(to_ox(s), to_ox(p), to_ox(o))} .")  # type: ignore[arg-type]
            count += 1
        body.append("}")
    if body:
        parts.append("INSERT DATA {")
        parts.extend(body)
        parts.append("}")
    else:
        parts[-1] = parts[-1].rstrip(" ;")
    return "\n".join(parts), count
