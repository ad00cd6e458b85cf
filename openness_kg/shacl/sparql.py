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
    in angle brackets, a literal), or a :class:`Test` of terms already bound. ``fresh()``
    names a new variable. ``target(cls, var)``
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


@dataclass(frozen=True)
class _Constraint:
    """One constraint at a focus node: the pattern that matches its results (``value``:
    the variable of a result's value, ``None`` when the component reports none), and, when
    it can be written so, the expression true when it has none (``holds``)."""

    pattern: str
    value: str | None
    component: str
    key: str
    holds: str | None = None


class Test(str):
    """What a view may answer instead of a pattern: a test of terms already bound (e.g.
    ``?l IN (...)``, a licence among the open ones), used as an expression, never wrapped in
    ``EXISTS { FILTER(...) }`` (which Virtuoso 7.2 evaluates as true whatever the test)."""


def group(p: str) -> str:
    """A view's answer as group-pattern text."""
    return f"FILTER({p})" if isinstance(p, Test) else p


def present(p: str) -> str:
    """True when the view's answer matches."""
    return f"({p})" if isinstance(p, Test) else f"EXISTS {{ {p} }}"


def absent(p: str) -> str:
    """True when the view's answer does not match."""
    return f"!({p})" if isinstance(p, Test) else f"NOT EXISTS {{ {p} }}"


def term(key: str) -> str:
    """A term as the compiled shapes hold it (an IRI's text, a literal's N3 form) as SPARQL."""
    if key.startswith('"'):
        return key
    if key.startswith("_:"):
        raise ValueError(f"SHACL to SPARQL: a blank node as a value ({key}) is not supported")
    return f"<{key}>"


def per_graph(projection: str, body: str, lateral: bool) -> str:
    """``SELECT projection WHERE { body }`` for the record graphs bound to ``?g`` (a VALUES
    block at the start of the pattern). ``lateral``: the body inside ``LATERAL { }``, so
    the store evaluates it once per graph with ``?g`` bound (SEP-0006; Oxigraph). Without it
    Oxigraph may evaluate the body over the whole store and join it to the graphs after,
    which over chunks of records makes classifying a store quadratic in its size."""
    inner = f"LATERAL {{ {body} }}" if lateral else body
    return f"SELECT {projection} WHERE {{\n  {inner}\n}}"


class SparqlShapes:
    """The result queries of a shapes graph over a view (see the module doc); ``lateral``
    as :func:`per_graph`."""

    def __init__(self, shapes: CompiledShapes, view: View, lateral: bool = False) -> None:
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
                        text=per_graph(f"DISTINCT {vars_}", f"{target}\n  {pattern}", lateral),
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
        if len(parts) == 1:
            return parts[0]  # a Test stays one
        return " ".join(group(x) for x in parts)

    def _values(self, s: _Shape, focus: str) -> tuple[str, str]:
        """(pattern, variable) for the value nodes of ``s`` at ``focus`` (a node shape's
        value node is the focus itself)."""
        if s.path is None:
            return "", focus
        v = self.fresh()
        return group(self.path(focus, s.path, v)), v

    def conforms(self, s: _Shape, node: str, depth: int) -> str:
        """A SPARQL expression true when ``node`` conforms to ``s``: every constraint holds
        (written positively where it can be: ``EXISTS { p }``, not ``NOT EXISTS { FILTER
        NOT EXISTS { p } }``, which Oxigraph evaluates as two nested loops)."""
        if depth > _MAX_DEPTH:
            raise ValueError(f"SHACL to SPARQL: shape {s.node} nests too deep (a cycle?)")
        parts = [
            c.holds or f"NOT EXISTS {{ {c.pattern} }}"
            for c in self._constraints(s, node, depth + 1)
        ]
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def _constraints(self, s: _Shape, focus: str, depth: int) -> Iterator[_Constraint]:
        """Each constraint of ``s`` at ``focus`` (for sh:property, a constraint violated
        when a value does not conform to the nested shape: :meth:`conforms` reads it,
        :meth:`_results` yields the nested shape's own results instead)."""
        for key, o in s.constraints:
            if key in ("minCount", "qualifiedValueShape"):
                n = o if key == "minCount" else o[1]
                if n == 0:
                    continue
                if n != 1:
                    raise ValueError(f"SHACL to SPARQL: {key} {n} on {s.node} (only 1)")
            if key == "hasValue":  # its path ends in the value itself, not a variable
                comp = str(SH.HasValueConstraintComponent)
                if s.path is None:
                    same = f"sameTerm({focus}, {term(o)})"
                    yield _Constraint(f"FILTER(!{same})", focus, comp, key, same)
                else:
                    has = self.path(focus, s.path, term(o))
                    pattern = f"FILTER({absent(has)})"
                    yield _Constraint(pattern, focus, comp, key, present(has))
                continue
            holds: str | None
            values, v = self._values(s, focus)
            if key == "property":
                c = self.conforms(o, v, depth)
                yield _Constraint(f"{values} FILTER(!{c})", v, "", key)
            elif key == "minCount":
                comp = str(SH.MinCountConstraintComponent)
                yield _Constraint(
                    f"FILTER NOT EXISTS {{ {values} }}", None, comp, key, f"EXISTS {{ {values} }}"
                )
            elif key == "class":
                has = self.view.triple(v, TYPE, term(o), self.fresh)
                holds = present(has) if s.path is None else None
                comp = str(SH.ClassConstraintComponent)
                yield _Constraint(f"{values} FILTER({absent(has)})", v, comp, key, holds)
            elif key in ("node", "not"):
                c = self.conforms(o, v, depth)
                ok = c if key == "node" else f"!{c}"
                comp = SH.NodeConstraintComponent if key == "node" else SH.NotConstraintComponent
                holds = ok if s.path is None else None
                yield _Constraint(f"{values} FILTER(!{ok})", v, str(comp), key, holds)
            elif key == "or":
                any_ = " || ".join(self.conforms(m, v, depth) for m in o) or "false"
                holds = f"({any_})" if s.path is None else None
                comp = str(SH.OrConstraintComponent)
                yield _Constraint(f"{values} FILTER(!({any_}))", v, comp, key, holds)
            elif key == "qualifiedValueShape":
                c = self.conforms(o[0], v, depth)
                some = f"{{ {values} FILTER({c}) }}"
                comp = str(SH.QualifiedMinCountConstraintComponent)
                yield _Constraint(f"FILTER NOT EXISTS {some}", focus, comp, key, f"EXISTS {some}")
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
        for c in self._constraints(s, focus, depth):
            if c.key != "property":
                yield c.pattern, focus, c.value, c.component, s.path
