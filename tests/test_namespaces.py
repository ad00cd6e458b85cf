"""The closed namespace ``OKG`` (openness_kg/namespaces.py) equals what ontology/*.ttl declares."""

from __future__ import annotations

import pytest
from rdflib.namespace import OWL, RDF

from openness_kg.namespaces import OKG
from openness_kg.ontology import load_ontology
from openness_kg.paths import ONTOLOGY_DIR

DECLARATIONS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.NamedIndividual,
)

# Declared by ontology/licensing.ttl (the licence module). Only while that file does not exist
# may these be missing from the other modules; once it exists, the comparison is strict.
LICENSING_TERMS = {
    "License",
    "LicenseCategory",
    "LicenseCategoryScheme",
    "LicenseMatch",
    "LicenseMatchScheme",
    "declaredLicense",
    "licenseMatch",
    "licenseExpression",
    "licenseCategory",
    "hubLicenseId",
}


def declared_terms() -> set[str]:
    g = load_ontology()
    ns = str(OKG._NS)
    return {
        str(s)[len(ns) :]
        for kind in DECLARATIONS
        for s in g.subjects(RDF.type, kind)
        if str(s).startswith(ns)
    }


def namespace_terms() -> set[str]:
    return set(OKG.__annotations__)


def test_okg_namespace_is_closed() -> None:
    with pytest.raises(AttributeError):
        _ = OKG.noSuchTerm
    assert OKG.Model == OKG._NS["Model"]


def test_namespace_equals_ontology() -> None:
    names, declared = namespace_terms(), declared_terms()
    assert len(names) > 100
    extra = declared - names
    assert not extra, f"declared in ontology/*.ttl but not in OKG: {sorted(extra)}"
    missing = names - declared
    if not (ONTOLOGY_DIR / "licensing.ttl").exists():
        missing -= LICENSING_TERMS
    assert not missing, f"in OKG but not declared in ontology/*.ttl: {sorted(missing)}"
