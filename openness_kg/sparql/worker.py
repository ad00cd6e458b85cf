"""The query worker: ``python -m openness_kg.sparql.worker STORE``, one long-lived process of a
:class:`~.pool.QueryPool` (used by ``openness-kg query``, the server's ``/sparql`` and the
tests alike).

It opens the embedded store read-only (the store allows one writer; read-only openers may be
many and see what the writer had flushed when they opened it), then answers jobs from stdin
until stdin closes. Each job (:class:`Job`) is run over the union of named graphs and its
result serialized in the format the job names, streamed to stdout as chunks and closed by an
:class:`Answer` (frames: :func:`send` / :func:`recv`). A result larger than the job's
``max_bytes`` is refused while it is written, so no worker builds a huge answer. A SELECT
that ends with an ORDER BY of plain variables (and perhaps a LIMIT/OFFSET) runs without it
and is sorted in Python (:mod:`.order`: Oxigraph's ORDER BY is slow on large answers); a
slice, and a job's page (``limit``, ``offset``), is cut there too (a heap of the page's
rows, or a slice of the stream). The parent kills the worker
when a job's time runs out: pyoxigraph cannot cancel a query.

This module imports pyoxigraph and :mod:`.order` only, so a worker starts fast.
"""

from __future__ import annotations

import io
import pickle
import struct
import sys
from dataclasses import dataclass, field
from typing import IO, Any

import pyoxigraph as ox

from .. import ordering as order


@dataclass(frozen=True)
class Job:
    """One query for a worker. ``results_format`` / ``graph_format`` are the media types to
    write a SELECT/ASK or a CONSTRUCT/DESCRIBE result in (``None``: that form is not
    acceptable, 406). ``prefixes`` are declared for the query (the project prefixes);
    ``turtle_prefixes`` are the ones the Turtle writer uses."""

    text: str
    results_format: str | None = ox.QueryResultsFormat.JSON.media_type
    graph_format: str | None = ox.RdfFormat.N_TRIPLES.media_type
    max_bytes: int | None = None
    prefixes: dict[str, str] = field(default_factory=dict)
    turtle_prefixes: dict[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    limit: int | None = None  # a page of the result: at most ``limit`` rows from ``offset``
    offset: int = 0


@dataclass
class Answer:
    """How a job ended. ``status`` is the HTTP status the server answers with: 200; 400 a
    syntax error (``error="syntax"``), a failure (``"failed"``), a result over the size limit
    (``"too-large"``) or a refused query (``"service"``); 406 a form the job's formats do not
    cover (``"not-acceptable"``); 503 a timeout (``"timeout"``) or no free worker
    (``"busy"``). ``kind`` is ``select``, ``ask`` or ``graph`` once the query has run.
    ``body`` is the result (or the message), unless the caller took the chunks as they came."""

    status: int
    media_type: str
    body: bytes = b""
    kind: str = ""
    error: str = ""
    message: str = ""


def failure(status: int, error: str, message: str, kind: str = "") -> Answer:
    return Answer(status, "text/plain", (message + "\n").encode(), kind, error, message)


def send(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("!Q", len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes], n: int) -> bytes:
    """Exactly ``n`` bytes (the parent reads an unbuffered pipe, so that ``select`` on it
    tells the truth), or fewer at the end of the stream."""
    parts, got = [], 0
    while got < n:
        part = stream.read(n - got)
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def recv(stream: IO[bytes]) -> Any:
    head = _read(stream, 8)
    if len(head) < 8:
        raise EOFError("worker closed")
    (n,) = struct.unpack("!Q", head)
    data = _read(stream, n)
    if len(data) < n:
        raise EOFError("worker closed")
    return pickle.loads(data)


class _TooLarge(Exception):
    pass


class _Chunks(io.RawIOBase):
    """A binary stream that sends what is written as ``bytes`` frames, up to ``limit``."""

    def __init__(self, out: IO[bytes], limit: int | None) -> None:
        self.out, self.limit, self.size, self.over = out, limit, 0, False

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            self.over = True
            raise _TooLarge()
        send(self.out, data)
        return len(data)


def _kind(result: object) -> str:
    if isinstance(result, ox.QuerySolutions):
        return "select"
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "graph"


def _store_paged(
    store: ox.Store, text: str, limit: int | None, offset: int, kwargs: dict[str, Any]
) -> ox.QuerySolutions | None:
    """The page of a SELECT that is not sorted here, sliced by the store (a trailing
    LIMIT/OFFSET); None for another form (a LIMIT counts solutions, not triples, and would
    change an ASK), or where the text takes no trailing LIMIT: the caller slices then."""
    try:
        result = store.query(order.store_page(text, limit, offset), **kwargs)
    except (SyntaxError, ValueError, OSError, RuntimeError):
        return None  # the query as given says what is wrong, if anything is
    return result if isinstance(result, ox.QuerySolutions) else None


def run(store: ox.Store, job: Job, out: IO[bytes]) -> Answer:
    """Run ``job`` on ``store``, sending the result's chunks to ``out``; the answer."""
    kwargs: dict[str, Any] = {"prefixes": job.prefixes or None}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    text, limit, offset = job.text, job.limit, job.offset
    sliced = order.split_slice(text)  # ORDER BY ?v ... LIMIT n: sorted and paged here too
    if sliced is not None:
        text = sliced[0]
        limit, offset = order.within(sliced[1], sliced[2], limit, offset)
    split = order.split_order(text)
    paged = limit is not None or offset > 0
    cut = _store_paged(store, text, limit, offset, kwargs) if paged and not split else None
    paged = paged and cut is None  # else the store cut the page
    try:
        result = cut if cut is not None else store.query(split[0] if split else text, **kwargs)
    except SyntaxError as exc:
        return failure(400, "syntax", f"Malformed query: {exc}")
    except (ValueError, OSError, RuntimeError) as exc:
        return failure(400, "failed", f"Query failed: {exc}")
    kind = _kind(result)
    media = job.graph_format if kind == "graph" else job.results_format
    if media is None:
        return failure(406, "not-acceptable", "Not acceptable for this result form", kind)
    chunks = _Chunks(out, job.max_bytes)
    sink = io.BufferedWriter(chunks, buffer_size=1 << 16)
    try:
        if isinstance(result, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(media)
            assert fmt is not None
            turtle = fmt == ox.RdfFormat.TURTLE and job.turtle_prefixes
            triples = order.page(result, limit, offset) if paged else result
            ox.serialize(triples, sink, fmt, prefixes=job.turtle_prefixes if turtle else None)
        else:
            rfmt = ox.QueryResultsFormat.from_media_type(media)
            assert rfmt is not None
            if split is not None or paged:
                result = order.page(result, limit, offset, split[1] if split else None)
            result.serialize(sink, rfmt)
        sink.flush()
    except (_TooLarge, OSError, ValueError) as exc:
        if chunks.over:
            return failure(
                400,
                "too-large",
                f"The result is larger than the limit of {job.max_bytes} bytes; add a LIMIT.",
                kind,
            )
        return failure(400, "failed", f"Query failed: {exc}", kind)
    return Answer(200, media, kind=kind)


def main(argv: list[str]) -> int:
    (store_path,) = argv
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the result pipe
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        send(out, f"cannot open the store at {store_path}: {exc}")
        return 1
    send(out, "ready")
    while True:
        try:
            job = recv(inp)
        except EOFError:
            return 0
        if job is None:
            return 0
        send(out, run(store, job, out))


if __name__ == "__main__":  # run as the module itself, so answers pickle under its name
    from openness_kg.sparql import worker

    sys.exit(worker.main(sys.argv[1:]))
