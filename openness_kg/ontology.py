"""The ontology: loading ``ontology/*.ttl`` and checking it with owlready2 + HermiT."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .iris import Minter
from .namespaces import ONTOLOGY_IRI, bind_prefixes
from .paths import ONTOLOGY_DIR
from .records import Record, RecordError
from .sources import BundledSource, RecordItem, register


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


register(BundledSource("ontology", count=lambda: 1, records=_records))


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
            return ReasonerReport(False, [], classes, props, str(exc))
        unsat = sorted(
            c.iri for c in world.inconsistent_classes() if not str(c.iri).endswith("Nothing")
        )
        return ReasonerReport(True, unsat, classes, props)
