"""The MOF view (:mod:`openness_kg.mof.view`) as SPARQL over the store, so that the MOF shapes
compiled to SPARQL (:mod:`openness_kg.shacl.sparql`) classify many records in the store at
once, without reading each record into Python.

Every triple of the view is derived from a record graph ``?g``: a model's listed component
``?c`` (``okg:hasComponent``) typed by a MOF class; its content-type class (a VALUES table
of the MOF classes of each content type); its licences (``dcterms:license``): for each
declared licence string, the node :func:`~openness_kg.mof.view.licence_facts` gives it, unless
every string it declares is empty or ``unlicensed`` (a VALUES table string -> node); and
the flags of those nodes (``okg:MofOpenLicense``, ``okg:typeAppropriateFor``) as membership
tests (``?l IN (...)``). Both are computed in Python once per distinct declared string
(:class:`LicenceTable`: at Hub scale a few hundred strings, not millions of components), by
the function the Python view uses. A view triple the shapes ask for and this module does not
define raises: nothing is silently true or false.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF

from ..binding import bind_parameters
from ..iris import Minter
from ..namespaces import OKG
from ..shacl.sparql import Test, absent, per_graph
from ..store import KGStore
from .mot_licenses import load_mot_licenses
from .settings import CONTENT_TYPE_CLASS, OKG_CLASS, load_settings
from .view import UNLICENSED, licence_facts

TYPE = str(RDF.type)
_CLASSES = " ".join(f"<{c}>" for c in OKG_CLASS.values())


def _content_classes() -> dict[str, str]:
    """Content-type class IRI -> the MOF classes of that content type, as a VALUES list."""
    out: dict[str, list[str]] = {}
    for c in load_settings().components:
        out.setdefault(str(CONTENT_TYPE_CLASS[c.content_type]), []).append(f"<{c.okg_class}>")
    return {k: " ".join(v) for k, v in out.items()}


class LicenceTable:
    """The view's facts of every declared licence string met so far (:meth:`extend`), as
    SPARQL text. A node's flags are the same for every string that names it (checked:
    two strings naming one node with different flags would make the view say both)."""

    def __init__(self, mode: str, minter: Minter) -> None:
        self.mode, self.minter, self.mot = mode, minter, load_mot_licenses()
        self.rows: dict[str, str] = {}  # raw literal (SPARQL) -> node (SPARQL)
        # node (SPARQL) -> (open, the concepts it is appropriate for)
        self.flags: dict[str, tuple[bool, tuple[str, ...]]] = {}
        self.version = 0  # grows with the table (compiled queries hold its text)

    def extend(self, raws: Iterable[ox.Literal]) -> None:
        for lit in raws:
            key = str(lit)
            if key in self.rows:
                continue
            f = licence_facts(lit.value, self.mode, self.minter, self.mot)
            node = str(ox.NamedNode(f.node))  # N-Triples: checked, escaped
            flags = (f.open, tuple(str(c) for c in f.appropriate_for))
            if self.flags.setdefault(node, flags) != flags:
                raise ValueError(
                    f"MOF view: licence node {f.node} has different flags for different strings"
                )
            self.rows[key] = node
            self.version += 1

    def rows_text(self) -> str:
        return " ".join(f"({r} {n})" for r, n in sorted(self.rows.items()))

    def nodes_text(self, concept: str | None = None) -> str:
        """The open nodes, or those MOT lists as appropriate for ``concept``, as the list of
        an ``IN`` (a membership test of a bound variable: Virtuoso 7.2 cannot compile a
        VALUES block of an outer variable inside EXISTS)."""
        return ", ".join(
            sorted(
                node
                for node, (is_open, concepts) in self.flags.items()
                if (is_open if concept is None else concept in concepts)
            )
        )


class MofStoreView:
    """The MOF view of each record graph ``?g`` (see the module doc), for
    :class:`~openness_kg.shacl.sparql.SparqlShapes`. The licence tables are written into
    the queries when they are compiled: compile again when the table has grown
    (``table.version``)."""

    def __init__(self, table: LicenceTable) -> None:
        self.table = table
        self.content = _content_classes()

    def _classed(self, model: str, comp: str, fresh: Callable[[], str]) -> str:
        k = fresh()
        return (
            f"GRAPH ?g {{ {model} <{OKG.hasComponent}> {comp} . {comp} a {k} }} "
            f"VALUES {k} {{ {_CLASSES} }}"
        )

    def triple(self, s: str, p: str, o: str, fresh: Callable[[], str]) -> str:
        if p == TYPE:
            cls = o[1:-1]
            if cls == str(OKG.Model):
                return self._classed(s, fresh(), fresh)
            if URIRef(cls) in OKG_CLASS.values():
                return f"GRAPH ?g {{ {fresh()} <{OKG.hasComponent}> {s} . {s} a {o} }}"
            if cls in self.content:
                k = fresh()
                return (
                    f"GRAPH ?g {{ {fresh()} <{OKG.hasComponent}> {s} . {s} a {k} }} "
                    f"VALUES {k} {{ {self.content[cls]} }}"
                )
            if cls == str(OKG.MofOpenLicense):
                return Test(f"{s} IN ({self.table.nodes_text()})")
        elif p == str(OKG.hasComponent):
            return self._classed(s, o, fresh)
        elif p == str(OKG.componentOf):
            return self._classed(o, s, fresh)
        elif p == str(DCTERMS.license):
            raw, other = fresh(), fresh()
            return (
                f"{self._classed(fresh(), s, fresh)} "
                f"GRAPH ?g {{ {s} <{OKG.declaredLicense}> {raw} }} "
                f"VALUES ({raw} {o}) {{ {self.table.rows_text()} }} "
                f"FILTER EXISTS {{ GRAPH ?g {{ {s} <{OKG.declaredLicense}> {other} }} "
                f'FILTER(STR({other}) != "" && STR({other}) != "{UNLICENSED}") }}'
            )
        elif p == str(OKG.typeAppropriateFor) and o.startswith("<"):
            return Test(f"{s} IN ({self.table.nodes_text(o[1:-1])})")
        raise ValueError(f"the MOF view over the store has no triples ?s <{p}> {o}")

    def target(self, cls: str, var: str, fresh: Callable[[], str]) -> str:
        if cls == str(OKG.Model):  # each model once (the view's typing: a classed component)
            return (
                f"GRAPH ?g {{ {var} a <{OKG.Model}> }} "
                f"FILTER EXISTS {{ {self._classed(var, fresh(), fresh)} }}"
            )
        return self.triple(var, TYPE, f"<{cls}>", fresh)


def open_components_query(view: MofStoreView, fresh: Callable[[], str], lateral: bool) -> str:
    """(?g, ?m, ?k): each listed component of class ``?k`` the view counts open (a licence,
    every licence flagged open), as :func:`~openness_kg.mof.progress.open_in_view` reads it."""
    lic, other = fresh(), fresh()
    has = view.triple("?c", str(DCTERMS.license), lic, fresh)
    any_ = view.triple("?c", str(DCTERMS.license), other, fresh)
    is_open = view.triple(other, TYPE, f"<{OKG.MofOpenLicense}>", fresh)
    return per_graph(
        "DISTINCT ?g ?m ?k",
        f"GRAPH ?g {{ ?m <{OKG.hasComponent}> ?c . ?c a ?k }} VALUES ?k {{ {_CLASSES} }} "
        f"FILTER EXISTS {{ {has} }} "
        f"FILTER NOT EXISTS {{ {any_} FILTER({absent(is_open)}) }}",
        lateral,
    )


def components_query(lateral: bool) -> str:
    """(?g, ?m, ?c): every component each record lists for a model."""
    return per_graph("?g ?m ?c", f"GRAPH ?g {{ ?m <{OKG.hasComponent}> ?c }}", lateral)


def declared_strings(store: KGStore, graphs: Sequence[URIRef]) -> list[Any]:
    """The distinct declared licence strings in the record graphs ``graphs``."""
    query = per_graph(
        "DISTINCT ?raw",
        f"GRAPH ?g {{ ?c <{OKG.declaredLicense}> ?raw }}",
        store.supports_lateral,
    )
    res = store.query_raw(bind_parameters(query, {"g": graphs}))
    assert isinstance(res, ox.QuerySolutions)
    return [s["raw"] for s in res if isinstance(s["raw"], ox.Literal)]
