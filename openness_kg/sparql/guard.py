"""Refusing federated queries: a SPARQL 1.1 ``SERVICE`` pattern makes the engine send an HTTP
request to whatever IRI the query names (Oxigraph does it while it parses and plans the
query, before a single solution is read), so a query from a caller would make this process
reach hosts the caller cannot reach (a server-side request forgery). The public ``/sparql``
endpoint refuses every query with ``SERVICE``; ``openness-kg query`` runs one only with
``--allow-service``.

``SERVICE`` is found by the lexer the parameter binder uses (:func:`.params.tokenize`),
which skips strings, IRIs (with their ``\\u`` escapes), comments and prefixed names, so the
keyword in any case, in any sub-select, ``EXISTS`` or ``OPTIONAL``, is found, and the word
inside a string, an IRI or a comment is not. pyoxigraph has no switch to turn federation off
and no parse-only call (the check runs before the text reaches it). Bound parameters are
RDF terms written by pyoxigraph and cannot add a keyword; the check runs on the text that is
executed all the same.
"""

from __future__ import annotations

from ..binding import tokenize


class ServiceRefused(ValueError):
    """A query with a ``SERVICE`` pattern where federated queries are off."""


def uses_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` pattern anywhere."""
    return any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokenize(query))


def refuse_service(query: str, how_to_allow: str = "") -> None:
    """Raise :class:`ServiceRefused` when ``query`` uses ``SERVICE``; ``how_to_allow`` ends
    the message (e.g. ``"pass --allow-service to run it"``)."""
    if uses_service(query):
        message = (
            "SERVICE (a federated query) is refused: it would make this process send "
            "requests to the services the query names"
        )
        raise ServiceRefused(f"{message}; {how_to_allow}" if how_to_allow else message)
