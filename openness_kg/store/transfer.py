"""Moving RDF in and out of a store: ``load`` files from others, ``export`` the graph,
``push`` the embedded store to a remote endpoint. All three stream: nothing holds a whole
store or file in memory, and writes go in batches.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import URIRef

from ..iris import Minter
from .base import KGStore, StoreError
from .embedded import OxigraphStore
from .remote import RemoteStore

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
DEFAULT_BATCH = 50_000

Progress = Callable[[int], None]  # quads done so far


# --- files ----------------------------------------------------------------------------------


def file_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file from its extension (``.gz`` is looked through)."""
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    fmt = ox.RdfFormat.from_extension(ext) if ext else None
    if ext == "jsonld" or ext == "json":
        fmt = ox.RdfFormat.JSON_LD
    if fmt is None:
        raise ValueError(
            f"unknown RDF file extension {ext!r} (use .nt, .nq, .ttl, .trig, .jsonld, .rdf, "
            ".owl or .n3, optionally .gz)"
        )
    return fmt


@contextmanager
def _open(path: Path) -> Iterator[IO[bytes]]:
    with gzip.open(path, "rb") if path.name.endswith(".gz") else path.open("rb") as fh:
        yield fh  # type: ignore[misc]


@dataclass
class LoadResult:
    path: Path
    quads: int = 0
    graphs: list[URIRef] = field(default_factory=list)
    error: str | None = None


def _parsed(path: Path, fmt: ox.RdfFormat, fh: IO[bytes], into: ox.NamedNode) -> Iterator[ox.Quad]:
    """The file's quads; default-graph triples go into ``into`` (queries see only the union
    of named graphs)."""
    for q in ox.parse(fh, fmt, base_iri=path.resolve().as_uri(), rename_blank_nodes=True):
        if isinstance(q.graph_name, ox.DefaultGraph):
            yield ox.Quad(q.subject, q.predicate, q.object, into)
        else:
            yield q


def _batches(quads: Iterable[ox.Quad], size: int) -> Iterator[list[ox.Quad]]:
    batch: list[ox.Quad] = []
    for q in quads:
        batch.append(q)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def file_graph(minter: Minter, path: Path) -> URIRef:
    """The named graph a loaded file's triples go into by default: one per file name."""
    return minter.record("file", path.name)


def load_file(
    store: KGStore,
    path: Path,
    graph: URIRef,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int, int], None] | None = None,
    emptied: set[URIRef] | None = None,
    before_empty: Callable[[list[URIRef]], None] | None = None,
) -> LoadResult:
    """Load one RDF file: its triples (and a quad file's default-graph triples) into
    ``graph``, a quad file's named graphs as they are. The file is parsed once to check it
    and count, so a malformed file writes nothing; then written in batches. ``replace``
    empties every target graph first, except those in ``emptied`` (the graphs an earlier file
    of the same command already emptied and filled), which it then extends;
    ``before_empty(graphs)`` is called with the graphs about to be emptied, before they are.
    ``progress(done, total)``."""
    result = LoadResult(path)
    into = ox.NamedNode(str(graph))
    try:
        fmt = file_format(path)
        graphs: dict[str, None] = {}
        total = 0
        with _open(path) as fh:
            for q in _parsed(path, fmt, fh, into):
                total += 1
                graphs[q.graph_name.value] = None  # type: ignore[union-attr]
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        result.error = f"{path}: {exc}"
        return result
    result.graphs = [URIRef(g) for g in graphs]
    if replace and result.graphs:
        done_before = emptied if emptied is not None else set()
        to_empty = [g for g in result.graphs if g not in done_before]
        if to_empty:
            if before_empty is not None:
                before_empty(to_empty)
            store.drop_graphs(to_empty)
        done_before.update(to_empty)
    done = 0
    try:
        with _open(path) as fh:
            for batch in _batches(_parsed(path, fmt, fh, into), batch_size):
                done += store.add_quads(batch)
                if progress:
                    progress(done, total)
    except (OSError, SyntaxError, ValueError) as exc:  # the file changed under us, or I/O
        result.error = f"{path}: failed after {done} quads: {exc}"
    result.quads = done
    return result


# --- export ---------------------------------------------------------------------------------


def export(
    store: KGStore,
    out: IO[bytes],
    fmt: str,
    graph: URIRef | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> None:
    """Stream the store (or one named graph) in ``fmt`` (``nt``, ``turtle``, ``trig``,
    ``nq``, ``jsonld``). A triple format without ``graph`` holds the triples of every
    named graph (use ``trig``/``nq`` to keep the graphs)."""
    rdf = EXPORT_FORMATS[fmt]
    use = None
    if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) and prefixes:
        use = {k: v for k, v in prefixes.items() if k != "id"}
    store.dump(out, rdf, graph, use)


@contextmanager
def open_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary output file, gzip-compressed when its name ends in ``.gz``; written to a
    temporary name and renamed at the end, so a failed export leaves no half file."""
    tmp = path.with_name(path.name + ".part")
    try:
        with gzip.open(tmp, "wb") if path.name.endswith(".gz") else tmp.open("wb") as fh:
            yield fh  # type: ignore[misc]
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


# --- push -----------------------------------------------------------------------------------


@dataclass
class PushReport:
    graphs: int = 0
    quads: int = 0
    requests: int = 0
    remote_quads: int | None = None


GraphQuads = tuple[ox.NamedNode | ox.DefaultGraph, Iterator[ox.Quad]]


def _graph_quads(local: OxigraphStore) -> Iterator[GraphQuads]:
    """Quads graph by graph (the default graph first, if it has any)."""
    raw = local.raw
    default = ox.DefaultGraph()
    if next(iter(raw.quads_for_pattern(None, None, None, default)), None) is not None:
        yield default, raw.quads_for_pattern(None, None, None, default)
    for g in sorted(raw.named_graphs(), key=lambda n: n.value):
        yield g, raw.quads_for_pattern(None, None, None, g)  # type: ignore[misc]


def push(
    local: OxigraphStore,
    remote: RemoteStore,
    batch_size: int = DEFAULT_BATCH,
    use_gsp: bool = False,
    progress: Progress | None = None,
) -> PushReport:
    """Copy every graph of ``local`` to ``remote``, replacing graphs of the same name there.

    SPARQL Update mode: one request per batch of about ``batch_size`` quads, each
    ``DROP SILENT GRAPH`` for the graphs it starts, then ``INSERT DATA``; small graphs share
    a request. Graph Store Protocol mode (``use_gsp``): ``PUT`` the first batch of each graph
    (replacing it), ``POST`` the rest. A graph's blank nodes stay one node only within one
    request, so graphs with blank nodes should be smaller than ``batch_size``.
    """
    report = PushReport()
    graphs_per_request = remote.dialect().form.graphs_per_request or math.inf
    drops: list[ox.NamedNode] = []
    pending: list[ox.Quad] = []

    def flush() -> None:
        if not drops and not pending:
            return
        parts = [f"DROP SILENT GRAPH {g}" for g in drops]
        text, n = remote.insert_data(pending)
        if n:
            parts.append(text)
        remote.update(" ;\n".join(parts))
        report.requests += 1
        report.quads += n
        drops.clear()
        pending.clear()
        if progress:
            progress(report.quads)

    for g, quads in _graph_quads(local):
        report.graphs += 1
        if use_gsp and isinstance(g, ox.NamedNode):
            first = True
            for batch in _batches(quads, batch_size):
                body = ox.serialize(
                    (ox.Triple(q.subject, q.predicate, q.object) for q in batch),
                    format=ox.RdfFormat.N_TRIPLES,
                )
                remote.gsp("PUT" if first else "POST", URIRef(g.value), body)
                first = False
                report.requests += 1
                report.quads += len(batch)
                if progress:
                    progress(report.quads)
            continue
        if isinstance(g, ox.NamedNode):
            drops.append(g)
        for q in quads:
            pending.append(q)
            if len(pending) >= batch_size or len(drops) >= graphs_per_request:
                flush()
    flush()
    report.remote_quads = len(remote)
    return report


__all__ = [
    "EXPORT_FORMATS",
    "LoadResult",
    "PushReport",
    "StoreError",
    "export",
    "file_format",
    "file_graph",
    "load_file",
    "open_output",
    "push",
]
