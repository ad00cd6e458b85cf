"""HTTP caching for a server over a store that does not change while it serves (``serve``
serves a snapshot taken when it starts): every ``GET``/``HEAD`` answer gets an ``ETag`` (of
the build, the snapshot and the request: path, query, ``Accept``, gzip or not), a
``Last-Modified`` (the build's end, ``prov:endedAtTime`` of its ``okg:Build``) and a
``Cache-Control``; a conditional request that matches gets ``304 Not Modified`` without
rendering anything; and the answers themselves are kept in a bounded in-memory LRU, so a page
asked for again is not rendered again. Only ``200`` answers are kept, each up to
``max_entry`` bytes, all of them up to ``max_bytes``.

A plain ASGI middleware (RFC 9110 section 8.8 validators, section 13 conditional requests;
RFC 9111 ``Cache-Control``), outside the gzip middleware, so compressed answers are kept
compressed.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[..., Any]

CACHE_CONTROL = b"public, max-age=300"
SKIP = ("/static/",)  # StaticFiles has validators of its own


class _Lru:
    """Answers by key, the least recently used dropped first, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes, self.size = max_bytes, 0
        self.items: OrderedDict[tuple[Any, ...], tuple[int, list[tuple[bytes, bytes]], bytes]]
        self.items = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(
        self, key: tuple[Any, ...], value: tuple[int, list[tuple[bytes, bytes]], bytes]
    ) -> None:
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += len(value[2])
            while self.size > self.max_bytes and self.items:
                _, old = self.items.popitem(last=False)
                self.size -= len(old[2])


class HttpCaching:
    """The middleware. ``validators`` gives (a stamp naming the data served, the build's
    time or ``None``); it is asked once, at the first request."""

    def __init__(
        self,
        app: ASGIApp,
        validators: Callable[[], tuple[str, datetime | None]],
        max_bytes: int = 128 * 1024 * 1024,
        max_entry: int = 2 * 1024 * 1024,
    ) -> None:
        self.app = app
        self._validators = validators
        self._stamp: tuple[str, bytes | None, datetime | None] | None = None
        self.cache = _Lru(max_bytes)
        self.max_entry = max_entry

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
        hit = self.cache.get(key)
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
                    self.cache.put(key, (200, list(start["headers"]), b"".join(parts)))
            await send(message)

        await self.app(scope, receive, capture)

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
