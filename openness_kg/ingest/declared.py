"""The one writer of a declared licence, used by every ingester (MOT files, Hub models and
datasets, model cards): the raw string as a literal (never parsed into the graph's syntax),
how it was matched, and the licence(s) it resolved to.

For a subject ``s`` declaring the string ``raw`` (normalised by
:func:`openness_kg.licenses.normalize.normalize`):

- ``s okg:declaredLicense "raw"`` (as written);
- ``s okg:licenseMatch`` one of ``okg:ExactLicenseMatch``, ``AliasLicenseMatch``,
  ``ExpressionLicenseMatch``, ``UrlLicenseMatch``, ``NoLicenseStatement``, ``UnmatchedLicense``;
- for an SPDX expression, ``s okg:licenseExpression "<normalised expression>"``;
- for a single licence, ``s dcterms:license <licence IRI>`` (``Minter.license``); an
  expression of several licences, or with an exception, has no single licence IRI.
"""

from __future__ import annotations

import contextlib

from rdflib import URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from ..iris import IriError, Minter
from ..licenses.normalize import Normalized, normalize
from ..namespaces import OKG
from ..records import Record, plain

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
    """The triples stating that ``subject`` declares the licence string ``raw`` (see the
    module docstring). ``result`` is ``normalize(raw)`` when the caller has it already."""
    n = result if result is not None else normalize(raw)
    out: list[tuple[Node, Node, Node]] = [
        (subject, OKG.declaredLicense, plain(raw)),
        (subject, OKG.licenseMatch, MATCH_CONCEPTS.get(n.match, OKG.UnmatchedLicense)),
    ]
    if n.match == "expression":
        out.append((subject, OKG.licenseExpression, plain(n.licence or raw)))
    if n.single is not None:
        # an id no IRI can be minted for: the string and its match stay
        with contextlib.suppress(IriError):
            out.append((subject, DCTERMS.license, minter.license(n.single)))
    return out


def add_declared_license(
    rec: Record, subject: URIRef, raw: str, minter: Minter, result: Normalized | None = None
) -> URIRef | None:
    """Add :func:`declared_license_triples` to ``rec``; returns the licence IRI stated, if
    one is."""
    licence = None
    for s, p, o in declared_license_triples(subject, raw, minter, result):
        rec.add(s, p, o)
        if p == DCTERMS.license and isinstance(o, URIRef):
            licence = o
    return licence
