"""The G7 labels of the "Vision on AI Openness Opportunities and Shared Language" (G7 Digital and
Technology Ministers, Paris, 29 May 2026; https://g7.utoronto.ca/ict/260529-vision.html; OSI's
post "Open Source Initiative Helps G7 Deliver Vision On AI Openness"), from most open:

- Open Source AI with Open Data: free of charge, Open Source licence, weights, deployment code,
  training code and full training data;
- Open Source AI: the same, with full training data or, where sharing it is legally or
  technically impossible, Data Information in its place;
- Open Weights AI: weights and deployment code, free of charge, under an Open Source licence;
- Weights Available AI: weights and deployment code free of charge under a licence with use
  restrictions (commercial, geographical, use case);
- anything else: no label (``none``).

Our reading (``RULE_VERSION``), from the component statuses and the licence KB: weights =
Model parameters (Final) listed; deployment code = Inference code or Model architecture listed;
"free of charge" is taken from the listing (MOT files and Hub repositories list what is
published; prices are not in the graph); an Open Source licence = OSI-approved for code, terms
without use restrictions for weights (:mod:`.licence_terms`); training data = Datasets under an
open licence; Data Information = Research paper, Technical report or Data card under an open
licence (whether sharing the data was impossible is not checked). Weights Available needs
positive evidence of restricted terms; weights whose terms the KB cannot read get no label.
"""

from __future__ import annotations

from ..namespaces import OKG
from .licence_terms import RESTRICTED, UNRESTRICTED, osi_approved, use_terms
from .result import CLOSED, NOT_EVIDENCED, OPEN, CriterionResult, Verdict
from .result import RESTRICTED as CRIT_RESTRICTED
from .status import ABSENT, RecordFacts, normalized
from .status import OPEN as STATUS_OPEN

TOKEN = "g7"
FRAMEWORK = OKG.G7VisionOnAIOpenness
VERSION = "2026-05-29"
RULE_VERSION = (
    "g7 labels rule 1: weights = Model parameters (Final); "
    "deployment code = Inference code or Model architecture"
)
WITH_DATA, OSAI, OPEN_WEIGHTS, AVAILABLE, NONE = (
    "open-source-ai-with-open-data",
    "open-source-ai",
    "open-weights-ai",
    "weights-available-ai",
    "none",
)
RANK = (WITH_DATA, OSAI, OPEN_WEIGHTS, AVAILABLE, NONE)  # most open first
VERDICT_CONCEPT = {
    WITH_DATA: OKG.OpenSourceAIWithOpenData,
    OSAI: OKG.OpenSourceAI,
    OPEN_WEIGHTS: OKG.OpenWeightsAI,
    AVAILABLE: OKG.WeightsAvailableAI,
    NONE: OKG.NoG7Label,
}
WEIGHTS = "Model parameters (Final)"
DEPLOYMENT = ("Inference code", "Model architecture")
DOCS = ("Research paper", "Technical report", "Data card")


def _osi(f: RecordFacts, name: str) -> bool:
    c = f.components.get(name)
    return (
        c is not None
        and bool(c.declared)
        and all(normalized(r).matched and osi_approved(normalized(r)) for r in c.declared)
    )


def weights_terms(f: RecordFacts) -> str | None:
    c = f.components.get(WEIGHTS)
    if c is None or not c.declared:
        return None
    terms = [use_terms(normalized(r)) for r in c.declared]
    if RESTRICTED in terms:
        return RESTRICTED
    return UNRESTRICTED if all(t == UNRESTRICTED for t in terms) else None


def assess(f: RecordFacts) -> Verdict:
    has_w = f.status(WEIGHTS) != ABSENT
    deploy = [n for n in DEPLOYMENT if f.status(n) != ABSENT]
    terms = weights_terms(f)
    deploy_oss = any(_osi(f, n) for n in deploy)
    train_oss = _osi(f, "Training code")
    data_open = f.status("Datasets") == STATUS_OPEN
    info_open = [n for n in DOCS if f.status(n) == STATUS_OPEN]
    wc = f.components.get(WEIGHTS)
    lic = ", ".join(wc.licences or wc.declared) if wc is not None else ""

    def ev(*ns: str) -> tuple:
        return tuple(c.iri for n in ns if (c := f.components.get(n)) is not None)

    crit = [
        CriterionResult(
            "weights",
            "Weights released",
            OPEN if has_w else NOT_EVIDENCED,
            "listed" if has_w else "Model parameters (Final) not listed",
            ev(WEIGHTS),
        ),
        CriterionResult(
            "deployment-code",
            "Deployment code released",
            OPEN if deploy else NOT_EVIDENCED,
            ", ".join(deploy) + " listed"
            if deploy
            else "no Inference code or Model architecture listed",
            ev(*DEPLOYMENT),
        ),
        CriterionResult(
            "weights-licence",
            "Weights under an Open Source licence",
            {UNRESTRICTED: OPEN, RESTRICTED: CRIT_RESTRICTED}.get(terms or "", NOT_EVIDENCED),
            {
                UNRESTRICTED: f"{lic}: no use restrictions",
                RESTRICTED: f"{lic}: use restrictions",
            }.get(terms or "", f"terms of {lic or 'no licence'} not known"),
            ev(WEIGHTS),
        ),
        CriterionResult(
            "deployment-code-licence",
            "Deployment code under an Open Source licence",
            OPEN if deploy_oss else (CLOSED if deploy and _known(f, deploy) else NOT_EVIDENCED),
            "OSI-approved" if deploy_oss else "not shown under an OSI-approved licence",
            ev(*DEPLOYMENT),
        ),
        CriterionResult(
            "training-code",
            "Training code under an Open Source licence",
            OPEN if train_oss else NOT_EVIDENCED,
            "OSI-approved"
            if train_oss
            else "Training code not shown under an OSI-approved licence",
            ev("Training code"),
        ),
        CriterionResult(
            "training-data",
            "Full training data under an open licence",
            OPEN if data_open else NOT_EVIDENCED,
            "Datasets open" if data_open else f"Datasets {f.status('Datasets')}",
            ev("Datasets"),
        ),
        CriterionResult(
            "data-information",
            "Data information in place of training data",
            OPEN if (info_open or data_open) else NOT_EVIDENCED,
            ", ".join(info_open) + " open"
            if info_open
            else "no open Research paper, Technical report or Data card",
            ev(*DOCS),
        ),
    ]
    if not has_w or not deploy:
        missing = [w for w, ok in (("weights", has_w), ("deployment code", bool(deploy))) if not ok]
        token, why = NONE, f"no label: {' and '.join(missing)} not shown"
    elif terms == RESTRICTED:
        token, why = (
            AVAILABLE,
            (
                f"weights-available-ai: weights under a licence with use restrictions ({lic}); "
                "Open Weights AI needs an Open Source licence"
            ),
        )
    elif terms is None:
        token, why = (
            NONE,
            (
                f"no label: weights' licence terms not known ({lic or 'no licence'}), so neither "
                "Weights Available nor Open Weights is evidenced"
            ),
        )
    elif not deploy_oss:
        token, why = NONE, "no label: deployment code not shown under an OSI-approved licence"
    elif not train_oss or not (data_open or info_open):
        gaps = []
        if not train_oss:
            gaps.append("training code under an OSI-approved licence")
        if not (data_open or info_open):
            gaps.append("open training data or data information")
        token = OPEN_WEIGHTS
        why = f"open-weights-ai; Open Source AI needs {' and '.join(gaps)}"
    elif not data_open:
        token = OSAI
        why = (
            f"open-source-ai (data information: {', '.join(info_open)}); with Open Data "
            "needs the full training data (Datasets) under an open licence, here "
            + f.status("Datasets")
        )
    else:
        token, why = (
            WITH_DATA,
            "open-source-ai-with-open-data: weights, deployment and training code, "
            "training data all open",
        )
    return Verdict(TOKEN, f, token, None, why, tuple(crit))


def _known(f: RecordFacts, ns: list[str]) -> bool:
    """Every listed deployment component has a licence the KB reads (so not OSI-approved is
    positive evidence)."""
    for n in ns:
        c = f.components[n]
        if not c.declared or not all(normalized(r).matched for r in c.declared):
            return False
    return True
