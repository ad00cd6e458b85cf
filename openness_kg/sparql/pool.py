"""The one way queries reach the embedded store from outside the writing process: a pool of
killable worker processes (:mod:`.worker`), used by ``openness-kg query`` (a pool of one),
the server's ``/sparql`` (``--query-workers``) and the tests, with the same timeout, size
limit, ordering and formats everywhere.

pyoxigraph cannot cancel a running query, so each worker is a process of its own holding the
store open read-only. A query that runs past the timeout gets its worker killed and replaced,
and the caller a clear answer (503). No query with ``SERVICE`` reaches a worker unless the
pool was made with ``allow_service`` (:mod:`.guard`).
"""

from __future__ import annotations

import contextlib
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..store import StoreError
from . import worker
from .guard import ServiceRefused, refuse_service
from .worker import Answer, Job, failure

__all__ = ["Answer", "Job", "NoStore", "QueryPool", "failure"]


class NoStore(StoreError):
    """There is no store at the given path (nothing built yet)."""


# a worker at a lower CPU priority: the same module, started after os.nice
_NICE_MAIN = (
    "import os, sys; os.nice(int(sys.argv[1])); "
    f"from {worker.__package__} import worker; sys.exit(worker.main(sys.argv[2:]))"
)


class _Worker:
    """One worker process (``nice``: that much below its parent's CPU priority)."""

    def __init__(self, store_path: str, nice: int = 0) -> None:
        command = (
            [sys.executable, "-c", _NICE_MAIN, str(nice), store_path]
            if nice
            else [sys.executable, "-m", worker.__name__, store_path]
        )
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,  # frames are read whole from the pipe, none held in a buffer
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        hello = worker.recv(self.stdout) if self.wait(60) else "the worker did not start"
        if hello != "ready":
            self.kill()
            raise StoreError(f"a query worker could not open the store: {hello}")

    def wait(self, timeout: float | None) -> bool:
        ready, _, _ = select.select([self.stdout], [], [], timeout)
        return bool(ready)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
            self.proc.wait(5)
        for stream in (self.stdin, self.stdout):
            with contextlib.suppress(Exception):
                stream.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            worker.send(self.stdin, None)
        self.kill()


class QueryPool:
    """``size`` workers over the on-disk store at ``store_path``, each running one query at a
    time. ``timeout`` (seconds, ``None``: none) bounds each query, from its submission (the
    call to :meth:`run`, or the ``deadline`` the caller gives: the server counts from the
    request's arrival) to the end of its result, the wait for a free worker included;
    ``max_bytes`` (``None``: none) bounds each result. ``nice`` lowers the workers' CPU
    priority (the server's pages go first when the CPUs are short; a query's time limit
    holds all the same)."""

    def __init__(
        self,
        store_path: Path | str,
        size: int = 2,
        timeout: float | None = 10.0,
        max_bytes: int | None = 50_000_000,
        allow_service: bool = False,
        nice: int = 0,
    ) -> None:
        self.store_path = str(store_path)
        self.nice = nice
        if not (Path(store_path) / "CURRENT").exists():
            raise NoStore(
                f"no store at {store_path}: run `openness-kg build` first (or pass --store)"
            )
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_service = allow_service
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0
        for _ in range(size):
            self._idle.put(_Worker(self.store_path, self.nice))
        self.size = size

    def run(
        self,
        job: Job,
        sink: Callable[[bytes], object] | None = None,
        deadline: float | None = None,
    ) -> Answer:
        """Run ``job`` (its ``max_bytes`` defaults to the pool's). The result's chunks go to
        ``sink`` as they arrive, or into the answer's ``body``. The time limit ends at
        ``deadline`` (a ``time.monotonic()``), by default ``timeout`` seconds from now; a job
        still waiting for a worker then is answered 503 without running."""
        if not self.allow_service:
            try:
                refuse_service(job.text)
            except ServiceRefused as exc:
                return failure(400, "service", str(exc))
        if job.max_bytes is None and self.max_bytes is not None:
            job = Job(**{**job.__dict__, "max_bytes": self.max_bytes})
        if deadline is None and self.timeout is not None:
            deadline = time.monotonic() + self.timeout
        try:
            if deadline is None:
                w = self._idle.get()
            else:
                w = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return failure(503, "busy", self.late_message())
        if deadline is not None and time.monotonic() >= deadline:
            self._idle.put(w)  # its time was spent waiting: not started
            return failure(503, "busy", self.late_message())
        chunks: list[bytes] = []
        try:
            worker.send(w.stdin, job)
            while w.wait(None if deadline is None else max(0.0, deadline - time.monotonic())):
                frame = worker.recv(w.stdout)
                if isinstance(frame, Answer):
                    self._idle.put(w)
                    if frame.status == 200 and sink is None:
                        frame.body = b"".join(chunks)
                    return frame
                if sink is not None:
                    sink(frame)
                else:
                    chunks.append(frame)
        except (EOFError, OSError):
            pass
        # timed out (or the worker died): kill it, start a fresh one, report
        timed_out = deadline is not None and time.monotonic() >= deadline
        with self._lock:
            self.killed += 1
        w.kill()
        if not self._closed:
            self._idle.put(_Worker(self.store_path, self.nice))
        if not timed_out:
            return failure(500, "failed", "Query failed: the query worker stopped.")
        return failure(
            503,
            "timeout",
            f"The query did not finish within the {self.timeout:g} s time limit and was stopped.",
        )

    def late_message(self) -> str:
        """Why a job that found no free worker within its time limit was not run."""
        limit = f"its {self.timeout:g} s time limit" if self.timeout is not None else "its limit"
        return f"All SPARQL workers stayed busy for {limit}; the query did not run. Try again."

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                break
            w.close()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
