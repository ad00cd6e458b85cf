"""Issue 14, part 4: licence expressions are never judged open when any licence or exception in
them is not; non-answers have one outcome; the Hub's ``other`` is a licence not in the Hub's
list; ``explain`` prints no licence IRI that has no triples.

Expected values are written by hand from the SPDX specification (a ``WITH`` operand must be on
the SPDX exception list; the Commons Clause is not, ScanCode lists it as a "Source-available"
restriction) and the Hub's licence documentation (``other``: a licence not in the list).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib.namespace import DCTERMS

from openness_kg.cli import main
from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.licenses.kb import all_licenses, get, is_open_mof
from openness_kg.licenses.normalize import is_open_expression, normalize
from openness_kg.mof.classify import Classifier
from openness_kg.namespaces import OKG, SPDX_LICENSES
from openness_kg.records import Record

ROOT = Path(__file__).resolve().parent.parent
FILES = [{"rfilename": f} for f in ("README.md", "model.safetensors", "modeling_x.py")]


def hub_record(licence: Any) -> Record:
    body = {"id": "org/m", "siblings": FILES, "cardData": {"license": licence}}
    return transform_model_info(body, Minter(), source="m.json", retrieved_at="2025-01-01")


def class_3(licence: str) -> float:
    """Class III progress of a Hub record whose three listed components are under ``licence``
    (50 % when it is open, 0 % when not)."""
    return round(Classifier().classify_record(hub_record(licence)).progress.of(3), 2)


def is_open(text: str) -> bool:
    return is_open_expression(normalize(text), is_open_mof)


# --- WITH: the SPDX exception list ----------------------------------------------------------


def test_commons_clause_is_a_restriction_not_an_spdx_exception() -> None:
    r = normalize("Apache-2.0 WITH Commons-Clause")
    assert r.match == "expression"
    assert r.licence == "Apache-2.0 WITH LicenseRef-scancode-commons-clause"
    assert "not an SPDX exception" in r.note
    assert not is_open("Apache-2.0 WITH Commons-Clause")
    assert class_3("Apache-2.0 WITH Commons-Clause") == 0.0
    # the record does not claim plain Apache-2.0 for it
    rec = hub_record("Apache-2.0 WITH Commons-Clause")
    apache = SPDX_LICENSES["Apache-2.0"]
    assert not any(p == DCTERMS.license and o == apache for _, p, o in rec.triples)


@pytest.mark.parametrize("text", ["MIT WITH foo-bar", "Apache-2.0 WITH not-an-exception-1.0"])
def test_an_exception_no_list_knows_leaves_the_expression_unmatched(text: str) -> None:
    r = normalize(text)
    assert (r.licence, r.match) == ("", "unmatched")
    assert not is_open(text)
    assert class_3(text) == 0.0


def test_an_spdx_exception_keeps_an_open_licence_open() -> None:
    """The control: an exception on the SPDX list (an added permission) changes nothing."""
    assert is_open("GPL-2.0-only WITH Classpath-exception-2.0")
    assert is_open("Apache-2.0 WITH LLVM-exception")
    assert class_3("Apache-2.0 WITH LLVM-exception") == 50.0


# --- operands that are not licences or not open ---------------------------------------------


@pytest.mark.parametrize("text", ["unknown OR MIT", "MIT OR unknown", "MIT AND NONE"])
def test_a_non_answer_in_an_expression_is_no_licence(text: str) -> None:
    r = normalize(text)
    assert r.licence == "" and not r.matched  # like `unknown` alone: no licence id
    assert normalize("unknown").licence == "" and not normalize("unknown").matched
    assert not is_open(text)
    assert class_3(text) == 0.0


@pytest.mark.parametrize(
    "text", ["Apache-2.0 OR CC-BY-NC-4.0", "MIT OR llama3", "(MIT OR Apache-2.0) AND gemma"]
)
def test_an_expression_with_an_operand_that_is_not_open_is_not_open(text: str) -> None:
    assert normalize(text).match == "expression"
    assert not is_open(text)
    assert class_3(text) == 0.0


def test_an_expression_of_open_licences_is_open() -> None:
    for text in ("Apache-2.0 OR MIT", "Apache-2.0 AND MIT", "MIT AND (BSD-3-Clause OR ISC)"):
        assert is_open(text), text
    assert class_3("Apache-2.0 OR MIT") == 50.0


def test_the_rule_is_stated_in_the_graph() -> None:
    from openness_kg.mof.classify import rule_version

    assert "expression is open only when every licence and exception in it is" in rule_version(
        "default"
    )


# --- ids with '+' -----------------------------------------------------------------------------


def test_an_id_ending_in_plus_signs_parses() -> None:
    r = normalize("openrail++ AND Apache-2.0")
    assert (r.licence, r.match) == ("openrail++ AND Apache-2.0", "expression")
    assert r.ids == ("openrail++", "Apache-2.0")
    assert normalize("Apache-2.0 AND openrail++").ids == ("Apache-2.0", "openrail++")
    # "or later" still works
    assert normalize("GPL-2.0+ AND MIT").match == "expression"
    assert normalize("Apache-2.0+").licence == "Apache-2.0+"


# --- the Hub's `other` and the non-answers ---------------------------------------------------


def test_hub_other_is_a_licence_not_in_the_hubs_list() -> None:
    r = normalize("other")
    assert (r.licence, r.match) == ("other", "exact")
    info = get("other")
    assert info is not None and info.category == "none-declared"
    assert not is_open("other")
    rec = hub_record("other")  # no license_name: the licence stays `other`
    lic = Minter().license("other")
    assert any(p == DCTERMS.license and o == lic for _, p, o in rec.triples)
    assert any(p == OKG.licenseMatch and o == OKG.ExactLicenseMatch for _, p, o in rec.triples)


@pytest.mark.parametrize(
    "text",
    [
        "Unknown",
        "unknown",
        "Undisclosed",
        "None",
        "Unclear",
        "NA",
        "n/a",
        "Unknown (Apache-2.0?)",
        "Unknown (research purposes only)",
    ],
)
def test_non_answers_have_one_outcome(text: str) -> None:
    r = normalize(text)
    assert (r.licence, r.match, r.ids) == ("", "none", ())
    assert not is_open(text)


# --- explain prints only licence IRIs that exist ---------------------------------------------

MOT_WITH_STRINGS = """\
framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}
release:
  name: Okg-Issue14-Test
  producer: Nobody
  license: {}
  components:
    - {name: 'Model architecture', license: Undisclosed}
    - {name: 'Model parameters (Final)', license: 'Apache-2.0 AND CC-BY-NC-4.0'}
    - {name: 'Model card', license: 'Apache 2.0'}
    - {name: 'Data card', license: 'a licence nobody wrote'}
    - {name: 'Technical report', license: 'CC-BY-NC-4.0'}
"""


@pytest.mark.parametrize("strict", [False, True])
def test_explain_prints_no_licence_iri_without_triples(tmp_path: Path, strict: bool) -> None:
    mot = tmp_path / "Okg-Issue14-Test.yml"
    mot.write_text(MOT_WITH_STRINGS, encoding="utf-8")
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["--store", str(store), "ingest", "mot", str(mot)]).exit_code == 0
    args = ["--store", str(store), "explain", "Okg-Issue14-Test"] + (["--strict"] if strict else [])
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    known = {str(i.iri) for i in all_licenses()}  # the licences graph, as built
    printed = set(re.findall(r"<([^>]*license[^>]*)>", res.output))
    assert printed - known == set(), res.output
    assert "'Undisclosed'" in res.output  # the string is still named
    if not strict:
        assert str(SPDX_LICENSES["CC-BY-NC-4.0"]) in printed  # a real licence keeps its IRI
        assert "statement that no licence is given" in res.output
        assert "names no licence the knowledge base knows" in res.output
