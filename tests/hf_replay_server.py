"""A real HTTP server on 127.0.0.1 (ephemeral port) that replays recorded Hub responses.

It serves the recorded ``model_info`` bodies of ``data/hf/models/`` (and extra bodies a test
adds) at ``/api/models/<id>``, the 307 redirects of ``data/hf/redirects.json``, 404 for
unknown repos, 401 for files of gated repos (``/<id>/resolve/<rev>/<file>``), a paged listing
at ``/api/models?author=&search=&limit=`` (``Link: rel="next"`` headers, 2 per page), and
scripted failures per path: e.g. ``{"/api/models/gpt2": [(429, {"Retry-After": "1"}), 500]}``
answers 429 then 500 before the body. Every request is logged with its time and status.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

DATA = Path(__file__).resolve().parents[1] / "data" / "hf"

Failure = int | tuple[int, dict[str, str]]


@dataclass
class Hub:
    models: dict[str, bytes] = field(default_factory=dict)  # repo id -> body
    datasets: dict[str, bytes] = field(default_factory=dict)
    cards: dict[str, bytes] = field(default_factory=dict)  # repo id -> README text
    redirects: dict[str, str] = field(default_factory=dict)  # old id -> new id
    failures: dict[str, list[Failure]] = field(default_factory=dict)  # path -> scripted
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # path -> extra headers
    log: list[tuple[float, str, int]] = field(default_factory=list)
    page_size: int = 2

    @classmethod
    def recorded(cls) -> Hub:
        hub = cls()
        for f in sorted((DATA / "models").glob("*.json")):
            if "@" in f.stem:
                continue  # kept snapshots are not what the Hub serves now
            body = f.read_bytes()
            hub.models[json.loads(body)["id"]] = body
        for r in json.loads((DATA / "redirects.json").read_text(encoding="utf-8")):
            old = r["request_uri"].split("/api/models/", 1)[1]
            new = r["location"].split("/api/models/", 1)[1]
            hub.redirects[old] = new
        return hub

    def add_dir(self, directory: Path) -> None:
        """Add the hand-built bodies of ``directory``/models and /datasets."""
        for kind, bodies in (("models", self.models), ("datasets", self.datasets)):
            for f in sorted((directory / kind).glob("*.json")):
                body = f.read_bytes()
                bodies[json.loads(body)["id"]] = body

    def requests(self, path: str) -> list[int]:
        return [status for _, p, status in self.log if p == path]

    def gated(self, repo_id: str) -> bool:
        body = self.models.get(repo_id)
        if not body:
            return False
        return json.loads(body).get("gated") not in (False, None)


def _handler(hub: Hub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None):
            hub.log.append((time.monotonic(), self.path, status))
            self.send_response_only(status)  # no automatic Date: a recorded one may be given
            hdrs = {
                "Content-Type": "application/json",
                "Date": self.date_time_string(),
                **(headers or {}),
            }
            for k, v in hdrs.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _error(self, status: int, message: str, headers: dict[str, str] | None = None):
            self._send(status, json.dumps({"error": message}).encode(), headers)

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            path = unquote(url.path)
            scripted = hub.failures.get(path)
            if scripted:
                fail = scripted.pop(0)
                status, headers = fail if isinstance(fail, tuple) else (fail, {})
                return self._error(status, "scripted failure", headers)
            if path == "/api/models":
                return self._listing(parse_qs(url.query))
            if path.startswith("/api/models/"):
                rid = path[len("/api/models/") :]
                if rid in hub.redirects:
                    loc = "/api/models/" + hub.redirects[rid]
                    return self._send(307, b"", {"Location": loc})
                if rid in hub.models:
                    extra = {"Date": "Fri, 21 Mar 2025 13:00:00 GMT", **hub.headers.get(path, {})}
                    return self._send(200, hub.models[rid], extra)
                return self._error(404, "Repository not found", {"X-Error-Code": "RepoNotFound"})
            if path.startswith("/api/datasets/"):
                did = path[len("/api/datasets/") :]
                if did in hub.datasets:
                    return self._send(200, hub.datasets[did])
                return self._error(404, "Repository not found", {"X-Error-Code": "RepoNotFound"})
            if "/resolve/" in path:
                rid = path.lstrip("/").split("/resolve/", 1)[0]
                if hub.gated(rid):
                    return self._error(
                        401, "Access to this model is restricted", {"X-Error-Code": "GatedRepo"}
                    )
                if rid in hub.cards:
                    return self._send(200, hub.cards[rid], {"Content-Type": "text/markdown"})
                return self._error(404, "Entry not found", {"X-Error-Code": "EntryNotFound"})
            return self._error(404, "no such route")

        def _listing(self, q: dict[str, list[str]]) -> None:
            author = q.get("author", [None])[0]
            search = q.get("search", [None])[0]
            limit = int(q.get("limit", ["0"])[0] or 0)
            start = int(q.get("p", ["0"])[0])
            ids = sorted(hub.models)
            if author:
                ids = [i for i in ids if i.startswith(author + "/")]
            if search:
                ids = [i for i in ids if search.lower() in i.lower()]
            if limit:
                ids = ids[:limit]
            page = ids[start : start + hub.page_size]
            items = [{"_id": str(n), "id": i, "modelId": i} for n, i in enumerate(page, start)]
            headers = {}
            if start + hub.page_size < len(ids):
                host = f"http://{self.headers['Host']}"
                nq = {k: v[0] for k, v in q.items()} | {"p": str(start + hub.page_size)}
                headers["Link"] = f'<{host}/api/models?{urlencode(nq)}>; rel="next"'
            self._send(200, json.dumps(items).encode(), headers)

    return Handler


@contextmanager
def serve(hub: Hub) -> Iterator[str]:
    """Run the server for the duration of the block; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hub))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
