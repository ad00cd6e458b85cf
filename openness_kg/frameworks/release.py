"""Solaiman's release gradient ("The Gradient of Generative AI Release", FAccT 2023, arXiv
2302.04844): six levels of *access*, in the abstract's words fully closed; gradual or staged
access; hosted access; cloud-based or API access; downloadable access; fully open. Levels
measure access, never licence freedom (the paper counts BLOOM, under a RAIL licence, fully open),
so no rule here reads a licence.

Our rules (``RULE_VERSION``; the first that applies fires, and the verdict names it):

- ``hub-gated-manual``: a Hub record whose repository is gated with manual approval and holds
  weight files -> ``staged`` (access granted person by person);
- ``hub-weights``: a Hub record with weight files (``siblings``), not gated or gated with
  automatic approval -> ``downloadable``; ``hub-weights-code-data``: plus training code and
  training data listed -> ``fully-open``;
- ``mot-weights``: a MOT file listing Model parameters (Final) with a place to get them (the
  release's Hub repository, ``huggingface:``, or the component's ``component_path``) ->
  ``downloadable``; ``mot-weights-code-data``: plus Training code and Datasets listed ->
  ``fully-open``;
- ``no-weights``: no weight files, no final parameters listed, or listed with nowhere to get
  them (MOT lists GPT-4's parameters under "Proprietary", with no repository) -> ``unknown``:
  hosted, API-only or closed release needs evidence from outside the Hub and MOT, which the
  graph does not hold.
"""

from __future__ import annotations

from ..namespaces import OKG
from .result import NOT_EVIDENCED, OPEN, RESTRICTED, CriterionResult, Verdict
from .status import ABSENT, RecordFacts

TOKEN = "release"
FRAMEWORK = OKG.ReleaseGradientFramework
VERSION = "FAccT 2023 (arXiv 2302.04844)"
RULE_VERSION = "release gradient rule 1: Hub weight files + gating, MOT listing; access only"
FULLY_OPEN, DOWNLOADABLE, CLOUD_API, HOSTED, STAGED, FULLY_CLOSED, UNKNOWN = (
    "fully-open",
    "downloadable",
    "cloud-api",
    "hosted",
    "staged",
    "fully-closed",
    "unknown",
)
LEVEL = {FULLY_OPEN: 6, DOWNLOADABLE: 5, CLOUD_API: 4, HOSTED: 3, STAGED: 2, FULLY_CLOSED: 1}
RANK = (FULLY_OPEN, DOWNLOADABLE, CLOUD_API, HOSTED, STAGED, FULLY_CLOSED, UNKNOWN)
VERDICT_CONCEPT = {
    FULLY_OPEN: OKG.FullyOpen,
    DOWNLOADABLE: OKG.DownloadableRelease,
    CLOUD_API: OKG.CloudApiAccess,
    HOSTED: OKG.HostedAccess,
    STAGED: OKG.GradualStagedRelease,
    FULLY_CLOSED: OKG.FullyClosed,
    UNKNOWN: OKG.NotEvidenced,
}
WEIGHTS = "Model parameters (Final)"


def assess(f: RecordFacts) -> Verdict:
    w = f.components.get(WEIGHTS)
    if f.is_hub:
        has_weights = w is not None and bool(w.paths)
        where = "weight files in the repository" if has_weights else "no weight files listed"
    else:
        # a MOT file lists the components a release has, not where to get them: listed
        # weights count as downloadable with a place to download them from (the release's
        # Hub repository or the component's own path)
        has_weights = w is not None and (f.hub_page is not None or bool(w.paths))
        if w is None:
            where = "no Model parameters (Final) listed"
        elif has_weights:
            place = str(f.hub_page) if f.hub_page is not None else ", ".join(w.paths)
            where = f"Model parameters (Final) listed, at {place}"
        else:
            where = "Model parameters (Final) listed with no Hub repository or path to them"
    code = f.status("Training code") != ABSENT
    data = f.status("Datasets") != ABSENT
    prefix = "hub" if f.is_hub else "mot"
    gating = str(f.gating).rsplit("#", 1)[-1] if f.gating is not None else "no gating stated"
    crit = [
        CriterionResult(
            "weights-downloadable",
            "Weights can be downloaded",
            OPEN
            if has_weights and f.gating != OKG.GatedManual
            else (RESTRICTED if has_weights else NOT_EVIDENCED),
            f"{where}; {gating}",
            (w.iri, *w.links) if w is not None else (),
        ),
        CriterionResult(
            "training-code-public",
            "Training code released",
            OPEN if code else NOT_EVIDENCED,
            "listed" if code else "not listed",
            tuple(c.iri for n in ("Training code",) if (c := f.components.get(n))),
        ),
        CriterionResult(
            "training-data-public",
            "Training data released",
            OPEN if data else NOT_EVIDENCED,
            "listed" if data else "not listed",
            tuple(c.iri for n in ("Datasets",) if (c := f.components.get(n))),
        ),
    ]
    if not has_weights:
        token, rule = UNKNOWN, "no-weights"
        why = (
            f"unknown (rule {rule}): {where}; hosted, API or closed release needs evidence "
            "from outside the Hub and MOT"
        )
    elif f.is_hub and f.gating == OKG.GatedManual:
        token, rule = STAGED, "hub-gated-manual"
        why = f"staged (rule {rule}): weight files behind manual approval of each request"
    elif code and data:
        token, rule = FULLY_OPEN, f"{prefix}-weights-code-data"
        why = f"fully-open (rule {rule}): {where}, training code and training data listed"
    else:
        token, rule = DOWNLOADABLE, f"{prefix}-weights"
        missing = [n for n, ok in (("training code", code), ("training data", data)) if not ok]
        gate = " (gated, approved automatically)" if f.gating == OKG.GatedAuto else ""
        why = (
            f"downloadable (rule {rule}): {where}{gate}; fully open needs "
            f"{' and '.join(missing)} listed"
        )
    score = float(LEVEL[token]) if token in LEVEL else None
    return Verdict(TOKEN, f, token, score, why, tuple(crit))
