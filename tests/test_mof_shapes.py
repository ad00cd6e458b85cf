"""MOF shapes: a conforming and a violating fixture per class; expected reports written by hand
and compared as sets of (focus node, path, source shape, constraint component, severity)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from openness_kg.mof.shapes import mof_class_from_results, mof_shapes
from openness_kg.shacl.compiled import CompiledShapes
from openness_kg.shacl.run import validate_views

FIX = Path(__file__).parent / "fixtures" / "mof"
EX = "https://example.org/"
SHX = "https://w3id.org/openness-kg/shapes#"
SH = "http://www.w3.org/ns/shacl#"
HAS = "https://w3id.org/openness-kg/ontology#hasComponent"
LIC = "http://purl.org/dc/terms/license"
INFO, WARN, VIOL = SH + "Info", SH + "Warning", SH + "Violation"
QMIN, MINC, CLS, OR = (
    SH + "QualifiedMinCountConstraintComponent",
    SH + "MinCountConstraintComponent",
    SH + "ClassConstraintComponent",
    SH + "OrConstraintComponent",
)


def listed(shape: str, sev: str = INFO) -> tuple:
    return (EX + "m", HAS, SHX + shape, QMIN, sev)


II_LISTED = {
    listed(f"ClassII-{c}-listed")
    for c in ("TrainingCode", "InferenceCode", "EvaluationCode", "EvaluationData")
}
I_LISTED = {
    listed(f"ClassI-{c}-listed")
    for c in ("Datasets", "DataPreprocessingCode", "ModelParametersIntermediate", "ResearchPaper")
}

EXPECTED = {
    "class3-conforming": (3, II_LISTED | I_LISTED),
    "class3-violating": (
        0,
        {
            (EX + "arch", LIC, SHX + "ClassIII-ModelArchitecture-licence", CLS, INFO),
            (EX + "params", LIC, SHX + "ClassIII-ModelParametersFinal-licence", MINC, INFO),
            (EX + "paper", None, SHX + "ClassIII-ResearchPaper-standin-licence", OR, INFO),
            (EX + "paper", LIC, SHX + "ClassI-ResearchPaper-licence", CLS, INFO),
        }
        | II_LISTED
        | (I_LISTED - {listed("ClassI-ResearchPaper-listed")}),
    ),
    "class2-conforming": (2, I_LISTED),
    "class2-violating": (
        3,
        {
            (EX + "training", LIC, SHX + "ClassII-TrainingCode-licence", MINC, INFO),
            (EX + "evaldata", LIC, SHX + "ClassII-EvaluationData-licence", CLS, INFO),
        }
        | I_LISTED,
    ),
    "class1-conforming": (1, set()),  # no technical report: the open paper stands in
    "class1-violating": (
        2,
        {
            (EX + "datasets", LIC, SHX + "ClassI-Datasets-licence", CLS, INFO),
            (EX + "params", LIC, SHX + "TypeAppropriate-DataComponent", OR, WARN),
        },
    ),
}


def test_fixtures_found() -> None:
    assert len(list(FIX.glob("*.ttl"))) == len(EXPECTED) == 6


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("engine", ["pyshacl", "compiled"])
def test_report(name: str, engine: str) -> None:
    cls, expected = EXPECTED[name]
    data = Graph().parse(FIX / f"{name}.ttl")
    shapes = mof_shapes()
    results = (
        validate_views(data, shapes)
        if engine == "pyshacl"
        else CompiledShapes(shapes).validate(data)
    )
    assert {r.key for r in results} == expected
    focus = {r.focus: EX + "m" for r in results} | {EX + "m": EX + "m"}
    assert mof_class_from_results(results, focus, shapes)[EX + "m"] == cls


def test_require_class_raises_shortfalls_to_violation() -> None:
    data = Graph().parse(FIX / "class2-violating.ttl")
    results = validate_views(data, mof_shapes(require_class=2))
    keys = {r.key for r in results}
    assert (EX + "training", LIC, SHX + "ClassII-TrainingCode-licence", MINC, VIOL) in keys
    # Class I shortfalls stay informational when Class II is required
    assert listed("ClassI-Datasets-listed") in keys


def test_report_names_the_licence() -> None:
    data = Graph().parse(FIX / "class3-violating.ttl")
    r = next(r for r in validate_views(data, mof_shapes()) if r.focus == EX + "arch")
    assert r.value == str(URIRef(EX + "llama3"))
    assert "Model architecture" in r.message
