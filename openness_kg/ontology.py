"""The ontology: loading ``ontology/*.ttl``, linting it with the SPARQL violation queries of
``queries/lint/`` and checking it with owlready2 + HermiT."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from .iris import Minter
from .namespaces import ONTOLOGY_IRI, bind_prefixes
from .paths import ONTOLOGY_DIR, QUERIES_DIR
from .records import Record, RecordError
from .sources import BundledSource, RecordItem

if TYPE_CHECKING:
    from .store import KGStore

LINT_DIR = QUERIES_DIR / "lint"


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    files = sorted(directory.glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"no ontology files in {directory}")
    return files


def load_ontology(directory: Path = ONTOLOGY_DIR) -> Graph:
    """All ontology modules merged into one graph (no ``owl:imports`` are fetched)."""
    g = bind_prefixes(Graph())
    for path in ontology_files(directory):
        g.parse(path, format="turtle")
    return g


def _records(minter: Minter) -> Iterator[RecordItem]:
    try:
        g = load_ontology()
    except Exception as exc:  # a broken ontology file is a record error like any other
        yield RecordError("ontology/*.ttl", str(exc))
        return
    yield Record.from_graph(g, "ontology/*.ttl", name=URIRef(ONTOLOGY_IRI))


SOURCE = BundledSource("ontology", count=lambda: 1, records=_records)


def term_counts(graph: Graph) -> dict[str, int]:
    """How many terms of our namespace the ontology declares, by kind (class, object property,
    datatype property, annotation property, named individual)."""
    from rdflib.namespace import OWL, RDF

    ns = ONTOLOGY_IRI + "#"
    kinds = {
        "classes": OWL.Class,
        "object properties": OWL.ObjectProperty,
        "datatype properties": OWL.DatatypeProperty,
        "annotation properties": OWL.AnnotationProperty,
        "individuals": OWL.NamedIndividual,
    }
    return {
        name: sum(1 for s in graph.subjects(RDF.type, kind) if str(s).startswith(ns))
        for name, kind in kinds.items()
    }


@dataclass(frozen=True, order=True)
class LintFinding:
    """One row of a ``*-violation.rq`` query: which check, which node, what is wrong."""

    check: str
    focus: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.check}: {self.focus}" + (f" ({self.detail})" if self.detail else "")


def lint_queries(scope: str = "ontology", directory: Path = LINT_DIR) -> list[Path]:
    """The violation queries of a scope: ``ontology`` (``queries/lint/*-violation.rq``: term
    declarations and annotations) or ``data`` (``queries/lint/data/*-violation.rq`` plus the
    undeclared-term check: closed-world domain and range checks of instance data)."""
    if scope == "ontology":
        files = sorted(directory.glob("*-violation.rq"))
    elif scope == "data":
        files = sorted(directory.glob("data/*-violation.rq"))
        files.append(directory / "undeclared-term-violation.rq")
    else:
        raise ValueError(f"unknown lint scope {scope!r} (ontology or data)")
    if not files:
        raise FileNotFoundError(f"no *-violation.rq queries in {directory}")
    return files


def lint(target: Graph | KGStore, queries: list[Path]) -> list[LintFinding]:
    """Run violation queries over an rdflib graph or a store (its union graph); every row is a
    finding (``?focus`` and an optional ``?detail``). Sorted, so reports are stable."""
    findings: set[LintFinding] = set()
    for path in queries:
        check = path.name.removesuffix("-violation.rq")
        text = path.read_text(encoding="utf-8")
        if isinstance(target, Graph):
            rows = [
                {str(k): v for k, v in row.asdict().items()}  # type: ignore[union-attr]
                for row in target.query(text)
            ]
        else:
            rows = [dict(r) for r in target.select(text)]
        for row in rows:
            focus = row.get("focus")
            detail = row.get("detail")
            findings.add(LintFinding(check, str(focus), str(detail) if detail else ""))
    return sorted(findings)


def lint_ontology(graph: Graph | None = None) -> list[LintFinding]:
    """The ontology lint (term declarations) plus the data lint over the ontology itself."""
    g = graph if graph is not None else load_ontology()
    return lint(g, lint_queries("ontology") + lint_queries("data"))


@dataclass
class ReasonerReport:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    classes: int = 0
    properties: int = 0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def check_ontology(graph: Graph | None = None) -> ReasonerReport:
    """Load the ontology into owlready2 and run HermiT (needs Java).

    Returns a report: inconsistent, or the list of unsatisfiable classes (empty when sound).
    """
    import owlready2

    g = graph if graph is not None else load_ontology()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "okg.owl"
        g.serialize(path, format="xml")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        classes = len(list(onto.classes()))
        props = len(list(onto.properties()))
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            detail = str(exc).strip()
            message = "HermiT found the ontology inconsistent" + (f": {detail}" if detail else "")
            return ReasonerReport(False, [], classes, props, message)
        unsat = sorted(
            c.iri for c in world.inconsistent_classes() if not str(c.iri).endswith("Nothing")
        )
        return ReasonerReport(True, unsat, classes, props)
