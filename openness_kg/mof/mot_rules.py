"""A literal port of MOT's ModelEvaluator over a MOT model file (strict mode's oracle).

It works on the parsed YAML, independently of the graph, so tests can check that the graph
path (record -> MOF view -> SHACL + progress) agrees with MOT on every file.

Rules (MOT's ``ModelEvaluator``/``ModelUpdater``/``LicenseHandler``):
- a component is included when it is listed; its licence is its own ``license`` (the literal
  ``unlicensed`` or an empty string means none, without fallback), else the release licence
  for its content type, else the distribution licence, else none;
- included + open licence -> counts; open but not type-appropriate -> counts, with a warning;
- progress of class N: cumulative, 0 unless the less open classes are complete;
- a technical report that does not count is replaced by a listed research paper in III and II,
  and in Class I the denominator drops to 13 when an open paper replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .mot_licenses import MotLicenses, load_mot_licenses
from .settings import RESEARCH_PAPER, TECHNICAL_REPORT, MofSettings, load_settings

INCLUDED, INVALID, UNLICENSED = "included", "invalid", "unlicensed"


@dataclass
class MotEvaluation:
    mof_class: int
    progress: dict[int, float]
    status: dict[str, str] = field(default_factory=dict)  # component name -> status
    licenses: dict[str, str | None] = field(default_factory=dict)
    not_type_appropriate: list[str] = field(default_factory=list)


def resolve_license(
    comp: Mapping[str, Any], content_type: str, release: Mapping[str, Any]
) -> str | None:
    """The licence string that applies to a listed component, or ``None`` for none."""
    if comp.get("license") is not None:
        own = str(comp["license"])
        return None if own in ("", "unlicensed") else own
    glob = release.get("license") or {}
    for key in (content_type, "distribution"):
        entry = glob.get(key) or {}
        name = entry.get("name") if isinstance(entry, Mapping) else None
        if name:
            return str(name)
    return None


def evaluate(
    release: Mapping[str, Any],
    settings: MofSettings | None = None,
    licenses: MotLicenses | None = None,
) -> MotEvaluation:
    """Classify one MOT ``release`` mapping as MOT's ModelEvaluator does."""
    settings = settings or load_settings()
    licenses = licenses or load_mot_licenses()
    listed = {str(c.get("name")): c for c in release.get("components") or []}
    ev = MotEvaluation(mof_class=0, progress={})
    for comp in settings.components:
        if comp.name not in listed:
            continue
        lic = resolve_license(listed[comp.name], comp.content_type, release)
        ev.licenses[comp.name] = lic
        lic_s = lic if lic is not None else "unlicensed"
        if licenses.is_open(lic_s):
            ev.status[comp.name] = INCLUDED
            if not licenses.is_type_appropriate(lic_s, comp.content_type):
                ev.not_type_appropriate.append(comp.name)
        elif lic_s == "unlicensed":
            ev.status[comp.name] = UNLICENSED
        else:
            ev.status[comp.name] = INVALID

    def included_count(cls: int) -> int:
        names = [c.name for c in settings.required_upto(cls)]
        n = sum(1 for nm in names if ev.status.get(nm) == INCLUDED)
        tr_ok = ev.status.get(TECHNICAL_REPORT) == INCLUDED
        if cls >= 2 and not tr_ok and ev.status.get(RESEARCH_PAPER) == INCLUDED:
            n += 1  # the paper stands in for the report in classes III and II
        return n

    for cls in (3, 2, 1):
        total = 0
        included = 0
        met_lower = True
        for i in range(3, cls - 1, -1):
            total += len(settings.required(i))
            included = included_count(i)
            if included < total and i > cls:
                met_lower = False
                break
        if not met_lower:
            ev.progress[cls] = 0.0
            continue
        if (
            cls == 1
            and ev.status.get(TECHNICAL_REPORT) != INCLUDED
            and ev.status.get(RESEARCH_PAPER) == INCLUDED
        ):
            total -= 1
        ev.progress[cls] = min(included / total * 100, 100.0)
    for cls in (3, 2, 1):
        if ev.progress[cls] == 100.0:
            ev.mof_class = cls
    return ev
