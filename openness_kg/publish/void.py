"""The VoID and DCAT description of the knowledge graph, with counts taken from the store.

Counting convention (stated in the description too): ``void:triples`` is the number of
statements in the store, i.e. triples summed over its named graphs (= quads; a triple two
records both state counts twice, once per record); ``void:entities`` counts distinct IRI
subjects; each class partition counts distinct instances of one class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from .. import __version__
from ..namespaces import OKG, SPDX_LICENSES, bind_prefixes, sparql_prologue
from ..store import KGStore

P = sparql_prologue()

COUNTS = (
    P
    + """
SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
       (COUNT(DISTINCT ?o) AS ?objects) WHERE { GRAPH ?g { ?s ?p ?o } }
"""
)
ENTITIES = P + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
CLASSES = P + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c"
BUILD_TIME = (
    P + "SELECT (MAX(?t) AS ?t) WHERE { GRAPH ?g { ?b a okg:Build ; prov:endedAtTime ?t } }"
)
SOURCES = (
    P
    + """
SELECT ?kind (COUNT(DISTINCT ?r) AS ?n) WHERE {
  GRAPH ?g { ?r a okg:SourceRecord . OPTIONAL { ?r okg:sourceKind ?k } }
  BIND(COALESCE(?k, okg:SourceRecord) AS ?kind)
} GROUP BY ?kind
"""
)

# Where the bundled data comes from and under which licence (see data/*/SOURCE.md).
SOURCE_DATASETS: dict[URIRef, tuple[str, str, URIRef]] = {
    OKG.MotModelFile: (
        "Model Openness Tool model files",
        "https://github.com/lfai/model_openness_tool",
        SPDX_LICENSES["MIT"],
    ),
    OKG.HubModelInfo: (
        "Hugging Face Hub model metadata",
        "https://huggingface.co/docs/hub/api",
        SPDX_LICENSES["Apache-2.0"],
    ),
}
SPDX_LIST = ("SPDX License List", "https://spdx.org/licenses/", SPDX_LICENSES["CC-BY-3.0"])
# The licence of the assembled graph and of the ontology (the project's own licence).
KG_LICENSE = SPDX_LICENSES["Apache-2.0"]


@dataclass
class Counts:
    triples: int
    entities: int
    subjects: int
    properties: int
    objects: int
    classes: dict[URIRef, int] = field(default_factory=dict)
    sources: dict[URIRef, int] = field(default_factory=dict)
    build_time: Literal | None = None
    example: URIRef | None = None


def count(store: KGStore) -> Counts:
    row = store.select(COUNTS)[0]
    ent = store.select(ENTITIES)[0]
    classes = {
        c: _int(r["n"]) for r in store.select(CLASSES) if isinstance(c := r.get("c"), URIRef)
    }
    sources = {
        k: _int(r["n"]) for r in store.select(SOURCES) if isinstance(k := r.get("kind"), URIRef)
    }
    bt = store.select(BUILD_TIME)
    build_time = bt[0].get("t") if bt else None
    ex = store.select(P + "SELECT ?m WHERE { ?m a okg:Model } LIMIT 1")
    return Counts(
        example=ex[0]["m"] if ex and isinstance(ex[0].get("m"), URIRef) else None,  # type: ignore[arg-type]
        triples=len(store),
        entities=_int(ent["n"]),
        subjects=_int(row["subjects"]),
        properties=_int(row["properties"]),
        objects=_int(row["objects"]),
        classes=classes,
        sources=sources,
        build_time=build_time if isinstance(build_time, Literal) else None,
    )


def _int(node: object) -> int:
    return int(node.toPython()) if isinstance(node, Literal) else 0


def dataset_iri(public: str) -> URIRef:
    return URIRef(public + ".well-known/void#openness-kg")


def void_graph(
    counts: Counts,
    public: str,
    base: str,
    sparql: str | None,
    dumps: Sequence[tuple[str, str]] = (),
    ontology_url: str | None = None,
    version: str = __version__,
) -> Graph:
    """VoID + DCAT for the graph; ``dumps`` are (URL, media type) pairs."""
    g = bind_prefixes(Graph(), base)
    g.bind("void", VOID)
    ds = dataset_iri(public)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("openness-kg: the openness of AI models", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "AI models, their components, licences, lineage and openness assessments "
                "(Model Openness Framework classes), each statement kept in the named graph of "
                "the source record it comes from. void:triples counts statements summed over "
                "named graphs (quads).",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, KG_LICENSE))
    g.add((ds, DCTERMS.hasVersion, Literal(version)))
    g.add((ds, FOAF.homepage, URIRef(public)))
    g.add((ds, DCAT.landingPage, URIRef(public)))
    g.add((ds, VOID.uriSpace, Literal(base)))
    if counts.example is not None:
        g.add((ds, VOID.exampleResource, counts.example))
    if counts.build_time is not None:
        g.add((ds, DCTERMS.modified, Literal(str(counts.build_time), datatype=XSD.dateTime)))
    g.add((ds, VOID.triples, Literal(counts.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(counts.entities, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(counts.subjects, datatype=XSD.integer)))
    g.add((ds, VOID.distinctObjects, Literal(counts.objects, datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(counts.properties, datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(counts.classes), datatype=XSD.integer)))
    for cls, n in sorted(counts.classes.items()):
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    if ontology_url:
        g.add((ds, VOID.vocabulary, URIRef(str(OKG._NS))))
        g.add((ds, DCTERMS.conformsTo, URIRef(ontology_url)))
    if sparql:
        g.add((ds, VOID.sparqlEndpoint, URIRef(sparql)))
        svc = URIRef(sparql + "#service")
        g.add((svc, RDF.type, DCAT.DataService))
        g.add(
            (svc, DCTERMS.title, Literal("openness-kg SPARQL 1.1 endpoint (read-only)", lang="en"))
        )
        g.add((svc, DCAT.endpointURL, URIRef(sparql)))
        g.add((svc, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
        g.add((svc, DCAT.servesDataset, ds))
        g.add(
            (
                ds,
                DCAT.distribution,
                _distribution(g, sparql, "application/sparql-results+json", svc),
            )
        )
    for url, media in dumps:
        g.add((ds, VOID.dataDump, URIRef(url)))
        g.add((ds, DCAT.distribution, _distribution(g, url, media, None)))
    for kind, n in sorted(counts.sources.items()):
        title, page, lic = SOURCE_DATASETS.get(kind, (None, None, None))
        sub = URIRef(f"{ds}-source-{str(kind).rsplit('#', 1)[-1]}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, VOID.entities, Literal(n, datatype=XSD.integer)))
        g.add((sub, RDFS.comment, Literal(f"source records of kind {kind}", lang="en")))
        g.add((sub, OKG.sourceKind, kind))
        if title and page and lic:
            g.add((sub, DCTERMS.title, Literal(title, lang="en")))
            g.add((sub, DCTERMS.source, URIRef(page)))
            g.add((sub, DCTERMS.license, lic))
    spdx = URIRef(SPDX_LIST[1])
    g.add((ds, DCTERMS.source, spdx))
    g.add((spdx, DCTERMS.title, Literal(SPDX_LIST[0], lang="en")))
    g.add((spdx, DCTERMS.license, SPDX_LIST[2]))
    return g


def _distribution(g: Graph, url: str, media: str, service: URIRef | None) -> URIRef:
    dist = URIRef(url + "#distribution" if "#" not in url else url + "-distribution")
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/" + media)))
    g.add((dist, DCTERMS.license, KG_LICENSE))
    if service is not None:
        g.add((dist, DCAT.accessService, service))
        g.add((dist, DCAT.accessURL, URIRef(url)))
    else:
        g.add((dist, DCAT.downloadURL, URIRef(url)))
        g.add((dist, DCAT.accessURL, URIRef(url)))
    return dist
