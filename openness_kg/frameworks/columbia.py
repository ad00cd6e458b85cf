"""A Columbia Convening profile (arXiv 2405.15802, "Towards a Framework for Openness in
Foundation Models"): descriptive, not a score. Openness varies per layer of the stack (model
level: code, data, weights; system level: infrastructure, product/UX) and per cross-cutting
attribute (documentation, licensing, safeguards); this module says, per layer and attribute,
``open``, ``restricted``, ``closed`` or ``not-evidenced``, with the components it rests on.

Our mapping of MOF components onto the layers (``RULE_VERSION``): code = the six code
components; data = Datasets, Evaluation data, Evaluation results, Sample model outputs;
weights = Model parameters (Final) and (Intermediate), Model metadata; documentation = Model
card, Data card, Technical report, Research paper; infrastructure, product and safeguards: the
ontology models them (``okg:InfrastructureComponent``, ``okg:ProductComponent``,
``okg:Safeguard``) but no source record states them yet, so they are not evidenced. Per layer:
``open`` when every listed component is present-open; ``restricted`` when at least one is
available open or under known non-open terms other than a proprietary licence (or the weights
sit behind manual approval); ``closed`` when the only evidence is a proprietary licence;
``not-evidenced`` when nothing is listed or only without a readable licence. Licensing: the
same over every listed component.
"""

from __future__ import annotations

from ..licenses import kb
from ..mof.settings import load_settings
from ..namespaces import OKG
from .result import CLOSED, NOT_EVIDENCED, OPEN, RESTRICTED, CriterionResult, Verdict
from .status import NOT_OPEN, RecordFacts, normalized
from .status import OPEN as S_OPEN

TOKEN = "columbia"
FRAMEWORK = OKG.ColumbiaConveningFramework
VERSION = "arXiv 2405.15802"
RULE_VERSION = "columbia profile rule 1: MOF components onto layers"
LAYERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("code", "Model level: code", (
        "Model architecture", "Data preprocessing code", "Training code", "Inference code",
        "Evaluation code", "Supporting libraries and tools",
    )),
    ("data", "Model level: data", (
        "Datasets", "Evaluation data", "Evaluation results", "Sample model outputs",
    )),
    ("weights", "Model level: weights", (
        "Model parameters (Final)", "Model parameters (Intermediate)", "Model metadata",
    )),
    ("infrastructure", "System level: infrastructure", ()),
    ("product", "System level: product and UX", ()),
    ("documentation", "Documentation", (
        "Model card", "Data card", "Technical report", "Research paper",
    )),
)  # fmt: skip
ATTRIBUTE_LICENSING = ("licensing", "Licensing")
ATTRIBUTE_SAFEGUARDS = ("safeguards", "Safeguards")
ORDER = (*(k for k, _, _ in LAYERS), "licensing", "safeguards")


def _proprietary(raws: tuple[str, ...]) -> bool:
    for r in raws:
        n = normalized(r)
        if n.matched:
            for lid in n.ids or (n.licence,):
                info = kb.get(lid)
                if info is not None and info.category == "proprietary":
                    return True
    return False


def _layer(f: RecordFacts, members: tuple[str, ...], gated_manual: bool) -> tuple[str, str]:
    listed = [f.components[n] for n in members if n in f.components]
    if not listed:
        return NOT_EVIDENCED, "nothing listed"
    open_ = [c.name for c in listed if c.status == S_OPEN]
    not_open = [c for c in listed if c.status == NOT_OPEN]
    other = [c.name for c in listed if c.status not in (S_OPEN, NOT_OPEN)]
    if len(open_) == len(listed):
        if gated_manual:
            return RESTRICTED, f"open licences ({', '.join(open_)}) behind manual approval"
        return OPEN, f"open: {', '.join(open_)}"
    parts = []
    if open_:
        parts.append(f"open: {', '.join(open_)}")
    if not_open:
        parts.append(
            "not open: " + ", ".join(f"{c.name} ({', '.join(c.licences)})" for c in not_open)
        )
    if other:
        parts.append(f"no readable licence: {', '.join(other)}")
    why = "; ".join(parts)
    soft = [c for c in not_open if not _proprietary(c.declared)]
    if open_ or soft:
        return RESTRICTED, why
    if not_open:
        return CLOSED, why
    return NOT_EVIDENCED, why


def assess(f: RecordFacts) -> Verdict:
    crit = []
    for key, label, members in LAYERS:
        st, why = _layer(f, members, key == "weights" and f.gating == OKG.GatedManual)
        ev = tuple(c.iri for n in members if (c := f.components.get(n)) is not None)
        crit.append(CriterionResult(key, label, st, why, ev))
    every = tuple(c.name for c in load_settings().components)
    st, why = _layer(f, every, False)
    crit.append(
        CriterionResult(*ATTRIBUTE_LICENSING, st, why, tuple(c.iri for c in f.components.values()))
    )
    crit.append(
        CriterionResult(*ATTRIBUTE_SAFEGUARDS, NOT_EVIDENCED, "no record states safeguards")
    )
    profile = ";".join(f"{r.key}={r.status}" for r in crit)
    groups: dict[str, list[str]] = {}
    for r in crit:
        groups.setdefault(r.status, []).append(r.key)
    detail = "; ".join(
        f"{s}: {', '.join(groups[s])}"
        for s in (OPEN, RESTRICTED, CLOSED, NOT_EVIDENCED)
        if s in groups
    )
    # descriptive, not a score: the score column stays empty
    return Verdict(TOKEN, f, profile, None, detail, tuple(crit))
