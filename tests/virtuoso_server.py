"""Debian's Virtuoso (``virtuoso-opensource`` 7.2) on 127.0.0.1 for the remote-store tests.

``virtuoso-t +foreground +configfile INI`` runs on a copy of the Debian ``virtuoso.ini``
whose database folder, SQL ``ServerPort`` (``[Parameters]``) and HTTP ``ServerPort``
(``[HTTPServer]``) point at a temporary folder and free ports. Two more settings change, the
ones the README's table of stores asks of a production server: ``[SPARQL] ResultSetMaxRows``
(Debian's 10000 would cut a full export short) and ``[URIQA] DefaultHost`` (so Virtuoso's
own service-description graph is named after this server, which the backend must find).

A SQL user with the ``SPARQL_UPDATE`` role writes through ``/sparql-auth`` with HTTP digest
authentication; the public ``/sparql`` stays read-only. The user is made with ``isql-vt``
(``DB.DBA.USER_CREATE``, ``GRANT SPARQL_UPDATE``, ``DB.DBA.RDF_DEFAULT_USER_PERMS_SET``), as
OpenLink describes it: vos.openlinksw.com VirtGraphUpdateProtocol (``/sparql-auth`` and
``/sparql-graph-crud-auth`` for a member of SPARQL_UPDATE), VirtTipsAndTricksGuide-
GraphSecurityLevelSQL (USER_CREATE, GRANT), community.openlinksw.com topic 4147 (graph-level
permissions, needed from 7.2.8 on; harmless on Debian's 7.2.5).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEBIAN_DB = "/var/lib/virtuoso-opensource-7/db"
START_TIMEOUT_S = 180  # a first start creates the database and installs the Conductor
MAX_ROWS = 1_000_000


@dataclass(frozen=True)
class Virtuoso:
    base: str
    user: str
    password: str
    sql_port: int
    start_s: float

    @property
    def sparql(self) -> str:
        return self.base + "/sparql"

    @property
    def sparql_auth(self) -> str:
        return self.base + "/sparql-auth"

    @property
    def gsp_auth(self) -> str:
        return self.base + "/sparql-graph-crud-auth"


def require_virtuoso() -> tuple[str, str]:
    """``virtuoso-t`` and ``isql-vt``; skip without them, except in CI (CI=true), where a
    missing Virtuoso is a failure (.ci/run installs it)."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None or not DEBIAN_INI.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Virtuoso is required in CI (apt-get install virtuoso-opensource)")
        pytest.skip("no Virtuoso (apt-get install virtuoso-opensource)")
    return server, isql


def _section_set(text: str, section: str, key: str, value: str) -> str:
    """``key = value`` in ``[section]`` of an ini text (the line replaced, or added)."""
    head = re.search(rf"^\[{re.escape(section)}\][ \t]*$", text, flags=re.M)
    if head is None:
        return text + f"\n[{section}]\n{key} = {value}\n"
    nxt = re.search(r"^\[", text[head.end() :], flags=re.M)
    end = head.end() + (nxt.start() if nxt else len(text) - head.end())
    body = text[head.end() : end]
    line = re.compile(rf"^{re.escape(key)}[ \t]*=.*$", flags=re.M)
    if line.search(body):
        body = line.sub(f"{key} = {value}", body, count=1)
    else:
        body = f"\n{key} = {value}" + body
    return text[: head.end()] + body + text[end:]


def write_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    db = folder / "db"
    db.mkdir(parents=True, exist_ok=True)
    text = DEBIAN_INI.read_text(encoding="utf-8").replace(DEBIAN_DB, str(db))
    text = _section_set(text, "Parameters", "ServerPort", str(sql_port))
    text = _section_set(text, "HTTPServer", "ServerPort", str(http_port))
    text = _section_set(text, "SPARQL", "ResultSetMaxRows", str(MAX_ROWS))
    text = _section_set(text, "URIQA", "DefaultHost", f"127.0.0.1:{http_port}")
    ini = folder / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    req = urllib.request.Request(
        url, data=query, headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return b"true" in resp.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _isql(isql: str, port: int, statements: str) -> None:
    res = subprocess.run(
        [isql, f"127.0.0.1:{port}", "dba", "dba", f"exec={statements}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if res.returncode != 0 or "*** Error" in res.stdout + res.stderr:
        raise RuntimeError(f"isql-vt failed: {res.stdout}{res.stderr}")


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso in ``folder``, wait (bounded) until ``/sparql`` answers, make the
    writing user, yield; kill the process we started at the end."""
    from server_fixture import free_port

    server, isql = require_virtuoso()
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    ini = write_ini(folder, sql_port, http_port)
    log = (folder / "virtuoso.out").open("wb")
    t0 = time.monotonic()
    proc = subprocess.Popen(
        [server, "+foreground", "+configfile", str(ini)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        while not _answers(base + "/sparql"):
            if proc.poll() is not None or time.monotonic() - t0 > START_TIMEOUT_S:
                raise RuntimeError(f"Virtuoso did not answer at {base}/sparql: see {log.name}")
            time.sleep(0.25)
        started = time.monotonic() - t0
        user, password = "okg", secrets.token_hex(12)
        _isql(
            isql,
            sql_port,
            f"DB.DBA.USER_CREATE ('{user}', '{password}'); "
            f'GRANT SPARQL_UPDATE TO "{user}"; '
            f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('{user}', 7);",
        )
        yield Virtuoso(base, user, password, sql_port, started)
    finally:
        proc.kill()
        proc.wait(timeout=30)
        log.close()
