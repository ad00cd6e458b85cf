"""What the remote backend does differently when the endpoint is OpenLink Virtuoso (7.2).

Measured on Debian's ``virtuoso-opensource`` 7.2.5 and checked against its documentation
(docs.openlinksw.com/virtuoso: 16.2.12 "Supported SPARQL-BI define pragmas", 16.2.8 "Default
and Named Graphs"; vos.openlinksw.com VirtGraphUpdateProtocol):

* **Its own graphs.** A new Virtuoso database already holds graphs of its own: its metadata
  (``virtrdf:``), the OWL and LDP vocabularies, the endpoint's service description (named
  after the endpoint, ``http://<DefaultHost>/sparql``) and WebDAV metadata
  (``http://<DefaultHost>/DAV/``); its default graph is the union of all graphs, these too.
  The queries the backend writes itself (counts, graph sizes, export) leave them out with a
  standard ``FILTER (?g NOT IN (...))``; the service-description and DAV graphs are found by
  what they hold. Questions are sent as they are: no question reads Virtuoso's vocabularies.
  (Virtuoso's ``define input:default-graph-exclude`` pragmas, 16.2.12, would hide them from
  every query, but on 7.2.5 two of them made question 01's ``rdfs:subClassOf*`` path answer
  nothing, and question 12's cost estimate pass ``MaxQueryCostEstimationTime``.)
* **Big updates.** ``/sparql`` compiles ``INSERT DATA`` into SQL and gives up past 10,000
  lines of SQL (SP031) or about 5,000 triples in one block (SP030, "memory exhausted"). With
  ``define sql:big-data-const 1`` the triples are passed as data, and blocks of
  ``GRAPH_BLOCK`` triples stay under the parser's limit; one request is still one
  transaction. It refuses blank nodes in ``INSERT DATA`` ("not allowed in a constant
  clause", SP031), so triples with blank nodes go to one ``INSERT {...} WHERE {}`` of the
  same request (its blank nodes are one node each within that operation, as in the record).
  A request of about 1,000 operations fails too ("Query too large", SQ156), so a request
  drops at most ``GRAPHS_PER_REQUEST`` graphs: ``replace_graphs`` and ``push`` write that
  many graphs a request, each graph still dropped and written in one request.
* **Terms in results.** Virtuoso writes a blank node in SELECT results as
  ``"nodeID://b10011"``, which is no blank-node label, and, in JSON, booleans as ``"1"`` and
  ``"0"`` (the same values as ``true``/``false``, but other RDF terms than the ones stored):
  :class:`FixedResults` reads them as ``b10011``, ``true`` and ``false``. Results are asked
  as JSON by content negotiation only (SPARQLWrapper's ``format=xml`` parameter would make
  Virtuoso answer XML, and pyoxigraph 0.5's XML results parser trims the spaces around a
  literal, which the JSON one keeps).
* **Cut answers.** ``[SPARQL] ResultSetMaxRows`` (10,000 in Debian's ini) cuts a SELECT
  silently, saying so only in an ``X-SPARQL-MaxRows`` header; a query past
  ``MaxQueryExecutionTime`` may return partial "anytime" results flagged by
  ``X-SQL-State: S1TAT``. Both become errors here, never a short answer.
"""

from __future__ import annotations

import io
from email.message import Message
from typing import IO

SERVER_PREFIX = "virtuoso/"  # the Server response header: "Virtuoso/07.20.3229 (Linux) ..."
OWN_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/ns/ldp#",
)
# The graphs holding Virtuoso's service description of itself and its WebDAV metadata.
OWN_GRAPHS_QUERY = """SELECT DISTINCT ?g WHERE {
  { GRAPH ?g { ?g a <http://www.w3.org/ns/sparql-service-description#Service> } }
  UNION { GRAPH ?g { ?s <http://www.openlinksw.com/schemas/DAV#ownerUser> ?u } }
}"""
GRAPH_BLOCK = 1000
BLANK_NODE_TEMPLATE = 1000  # 2,000 template triples pass Virtuoso's 10,000 lines of SQL
GRAPHS_PER_REQUEST = 500  # 800 DROPs in one request pass, 1,000 do not (SQ156)
UPDATE_PROLOGUE = "define sql:big-data-const 1\n"
ANYTIME = "S1TAT"


def is_virtuoso(server_header: str | None) -> bool:
    return (server_header or "").strip().lower().startswith(SERVER_PREFIX)


def response_problem(headers: Message) -> tuple[str, str] | None:
    """``("timeout" | "truncated", message)`` when Virtuoso says the answer is partial."""
    state = headers.get("X-SQL-State")
    if state and state.strip() == ANYTIME:
        detail = headers.get("X-SQL-Message") or "partial results"
        return "timeout", f"the query ran past Virtuoso's time limit ({detail})"
    cap = headers.get("X-SPARQL-MaxRows")
    if cap:
        return "truncated", (
            f"Virtuoso cut the answer at {cap.strip()} rows: raise [SPARQL] ResultSetMaxRows "
            "in virtuoso.ini, or page the query (LIMIT/OFFSET)"
        )
    return None


# What Virtuoso 7.2 writes in SELECT results, and what we read instead. Each pattern holds
# the JSON keys (or XML tag) around the value, which a string inside the results cannot
# contain unescaped (its quotes are escaped), so no literal's text is ever changed.
_BOOLEAN = b'"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": '
RESULT_FIXES: dict[str, tuple[tuple[bytes, bytes], ...]] = {
    "application/sparql-results+json": (
        (b'"type": "bnode", "value": "nodeID://', b'"type": "bnode", "value": "'),
        (_BOOLEAN + b'"1"', _BOOLEAN + b'"true"'),
        (_BOOLEAN + b'"0"', _BOOLEAN + b'"false"'),
    ),
    "application/sparql-results+xml": ((b"<bnode>nodeID://", b"<bnode>"),),
}


class FixedResults(io.RawIOBase):
    """A results stream with Virtuoso's ways of writing terms (above) replaced as the bytes
    stream by, so a whole answer is never held in memory."""

    def __init__(self, raw: IO[bytes], fixes: tuple[tuple[bytes, bytes], ...]) -> None:
        self.raw, self.fixes = raw, fixes
        self.keep = max(len(old) for old, _ in fixes) - 1  # a pattern may straddle chunks
        self.out = b""
        self.tail = b""
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while len(self.out) < len(b) and not self.eof:
            chunk = self.raw.read(1 << 16)
            data = self.tail + chunk
            for old, new in self.fixes:
                data = data.replace(old, new)
            if chunk:
                self.tail, data = data[-self.keep :], data[: -self.keep]
            else:
                self.eof, self.tail = True, b""
            self.out += data
        n = min(len(b), len(self.out))
        b[:n] = self.out[:n]
        self.out = self.out[n:]
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()
