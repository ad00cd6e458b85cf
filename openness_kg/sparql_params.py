"""Binding query parameters safely: values are RDF terms, never text pasted into SPARQL.

Each binding becomes an inline ``VALUES ?var { term }`` block placed at the start of the
query's WHERE pattern, where it joins with the whole pattern. The term is written by
pyoxigraph's N-Triples serializer (which escapes quotes, newlines and rejects invalid IRIs),
so a model id containing ``"``, ``>`` or ``}`` cannot change the query. This works for any
query form (SELECT with aggregates, ASK, CONSTRUCT, DESCRIBE) and for remote endpoints that
only accept query text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Node

from .store.terms import to_ox

_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_WORD = re.compile(r"[A-Za-z]+")


class ParameterError(ValueError):
    """A parameter that cannot be bound (bad name, or the query has no WHERE pattern)."""


def _where_brace(query: str) -> int:
    """The index of the ``{`` that opens the query's WHERE pattern (outside strings,
    IRIs and comments)."""
    i, n = 0, len(query)
    form: str | None = None
    saw_where = False
    depth = 0
    template_done = False
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            long_q = query[i : i + 3]
            if long_q in ('"""', "'''"):
                j = query.find(long_q, i + 3)
                i = n if j < 0 else j + 3
                continue
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":
            m = _IRI.match(query, i)
            if m:
                i = m.end()
                continue
        if c.isalpha() and (i == 0 or not (query[i - 1].isalnum() or query[i - 1] in "_:?$")):
            m = _WORD.match(query, i)
            assert m
            word = m.group(0).upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif word == "WHERE" and depth == 0:
                saw_where = True
            i = m.end()
            continue
        if c == "{":
            if depth == 0 and form is not None:
                if form == "CONSTRUCT" and not saw_where and not template_done:
                    template_done = True  # the template; the pattern is the next group
                else:
                    return i
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    raise ParameterError("the query has no WHERE pattern to bind parameters in")


def bind_parameters(query: str, bindings: Mapping[str, Node] | None) -> str:
    """``query`` with each binding as an inline VALUES block at the start of its WHERE."""
    if not bindings:
        return query
    blocks = []
    for name, value in bindings.items():
        if not _VAR.match(name):
            raise ParameterError(f"not a SPARQL variable name: {name!r}")
        blocks.append(f"VALUES ?{name} {{ {to_ox(value)} }}")
    at = _where_brace(query)
    return query[: at + 1] + " " + " ".join(blocks) + " " + query[at + 1 :]
