"""Writing a declared licence string into the graph: the raw string as a literal (never parsed
into the graph's syntax), how it was matched, and the licence(s) it resolved to."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..iris import Minter
from ..licenses.normalize import Normalized, normalize
from ..namespaces import OKG

MATCH_CONCEPTS: dict[str, URIRef] = {
    "exact": OKG.ExactLicenseMatch,
    "alias": OKG.AliasLicenseMatch,
    "expression": OKG.ExpressionLicenseMatch,
    "url": OKG.UrlLicenseMatch,
    "none": OKG.NoLicenseStatement,
    "unmatched": OKG.UnmatchedLicense,
}


def declared_license_triples(
    subject: URIRef, raw: str, minter: Minter, result: Normalized | None = None
) -> list[tuple[Node, Node, Node]]:
    """Triples recording that ``subject`` declares the licence string ``raw``:
    ``okg:declaredLicense`` (the string as written), ``okg:licenseMatch`` (how it matched),
    ``dcterms:license`` (the licence, for a single licence) or ``okg:licenseExpression`` (the
    normalised SPDX expression)."""
    n = result if result is not None else normalize(raw)
    out: list[tuple[Node, Node, Node]] = [
        (subject, OKG.declaredLicense, Literal(raw)),
        (subject, OKG.licenseMatch, MATCH_CONCEPTS[n.match]),
    ]
    if n.match == "expression":
        out.append((subject, OKG.licenseExpression, Literal(n.licence)))
    if n.single is not None:
        out.append((subject, DCTERMS.license, minter.license(n.single)))
    return out
