"""Hub facts -> the triples of one record's named graph.

What a record says (``okg:`` terms unless noted):

- the record: ``<graph> a SourceRecord; sourceKind <kind>; recordOf <model>; sourcePath;
  retrievedAt`` (the response's own date) and ``dcterms:source`` (the API address);
- the model (``Minter.hub_model``): ``a Model; hubId; alternativeId`` (old ids: redirects,
  renames); ``rdfs:label`` and ``releaseName`` (the repo id: the Hub's name for it);
  ``dcterms:identifier`` (the Hub's internal ``_id``);
  ``hubPage``; ``producer`` (an ``Organization`` from ``author``); ``dcterms:created``/
  ``modified``; ``gating``; ``pipelineTask``; ``libraryName``; ``architectureType``;
  ``parameterCount``; ``dcterms:language``; licence: ``declaredLicense`` (the raw string, or
  ``license_name`` for ``other``), ``dcterms:license`` (the normalised licence IRIs),
  ``licenseMatch`` (how it matched, a concept of the licence KB; as
  ``openness_kg.ingest.declared`` writes it: one ``dcterms:license`` for a single licence,
  ``licenseExpression`` for an expression), ``dcterms:rights`` (``license_link``); lineage:
  ``fineTunedFrom | adapterOf | quantizedFrom | mergedFrom`` by the stated relation, else
  ``derivedFromModel`` (never a guessed relation); ``trainedOn``/``evaluatedOn`` datasets;
  ``hasEvaluation`` the results of the ``model-index`` (see :mod:`.evaluation`);
  ``dcterms:references`` arXiv papers (``Publication; dcterms:identifier; schema:url``);
- components (``Minter.component``): ``hasComponent``; ``a <MOF class>; componentPath``
  (repository files); ``evidencedBy`` (the link that shows it); ``dcterms:license`` (the
  repository's licence for files in it, a library's licence for a library-implemented
  architecture, none for datasets and papers), with ``declaredLicense`` (the text) and, when
  inherited from the repository, ``licenseInheritedFrom`` its ``LicenseDeclaration``
  (``<model>/release-license/hub``, linked by ``releaseLicense``), as the MOT ingester models
  release licences, so the MOF view classifies Hub records like MOT files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, XSD

from ...iris import Minter, is_hub_id
from ...licenses.normalize import Normalized
from ...namespaces import OKG
from ...records import Record, plain
from ..declared import add_declared_license
from .evaluation import add_evaluations
from .facts import HubFacts
from .licensing import Normalizer
from .preassess import MOF_NAME, files_evidence, libraries

HUB = "https://huggingface.co"

RELATION_PROPERTY = {
    "finetune": OKG.fineTunedFrom,
    "adapter": OKG.adapterOf,
    "quantized": OKG.quantizedFrom,
    "merge": OKG.mergedFrom,
    None: OKG.derivedFromModel,
}


def hub_url(*parts: str) -> URIRef:
    return URIRef(HUB + "/" + "/".join(quote(p, safe="/") for p in parts))


def dt(value: str) -> Literal:
    return Literal(value, datatype=XSD.dateTime)


def add_record_meta(
    rec: Record,
    kind: URIRef,
    subject: URIRef,
    source_path: str | None,
    retrieved_at: str | None,
    api_url: str | None,
) -> None:
    g = rec.graph
    rec.add(g, RDF.type, OKG.SourceRecord)
    rec.add(g, OKG.sourceKind, kind)
    rec.add(g, OKG.recordOf, subject)
    if source_path:
        rec.add(g, OKG.sourcePath, plain(source_path))
    if retrieved_at:
        rec.add(g, OKG.retrievedAt, dt(retrieved_at))
    if api_url:
        rec.add(g, DCTERMS.source, URIRef(api_url))


def add_producer(rec: Record, minter: Minter, subject: URIRef, author: str) -> None:
    """``subject``'s producer: the ``Organization`` named by the Hub's ``author``."""
    org = minter.organization(author)
    rec.add(subject, OKG.producer, org)
    rec.add(org, RDF.type, OKG.Organization)
    rec.add(org, RDFS.label, plain(author))


def add_papers(
    rec: Record, minter: Minter, subject: URIRef, arxiv_ids: Iterable[str]
) -> list[URIRef]:
    """The arXiv papers ``subject`` references (from ``arxiv:`` tags); their abstract pages."""
    urls: list[URIRef] = []
    for arxiv_id in arxiv_ids:
        p = minter.publication(f"arxiv:{arxiv_id}")
        url = URIRef(f"https://arxiv.org/abs/{quote(arxiv_id, safe='/')}")
        rec.add(subject, DCTERMS.references, p)
        rec.add(p, RDF.type, OKG.Publication)
        rec.add(p, DCTERMS.identifier, plain(f"arXiv:{arxiv_id}"))
        rec.add(p, SDO.url, url)
        urls.append(url)
    return urls


def add_licences(
    rec: Record,
    subject: URIRef,
    raws: Iterable[str],
    license_name: str | None,
    license_link: str | None,
    repo_url: str,
    minter: Minter,
    normalize: Normalizer,
) -> RepoLicence:
    """Declared licence(s) of ``subject``, each stated by the one licence writer
    (:func:`openness_kg.ingest.declared.add_declared_license`)."""
    statements: dict[str, Normalized] = {}
    raws = list(raws)
    for raw in raws:
        text = license_name if raw.strip().lower() == "other" and license_name else raw
        res = normalize(text)
        add_declared_license(rec, subject, text, minter, res)
        statements.setdefault(text, res)
        if res.match == "unmatched":
            rec.warnings.append(f"licence {text[:100]!r} is not a licence the KB knows")
    if len(raws) > 1:
        rec.warnings.append(
            f"{len(raws)} licences declared ({', '.join(r[:40] for r in raws)}); "
            "how they combine is not stated"
        )
    if license_link:
        link = license_link.strip()
        if not link.startswith(("http://", "https://")):
            link = f"{repo_url}/blob/main/{link.lstrip('./')}"
        try:
            rec.add(subject, DCTERMS.rights, URIRef(quote(link, safe=":/?#[]@!$&'()*+,;=%~")))
        except ValueError:
            rec.warnings.append(f"license_link {license_link[:100]!r} is not a web address")
    return RepoLicence(list(statements.items()))


@dataclass
class RepoLicence:
    """The licence a repository declares, which its files and card inherit: each text as
    declared, with what it normalised to, stated the same way wherever it applies."""

    statements: list[tuple[str, Normalized]]
    declaration: URIRef | None = None

    def state(self, rec: Record, subject: URIRef, minter: Minter) -> None:
        for text, res in self.statements:
            add_declared_license(rec, subject, text, minter, res)

    def declare(self, rec: Record, model: URIRef, minter: Minter) -> None:
        """The release-level declaration (as the MOT ingester models one) components point to."""
        if not self.statements:
            return
        self.declaration = URIRef(f"{model}/release-license/hub")
        rec.add(model, OKG.releaseLicense, self.declaration)
        rec.add(self.declaration, RDF.type, OKG.LicenseDeclaration)
        self.state(rec, self.declaration, minter)


def _component(
    rec: Record,
    minter: Minter,
    model: URIRef,
    cls: URIRef,
    paths: Iterable[str] = (),
    links: Iterable[URIRef] = (),
    licence: RepoLicence | None = None,
) -> URIRef:
    """A component; with ``licence`` it carries that licence (inherited when declared by the
    repository, as ``declaredLicense`` + ``dcterms:license`` the MOF view reads)."""
    comp = minter.component(model, MOF_NAME[cls])
    rec.add(model, OKG.hasComponent, comp)
    rec.add(comp, RDF.type, cls)
    for p in paths:
        rec.add(comp, OKG.componentPath, plain(p))
    for link in links:
        rec.add(comp, OKG.evidencedBy, link)
    if licence is not None:
        licence.state(rec, comp, minter)
        if licence.declaration is not None:
            rec.add(comp, OKG.licenseInheritedFrom, licence.declaration)
    return comp


def _dataset(rec: Record, minter: Minter, name: str) -> URIRef:
    d = minter.dataset(name)
    rec.add(d, RDF.type, OKG.Dataset)
    if is_hub_id(name):
        rec.add(d, OKG.hubId, plain(name))
    else:
        rec.add(d, RDFS.label, plain(name))
    return d


def describe_model(
    rec: Record,
    facts: HubFacts,
    minter: Minter,
    normalize: Normalizer,
    aliases: dict[str, str] | None = None,
    from_body: bool = True,
) -> URIRef:
    """Add the model, its licence, lineage, data, papers and components to ``rec``."""
    aliases = aliases or {}
    m = minter.hub_model(facts.repo_id)
    repo_url = f"{HUB}/{facts.repo_id}"
    rec.add(m, RDF.type, OKG.Model)
    rec.add(m, OKG.hubId, plain(facts.repo_id))
    rec.add(m, RDFS.label, plain(facts.repo_id))
    rec.add(m, OKG.releaseName, plain(facts.repo_id))
    rec.add(m, OKG.hubPage, URIRef(repo_url))
    for old in facts.aliases:
        if old != facts.repo_id:
            rec.add(m, OKG.alternativeId, plain(old))
    if facts.hub_key:
        rec.add(m, DCTERMS.identifier, plain(facts.hub_key))
    if facts.author:
        add_producer(rec, minter, m, facts.author)
    if facts.created:
        rec.add(m, DCTERMS.created, dt(facts.created))
    if facts.modified:
        rec.add(m, DCTERMS.modified, dt(facts.modified))
    if facts.gating:
        rec.add(m, OKG.gating, OKG[facts.gating])
    if facts.pipeline_tag:
        rec.add(m, OKG.pipelineTask, plain(facts.pipeline_tag))
    if facts.library_name:
        rec.add(m, OKG.libraryName, plain(facts.library_name))
    for a in facts.architectures:
        rec.add(m, OKG.architectureType, plain(a))
    if facts.parameter_count is not None:
        rec.add(m, OKG.parameterCount, Literal(facts.parameter_count))
    for lang in facts.languages:
        rec.add(m, DCTERMS.language, plain(lang))
    repo_licence = add_licences(
        rec, m, facts.licences, facts.license_name, facts.license_link, repo_url, minter, normalize
    )
    repo_licence.declare(rec, m, minter)
    # lineage
    for base_id, relation in facts.base_models:
        base_id = aliases.get(base_id, base_id)
        if not is_hub_id(base_id):
            rec.warnings.append(f"base model {base_id[:100]!r} is not a Hub repo id; skipped")
            continue
        if relation not in RELATION_PROPERTY:
            rec.warnings.append(f"unknown base_model relation {relation!r}; recorded as derivation")
            relation = None
        b = minter.hub_model(base_id)
        rec.add(m, RELATION_PROPERTY[relation], b)
        rec.add(b, RDF.type, OKG.Model)
        rec.add(b, OKG.hubId, plain(base_id))
    # data
    for name in facts.datasets:
        rec.add(m, OKG.trainedOn, _dataset(rec, minter, name))
    for name in facts.eval_datasets:
        rec.add(m, OKG.evaluatedOn, _dataset(rec, minter, name))
    add_evaluations(rec, minter, m, facts.evaluations)
    papers = add_papers(rec, minter, m, facts.arxiv)
    # components
    rev = facts.sha or "main"
    # links into the repository come with a model_info body, not with a card read alone
    tree = [hub_url(facts.repo_id, "tree", rev)] if from_body else []
    readme = (
        [hub_url(facts.repo_id, "blob", rev, "README.md")]
        if from_body and facts.has_model_index
        else []
    )
    by_class = files_evidence(facts.files)
    for cls, paths in by_class.items():
        links = tree + readme if cls == OKG.EvaluationResults else tree
        _component(rec, minter, m, cls, paths, links, repo_licence)
    if OKG.EvaluationResults not in by_class and facts.has_model_index:
        _component(rec, minter, m, OKG.EvaluationResults, (), readme, repo_licence)
    if OKG.ModelArchitecture not in by_class and facts.architectures:
        lib = libraries().get(facts.library_name or "")
        if lib is not None:
            _component(
                rec,
                minter,
                m,
                OKG.ModelArchitecture,
                (),
                [URIRef(lib.repository)],
                RepoLicence([(lib.spdx_license, normalize(lib.spdx_license))]),
            )
    if facts.datasets:
        links = [hub_url("datasets", d) for d in facts.datasets if is_hub_id(d)]
        _component(rec, minter, m, OKG.Datasets, (), links)
    if papers:
        _component(rec, minter, m, OKG.ResearchPaper, (), papers)
    return m
