"""The MOF beside the other frameworks: class and progress derived from the component statuses
(a component counts open exactly when it is ``present-open``), through the MOF's own progress
rules (:func:`openness_kg.mof.progress.progress_from_open`). Tests hold this equal to
``classify`` (SHACL over the MOF view) on every bundled MOT file and MOT's test models. The MOF
assessments themselves are stored by ``classify``, as before."""

from __future__ import annotations

from ..mof.progress import Progress, progress_from_open
from ..mof.settings import ROMAN
from .result import Verdict
from .status import RecordFacts

TOKEN = "mof"


def verdict_token(mof_class: int) -> str:
    return f"class-{ROMAN[mof_class]}" if mof_class else "unclassified"


def progress_of(f: RecordFacts) -> Progress:
    """MOF default-mode class and progress from the statuses (open = ``present-open``)."""
    return progress_from_open(f.open_names())


def assess(f: RecordFacts) -> Verdict:
    p = progress_of(f)
    nxt = {0: p.class_3, 3: p.class_2, 2: p.class_1, 1: 100.0}[p.mof_class]
    label = f"Class {ROMAN[p.mof_class]}" if p.mof_class else "unclassified"
    detail = (
        f"{label}; progress Class III {p.class_3:.2f}%, Class II {p.class_2:.2f}%, "
        f"Class I {p.class_1:.2f}%"
        + ("" if f.components else "; the record lists no MOF component")
    )
    return Verdict(TOKEN, f, verdict_token(p.mof_class), round(nxt, 2), detail)
