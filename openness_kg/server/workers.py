"""User SPARQL queries run in worker processes, so a query past its time limit can be stopped.

pyoxigraph cannot cancel a running query, so each worker is a separate process holding the
store open read-only (the server process holds it open for writing, which Oxigraph allows
alongside read-only opens). A query that exceeds the timeout gets its worker killed and
replaced; the request gets a clear error. A result larger than ``max_bytes`` is refused
while it is being written, so no worker builds a huge answer in memory.
"""

from __future__ import annotations

import contextlib
import io
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .conneg import negotiate

SELECT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/sparql-results+xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD",
    "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N_QUADS",
    "application/trig": "TRIG",
}
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "text/plain": "application/n-triples",
}


@dataclass
class QueryResult:
    status: int
    media_type: str
    body: bytes
    kind: str = ""  # "select", "ask", "graph" or "" for errors


class ResultTooLarge(Exception):
    pass


class _Bounded(io.RawIOBase):
    def __init__(self, limit: int) -> None:
        self.buf = bytearray()
        self.limit = limit

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.buf += b
        if len(self.buf) > self.limit:
            raise ResultTooLarge()
        return len(b)


def _pick(accept: str | None, offers: dict[str, str], default: str) -> str | None:
    wanted = accept
    if accept:
        parts = []
        for part in accept.split(","):
            media, sep, rest = part.strip().partition(";")
            media = ALIASES.get(media.strip().lower(), media.strip().lower())
            parts.append(media + sep + rest)
        wanted = ",".join(parts)
    return negotiate(wanted, list(offers), default)


def run_query(
    store: Any,
    query: str,
    accept: str | None,
    max_bytes: int,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QueryResult:
    """Evaluate ``query`` on a pyoxigraph store and serialize it as the client asks."""
    import pyoxigraph as ox

    kwargs: dict[str, Any] = {}
    if default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as exc:
        return QueryResult(400, "text/plain", f"Malformed query: {exc}\n".encode())
    except (ValueError, OSError) as exc:
        return QueryResult(400, "text/plain", f"Query failed: {exc}\n".encode())
    fmt_cls: Any
    if isinstance(result, ox.QueryTriples):
        offers, default, kind, fmt_cls = GRAPH_TYPES, "text/turtle", "graph", ox.RdfFormat
    else:
        offers, default = SELECT_TYPES, "application/sparql-results+json"
        fmt_cls = ox.QueryResultsFormat
        kind = "ask" if isinstance(result, ox.QueryBoolean) else "select"
    media = _pick(accept, offers, default)
    if media is None:
        return QueryResult(
            406, "text/plain", f"Not acceptable; this result can be: {', '.join(offers)}\n".encode()
        )
    out = _Bounded(max_bytes)
    try:
        result.serialize(out, getattr(fmt_cls, offers[media]))
    except ResultTooLarge:
        return QueryResult(
            400,
            "text/plain",
            f"The result is larger than the limit of {max_bytes} bytes; add a LIMIT.\n".encode(),
        )
    except (ValueError, OSError) as exc:
        return QueryResult(400, "text/plain", f"Query failed: {exc}\n".encode())
    return QueryResult(200, media, bytes(out.buf), kind)


def _send(stream: IO[bytes], obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("!Q", len(data)) + data)
    stream.flush()


def _recv(stream: IO[bytes]) -> Any:
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("worker closed")
    (n,) = struct.unpack("!Q", head)
    data = stream.read(n)
    if len(data) < n:
        raise EOFError("worker closed")
    return pickle.loads(data)


def worker_main(store_path: str) -> None:
    """The worker process: read jobs from stdin, write results to stdout."""
    import pyoxigraph as ox

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the result pipe
    store = ox.Store.read_only(store_path)
    _send(out, "ready")
    while True:
        try:
            job = _recv(inp)
        except EOFError:
            return
        if job is None:
            return
        _send(out, run_query(store, *job))


_WORKER_CODE = (
    "import sys; from openness_kg.server.workers import worker_main; worker_main(sys.argv[1])"
)


class _Worker:
    """One worker: a separate Python process running :func:`worker_main`."""

    def __init__(self, store_path: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _WORKER_CODE, store_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        if not self.wait(60) or _recv(self.stdout) != "ready":
            self.kill()
            raise RuntimeError("a SPARQL worker could not open the store")

    def wait(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.stdout], [], [], timeout)
        return bool(ready)

    def send(self, job: object) -> None:
        _send(self.stdin, job)

    def recv(self) -> Any:
        return _recv(self.stdout)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.wait(5)
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(Exception):
                stream.close()


class QueryPool:
    """``size`` worker processes over the store at ``store_path``, used one query at a time."""

    def __init__(
        self,
        store_path: Path | str,
        size: int = 2,
        timeout: float = 10.0,
        max_bytes: int = 50_000_000,
    ) -> None:
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0
        for _ in range(size):
            self._idle.put(_Worker(self.store_path))
        self.size = size

    def run(
        self,
        query: str,
        accept: str | None,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> QueryResult:
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return QueryResult(503, "text/plain", b"All SPARQL workers are busy; try again.\n")
        try:
            worker.send((query, accept, self.max_bytes, default_graphs, named_graphs))
            if worker.wait(self.timeout):
                result: QueryResult = worker.recv()
                self._idle.put(worker)
                return result
        except (EOFError, OSError, BrokenPipeError):
            pass
        # timed out (or the worker died): kill it, start a fresh one, report
        worker.kill()
        with self._lock:
            self.killed += 1
        if not self._closed:
            self._idle.put(_Worker(self.store_path))
        return QueryResult(
            503,
            "text/plain",
            f"The query did not finish within the {self.timeout:g} s time limit and was "
            "stopped.\n".encode(),
        )

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            with contextlib.suppress(Exception):
                w.send(None)
            w.kill()
