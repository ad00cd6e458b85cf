"""The query worker: ``python -m openness_kg.sparql.worker STORE OUT`` with the query on stdin.

It opens the embedded store read-only (the store allows one writer; read-only openers may be
many and see what the writer has committed), runs the query over the union of named graphs,
and writes the result to OUT: SPARQL JSON results for SELECT/ASK, N-Triples for
CONSTRUCT/DESCRIBE. Its first line on stdout is the result kind (``solutions``, ``boolean`` or
``triples``). A SELECT that ends with an ORDER BY of plain variables runs without it and is
sorted in Python (:mod:`.order`: Oxigraph's ORDER BY is slow on large answers). Exit 0 on
success, 3 on a syntax error, 4 on any other error (message on stderr). The parent kills it
when the timeout passes: pyoxigraph cannot cancel a query.
"""

from __future__ import annotations

import sys

import pyoxigraph as ox

from . import order

SYNTAX_ERROR = 3
FAILED = 4


def main(argv: list[str]) -> int:
    store_path, out_path = argv
    query = sys.stdin.read()
    try:
        store = ox.Store.read_only(store_path)
        split = order.split_order(query)
        result = store.query(split[0] if split else query, use_default_graph_as_union=True)
        if isinstance(result, ox.QuerySolutions):
            kind = "solutions"
        elif isinstance(result, ox.QueryBoolean):
            kind = "boolean"
        else:
            kind = "triples"
        print(kind, flush=True)
        if isinstance(result, ox.QueryTriples):
            result.serialize(out_path, ox.RdfFormat.N_TRIPLES)
        elif split is not None and isinstance(result, ox.QuerySolutions):
            order.write_sorted(result, split[1], out_path)
        else:
            result.serialize(out_path, ox.QueryResultsFormat.JSON)
    except SyntaxError as exc:
        print(str(exc), file=sys.stderr)
        return SYNTAX_ERROR
    except (OSError, ValueError) as exc:
        print(str(exc), file=sys.stderr)
        return FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
