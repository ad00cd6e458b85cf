"""SHACL shapes compiled to SPARQL, evaluated by the store over many records at once.

The shapes are read by :class:`~openness_kg.shacl.compiled.CompiledShapes` (one reader, one
supported subset: sh:targetClass, sh:path (IRI or sequence), sh:minCount 1, sh:class,
sh:hasValue, sh:node, sh:not, sh:or, sh:property, sh:qualifiedValueShape with
sh:qualifiedMinCount 1); each result-producing constraint of a target shape becomes one
SELECT whose solutions are its validation results: ``?g`` (the record graph the data lies
in), the focus node and the value. The data graph is a *view* (:class:`View`): every triple
pattern a shape needs (``?x rdf:type C``, ``?x p ?y``) is asked of the view, which answers
with a SPARQL group pattern over the store inside ``GRAPH ?g``. So the same shapes run over
data that is stored as it is (:class:`StoredView`) or derived from what is stored (the MOF
view, :mod:`openness_kg.mof.store_view`), and a shape the compiler cannot express raises
instead of passing silently.

The SHACL semantics (SHACL 1.0, section 4: value nodes of a path, the core constraint
components) map onto SPARQL as:

- a shape conforms at node ``x`` when no constraint of it has a result there: the
  conjunction of ``NOT EXISTS { <the constraint's violation at x> }``;
- sh:minCount 1: ``FILTER NOT EXISTS { x path ?v }``; sh:class C: a value ``?v`` with
  ``FILTER NOT EXISTS { ?v a C }``; sh:hasValue X: ``FILTER NOT EXISTS { x path X }``;
  sh:node / sh:not / sh:or: a value that does not conform / conforms / conforms to none;
  sh:qualifiedValueShape Q, sh:qualifiedMinCount 1: no value conforms to Q;
  sh:property S: the results of S with each value as focus node.

pySHACL stays the reference engine: tests hold this one equal to it (focus node, path,
source shape, constraint component, severity) on every bundled record and on 1,000
synthetic ones.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from rdflib.namespace import RDF, SH

from .compiled import CompiledShapes, Path, _path_text, _Shape

TYPE = str(RDF.type)
_MAX_DEPTH = 32  # nested shapes deeper than this are a cycle (sh:node back to itself)


class View(Protocol):
    """The data graph the shapes read, as SPARQL over the store: ``triple(s, p, o)`` is the
    group pattern (inside ``GRAPH ?g``, ``?g`` bound by the caller) that matches when the
    view holds the triple ``s p o``; ``s`` and ``o`` are SPARQL terms (a variable, an IRI
    in angle brackets, a literal). ``fresh()`` names a new variable. ``target(cls, var)``
    enumerates the instances of a target class once each."""

    def triple(self, s: str, p: str, o: str, fresh: Callable[[], str]) -> str: ...

    def target(self, cls: str, var: str, fresh: Callable[[], str]) -> str: ...


class StoredView:
    """The data as it is stored: each record's triples in its named graph ``?g``."""

    def triple(self, s: str, p: str, o: str, fresh: Callable[[], str]) -> str:
        return f"GRAPH ?g {{ {s} <{p}> {o} }}"

    def target(self, cls: str, var: str, fresh: Callable[[], str]) -> str:
        return self.triple(var, TYPE, f"<{cls}>", fresh)


@dataclass(frozen=True)
class ResultQuery:
    """One constraint's results as a SELECT over the record graphs ``?g`` (bind ``g`` to a
    list of graphs, :func:`~openness_kg.binding.bind_parameters`): each solution is one
    validation result (``focus`` and, unless the component reports none, ``value``
    are the variables holding them)."""

    text: str
    source_shape: str
    path: str | None
    component: str
    severity: str
    message: str
    focus: str
    value: str | None


def term(key: str) -> str:
    """A term as the compiled shapes hold it (an IRI's text, a literal's N3 form) as SPARQL."""
    if key.startswith('"'):
        return key
    if key.startswith("_:"):
        raise ValueError(f"SHACL to SPARQL: a blank node as a value ({key}) is not supported")
    return f"<{key}>"


class SparqlShapes:
    """The result queries of a shapes graph over a view (see the module doc)."""

    def __init__(self, shapes: CompiledShapes, view: View) -> None:
        self.view = view
        self._vars = itertools.count()
        self.queries: list[ResultQuery] = []
        for shape, cls, severity, message in shapes.top:
            focus = self.fresh()
            target = view.target(cls, focus, self.fresh)
            for pattern, f, value, component, path in self._results(shape, focus, 0):
                vars_ = " ".join(dict.fromkeys(x for x in ("?g", f, value) if x))
                self.queries.append(
                    ResultQuery(
                        text=f"SELECT DISTINCT {vars_} WHERE {{\n  {target}\n  {pattern}\n}}",
                        source_shape=str(shape.node),
                        path=_path_text(path),
                        component=component,
                        severity=str(severity),
                        message=message,
                        focus=f[1:],
                        value=value[1:] if value else None,
                    )
                )

    def fresh(self) -> str:
        return f"?v{next(self._vars)}"

    # compiling ---------------------------------------------------------------------------
    def path(self, focus: str, path: Path | None, value: str) -> str:
        """The pattern binding ``value`` to each value node of ``path`` from ``focus``."""
        assert path is not None
        parts, node = [], focus
        for i, p in enumerate(path):
            nxt = value if i == len(path) - 1 else self.fresh()
            parts.append(self.view.triple(node, p, nxt, self.fresh))
            node = nxt
        return " ".join(parts)

    def _values(self, s: _Shape, focus: str) -> tuple[str, str]:
        """(pattern, variable) for the value nodes of ``s`` at ``focus`` (a node shape's
        value node is the focus itself)."""
        if s.path is None:
            return "", focus
        v = self.fresh()
        return self.path(focus, s.path, v), v

    def conforms(self, s: _Shape, node: str, depth: int) -> str:
        """A SPARQL expression true when ``node`` conforms to ``s``."""
        if depth > _MAX_DEPTH:
            raise ValueError(f"SHACL to SPARQL: shape {s.node} nests too deep (a cycle?)")
        parts = [f"NOT EXISTS {{ {v} }}" for v, *_ in self._constraints(s, node, depth + 1)]
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _constraints(
        self, s: _Shape, focus: str, depth: int
    ) -> Iterator[tuple[str, str | None, str, str]]:
        """(pattern, value variable, component, kind) per constraint of ``s`` (not
        sh:property, whose nested results :meth:`_results` yields with their own focus;
        for :meth:`conforms`, a sh:property constraint is violated when a value does not
        conform to the nested shape)."""
        for key, o in s.constraints:
            if key == "property":
                values, v = self._values(s, focus)
                yield f"{values} FILTER(!{self.conforms(o, v, depth)})", v, "", key
                continue
            if key == "minCount":
                if o == 0:
                    continue
                if o != 1:
                    raise ValueError(f"SHACL to SPARQL: sh:minCount {o} on {s.node}")
                values, v = self._values(s, focus)
                yield (
                    f"FILTER NOT EXISTS {{ {values} }}",
                    None,
                    str(SH.MinCountConstraintComponent),
                    key,
                )
            elif key == "class":
                values, v = self._values(s, focus)
                has = self.view.triple(v, TYPE, term(o), self.fresh)
                yield (
                    f"{values} FILTER NOT EXISTS {{ {has} }}",
                    v,
                    str(SH.ClassConstraintComponent),
                    key,
                )
            elif key == "hasValue":
                if s.path is None:
                    yield (
                        f"FILTER(!sameTerm({focus}, {term(o)}))",
                        focus,
                        str(SH.HasValueConstraintComponent),
                        key,
                    )
                else:
                    has = self.path(focus, s.path, term(o))
                    yield (
                        f"FILTER NOT EXISTS {{ {has} }}",
                        focus,
                        str(SH.HasValueConstraintComponent),
                        key,
                    )
            elif key in ("node", "not"):
                values, v = self._values(s, focus)
                c = self.conforms(o, v, depth)
                test = f"!{c}" if key == "node" else c
                comp = SH.NodeConstraintComponent if key == "node" else SH.NotConstraintComponent
                yield f"{values} FILTER({test})", v, str(comp), key
            elif key == "or":
                values, v = self._values(s, focus)
                any_ = " || ".join(self.conforms(m, v, depth) for m in o) or "false"
                yield f"{values} FILTER(!({any_}))", v, str(SH.OrConstraintComponent), key
            elif key == "qualifiedValueShape":
                qualified, n = o
                if n == 0:
                    continue
                if n != 1:
                    raise ValueError(f"SHACL to SPARQL: sh:qualifiedMinCount {n} on {s.node}")
                values, v = self._values(s, focus)
                c = self.conforms(qualified, v, depth)
                comp = SH.QualifiedMinCountConstraintComponent
                yield f"FILTER NOT EXISTS {{ {values} FILTER({c}) }}", focus, str(comp), key
            else:  # CompiledShapes admits nothing else
                raise ValueError(f"SHACL to SPARQL: unsupported {key} on {s.node}")

    def _results(
        self, s: _Shape, focus: str, depth: int
    ) -> Iterator[tuple[str, str, str | None, str, Path | None]]:
        """(pattern, focus variable, value variable, component, path) of every result
        ``s`` can report at ``focus``: its own constraints', and for sh:property the nested
        shape's results at each value node."""
        if depth > _MAX_DEPTH:
            raise ValueError(f"SHACL to SPARQL: shape {s.node} nests too deep (a cycle?)")
        for key, o in s.constraints:
            if key != "property":
                continue
            values, v = self._values(s, focus)
            for pattern, f, value, comp, path in self._results(o, v, depth + 1):
                yield f"{values} {pattern}", f, value, comp, path
        for pattern, value, comp, key in self._constraints(s, focus, depth):
            if key == "property":
                continue
            yield pattern, focus, value, comp, s.path
