"""HTTP caching for a server over a store that does not change while it serves (``serve``
serves a snapshot taken when it starts): every ``GET``/``HEAD`` answer gets an ``ETag`` (of
the build, the snapshot and the request: path, query, ``Accept``, gzip or not), a
``Last-Modified`` (the build's end, ``prov:endedAtTime`` of its ``okg:Build``) and a
``Cache-Control``; a conditional request that matches gets ``304 Not Modified`` without
rendering anything; and the answers themselves are kept in a bounded in-memory LRU, so a page
asked for again is not rendered again. Only ``200`` answers are kept, each up to
``max_entry`` bytes, all of them up to ``max_bytes``.

With ``shared`` (a folder: ``serve`` gives every server process the same one, beside the
snapshot it serves, removed with it) an answer one process rendered is written there too,
and the others read it instead of rendering it again, so N processes render a page once, not
N times. Each process writes at most ``shared_bytes`` there; a file is written whole under a
temporary name and renamed, so no reader sees half of one.

A plain ASGI middleware (RFC 9110 section 8.8 validators, section 13 conditional requests;
RFC 9111 ``Cache-Control``), outside the gzip middleware, so compressed answers are kept
compressed.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import struct
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

CACHE_CONTROL = b"public, max-age=300"
SKIP = ("/static/",)  # StaticFiles has validators of its own


Entry = tuple[int, list[tuple[bytes, bytes]], bytes]


class _Lru:
    """Answers by key, the least recently used dropped first, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self.items: OrderedDict[tuple[Any, ...], Entry]
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> Entry | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: tuple[Any, ...], value: Entry) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += len(value[2])
            while self.size > self.max_bytes and self.items:
                _, old = self.items.popitem(last=False)
                self.size -= len(old[2])


class _Shared:
    """Answers in files of a folder shared by the server's processes, by key digest."""

    def __init__(self, folder: Path, max_bytes: int) -> None:
        self.folder, self.budget = folder, max_bytes
        self.lock = threading.Lock()

    def get(self, digest: str) -> Entry | None:
        try:
            data = (self.folder / digest).read_bytes()
        except OSError:
            return None
        (n,) = struct.unpack_from("!I", data)
        status, headers = json.loads(data[4 : 4 + n])
        return (
            status,
            [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers],
            data[4 + n :],
        )

    def put(self, digest: str, entry: Entry) -> None:
        status, headers, body = entry
        head = json.dumps(
            [status, [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers]]
        )
        data = struct.pack("!I", len(head)) + head.encode() + body
        with self.lock:
            if len(data) > self.budget:
                return
            self.budget -= len(data)
        with contextlib.suppress(OSError):
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, self.folder / digest)


class HttpCaching:
    """The middleware. ``validators`` gives (a stamp naming the data served, the build's
    time or ``None``); it is asked once, at the first request."""

    def __init__(
        self,
        app: ASGIApp,
        validators: Callable[[], tuple[str, datetime | None]],
        max_bytes: int = 128 * 1024 * 1024,
        max_entry: int = 2 * 1024 * 1024,
        shared: Path | None = None,
        shared_bytes: int = 1024 * 1024 * 1024,
    ) -> None:
        self.app = app
        self._validators = validators
        self._stamp: tuple[str, bytes | None, datetime | None] | None = None
        self.cache = _Lru(max_bytes)
        self.max_entry = max_entry
        self.shared = _Shared(shared, shared_bytes) if shared is not None else None
        # answers being rendered: a request for one waits for it rather than rendering it too
        self._pending: dict[tuple[Any, ...], asyncio.Event] = {}

    def stamp(self) -> tuple[str, bytes | None, datetime | None]:
        if self._stamp is None:
            stamp, when = self._validators()
            modified = format_datetime(when, usegmt=True).encode() if when else None
            self._stamp = (stamp, modified, when)
        return self._stamp

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or scope["path"].startswith(SKIP)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        gzip = b"gzip" in headers.get(b"accept-encoding", b"")
        key = (
            scope["method"],
            scope.get("raw_path") or scope["path"],
            scope.get("query_string", b""),
            headers.get(b"accept", b""),
            gzip,
        )
        stamp, modified, when = self.stamp()
        digest = hashlib.sha1(repr(key[1:]).encode()).hexdigest()[:16]
        etag = f'"{stamp}-{digest}"'.encode()
        validators = [(b"etag", etag), (b"cache-control", CACHE_CONTROL)]
        if modified:
            validators.append((b"last-modified", modified))
        if self._not_modified(headers, etag, when):
            await send({"type": "http.response.start", "status": 304, "headers": validators})
            await send({"type": "http.response.body", "body": b""})
            return
        name = f"{stamp}-{hashlib.sha1(repr(key).encode()).hexdigest()}"
        hit = self._lookup(key, name)
        if hit is None and key in self._pending:
            await self._pending[key].wait()  # kept meanwhile, unless it was not a 200
            hit = self._lookup(key, name)
        if hit is not None:
            status, response_headers, body = hit
            await send(
                {"type": "http.response.start", "status": status, "headers": response_headers}
            )
            await send({"type": "http.response.body", "body": body})
            return

        start: Message = {}
        parts: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal keep
            if message["type"] == "http.response.start":
                if message["status"] == 200:
                    message["headers"] = [*message.get("headers", []), *validators]
                else:
                    keep = False
                start.update(message)
            elif message["type"] == "http.response.body" and keep:
                parts.append(message.get("body", b""))
                if sum(map(len, parts)) > self.max_entry:
                    keep = False
                    parts.clear()
                elif not message.get("more_body") and start.get("status") == 200:
                    entry = (200, list(start["headers"]), b"".join(parts))
                    self.cache.put(key, entry)
                    if self.shared is not None:
                        self.shared.put(name, entry)
            await send(message)

        done = self._pending.setdefault(key, asyncio.Event())
        try:
            await self.app(scope, receive, capture)
        finally:
            if self._pending.get(key) is done:
                del self._pending[key]
            done.set()

    def _lookup(self, key: tuple[Any, ...], name: str) -> Entry | None:
        hit = self.cache.get(key)
        if hit is None and self.shared is not None:
            hit = self.shared.get(name)
            if hit is not None:
                self.cache.put(key, hit)
        return hit

    @staticmethod
    def _not_modified(headers: dict[bytes, bytes], etag: bytes, when: datetime | None) -> bool:
        """RFC 9110 section 13.2.2: If-None-Match first; If-Modified-Since only without it."""
        inm = headers.get(b"if-none-match")
        if inm is not None:
            tags = [t.strip().removeprefix(b"W/") for t in inm.split(b",")]
            return b"*" in tags or etag in tags
        ims = headers.get(b"if-modified-since")
        if ims is None or when is None:
            return False
        try:
            since = parsedate_to_datetime(ims.decode("latin-1"))
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and since >= when.replace(microsecond=0)
