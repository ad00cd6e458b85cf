"""The competency questions of ``queries/cq/`` as examples for the SPARQL form."""

from __future__ import annotations

from dataclasses import dataclass

from ..sparql.cq import questions


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    query: str


def load_examples() -> list[Example]:
    """Every competency question with its text read once (the server caches the list)."""
    return [Example(q.name, q.question or q.name, q.text) for q in questions()]
