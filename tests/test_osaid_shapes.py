"""OSAID shapes (shapes/osaid.ttl): a fixture reaching each verdict and one a step away from it,
with the expected report written by hand and compared as sets of (focus node, path, source
shape, constraint component, severity), by pySHACL and by the compiled evaluator; the two
engines agree on the OSAID view of every bundled record; a user's own Turtle asserting the
human data-information judgment conforms through ``validate --shapes osaid --data``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hf_helpers import bundled_records
from rdflib import Graph

from openness_kg.cli import main
from openness_kg.frameworks.osaid import compiled, osaid_shapes, osaid_view, verdict_token
from openness_kg.frameworks.status import facts_from_triples
from openness_kg.ingest.mot import _bundled
from openness_kg.iris import Minter
from openness_kg.records import Record
from openness_kg.shacl.run import validate_views

FIX = Path(__file__).parent / "fixtures" / "osaid"
EX = "https://example.org/"
SHX = "https://w3id.org/openness-kg/shapes#OSAID-"
SH = "http://www.w3.org/ns/shacl#"
OKG = "https://w3id.org/openness-kg/ontology#"
HAS, DIS = OKG + "hasComponent", OKG + "dataInformationSufficient"
LIC = "http://purl.org/dc/terms/license"
INFO, WARN, VIOL = SH + "Info", SH + "Warning", SH + "Violation"
QMIN, NOT, HASV = (
    SH + "QualifiedMinCountConstraintComponent",
    SH + "NotConstraintComponent",
    SH + "HasValueConstraintComponent",
)
UNJUDGED = (EX + "m", DIS, SHX + "DataInformation-judged", HASV, INFO)


def shown(row: str) -> tuple:
    return (EX + "m", HAS, SHX + f"{row}-shown", QMIN, WARN)


EXPECTED = {
    "conforms": ("conforms", set()),
    # the person's "false" is positive evidence; the "true" the judged shape wants is missing
    "conforms-violating": (
        "fails",
        {(EX + "m", DIS, SHX + "DataInformation-judgedInsufficient", NOT, VIOL), UNJUDGED},
    ),
    "meets": ("meets-checkable-part", {UNJUDGED}),
    # MIT plus a licence the KB cannot read: not shown, and no evidence of non-open terms
    "meets-violating": ("incomplete", {shown("TrainingCode"), UNJUDGED}),
    "incomplete": (
        "incomplete",
        {shown("SupportingLibrariesAndTools"), shown("DataInformation"), UNJUDGED},
    ),
    # a known licence with no term flags on the weights: not shown, never fails
    "incomplete-violating": (
        "incomplete",
        {shown("SupportingLibrariesAndTools"), shown("ModelParametersFinal"), UNJUDGED},
    ),
    "fails": (
        "fails",
        {
            (EX + "params", LIC, SHX + "ModelParametersFinal-licence", NOT, VIOL),
            (EX + "arch", LIC, SHX + "ModelArchitecture-licence", NOT, VIOL),
            shown("ModelParametersFinal"),
            shown("ModelArchitecture"),
            UNJUDGED,
        },
    ),
    # weights listed without a licence: not shown, not evidence of restricted terms
    "fails-violating": ("incomplete", {shown("ModelParametersFinal"), UNJUDGED}),
}


def test_fixtures_found() -> None:
    assert sorted(p.stem for p in FIX.glob("*.ttl")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("engine", ["pyshacl", "compiled"])
def test_report(name: str, engine: str) -> None:
    verdict, expected = EXPECTED[name]
    data = Graph().parse(FIX / f"{name}.ttl")
    results = (
        validate_views(data, osaid_shapes()) if engine == "pyshacl" else compiled().validate(data)
    )
    assert {r.key for r in results} == expected
    assert verdict_token(results) == verdict


def _bundled_records() -> list[Record]:
    mot = [r for r in _bundled(Minter()) if isinstance(r, Record)]
    hub = list(bundled_records().values())
    assert len(mot) == 273 and len(hub) >= 35
    return mot + hub


@pytest.mark.slow
def test_pyshacl_agrees_with_the_compiled_evaluator_on_every_bundled_record() -> None:
    minter = Minter()
    shapes = osaid_shapes()
    n = 0
    for rec in _bundled_records():
        facts = facts_from_triples(rec.triples)
        view = osaid_view(facts, minter)
        fast = compiled().validate(view)
        ref = validate_views(view, shapes)
        assert [r.key for r in fast] == [r.key for r in ref], rec.source
        n += 1
    assert n >= 308


USER_TTL = """\
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX okg: <https://w3id.org/openness-kg/ontology#>
PREFIX ex: <https://example.org/>
ex:my-model a okg:Model ; okg:releaseName "my-model" ;
    okg:hasComponent ex:prep, ex:train, ex:infer, ex:libs, ex:arch, ex:weights, ex:data .
ex:prep a okg:DataPreprocessingCode ; okg:declaredLicense "MIT" .
ex:train a okg:TrainingCode ; okg:declaredLicense "Apache-2.0" .
ex:infer a okg:InferenceCode ; okg:declaredLicense "Apache 2.0" .
ex:libs a okg:SupportingLibrariesAndTools ; okg:declaredLicense "BSD-3-Clause" .
ex:arch a okg:ModelArchitecture ; okg:declaredLicense "Apache-2.0" .
ex:weights a okg:ModelParametersFinal ; okg:declaredLicense "Apache-2.0" .
ex:data a okg:Datasets ; okg:declaredLicense "CC-BY-4.0" .
"""


@pytest.mark.parametrize(
    ("judgment", "code", "lines"),
    [
        ("", 0, ["DataInformation-judged"]),  # Info only: meets the machine-checkable part
        ("ex:my-model okg:dataInformationSufficient true .\n", 0, []),  # conforms
        # a "false" judgment: a Violation, beside the Info of the missing "true"
        (
            "ex:my-model okg:dataInformationSufficient false .\n",
            1,
            ["DataInformation-judged ", "judgedInsufficient"],
        ),
    ],
)
def test_validate_data_with_the_human_judgment(
    tmp_path: Path, judgment: str, code: int, lines: list[str]
) -> None:
    f = tmp_path / "my-model.ttl"
    f.write_text(USER_TTL + judgment, encoding="utf-8")
    res = CliRunner().invoke(
        main,
        ["--store", str(tmp_path / "s"), "validate", "--shapes", "osaid", "--data", str(f)],
    )
    assert res.exit_code == code, res.output
    found = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(found) == len(lines), found
    for want, got in zip(lines, found, strict=True):
        assert want in got
