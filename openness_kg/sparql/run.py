"""Running one query with safe parameters and a timeout that really stops it.

pyoxigraph cannot cancel a running query, so on an on-disk store the query runs in a worker
process (:mod:`.worker`) that opens the store read-only and is killed when the timeout
passes. Remote endpoints get the timeout as their HTTP timeout. An in-memory store (tests)
runs in-process, where the timeout cannot be enforced.

Syntax is checked on the query text as the user wrote it, before parameters are bound, so
an error's line and column point into the user's own text.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

import openness_kg.store  # noqa: F401  (first: sparql_params <-> store import cycle)

from ..sparql_params import ParameterError, bind_parameters
from ..store import KGStore, OxigraphStore, StoreError
from ..store.base import QueryResult, QuerySyntaxError, QueryTimeout
from ..store.terms import to_ox
from . import worker
from .formats import project_prefixes

__all__ = ["NoStore", "QuerySyntaxError", "QueryTimeout", "check_syntax", "query_result"]


class NoStore(StoreError):
    """There is no store at the given path (nothing built yet)."""


_PREFIX_DECL = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")


def with_prologue(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``query`` with ``PREFIX`` lines for the project prefixes it uses without declaring
    them (all on one line before it; only for execution: syntax errors are reported on the
    user's own text by :func:`check_syntax`)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(query)}
    missing = [
        f"PREFIX {p}: <{ns}>"
        for p, ns in (prefixes or project_prefixes()).items()
        if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", query)
    ]
    return (" ".join(missing) + "\n" + query) if missing else query


def check_syntax(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Parse ``query`` (without touching any data); returns its form (``solutions``,
    ``boolean``, ``triples``, or ``unknown``).
    Raises :class:`QuerySyntaxError` with line and column."""
    try:
        # Evaluated on an empty in-memory store: a pure parse, as pyoxigraph has no parse-only
        # call; nothing is read and every pattern is empty.
        result = ox.Store().query(query, prefixes=dict(prefixes or project_prefixes()))
    except SyntaxError as exc:
        if _is_update(query):
            raise QuerySyntaxError(READ_ONLY) from exc
        raise QuerySyntaxError(_locate(query, str(exc))) from exc
    except (OSError, ValueError, RuntimeError):  # e.g. SERVICE: parsed fine, cannot run here
        return "unknown"
    if isinstance(result, ox.QuerySolutions):
        return "solutions"
    if isinstance(result, ox.QueryBoolean):
        return "boolean"
    return "triples"


_OX_POSITION = re.compile(r"^error at \d+:\d+:\s*")

READ_ONLY = (
    "this is a SPARQL Update (INSERT, DELETE, DROP, CLEAR, LOAD, ...) and queries here are "
    "read-only: give a SELECT, ASK, CONSTRUCT or DESCRIBE query"
)


def _is_update(text: str) -> bool:
    """Whether ``text`` parses as a SPARQL 1.1 Update (rdflib's grammar: a parse, no run)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # any failure to parse: not an update
        return False
    return bool(text.strip())


def _locate(query: str, message: str) -> str:
    """A better position for a syntax error. Oxigraph's parser often reports where it gave
    up (the end of the text); rdflib's reports the start of the construct that does not
    parse, so its line and column are used when it also rejects the query."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(query)
    except ParseException as exc:
        near = str(exc.line)[exc.col - 1 :][:30].strip()
        detail = _OX_POSITION.sub("", message)
        return f"error at {exc.lineno}:{exc.col}: near {near!r}: {detail}"
    except Exception:  # rdflib failing otherwise: keep oxigraph's message
        return message
    return message


def bind(query: str, bindings: Mapping[str, Node] | None) -> str:
    try:
        return bind_parameters(query, bindings)
    except ParameterError as exc:
        raise QuerySyntaxError(str(exc)) from exc


def _parses(text: str) -> bool:
    try:
        ox.Store().query(text)
    except SyntaxError:
        return False
    except (OSError, ValueError, RuntimeError):
        return True
    return True


def _check_bound(
    query: str,
    text: str,
    bindings: Mapping[str, Node],
    prefixes: Mapping[str, str] | None,
) -> None:
    """The query parsed, but not with the values bound: name the parameter(s) at fault,
    rather than a syntax error at a position the user never wrote."""
    if _parses(text):
        return
    base = with_prologue(query, prefixes)
    bad = [n for n in bindings if not _parses(bind(base, {n: bindings[n]}))] or list(bindings)
    # N-Triples (pyoxigraph escapes line breaks): the message stays one line
    names = ", ".join(f"?{n} = {str(to_ox(bindings[n]))[:200]}" for n in bad)
    raise QuerySyntaxError(
        f"the value given for {names} cannot stand where the query uses it "
        "(e.g. a literal where the query needs an IRI, as a predicate)"
    )


@contextmanager
def query_result(
    target: KGStore | Path,
    query: str,
    bindings: Mapping[str, Node] | None = None,
    timeout: float | None = None,
    check: bool = True,
    prefixes: Mapping[str, str] | None = None,
) -> Iterator[QueryResult]:
    """Run ``query`` on a store (or an on-disk store directory) and yield its native result,
    valid inside the ``with`` block. The project prefixes (``okg:``, ``prov:``, ``id:``...)
    may be used without declaring them. Raises :class:`QuerySyntaxError`,
    :class:`QueryTimeout` or :class:`StoreError`."""
    if check:
        check_syntax(query, prefixes)
    text = bind(with_prologue(query, prefixes), bindings)
    if bindings:  # cheap: a parse on an empty in-memory store
        _check_bound(query, text, bindings, prefixes)
    path: Path | None = None
    if isinstance(target, Path):
        path = target
    elif isinstance(target, OxigraphStore) and target.path is not None:
        target.raw.flush()  # the worker reads what is on disk
        path = target.path
    if path is None:
        assert isinstance(target, KGStore)
        yield target.query_raw(text, timeout=timeout)
        return
    with tempfile.TemporaryDirectory(prefix="okg-query-") as tmp:
        yield _run_in_worker(path, text, timeout, Path(tmp))


def _run_in_worker(store: Path, text: str, timeout: float | None, tmp: Path) -> QueryResult:
    if not (store / "CURRENT").exists():
        raise NoStore(f"no store at {store}: run `openness-kg build` first (or pass --store)")
    out = tmp / "result"
    proc = subprocess.Popen(
        [sys.executable, "-m", worker.__name__, str(store), str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        stdout, stderr = proc.communicate(text, timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None
    if proc.returncode == worker.SYNTAX_ERROR:
        raise QuerySyntaxError(stderr.strip())
    if proc.returncode != 0:
        raise StoreError(f"query failed: {stderr.strip() or f'worker exit {proc.returncode}'}")
    kind = stdout.strip()
    if kind == "triples":
        return (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES)
        )
    return ox.parse_query_results(path=str(out), format=ox.QueryResultsFormat.JSON)
