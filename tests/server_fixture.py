"""Helpers shared by the server tests: an on-disk store holding the ontology and the
hand-written fixture graph ``tests/data/server/fixture.trig``."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from openness_kg.namespaces import ONTOLOGY_IRI
from openness_kg.ontology import load_ontology
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

FIXTURE = Path(__file__).parent / "data" / "server" / "fixture.trig"
BASE = "https://w3id.org/openness-kg/id/"
ALPHA = URIRef(BASE + "model/acme/alpha-7b")
CHAT = URIRef(BASE + "model/acme/alpha-7b-chat")
BETA = URIRef(BASE + "model/Beta%20Model")
ACME = URIRef(BASE + "org/acme")
PILE = URIRef(BASE + "dataset/acme/pile-mini")
APACHE = URIRef("http://spdx.org/licenses/Apache-2.0")
COMMUNITY = URIRef(BASE + "license/acme-community")
WEIGHTS = URIRef(BASE + "model/acme/alpha-7b/component/model-parameters-final")


def make_store(path: Path) -> OxigraphStore:
    store = OxigraphStore(path)
    onto = load_ontology()
    store.replace_graphs([Record.from_graph(onto, "ontology", name=URIRef(ONTOLOGY_IRI))])
    store.raw.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.raw.flush()
    return store


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``openness-kg --store PATH serve`` on 127.0.0.1 in a child process, stopped on exit."""

    def __init__(self, store_path: Path, *extra: str) -> None:
        import subprocess
        import sys

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from openness_kg.cli import main; main()",
                "--store",
                str(store_path),
                "serve",
                "--port",
                str(self.port),
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        import time

        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"server exited: {err}")
            try:
                if httpx.get(self.url + "models", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
            self.proc.wait(5)

    def __enter__(self) -> ServerProcess:
        try:
            self.wait_ready()
        except Exception:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def html_statements(html_text: str) -> list[str]:
    """The statements an HTML page marks up (``data-s``/``data-p``/``data-o`` on the rows
    of its statement table), as N-Triples lines."""
    from html.parser import HTMLParser

    lines: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if "data-p" in a:
                lines.append(f"{a['data-s']} {a['data-p']} {a['data-o']} .")

    P().feed(html_text)
    return lines


def expected_description(subject: URIRef) -> Graph:
    """The triples the fixture file states about ``subject`` (any graph), with the statements
    about blank nodes it points to: read straight from the TriG, not through the store."""
    from rdflib import BNode, Dataset

    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    out = Graph()
    todo: list[URIRef | BNode] = [subject]
    seen = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for _s, p, o, _g in ds.quads((node, None, None, None)):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    return out
