"""The ontology: parses, canonical, lint-clean, versioned, MOF annotations as MOT states them,
and consistent under HermiT."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import require_java
from narrow import literal
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from openness_kg.canonical import canonical_text, is_canonical
from openness_kg.canonical import main as canonical_main
from openness_kg.namespaces import OKG, ONTOLOGY_IRI
from openness_kg.ontology import (
    check_ontology,
    lint,
    lint_ontology,
    lint_queries,
    load_ontology,
    ontology_files,
)
from openness_kg.paths import DATA_DIR, SHAPES_DIR

ONTOLOGY_FILES = ontology_files()
TURTLE_SOURCES = ONTOLOGY_FILES + sorted(SHAPES_DIR.glob("*.ttl"))
ONTOLOGY = URIRef(ONTOLOGY_IRI)


def test_ontology_files_found() -> None:
    names = {p.name for p in ONTOLOGY_FILES}
    assert {"okg.ttl", "stack.ttl", "lineage.ttl", "access.ttl", "assessment.ttl"} <= names
    assert {"provenance.ttl", "external.ttl"} <= names


@pytest.mark.parametrize("path", ONTOLOGY_FILES, ids=[p.name for p in ONTOLOGY_FILES])
def test_file_parses(path: Path) -> None:
    g = Graph()
    g.parse(path, format="turtle")
    assert len(g) > 0


@pytest.mark.parametrize(
    "path", TURTLE_SOURCES, ids=[f"{p.parent.name}/{p.name}" for p in TURTLE_SOURCES]
)
def test_file_is_canonical(path: Path) -> None:
    assert is_canonical(path), (
        f"{path} is not in canonical form: run python -m openness_kg.canonical {path}"
    )


def test_canonical_is_stable_and_keeps_the_graph() -> None:
    text = """
    @prefix okg: <https://w3id.org/openness-kg/ontology#> .
    @prefix owl: <http://www.w3.org/2002/07/owl#> .
    okg:B a owl:Class . okg:A a owl:Class .
    [] a owl:AllDisjointClasses ; owl:members ( okg:A okg:B ) .
    [] a owl:AllDisjointClasses ; owl:members ( okg:B okg:A ) .
    """
    once = canonical_text(text)
    assert canonical_text(once) == once
    assert once.index("okg:A\n") < once.index("okg:B\n")
    a, b = Graph().parse(data=text, format="turtle"), Graph().parse(data=once, format="turtle")
    assert len(a) == len(b)


def test_canonical_cli_check_and_rewrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "x.ttl"
    f.write_text("@prefix okg: <https://w3id.org/openness-kg/ontology#> .\nokg:A okg:b okg:C .\n")
    assert canonical_main(["--check", str(f)]) == 1
    assert "would rewrite" in capsys.readouterr().out
    assert canonical_main([str(f)]) == 0
    assert canonical_main(["--check", str(f)]) == 0
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle")
    assert canonical_main(["--check", str(bad)]) == 2


def test_ontology_header() -> None:
    g = load_ontology()
    assert list(g.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]
    assert g.value(ONTOLOGY, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/0.1.0")
    assert g.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(ONTOLOGY, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")) == (
        Literal("okg")
    )
    assert (ONTOLOGY, OWL.imports, None) not in g


def test_lint_finds_nothing() -> None:
    assert lint_ontology() == []


BAD = """
@prefix okg: <https://w3id.org/openness-kg/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .

okg:Unlabelled a owl:Class ;
    skos:definition "defined"@en ;
    rdfs:isDefinedBy <https://w3id.org/openness-kg/ontology> .
okg:Undefined a owl:Class ;
    rdfs:label "undefined"@en ;
    rdfs:isDefinedBy <https://w3id.org/openness-kg/ontology> .
okg:Homeless a owl:Class ;
    rdfs:label "homeless"@en ;
    skos:definition "defined"@en .
okg:lowerClass a owl:Class ;
    rdfs:label "lower"@en ;
    skos:definition "defined"@en ;
    rdfs:isDefinedBy <https://w3id.org/openness-kg/ontology> .
okg:twoKinds a owl:ObjectProperty , owl:DatatypeProperty ;
    rdfs:label "two kinds"@en ;
    skos:definition "defined"@en ;
    rdfs:isDefinedBy <https://w3id.org/openness-kg/ontology> .
ex:thing okg:neverDeclared ex:other .
okg:Unlabelled rdfs:subClassOf ex:Undeclared .
"""


def test_lint_fires_on_a_bad_graph() -> None:
    g = load_ontology().parse(data=BAD, format="turtle")
    found = {(f.check, f.focus) for f in lint(g, lint_queries("ontology"))}
    ns = str(OKG._NS)
    assert found == {
        ("missing-label", ns + "Unlabelled"),
        ("missing-definition", ns + "Undefined"),
        ("missing-defined-by", ns + "Homeless"),
        ("term-name", ns + "lowerClass"),
        ("property-kind", ns + "twoKinds"),
        ("undeclared-term", ns + "neverDeclared"),
        ("external-term", "https://example.org/Undeclared"),
    }


def test_every_okg_term_has_english_label_and_definition() -> None:
    """The same rule as the lint, checked in Python as well, over the OKG namespace list."""
    g = load_ontology()
    for name in OKG.__annotations__:
        iri: URIRef = OKG[name]
        labels = [o for o in g.objects(iri, RDFS.label) if getattr(o, "language", None) == "en"]
        defs = [o for o in g.objects(iri, SKOS.definition) if getattr(o, "language", None) == "en"]
        assert labels and defs, f"{name}: label {labels}, definition {defs}"
        assert (iri, RDFS.isDefinedBy, ONTOLOGY) in g, name


def mot_components() -> list[dict[str, object]]:
    settings = yaml.safe_load((DATA_DIR / "mot" / "mof.settings.yml").read_text(encoding="utf-8"))
    comps: list[dict[str, object]] = settings["components"]
    return comps


def test_mof_component_classes_match_mot_settings() -> None:
    """The 17 MOF classes carry MOT's name, id, class, required flag and content type."""
    g = load_ontology()
    comps = mot_components()
    assert len(comps) == 17
    by_name = {
        str(o): s for s, o in g.subject_objects(OKG.mofComponentName) if isinstance(s, URIRef)
    }
    assert set(by_name) == {str(c["name"]) for c in comps}
    roman = {1: OKG.MofClassI, 2: OKG.MofClassII, 3: OKG.MofClassIII}
    content = {"code": OKG.CodeContent, "data": OKG.DataContent, "document": OKG.DocumentContent}
    family = {
        "code": OKG.CodeComponent,
        "data": OKG.DataComponent,
        "document": OKG.DocumentComponent,
    }
    for c in comps:
        cls = by_name[str(c["name"])]
        assert g.value(cls, OKG.mofComponentId) == Literal(c["id"], datatype=XSD.integer)
        assert g.value(cls, OKG.mofClass) == roman[int(str(c["class"]))]
        assert g.value(cls, OKG.mofRequired) == Literal(bool(c["required"]))
        assert g.value(cls, OKG.contentType) == content[str(c["content_type"])]
        assert (cls, RDFS.subClassOf, family[str(c["content_type"])]) in g
        assert (cls, RDF.type, OWL.Class) in g


def test_lineage_properties_are_derivations() -> None:
    g = load_ontology()
    prov_derived = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert (OKG.derivedFromModel, RDFS.subPropertyOf, prov_derived) in g
    for p in (OKG.fineTunedFrom, OKG.adapterOf, OKG.quantizedFrom, OKG.mergedFrom):
        assert (p, RDFS.subPropertyOf, OKG.derivedFromModel) in g


def test_release_gradient_is_ordered() -> None:
    g = load_ontology()
    levels = [
        OKG.FullyClosed,
        OKG.GradualStagedRelease,
        OKG.HostedAccess,
        OKG.CloudApiAccess,
        OKG.DownloadableRelease,
        OKG.FullyOpen,
    ]
    notations = [literal(g.value(level, SKOS.notation)).toPython() for level in levels]
    assert notations == [1, 2, 3, 4, 5, 6]
    assert set(g.subjects(SKOS.inScheme, OKG.ReleaseGradient)) == set(levels)


@pytest.mark.java
def test_hermit_consistent_and_no_unsatisfiable_class() -> None:
    require_java()
    report = check_ontology()
    assert report.consistent, report.message
    assert report.unsatisfiable == []
    assert report.classes > 40


@pytest.mark.java
def test_hermit_catches_an_unsatisfiable_class() -> None:
    """The check can fail: a class under two disjoint classes is reported."""
    require_java()
    g = load_ontology()
    bad = URIRef("https://example.org/ModelAndComponent")
    g.add((bad, RDF.type, OWL.Class))
    g.add((bad, RDFS.subClassOf, OKG.Model))
    g.add((bad, RDFS.subClassOf, OKG.Component))
    report = check_ontology(g)
    assert report.consistent
    assert report.unsatisfiable == [str(bad)]
