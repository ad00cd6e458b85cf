"""``compare``: human verdicts (the index, FMTI) and computed ones (MOF assessments, the licence
KB) side by side per criterion family, with the reasons where they disagree.

The grouping into families and the disagreement rules are ours (:data:`RULE_VERSION`), not the
frameworks'. Families: weights, data, code, documentation, licence. For each family:

- human: the index's parameters of that family, from every index system linked to the model
  (``okg:endModel``/``okg:baseModel``), each marked with the role it is about;
- computed: per source record of the model, the MOF components of that family it lists and the
  licence KB's category of each component's licence (``open licence``, ``restricted``,
  ``licence unknown``, or ``not listed``).

Reasons (each fires on its own evidence, never on a guess):

- *availability versus licence*: the index rates weights (or licences) open and the KB classes
  the licence restricted; the index judges whether the weights can be had, the KB the terms;
- *family versus release*: the verdict is about the family's other model (an end-model
  parameter for a release linked as the base model, or the reverse);
- *a component the record does not list*: the index rates the family open or partial and no
  record of the model lists a component of it;
- *over-inherited licence*: a component's open licence is inherited from the release-level
  licence of its record while the index rates its availability (or its licence) closed or
  partial.

Each availability or licence parameter is compared with the MOF components it is about
(:data:`PARAM_COMPONENTS`); documentation parameters judge quality, which no record states,
and are shown, never compared. Evaluation data is not the index's data (training data).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rdflib import URIRef

from ..mof.settings import ROMAN, load_settings
from ..namespaces import OKG, sparql_prologue
from ..store import KGStore
from .fmti_rows import rows as fmti_rows

RULE_VERSION = "openness-kg compare rules 1 (families and disagreement reasons of issue 13)"
FAMILIES = ("weights", "data", "code", "documentation", "licence")

# index parameter -> (family, the model it is about: "end", "base" or "" for the system, and
# what it judges: availability, documentation or licence)
PARAMETERS: dict[str, tuple[str, str, str]] = {
    "weights_basemodel": ("weights", "base", "availability"),
    "weights_endmodel": ("weights", "end", "availability"),
    "datasources_basemodel": ("data", "base", "availability"),
    "datasources_endmodel": ("data", "end", "availability"),
    "datasheet": ("data", "", "documentation"),
    "trainingcode": ("code", "", "availability"),
    "code": ("code", "", "documentation"),
    "hardware_architecture": ("documentation", "", "documentation"),
    "preprint": ("documentation", "", "documentation"),
    "paper": ("documentation", "", "documentation"),
    "modelcard": ("documentation", "", "documentation"),
    "licenses": ("licence", "end", "licence"),
    # the earlier generation
    "llmweights": ("weights", "base", "availability"),
    "rlweights": ("weights", "end", "availability"),
    "llmdata": ("data", "base", "availability"),
    "rldata": ("data", "end", "availability"),
    "opencode": ("code", "", "availability"),
    "architecture": ("documentation", "", "documentation"),
    "license": ("licence", "end", "licence"),
}
# MOF component name -> family
COMPONENTS: dict[str, str] = {
    "Model parameters (Final)": "weights",
    "Model parameters (Intermediate)": "weights",
    "Datasets": "data",  # training data; evaluation data is not what the index's data asks
    "Model architecture": "code",
    "Data preprocessing code": "code",
    "Training code": "code",
    "Inference code": "code",
    "Evaluation code": "code",
    "Supporting libraries and tools": "code",
    "Model card": "documentation",
    "Data card": "documentation",
    "Technical report": "documentation",
    "Research paper": "documentation",
    "Evaluation results": "documentation",
    "Model metadata": "documentation",
    "Sample model outputs": "documentation",
}
# the MOF components an availability or licence parameter is about (the reasons compare these)
WEIGHTS = ("Model parameters (Final)", "Model parameters (Intermediate)")
TRAINING_CODE = ("Training code", "Data preprocessing code")
PARAM_COMPONENTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("weights_basemodel", "weights_endmodel", "llmweights", "rlweights"), WEIGHTS),
    **dict.fromkeys(
        ("datasources_basemodel", "datasources_endmodel", "llmdata", "rldata"), ("Datasets",)
    ),
    **dict.fromkeys(("trainingcode", "opencode"), TRAINING_CODE),
    **dict.fromkeys(("licenses", "license"), ("Model parameters (Final)",)),
}
OPEN = {OKG.OpenSourceLicense, OKG.OpenDataLicense}
RESTRICTED = {
    OKG.OpenWeightsRestrictedLicense,
    OKG.NonCommercialLicense,
    OKG.NoDerivativesLicense,
    OKG.ProprietaryLicense,
}
WORD = {OKG.Open: "open", OKG.Partial: "partial", OKG.Closed: "closed"}

HUMAN = (
    sparql_prologue()
    + """
SELECT ?family ?prop ?name ?end ?path ?param ?verdict WHERE {
  ?family ?prop ?model . VALUES ?prop { okg:endModel okg:baseModel }
  GRAPH ?g {
    ?g okg:sourceKind okg:OsaiIndexFile ; okg:recordOf ?family ; okg:sourcePath ?path .
    ?family rdfs:label ?name . OPTIONAL { ?family okg:endModelName ?end }
    ?a okg:assessedFamily ?family ; okg:criterion ?c ; dcterms:isPartOf ?whole .
    ?c skos:notation ?param . OPTIONAL { ?a okg:verdict ?verdict }
  }
}
"""
)
SCORES = (
    sparql_prologue()
    + """
SELECT DISTINCT ?path ?score WHERE {
  ?family okg:endModel|okg:baseModel ?model .
  GRAPH ?g { ?g okg:sourceKind okg:OsaiIndexFile ; okg:recordOf ?family ; okg:sourcePath ?path .
             ?a okg:assessedFamily ?family ; okg:score ?score .
             FILTER NOT EXISTS { ?a dcterms:isPartOf ?whole } }
}
"""
)
COMPUTED = (
    sparql_prologue()
    + """
SELECT ?g ?path ?c ?cname ?declared ?lic ?cat ?inherited WHERE {
  GRAPH ?g {
    ?g a okg:SourceRecord ; okg:recordOf ?model .
    ?model okg:hasComponent ?c . ?c rdfs:label ?cname .
    OPTIONAL { ?g okg:sourcePath ?path }
    OPTIONAL { ?c okg:declaredLicense ?declared }
    OPTIONAL { ?c okg:licenseInheritedFrom ?inherited }
  }
  OPTIONAL { GRAPH ?g { ?c dcterms:license ?lic } OPTIONAL { ?lic okg:licenseCategory ?cat } }
}
"""
)
MOF = (
    sparql_prologue()
    + """
SELECT ?path ?level ?rule WHERE {
  ?a okg:framework okg:ModelOpennessFramework ; okg:assessedModel ?model ; okg:classLevel ?level ;
     okg:basedOnRecord ?g ; okg:ruleVersion ?rule .
  OPTIONAL { GRAPH ?g { ?g okg:sourcePath ?path } }
}
"""
)


@dataclass
class Human:
    source: str  # the index file
    param: str
    verdict: str  # open | partial | closed | missing
    about: str  # "" (this release), "the system", or "the end model 'X', not this release"
    kind: str = "availability"  # availability | documentation | licence

    @property
    def other_release(self) -> bool:
        return self.about.endswith("not this release")


@dataclass
class Computed:
    source: str
    component: str
    licence: str | None
    status: str  # open licence | restricted | licence unknown
    inherited: bool


@dataclass
class CompareRow:
    model: str
    family: str
    human: list[Human] = field(default_factory=list)
    computed: list[Computed] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return not self.reasons

    def human_text(self) -> str:
        return "; ".join(
            f"{h.source}: {h.param}={h.verdict}" + (f" ({h.about})" if h.about else "")
            for h in self.human
        )

    def computed_text(self) -> str:
        if not self.computed:
            return "not listed"
        return "; ".join(
            f"{c.source}: {c.component} {c.licence or 'no licence'} ({c.status}"
            + (", inherited" if c.inherited else "")
            + ")"
            for c in self.computed
        )

    def cells(self) -> list[str]:
        return [
            self.model,
            self.family,
            self.human_text(),
            self.computed_text(),
            "; ".join(self.reasons),
        ]


HEADERS = ["model", "family", "human", "computed", "disagreement"]


def _status(cat: URIRef | None) -> str:
    if cat in OPEN:
        return "open licence"
    if cat in RESTRICTED:
        return "restricted"
    return "licence unknown"


def _about(param_role: str, link_roles: set[str], end_name: str | None) -> str:
    """Whom a parameter's verdict is about, seen from this release: "" for this release."""
    if param_role in link_roles or (not param_role and "end" in link_roles):
        return ""
    if not param_role:
        return "the system, whose base model this release is, not this release"
    other = "the end model" if param_role == "end" else "the base model"
    named = f" {end_name!r}" if param_role == "end" and end_name else ""
    return f"{other}{named}, not this release"


def compare_model(store: KGStore, model: URIRef, name: str) -> tuple[list[CompareRow], list[str]]:
    """The rows of one model, and its overall lines (MOF class per record, index scores, FMTI)."""
    b = {"model": model}
    links: dict[str, set[str]] = {}
    human_rows = store.select(HUMAN, b)
    for r in human_rows:
        role = "end" if r["prop"] == OKG.endModel else "base"
        links.setdefault(str(r["path"]), set()).add(role)
    rows = {f: CompareRow(name, f) for f in FAMILIES}
    seen: set[tuple[str, str]] = set()
    for r in sorted(human_rows, key=lambda r: (str(r["path"]), str(r["param"]))):
        param, path = str(r["param"]), str(r["path"]).rsplit("/", 1)[-1]
        if param not in PARAMETERS or (path, param) in seen:
            continue
        seen.add((path, param))
        family, role, kind = PARAMETERS[param]
        end = str(r["end"]) if r.get("end") is not None else None
        v = r.get("verdict")
        verdict = WORD.get(v, "missing") if isinstance(v, URIRef) else "missing"
        rows[family].human.append(
            Human(path, param, verdict, _about(role, links[str(r["path"])], end), kind)
        )
    settings = load_settings()
    for r in sorted(
        store.select(COMPUTED, b), key=lambda r: (str(r.get("path", r["g"])), str(r["cname"]))
    ):
        cname = str(r["cname"])
        if settings.by_name(cname) is None or cname not in COMPONENTS:
            continue
        cat = r.get("cat")
        source = str(r.get("path", r["g"])).rsplit("/", 1)[-1]
        comp = Computed(
            source,
            cname,
            str(r["declared"]) if r.get("declared") is not None else None,
            _status(cat if isinstance(cat, URIRef) else None),
            r.get("inherited") is not None,
        )
        if comp not in rows[COMPONENTS[cname]].computed:
            rows[COMPONENTS[cname]].computed.append(comp)
        if cname == "Model parameters (Final)" and comp not in rows["licence"].computed:
            rows["licence"].computed.append(comp)
    for row in rows.values():
        row.reasons = reasons(row)
    return list(rows.values()), overall(store, model)


def reasons(row: CompareRow) -> list[str]:
    """The disagreements of one family, each with its reason (rules of :data:`RULE_VERSION`)."""
    out: list[str] = []
    rated = [h for h in row.human if h.verdict in ("open", "partial", "closed")]
    for h in rated:
        if h.other_release:
            mine = [
                x
                for x in rated
                if x.source == h.source and x.kind == h.kind and not x.other_release
            ]
            if any(x.verdict != h.verdict for x in mine):
                out.append(
                    f"family versus release: {h.source} rates {h.param} {h.verdict}, about "
                    f"{h.about}; for this release it rates "
                    + ", ".join(f"{x.param} {x.verdict}" for x in mine)
                )
            continue
        if h.kind == "documentation":
            continue
        wanted = PARAM_COMPONENTS.get(h.param, ())
        comps = [c for c in row.computed if c.component in wanted]
        restricted = [c for c in comps if c.status == "restricted"]
        inherited = [c for c in comps if c.inherited and c.status == "open licence"]
        if h.verdict == "open" and restricted:
            c = restricted[0]
            out.append(
                f"availability versus licence: {h.source} rates {h.param} open; the licence KB "
                f"classes {c.component}'s licence {c.licence!r} ({c.source}) as restricted"
            )
        elif h.verdict in ("open", "partial") and not comps and h.kind == "availability":
            out.append(
                f"a component the record does not list: {h.source} rates {h.param} {h.verdict}; "
                f"no record of this model lists {' or '.join(wanted)}"
            )
        elif h.verdict in ("closed", "partial") and inherited:
            c = inherited[0]
            out.append(
                f"over-inherited licence: {c.source} gives {c.component} {c.licence!r} from "
                f"its release-level licence; {h.source} rates {h.param} {h.verdict}"
            )
    return list(dict.fromkeys(out))


def overall(store: KGStore, model: URIRef) -> list[str]:
    b = {"model": model}
    lines = []
    for r in sorted(store.select(MOF, b), key=lambda r: (str(r.get("path", "")), str(r["rule"]))):
        if "default mode" not in str(r["rule"]):
            continue
        level = int(str(r["level"]))
        what = f"Class {ROMAN[level]}" if level else "unclassified"
        lines.append(f"MOF (computed, default mode): {what} from {r.get('path', '?')!s}")
    if not lines:
        lines.append("MOF (computed): no MOF assessment in the store (run `openness-kg classify`)")
    for r in sorted(store.select(SCORES, b), key=lambda r: str(r["path"])):
        score = float(str(r["score"]))
        lines.append(f"European Open Source AI Index (human): {r['path']} score {score:g}")
    for row in fmti_rows(store, [model]):
        lines.append(f"FMTI (human, organization): {row.model} {row.verdict} ({row.source})")
    return lines


def compare(
    store: KGStore, models: Sequence[tuple[URIRef, str]]
) -> list[tuple[str, list[CompareRow], list[str]]]:
    return [(name, *compare_model(store, m, name)) for m, name in models]
