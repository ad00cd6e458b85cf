"""Plain-words explanation of a classification: what each class still needs, and why."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import SH

from ..licenses.normalize import normalize
from ..namespaces import OKG, sparql_prologue
from ..store import KGStore
from .classify import Classification
from .settings import ROMAN
from .shapes import LEVEL, shape_levels
from .view import is_licence_in_view, view_components


def explain_lines(c: Classification, shapes_levels: dict[str, int]) -> list[str]:
    p = c.progress
    label = f"Class {ROMAN[c.mof_class]}" if c.mof_class else "unclassified"
    lines = [
        f"{c.name} <{c.model}>",
        f"  source: {c.source} (record <{c.record}>), {c.mode} mode",
        f"  MOF: {label}; progress Class III {p.class_3:.2f}%, Class II {p.class_2:.2f}%, "
        f"Class I {p.class_1:.2f}%",
    ]
    comps = {str(ci.iri): ci for ci in (view_components(c.view, c.model) if c.view else [])}
    for level in (3, 2, 1):
        mine = [r for r in c.results if shapes_levels.get(r.source_shape) == level]
        if not mine:
            lines.append(f"  Class {ROMAN[level]}: nothing missing at this level")
            continue
        lines.append(f"  Class {ROMAN[level]} still needs:")
        for r in mine:
            ci = comps.get(r.focus)
            if ci is None:  # a model-level result: a component is not listed
                lines.append(f"    - {r.message or r.source_shape}")
                continue
            if r.component == str(SH.MinCountConstraintComponent) or ci.license is None:
                why = "it is listed without a licence (unlicensed)"
            elif c.view is not None and is_licence_in_view(c.view, ci.license):
                why = f"its licence {ci.declared!r} (<{ci.license}>) is not an open licence"
            else:
                why = _not_a_licence(ci.declared or "", c.mode)
            if c.view is not None:
                inherited = c.view.value(URIRef(r.focus), OKG.licenseInheritedFrom)
                if inherited is not None:
                    why += " (inherited from the release licence)"
            lines.append(f"    - {ci.name}: {why} [{r.focus}]")
    warn = [r for r in c.results if r.severity == str(SH.Warning)]
    for r in warn:
        ci = comps.get(r.focus)
        if ci is not None:
            lines.append(
                f"  note: {ci.name} is under {ci.declared!r}, open but not a licence MOT lists "
                f"for {ci.content_type}; it still counts"
            )
    return lines


def _not_a_licence(declared: str, mode: str) -> str:
    """Why a declared string that is no single licence of the knowledge base does not count
    (no licence IRI printed: there is none)."""
    if mode == "strict":
        return f"its licence {declared!r} is not on MOT's list of open licences (read literally)"
    n = normalize(declared)
    if n.match == "expression":
        return (
            f"its licence {declared!r} is the expression {n.licence}, open only when every "
            f"licence and exception in it is ({n.note})"
        )
    if n.match == "none":
        return f"its licence {declared!r} is a statement that no licence is given"
    return f"its licence {declared!r} names no licence the knowledge base knows"


def levels_by_name(shapes: Graph) -> dict[str, int]:
    return {str(k): v for k, v in shape_levels(shapes).items()}


__all__ = ["LEVEL", "explain_lines", "levels_by_name"]


DISAGREEMENTS = (
    sparql_prologue()
    + """
SELECT ?component ?label ?g ?path ?license ?declared WHERE {
  GRAPH ?g {
    { ?model okg:hasComponent ?component } UNION { ?component okg:componentOf ?model }
    OPTIONAL { ?component dcterms:license ?license }
    OPTIONAL { ?component okg:declaredLicense ?declared }
  }
  OPTIONAL { GRAPH ?g { ?g okg:sourcePath ?path } }
  OPTIONAL { ?component rdfs:label ?label }
}
"""
)


def record_disagreements(store: KGStore, model: URIRef) -> list[str]:
    """Where the source records of ``model`` give one component different licences (or one
    gives a licence and another none): one line per such component, naming each record."""
    claims: dict[URIRef, dict[str, tuple[str, str]]] = {}
    labels: dict[URIRef, str] = {}
    for row in store.select(DISAGREEMENTS, {"model": model}):
        comp = row["component"]
        assert isinstance(comp, URIRef)
        source = str(row.get("path") or row["g"])
        licence = str(row.get("license") or "")
        declared = str(row.get("declared") or "")
        claims.setdefault(comp, {})[source] = (licence, declared)
        if row.get("label"):
            labels.setdefault(comp, str(row["label"]))
    lines = []
    for comp in sorted(claims):
        by_source = claims[comp]
        if len(by_source) < 2 or len({lic for lic, _ in by_source.values()}) < 2:
            continue
        name = labels.get(comp) or str(comp).rsplit("/", 1)[-1]
        says = "; ".join(
            f"{src} says {_licence_words(lic, dec)}"
            for src, (lic, dec) in sorted(by_source.items())
        )
        lines.append(f"  - {name}: {says}")
    return lines


def _licence_words(licence: str, declared: str) -> str:
    lid = licence.rsplit("/", 1)[-1] if licence else "no recognised licence"
    return f"{lid} (declared {declared!r})" if declared and declared != lid else lid
