"""SPARQL Update text that replaces named graphs in one request (so in one transaction).

Terms are written by pyoxigraph's own N-Triples serializer, so a hostile literal or IRI
cannot escape its position and inject triples.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef

from ..records import Record
from ..terms import to_ox


@dataclass(frozen=True)
class UpdateForm:
    """How a server wants ``INSERT DATA`` written (the standard form: all in one block)."""

    block: int | None = None  # most triples to one GRAPH block (a graph may take several)
    # Triples with blank nodes go to one ``INSERT {...} WHERE {}`` of at most this many
    # triples per request, for servers that refuse blank nodes in INSERT DATA (Virtuoso).
    blank_node_template: int | None = None
    # Most graphs one request may drop (each DROP is an operation; Virtuoso compiles a
    # request as one statement and gives up at about 1,000 of them).
    graphs_per_request: int | None = None


STANDARD = UpdateForm()


def replace_graphs_update(
    records: Sequence[Record], drop: Iterable[URIRef] = (), form: UpdateForm = STANDARD
) -> tuple[str, int]:
    """``DROP SILENT GRAPH`` for each graph, then the ``INSERT`` of all triples."""
    graphs: dict[str, None] = {}
    for g in drop:
        graphs[str(ox.NamedNode(str(g)))] = None
    by_graph: dict[str, list[ox.Triple]] = {}
    for r in records:
        name = str(ox.NamedNode(str(r.graph)))
        graphs[name] = None
        triples = [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in r.triples]  # type: ignore[arg-type]
        if triples:
            by_graph.setdefault(name, []).extend(triples)
    if not graphs:
        return "", 0
    ops = [f"DROP SILENT GRAPH {g}" for g in graphs]
    ops.extend(insert_ops(by_graph, form))
    return " ;\n".join(ops), sum(len(t) for t in by_graph.values())


def insert_data(quads: Iterable[ox.Quad], form: UpdateForm = STANDARD) -> tuple[str, int]:
    """The ``INSERT`` of ``quads`` grouped by graph, and their count."""
    by_graph: dict[str, list[ox.Triple]] = {}
    count = 0
    for q in quads:
        g = q.graph_name
        key = "" if isinstance(g, ox.DefaultGraph) else str(g)
        by_graph.setdefault(key, []).append(ox.Triple(q.subject, q.predicate, q.object))
        count += 1
    return " ;\n".join(insert_ops(by_graph, form)), count


def insert_ops(by_graph: Mapping[str, Sequence[ox.Triple]], form: UpdateForm) -> list[str]:
    """``INSERT DATA`` (and, in a form that asks for it, ``INSERT {...} WHERE {}`` for the
    triples with blank nodes) for triples keyed by the N-Triples form of their graph name
    (``""``: the default graph)."""
    data: list[str] = []
    template: list[str] = []
    in_template = 0
    for name, triples in by_graph.items():
        plain: list[str] = []
        blank: list[str] = []
        for t in triples:
            apart = form.blank_node_template and (
                isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
            )
            (blank if apart else plain).append(f"{t} .")
        for chunk in graph_blocks(plain, form.block):
            data.extend(_block(name, chunk))
        if blank:
            template.extend(_block(name, blank))
            in_template += len(blank)
    limit = form.blank_node_template
    if limit and in_template > limit:
        raise ValueError(
            f"{in_template} triples with blank nodes in one request (this server takes at "
            f"most {limit}): use a smaller --batch-size or the Graph Store Protocol (--gsp)"
        )
    ops = []
    if data:
        ops.append("INSERT DATA {\n" + "\n".join(data) + "\n}")
    if template:
        ops.append("INSERT {\n" + "\n".join(template) + "\n} WHERE {}")
    return ops


def _block(name: str, lines: Sequence[str]) -> list[str]:
    return [f"GRAPH {name} {{", *lines, "}"] if name else list(lines)


def graph_blocks(lines: Sequence[str], block: int | None) -> Iterator[Sequence[str]]:
    """``lines`` in runs of at most ``block`` (all at once without a block size)."""
    if not block:
        yield lines
        return
    for i in range(0, len(lines), block):
        yield lines[i : i + block]
