"""Every namespace the project uses, and the one helper that binds prefixes.

``OKG`` is a closed namespace: a term not declared here raises ``AttributeError``,
and ``tests/test_namespaces.py`` keeps this list equal to what ``ontology/*.ttl`` declares.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    VOID,
    XSD,
    DefinedNamespace,
)

ONTOLOGY_IRI = "https://w3id.org/openness-kg/ontology"
DEFAULT_BASE = "https://w3id.org/openness-kg/id/"

SHAPES = Namespace("https://w3id.org/openness-kg/shapes#")
FAIR4ML = Namespace("https://w3id.org/fair4ml#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SPDX_LICENSES = Namespace("http://spdx.org/licenses/")
ODRL = Namespace("http://www.w3.org/ns/odrl/2/")
CODEMETA = Namespace("https://codemeta.github.io/terms/")


class OKG(DefinedNamespace):
    """The openness-kg ontology (``ontology/*.ttl``)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # --- the stack: models and their components -------------------------------------------
    Model: URIRef
    Component: URIRef
    ModelComponent: URIRef
    CodeComponent: URIRef
    DataComponent: URIRef
    DocumentComponent: URIRef
    SystemComponent: URIRef
    InfrastructureComponent: URIRef
    ProductComponent: URIRef
    Safeguard: URIRef
    # the 17 MOF component types
    ModelArchitecture: URIRef
    DataPreprocessingCode: URIRef
    TrainingCode: URIRef
    InferenceCode: URIRef
    EvaluationCode: URIRef
    SupportingLibrariesAndTools: URIRef
    ModelParametersFinal: URIRef
    ModelParametersIntermediate: URIRef
    ModelMetadata: URIRef
    Datasets: URIRef
    EvaluationData: URIRef
    EvaluationResults: URIRef
    ModelCard: URIRef
    DataCard: URIRef
    TechnicalReport: URIRef
    ResearchPaper: URIRef
    SampleModelOutputs: URIRef
    Publication: URIRef
    Dataset: URIRef
    Organization: URIRef

    hasComponent: URIRef
    componentOf: URIRef
    hasSafeguard: URIRef
    producer: URIRef
    hubId: URIRef
    alternativeId: URIRef
    releaseName: URIRef
    releaseVersion: URIRef
    parameterCount: URIRef
    pipelineTask: URIRef
    libraryName: URIRef
    architectureType: URIRef
    repository: URIRef
    hubPage: URIRef
    componentPath: URIRef

    # --- lineage and data use ---------------------------------------------------------------
    derivedFromModel: URIRef
    fineTunedFrom: URIRef
    adapterOf: URIRef
    quantizedFrom: URIRef
    mergedFrom: URIRef
    trainedOn: URIRef
    evaluatedOn: URIRef

    # --- MOF component metadata (annotations on the component classes) ----------------------
    MofClass: URIRef
    MofClassI: URIRef
    MofClassII: URIRef
    MofClassIII: URIRef
    MofClassScheme: URIRef
    ContentType: URIRef
    CodeContent: URIRef
    DataContent: URIRef
    DocumentContent: URIRef
    ContentTypeScheme: URIRef
    mofClass: URIRef
    mofRequired: URIRef
    mofComponentId: URIRef
    mofComponentName: URIRef
    contentType: URIRef
    classLevel: URIRef
    highestMofClass: URIRef
    # per-model licence summaries (openness_kg/summaries.py; ontology/licensing.ttl)
    summaryLicense: URIRef
    summaryLicenseCategory: URIRef
    weightsLicenseCategory: URIRef
    codeLicenseCategory: URIRef

    # --- licences ----------------------------------------------------------------------------
    License: URIRef
    LicenseCategory: URIRef
    LicenseCategoryScheme: URIRef
    LicenseMatch: URIRef
    LicenseMatchScheme: URIRef
    declaredLicense: URIRef
    licenseMatch: URIRef
    licenseExpression: URIRef
    licenseCategory: URIRef
    hubLicenseId: URIRef
    # licence terms, categories, match kinds and status (issue 3; ontology/licensing.ttl)
    LicenseTerm: URIRef
    hasTerm: URIRef
    termProperty: URIRef
    termValue: URIRef
    clause: URIRef
    permitsCommercialUse: URIRef
    permitsDerivatives: URIRef
    requiresShareAlike: URIRef
    requiresAttribution: URIRef
    hasUseRestrictions: URIRef
    userThreshold: URIRef
    derivativeNaming: URIRef
    derivativesKeepLicense: URIRef
    appropriateFor: URIRef
    motOpenLicense: URIRef
    spdxListVersion: URIRef
    TermsStatus: URIRef
    TermsStatusScheme: URIRef
    TermsVerified: URIRef
    TermsUnverified: URIRef
    termsStatus: URIRef
    OpenSourceLicense: URIRef
    OpenDataLicense: URIRef
    OpenWeightsRestrictedLicense: URIRef
    NonCommercialLicense: URIRef
    NoDerivativesLicense: URIRef
    ProprietaryLicense: URIRef
    NoLicenseDeclared: URIRef
    ExactLicenseMatch: URIRef
    AliasLicenseMatch: URIRef
    ExpressionLicenseMatch: URIRef
    UrlLicenseMatch: URIRef
    NoLicenseStatement: URIRef
    UnmatchedLicense: URIRef

    # --- access ------------------------------------------------------------------------------
    GatingLevel: URIRef
    GatingScheme: URIRef
    NotGated: URIRef
    GatedAuto: URIRef
    GatedManual: URIRef
    gating: URIRef
    ReleaseLevel: URIRef
    ReleaseGradient: URIRef
    FullyClosed: URIRef
    GradualStagedRelease: URIRef
    HostedAccess: URIRef
    CloudApiAccess: URIRef
    DownloadableRelease: URIRef
    FullyOpen: URIRef
    accessLevel: URIRef

    # --- assessments -------------------------------------------------------------------------
    Assessment: URIRef
    Framework: URIRef
    Criterion: URIRef
    Rule: URIRef
    OpennessStatus: URIRef
    OpennessStatusScheme: URIRef
    Open: URIRef
    Partial: URIRef
    Closed: URIRef
    ModelOpennessFramework: URIRef
    OpenSourceAIDefinition: URIRef
    EuropeanOpenSourceAIIndex: URIRef
    ReleaseGradientFramework: URIRef
    assessedModel: URIRef
    framework: URIRef
    criterion: URIRef
    verdict: URIRef
    score: URIRef
    evidence: URIRef
    assessedBy: URIRef
    ruleVersion: URIRef
    basedOnRecord: URIRef

    # --- provenance of records ---------------------------------------------------------------
    SourceRecord: URIRef
    SourceKind: URIRef
    SourceKindScheme: URIRef
    MotModelFile: URIRef
    HubModelInfo: URIRef
    HubModelCard: URIRef
    HubDatasetInfo: URIRef
    Bundled: URIRef
    Build: URIRef
    sourceKind: URIRef
    recordOf: URIRef
    sourcePath: URIRef
    hubIdEvidence: URIRef
    retrievedAt: URIRef
    # record versions and runs (issue 17)
    RecordVersion: URIRef
    Run: URIRef
    basedOnRecordVersion: URIRef
    contentDigest: URIRef
    versionStamp: URIRef

    # --- MOF classification (issue 4) ----------------------------------------------------------
    MofOpenLicense: URIRef
    MofUnclassified: URIRef
    LicenseDeclaration: URIRef
    releaseLicense: URIRef
    appliesToContent: URIRef
    licenseInheritedFrom: URIRef
    licensePath: URIRef
    typeAppropriateFor: URIRef

    # --- Hugging Face Hub ingester (issue 5) --------------------------------------------------
    evidencedBy: URIRef
    # evaluation results of a model-index (ontology/evaluation.ttl)
    Evaluation: URIRef
    hasEvaluation: URIRef
    evaluationTask: URIRef
    evaluationTaskName: URIRef
    evaluationDataset: URIRef
    datasetName: URIRef
    datasetConfig: URIRef
    datasetSplit: URIRef
    hasMetric: URIRef
    verified: URIRef

    # --- frameworks beside MOF (issue 12; ontology/frameworks.ttl) ------------------------------
    componentStatus: URIRef
    ComponentStatus: URIRef
    ComponentStatusScheme: URIRef
    StatusAbsent: URIRef
    StatusPresentUnlicensed: URIRef
    StatusPresentNotOpen: URIRef
    StatusPresentOpen: URIRef
    StatusUnknown: URIRef
    frameworkVersion: URIRef
    reason: URIRef
    dataInformationSufficient: URIRef
    highestG7Label: URIRef
    highestOsaidVerdict: URIRef
    highestReleaseLevel: URIRef
    OsaidVerdict: URIRef
    OsaidVerdictScheme: URIRef
    OsaidConforms: URIRef
    OsaidMeetsCheckablePart: URIRef
    OsaidIncomplete: URIRef
    OsaidFails: URIRef
    G7Label: URIRef
    G7LabelScheme: URIRef
    OpenSourceAIWithOpenData: URIRef
    OpenSourceAI: URIRef
    OpenWeightsAI: URIRef
    WeightsAvailableAI: URIRef
    NoG7Label: URIRef
    NotEvidenced: URIRef
    G7VisionOnAIOpenness: URIRef
    ColumbiaConveningFramework: URIRef
    UnrestrictedUseLicense: URIRef
    RestrictedUseLicense: URIRef
    # --- human assessments: the European Open Source AI Index and FMTI (issue 13) -------------
    ModelFamily: URIRef
    EvidencedLink: URIRef
    LinkMethod: URIRef
    LinkMethodScheme: URIRef
    HubUrlLink: URIRef
    ExactReleaseNameLink: URIRef
    ExactHubIdLink: URIRef
    CuratedMapping: URIRef
    OpeningUpChatGPT: URIRef
    FoundationModelTransparencyIndex: URIRef
    OsaiIndexFile: URIRef
    FmtiScoresFile: URIRef
    assessedFamily: URIRef
    assessedOrganization: URIRef
    endModel: URIRef
    baseModel: URIRef
    linkSubject: URIRef
    linkTarget: URIRef
    linkProperty: URIRef
    linkMethod: URIRef
    linkEvidence: URIRef
    edition: URIRef
    subjectName: URIRef
    disclosure: URIRef
    justification: URIRef
    baseModelName: URIRef
    endModelName: URIRef
    hubOrganization: URIRef


PREFIXES: dict[str, str] = {
    k: str(v)
    for k, v in {
        "okg": str(OKG._NS),
        "okgsh": SHAPES,
        "fair4ml": FAIR4ML,
        "spdx": SPDX,
        "spdxl": SPDX_LICENSES,
        "odrl": ODRL,
        "codemeta": CODEMETA,
        "dcat": DCAT,
        "dcterms": DCTERMS,
        "foaf": FOAF,
        "owl": OWL,
        "prov": PROV,
        "rdf": RDF,
        "rdfs": RDFS,
        "schema": SDO,
        "sh": SH,
        "skos": SKOS,
        "void": VOID,
        "xsd": XSD,
    }.items()
}


def _memoize_terms(*namespaces: type[DefinedNamespace]) -> None:
    """Store each declared term as a plain class attribute, so ``OKG.hasComponent`` is an
    attribute read instead of a trip through rdflib's ``DefinedNamespaceMeta.__getattr__``
    (about 1.4 us, and a sixth of the Hub transform's time). Undeclared names still go
    through it, so a closed namespace still raises on a typo."""
    for ns in namespaces:
        for name in ns.__annotations__:
            if name.isidentifier() and not name.startswith("_"):
                type.__setattr__(ns, name, ns[name])


_memoize_terms(OKG, RDF, RDFS, OWL, DCTERMS, DCAT, PROV, SDO, SKOS, FOAF, XSD, SH, VOID)


def bind_prefixes(graph: Graph, base: str | None = None) -> Graph:
    """Bind the project's prefixes (and ``id:`` for the instance base) on ``graph``."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, Namespace(str(ns)), override=True, replace=True)
    graph.bind("id", Namespace(base or DEFAULT_BASE), override=True, replace=True)
    return graph


def sparql_prologue(base: str | None = None) -> str:
    """``PREFIX`` lines for every project prefix, for queries written by hand."""
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()]
    lines.append(f"PREFIX id: <{base or DEFAULT_BASE}>")
    return "\n".join(lines) + "\n"
