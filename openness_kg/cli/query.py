"""``openness-kg query``: a query file, query text, or a competency question by name."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
from rdflib.term import Node

from ..resolve import find_model
from ..sparql.cq import ParameterValueError, find_question, guess_term, questions
from ..sparql.formats import (
    FORMATS,
    GRAPH_FORMATS,
    RESULTS_FORMATS,
    FormatError,
    check_format,
    project_prefixes,
    table_rows,
    write_result,
)
from ..sparql.guard import ServiceRefused, refuse_service
from ..sparql.pool import QueryPool
from ..sparql.run import (
    ALLOW_SERVICE_HINT,
    NoStore,
    QuerySyntaxError,
    QueryTimeout,
    check_syntax,
    query_result,
    run_job,
)
from ..store import KGStore, OxigraphStore, StoreError
from .main import Settings, UsageError, pass_settings
from .output import emit_rows, error, warn

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")
_ORDER_BY = re.compile(r"(?i)\bORDER\s+BY\b")


def syntax_message(source: str, message: str) -> str:
    """``FILE: syntax error at line L, column C: ...`` from pyoxigraph's ``error at L:C: ...``."""
    m = _POSITION.match(message)
    if m:
        rest = message[m.end() :]
        return f"{source}: syntax error at line {m.group(1)}, column {m.group(2)}: {rest}"
    return f"{source}: {message}"


@contextmanager
def _model_reader(settings: Settings, needed: bool) -> Iterator[KGStore | None]:
    """A store to resolve model parameters in (the one model resolver): the remote endpoint,
    or the embedded store (or, while another process writes it, the snapshot the query's worker
    will read) opened read-only for the lookup and closed before the worker runs; ``None``
    when not needed or there is no store yet (the key is then minted)."""
    if not needed:
        yield None
    elif settings.endpoint is not None:
        yield settings.store()
    elif not settings.store_path.exists():
        yield None
    else:
        try:
            reader = OxigraphStore(settings.read_path(), read_only=True)
        except StoreError as exc:
            raise UsageError(str(exc)) from exc
        try:
            yield reader
        finally:
            reader.close()


# (what the query reads, a store that should have it but has none of it, what to run)
UNSUMMARISED = [
    (
        ("highestMofClass",),
        # MOF assessments but no summary at all: classified before summaries existed
        """PREFIX okg: <https://w3id.org/openness-kg/ontology#>
ASK { ?assessment okg:assessedModel ?model ; okg:classLevel ?level .
      FILTER NOT EXISTS { ?any okg:highestMofClass ?class } }""",
        "MOF assessments but no per-model summaries (okg:highestMofClass): run "
        "`openness-kg classify` (default mode) or `openness-kg summarise`",
    ),
    (
        ("summaryLicense", "summaryLicenseCategory"),
        # records but no licence summary at all: written before summaries existed
        """PREFIX okg: <https://w3id.org/openness-kg/ontology#>
ASK { ?record okg:recordOf ?model . ?model a okg:Model .
      FILTER NOT EXISTS { ?any okg:summaryLicenseCategory ?category } }""",
        "model records but no per-model licence summaries (okg:summaryLicense): run "
        "`openness-kg summarise`",
    ),
]


def _warn_if_unsummarised(target: KGStore | QueryPool, text: str) -> None:
    """A query that reads per-model summaries on a store that has none would answer empty
    without saying why: say it."""
    for names, ask, advice in UNSUMMARISED:
        if not any(n in text for n in names):
            continue
        try:
            with query_result(target, ask, check=False) as result:
                stale = bool(result)
        except (StoreError, QueryTimeout):
            return  # the query itself will report the problem
        if stale:
            warn(f"this store has {advice}")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--param wants NAME=VALUE, got {pair!r}")
        out[name.strip()] = value
    return out


def _list_questions(fmt: str) -> None:
    rows = [
        (
            q.name,
            q.question,
            " ".join(f"{p.name}" + (f"={p.example}" if p.example else "") for p in q.parameters),
        )
        for q in questions()
    ]
    emit_rows(
        ["name", "question", "parameters"],
        rows,
        fmt if fmt in ("csv", "tsv", "json") else "table",
        title="competency questions",
    )


@click.command("query")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--sparql", "sparql_text", metavar="TEXT", help="The query text itself.")
@click.option("--cq", "cq_name", metavar="NAME", help="A competency question (see --list).")
@click.option("--list", "list_cq", is_flag=True, help="List the competency questions.")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE as an RDF term (repeatable). Competency questions convert by "
    "the parameter's type (a model id becomes the model's IRI); otherwise <IRI>, "
    "http(s)://... and prefix:name are IRIs, numbers are numbers, anything else a string.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table|csv|tsv|json|xml for SELECT/ASK (SPARQL 1.1 results formats); "
    "table|turtle|nt|jsonld|xml (RDF/XML) for CONSTRUCT/DESCRIBE.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="Stop the query after this many seconds (exit 1).",
)
@click.option(
    "--limit",
    type=int,
    default=None,
    metavar="N",
    help="Only N rows (solutions, or triples) of the answer: a page.",
)
@click.option(
    "--offset",
    type=int,
    default=0,
    metavar="K",
    help="Skip the answer's first K rows (with --limit: the page from row K). Pages of a "
    "query ending in ORDER BY follow one total order (ties by the rows' terms).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Run a query with SERVICE (a federated query): it makes this process send requests "
    "to the services the query names. Refused without this flag.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the result to this file instead of stdout.",
)
@pass_settings
def query_cmd(
    settings: Settings,
    file: str | None,
    sparql_text: str | None,
    cq_name: str | None,
    list_cq: bool,
    params: tuple[str, ...],
    fmt: str,
    timeout: float | None,
    limit: int | None,
    offset: int,
    allow_service: bool,
    output: Path | None,
) -> None:
    """Run SPARQL over the union of all named graphs: a query FILE (or - for stdin), --sparql
    TEXT, or a competency question by name (--cq NAME; --list shows them).

    Exit codes: 0 ok (whatever the result), 1 the query failed while running (timeout,
    store or endpoint error), 2 usage error or a syntax error (with line and column).
    """
    if list_cq:
        _list_questions(fmt)
        return
    for name, number in (("--limit", limit), ("--offset", offset)):
        if number is not None and number < 0:
            raise UsageError(f"{name} wants a number of rows, 0 or more; got {number}")
    given = [x for x in (file, sparql_text, cq_name) if x is not None]
    if len(given) != 1:
        raise UsageError("give exactly one of FILE, --sparql TEXT or --cq NAME (or --list)")
    values = _params(params)
    try:
        if cq_name is not None:
            try:
                q = find_question(cq_name)
            except KeyError as exc:
                raise UsageError(str(exc.args[0])) from exc
            source, text = str(q.path), q.text
            models = [p for p in q.parameters if p.kind == "model" and p.name in values]
            with _model_reader(settings, bool(models)) as reader:
                resolve = (lambda key: find_model(reader, key, settings.minter)) if reader else None
                bindings = q.bindings(values, settings.minter, defaults=False, resolve=resolve)
        else:
            if sparql_text is not None:
                source, text = "query", sparql_text
            elif file == "-":
                source, text = "<stdin>", sys.stdin.read()
            else:
                assert file is not None
                try:
                    source, text = file, Path(file).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise UsageError(f"cannot read {file}: {exc}") from exc
            bindings = {k: guess_term(v, settings.minter.base) for k, v in values.items()}
    except ParameterValueError as exc:
        raise UsageError(str(exc)) from exc

    if fmt == "table" and output is not None:
        raise UsageError("--output needs a --format other than table")
    if (limit is not None or offset) and not _ORDER_BY.search(text):
        warn(
            "the query has no ORDER BY: its pages follow the store's order, which may change "
            "between runs (a GROUP BY's groups do): add an ORDER BY for pages that fit together"
        )
    prefixes = project_prefixes(settings.minter.base)
    try:
        if not allow_service:
            refuse_service(text, ALLOW_SERVICE_HINT)
        if settings.endpoint is not None:
            remote = settings.store()
            _run_remote(
                remote, source, text, bindings, fmt, timeout, output, prefixes, limit, offset
            )
            return
        path = settings.read_path()
        if not (path / "CURRENT").exists():
            check_syntax(text, prefixes)  # a wrong query says so before "no store"
        with QueryPool(path, size=1, timeout=timeout, max_bytes=None, allow_service=True) as pool:
            _warn_if_unsummarised(pool, text)
            _run_local(pool, text, bindings, fmt, output, prefixes, limit, offset)
    except QuerySyntaxError as exc:
        raise UsageError(syntax_message(source, str(exc))) from exc
    except (FormatError, NoStore, ServiceRefused) as exc:
        raise UsageError(str(exc)) from exc
    except (QueryTimeout, StoreError) as exc:
        error(str(exc))
        raise SystemExit(1) from exc


class _LazyFile:
    """The output file, opened at the first chunk (so a refused query leaves none)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fh: IO[bytes] | None = None

    def write(self, data: bytes) -> None:
        if self.fh is None:
            self.fh = self.path.open("wb") if self.path is not None else sys.stdout.buffer
        self.fh.write(data)

    def close(self) -> None:
        if self.fh is None and self.path is not None:
            self.path.write_bytes(b"")  # an empty result is an empty file
        elif self.fh is not None:
            self.fh.flush()
            if self.path is not None:
                self.fh.close()


def _run_local(
    pool: QueryPool,
    text: str,
    bindings: dict[str, Node],
    fmt: str,
    output: Path | None,
    prefixes: dict[str, str],
    limit: int | None,
    offset: int,
) -> None:
    """The query in the pool's worker; the result (or its page) streams from it in the
    chosen format (the worker writes it: no temporary file)."""
    if fmt == "table":
        with query_result(
            pool, text, bindings, prefixes=prefixes, allow_service=True, limit=limit, offset=offset
        ) as result:
            headers, rows = table_rows(result, prefixes)
            emit_rows(headers, list(rows), "table")
        return
    results, graph = RESULTS_FORMATS.get(fmt), GRAPH_FORMATS.get(fmt)
    out = _LazyFile(output)
    answer = run_job(
        pool,
        text,
        bindings,
        prefixes,
        results_format=results.media_type if results else None,
        graph_format=graph.media_type if graph else None,
        sink=out.write,
        allow_service=True,
        limit=limit,
        offset=offset,
    )
    if answer.status == 406:
        check_format(fmt, answer.kind == "graph")
    out.close()


def _run_remote(
    store: KGStore,
    source: str,
    text: str,
    bindings: dict[str, Node],
    fmt: str,
    timeout: float | None,
    output: Path | None,
    prefixes: dict[str, str],
    limit: int | None,
    offset: int,
) -> None:
    """The query checked here (line and column), then sent to the endpoint (a page is cut
    from its answer here)."""
    form = check_syntax(text, prefixes)
    if form != "unknown":
        check_format(fmt, form == "triples")
    with query_result(
        store,
        text,
        bindings,
        timeout=timeout,
        check=False,
        prefixes=prefixes,
        allow_service=True,
        limit=limit,
        offset=offset,
    ) as result:
        if fmt == "table":
            headers, rows = table_rows(result, prefixes)
            emit_rows(headers, list(rows), "table")
        elif output is not None:
            with output.open("wb") as fh:
                write_result(result, fmt, fh, prefixes)
        else:
            out: IO[bytes] = sys.stdout.buffer
            write_result(result, fmt, out, prefixes)
            out.flush()
