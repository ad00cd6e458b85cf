"""The canonical serialization of the hand-edited Turtle sources (``ontology/``, ``shapes/``).

The canonical form is rdflib's ``longturtle`` with the project's prefixes bound: one stable
text per graph, so diffs stay small and a test can fail when a file is not in it. Comments do
not survive: documentation belongs in ``rdfs:comment``/``skos:definition`` triples.

    python -m openness_kg.canonical FILE...          rewrite the files in canonical form
    python -m openness_kg.canonical --check FILE...  exit 1 listing the files that would change
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .namespaces import bind_prefixes


def canonical_text(text: str, source: str = "<text>") -> str:
    """``text`` (Turtle) in canonical form. Raises ``ValueError`` naming ``source`` if it does
    not parse."""
    g = Graph(bind_namespaces="none")
    try:
        g.parse(data=text, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise ValueError(f"{source}: not valid Turtle: {exc}") from exc
    # Blank nodes get content-derived labels (RGDA1), so that their order is stable too.
    canon = Graph(bind_namespaces="none")
    for triple in to_canonical_graph(g):
        canon.add(triple)
    for prefix, ns in g.namespaces():
        canon.bind(prefix, ns)
    bind_prefixes(canon)
    out = canon.serialize(format="longturtle")
    return out.rstrip("\n") + "\n"


def canonical_file(path: Path) -> str:
    return canonical_text(path.read_text(encoding="utf-8"), str(path))


def is_canonical(path: Path) -> bool:
    return path.read_text(encoding="utf-8") == canonical_file(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m openness_kg.canonical",
        description="Rewrite Turtle files in canonical form (rdflib longturtle).",
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if any differ")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    changed: list[Path] = []
    for path in args.files:
        try:
            text = path.read_text(encoding="utf-8")
            canon = canonical_text(text, str(path))
        except (OSError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if text != canon:
            changed.append(path)
            if not args.check:
                path.write_text(canon, encoding="utf-8")
    for path in changed:
        print(f"{'would rewrite' if args.check else 'rewrote'} {path}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
