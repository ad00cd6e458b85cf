"""The MOF shapes (``shapes/mof.ttl``) and the class their results give (the SHACL engines are
in :mod:`openness_kg.shacl`).

The class a model conforms to is decided here: Class N when no shape of Classes III..N
(``okg:mofClass`` on the shape) reports the model or one of its components.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ..namespaces import OKG
from ..paths import SHAPES_DIR
from ..shacl.run import ShaclResult
from .settings import MOF_CLASS_IRI

MOF_SHAPES = SHAPES_DIR / "mof.ttl"
LEVEL = {v: k for k, v in MOF_CLASS_IRI.items()}  # okg:MofClassIII -> 3


@cache
def _load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def shape_levels(shapes: Graph) -> dict[Node, int]:
    """Shape -> MOF class level (3, 2, 1) for shapes that decide a class."""
    return {
        s: LEVEL[o]
        for s, o in shapes.subject_objects(OKG.mofClass)
        if isinstance(o, URIRef) and o in LEVEL
    }


def mof_shapes(require_class: int | None = None, path: Path = MOF_SHAPES) -> Graph:
    """The MOF shapes; with ``require_class`` N the shapes of Classes III..N become Violations."""
    base = _load(path)
    if require_class is None:
        return base
    if require_class not in (1, 2, 3):
        raise ValueError(f"--require-class takes 1, 2 or 3, not {require_class}")
    g = Graph()
    for t in base:
        g.add(t)
    for shape, level in shape_levels(base).items():
        if level >= require_class:
            g.remove((shape, SH.severity, None))
            g.add((shape, SH.severity, SH.Violation))
    return g


def mof_class_from_results(
    results: Iterable[ShaclResult], focus_model: dict[str, str], shapes: Graph
) -> dict[str, int]:
    """Model -> the most open MOF class none of whose shapes (or less open ones) reported it.

    ``focus_model`` maps every focus node (model or component IRI) to its model IRI."""
    by_model: dict[str, list[ShaclResult]] = {m: [] for m in focus_model.values()}
    for r in results:
        by_model.setdefault(focus_model.get(r.focus, r.focus), []).append(r)
    levels = {str(k): v for k, v in shape_levels(shapes).items()}
    return mof_class_from_levels(by_model, levels)


def mof_class_from_levels(
    by_model: dict[str, list[ShaclResult]], levels: dict[str, int]
) -> dict[str, int]:
    """Model -> its class from its results (``levels``: shape IRI -> the class it decides);
    a model with no result that decides a class is Class I."""
    out = {}
    for model, results in by_model.items():
        w = max((levels.get(r.source_shape, 0) for r in results), default=0)
        out[model] = 0 if w == 3 else (w + 1 if w else 1)
    return out
