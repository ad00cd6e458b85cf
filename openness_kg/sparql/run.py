"""Running one query with safe parameters and a timeout that really stops it.

On an on-disk store the query runs in a worker of a :class:`~.pool.QueryPool` (killed when
the timeout passes: pyoxigraph cannot cancel a query), the same workers the server's
``/sparql`` uses. Remote endpoints get the timeout as their HTTP timeout. An in-memory store
(tests) runs in-process, where the timeout cannot be enforced.

The text is parsed once, by the worker that runs it: the project prefixes are given to
Oxigraph as declared prefixes (not pasted into the text), so a syntax error's line and column
point into the user's own text. A query with ``SERVICE`` is refused unless
``allow_service`` (:mod:`.guard`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import Node

from ..binding import ParameterError, bind_parameters
from ..ordering import check_page, page
from ..store import KGStore, OxigraphStore
from ..store.base import QueryResult, QuerySyntaxError, QueryTimeout, StoreError
from ..terms import to_ox
from .formats import project_prefixes, turtle_prefixes
from .guard import ServiceRefused, refuse_service, uses_service
from .pool import Answer, Job, NoStore, QueryPool

__all__ = [
    "NoStore",
    "QuerySyntaxError",
    "QueryTimeout",
    "ServiceRefused",
    "check_syntax",
    "query_result",
    "run_job",
]

ALLOW_SERVICE_HINT = "pass --allow-service to run it"

_PREFIX_DECL = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?:")


def with_prologue(query: str, prefixes: Mapping[str, str] | None = None) -> str:
    """``query`` with ``PREFIX`` lines for the project prefixes it uses without declaring
    them (all on one line before it), for endpoints that only take text."""
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
    if uses_service(query):
        return "unknown"  # Oxigraph calls the service while parsing: not here
    try:
        # Evaluated on an empty in-memory store: a pure parse, as pyoxigraph has no parse-only
        # call; nothing is read and every pattern is empty.
        result = ox.Store().query(query, prefixes=dict(prefixes or project_prefixes()))
    except SyntaxError as exc:
        if _is_update(query):
            raise QuerySyntaxError(READ_ONLY) from exc
        raise QuerySyntaxError(_locate(query, str(exc))) from exc
    except (OSError, ValueError, RuntimeError):
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


def _pool_for(target: KGStore | Path | QueryPool, timeout: float | None) -> QueryPool | None:
    """The pool that runs queries on ``target``, ``None`` for an in-process store."""
    if isinstance(target, QueryPool):
        return target
    if isinstance(target, OxigraphStore) and target.path is not None:
        if not target.read_only:
            target.raw.flush()  # the worker reads what is on disk
        target = target.path
    if isinstance(target, Path):
        return QueryPool(target, size=1, timeout=timeout, max_bytes=None)
    return None


def run_job(
    pool: QueryPool,
    query: str,
    bindings: Mapping[str, Node] | None = None,
    prefixes: Mapping[str, str] | None = None,
    results_format: str | None = ox.QueryResultsFormat.JSON.media_type,
    graph_format: str | None = ox.RdfFormat.N_TRIPLES.media_type,
    sink: Callable[[bytes], object] | None = None,
    allow_service: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> Answer:
    """Run ``query`` (its ``bindings`` bound as terms) in one of ``pool``'s workers, the
    result in the given formats (to ``sink`` as it comes, or in the answer's body); only the
    page of ``limit`` rows from ``offset`` when given (:func:`openness_kg.ordering.page`). Raises
    :class:`QuerySyntaxError` (line and column in ``query``), :class:`QueryTimeout`,
    :class:`ServiceRefused` or :class:`StoreError`; a form neither format covers is an
    answer with status 406."""
    check_page(limit, offset)
    text = bind(query, bindings)
    if not allow_service:
        refuse_service(text, ALLOW_SERVICE_HINT)
    job = Job(
        text,
        results_format,
        graph_format,
        prefixes=dict(prefixes or project_prefixes()),
        turtle_prefixes=turtle_prefixes(prefixes),
        limit=limit,
        offset=offset,
    )
    answer = pool.run(job, sink)
    if answer.status in (200, 406):
        return answer
    message = answer.message
    if answer.error == "syntax":
        if _is_update(query):
            raise QuerySyntaxError(READ_ONLY)
        if bindings:
            _check_bound(query, with_prologue(text, prefixes), bindings, prefixes)
        raise QuerySyntaxError(_locate(query, message.removeprefix("Malformed query: ")))
    if answer.error == "timeout":
        raise QueryTimeout(f"the query ran longer than {pool.timeout:g} s and was stopped")
    if answer.error == "service":
        raise ServiceRefused(f"{message}; {ALLOW_SERVICE_HINT}")
    raise StoreError(message[:1].lower() + message[1:])


def _parsed(answer: Answer) -> QueryResult:
    if answer.kind == "graph":
        return (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(answer.body, ox.RdfFormat.N_TRIPLES)
        )
    return ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)


@contextmanager
def query_result(
    target: KGStore | Path | QueryPool,
    query: str,
    bindings: Mapping[str, Node] | None = None,
    timeout: float | None = None,
    check: bool = True,
    prefixes: Mapping[str, str] | None = None,
    allow_service: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> Iterator[QueryResult]:
    """Run ``query`` on a store (an on-disk store directory, or a pool of workers over one)
    and yield its native result, valid inside the ``with`` block. The project prefixes
    (``okg:``, ``prov:``, ``id:``...) may be used without declaring them. ``check`` parses
    the text first, in this process, where it does not run in a worker (a remote or
    in-memory store). ``limit``/``offset`` give a page of the result (on a remote or
    in-memory store, a slice of the answer in the order it comes). Raises
    :class:`QuerySyntaxError`, :class:`QueryTimeout`, :class:`ServiceRefused` or
    :class:`StoreError`."""
    check_page(limit, offset)
    if not allow_service:
        refuse_service(query, ALLOW_SERVICE_HINT)
    pool = _pool_for(target, timeout)
    if pool is None:
        assert isinstance(target, KGStore)
        if check:
            check_syntax(query, prefixes)
        text = bind(with_prologue(query, prefixes), bindings)
        if bindings:
            _check_bound(query, text, bindings, prefixes)
        result = target.query_raw(text, timeout=timeout)
        yield page(result, limit, offset) if limit is not None or offset else result
        return
    owned = nullcontext(pool) if pool is target else pool
    with owned:
        answer = run_job(
            pool, query, bindings, prefixes, allow_service=allow_service, limit=limit, offset=offset
        )
        yield _parsed(answer)
