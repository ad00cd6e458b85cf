"""Progress towards each MOF class, computed from the MOF view (the graph SHACL validates).

Progress III = open required III components / 6 (an open research paper stands in for a
technical report that does not count). Progress II = 0 unless III is complete, else the open
required III+II components / 10. Progress I = 0 unless III and II are complete, else open
required components / 14, or / 13 when the technical report does not count and an open paper
replaces it. A model's class is the most open class at 100%.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import Node

from ..namespaces import OKG
from .settings import OKG_CLASS, RESEARCH_PAPER, TECHNICAL_REPORT, load_settings
from .view import is_open_in_view, view_components

_MOF_NAME: dict[Node, str] = {v: k for k, v in OKG_CLASS.items()}


@dataclass(frozen=True)
class Progress:
    mof_class: int
    class_1: float
    class_2: float
    class_3: float

    def of(self, level: int) -> float:
        return {1: self.class_1, 2: self.class_2, 3: self.class_3}[level]


def open_components(view: Graph, model: URIRef) -> set[str]:
    """Names of the model's listed components whose licence the view marks open."""
    return {c.name for c in view_components(view, model) if is_open_in_view(view, c.license)}


_K_MOF_NAME = {str(k): v for k, v in _MOF_NAME.items()}
_K_TYPE, _K_HAS, _K_LICENSE, _K_OPEN = (
    str(p) for p in (RDF.type, OKG.hasComponent, DCTERMS.license, OKG.MofOpenLicense)
)


def open_in_view(view: Iterable[tuple[str, str, str]], model: str) -> set[str]:
    """:func:`open_components` read from the view as keys (:func:`~.view.view_keys`; no
    graph built): a component is open when it has a licence and every licence it has is
    flagged open."""
    comps: list[str] = []
    cls: dict[str, str] = {}
    lics: dict[str, list[str]] = {}
    flagged: set[str] = set()
    for s, p, o in view:
        if p == _K_HAS and s == model:
            comps.append(o)
        elif p == _K_TYPE:
            if o == _K_OPEN:
                flagged.add(s)
            elif o in _K_MOF_NAME:
                cls[s] = _K_MOF_NAME[o]
        elif p == _K_LICENSE and o[0] != '"' and o[:2] != "_:":
            lics.setdefault(s, []).append(o)
    return {
        cls[c] for c in comps if c in cls and lics.get(c) and all(x in flagged for x in lics[c])
    }


def progress_from_open(open_names: set[str]) -> Progress:
    settings = load_settings()
    tr_open = TECHNICAL_REPORT in open_names
    rp_open = RESEARCH_PAPER in open_names

    def count(level: int) -> int:
        names = [c.name for c in settings.required_upto(level)]
        n = sum(1 for nm in names if nm in open_names)
        if level >= 2 and not tr_open and rp_open:
            n += 1  # the paper stands in for the report in III and II
        return n

    pct: dict[int, float] = {}
    for level in (3, 2, 1):
        total = len(settings.required_upto(level))
        lower_complete = all(
            count(i) >= len(settings.required_upto(i)) for i in range(3, level, -1)
        )
        if not lower_complete:
            pct[level] = 0.0
            continue
        if level == 1 and not tr_open and rp_open:
            total -= 1
        pct[level] = min(count(level) / total * 100, 100.0)
    cls = min((lvl for lvl in (1, 2, 3) if pct[lvl] == 100.0), default=0)
    return Progress(cls, pct[1], pct[2], pct[3])


def progress(view: Graph, model: URIRef) -> Progress:
    return progress_from_open(open_components(view, model))
