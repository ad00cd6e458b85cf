"""A model's history page: its verdicts over time per framework (a server-rendered SVG) and
the change log of its records, from the record versions the store keeps
(``history.versions``).

Verdicts come from every stored assessment of the model, current or kept, each at the time
it was made (``prov:generatedAtTime``); a verdict holds until the next one of the same
assessment. The change log compares each record's consecutive versions (by their own
dates) with ``history.diff.compare``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from rdflib import URIRef

from ..app_queries import app_query
from ..history.diff import Change, State, Verdict, compare, record_facts, verdicts_from
from ..history.versions import as_datetime, version_triples, versions_of
from ..store import KGStore

RECORDS_OF_MODEL = app_query("records-of-model")
ASSESSMENTS_OF_MODEL = app_query("assessments-of-model")
PALETTE = ["#1b7837", "#5aae61", "#a6dba0", "#c2a5cf", "#9970ab", "#762a83", "#bdbdbd"]


@dataclass(frozen=True)
class Point:
    """One verdict of one assessment at one time."""

    lane: str  # framework token and record
    when: datetime
    verdict: str
    rule: str


@dataclass
class ModelHistory:
    model: URIRef
    points: list[Point] = field(default_factory=list)
    changes: list[tuple[str, Change]] = field(default_factory=list)  # (date, change)


def _graphs(store: KGStore, text: str, model: URIRef) -> list[URIRef]:
    rows = store.select(text, {"model": model})
    return sorted(r["g"] for r in rows if isinstance(r.get("g"), URIRef))  # type: ignore[misc]


def model_history(store: KGStore, model: URIRef) -> ModelHistory:
    out = ModelHistory(model)
    for g in _graphs(store, ASSESSMENTS_OF_MODEL, model):
        for v in versions_of(store, g):
            for verdict in verdicts_from(version_triples(store, v)):
                if verdict.model == model and verdict.generated:
                    out.points.append(_point(verdict))
    for g in _graphs(store, RECORDS_OF_MODEL, model):
        versions = versions_of(store, g)
        facts = [record_facts(g, version_triples(store, v), v.digest) for v in versions]
        for i in range(1, len(versions)):
            old, new = State("old", {g: facts[i - 1]}), State("new", {g: facts[i]})
            out.changes += [(versions[i].date or "", c) for c in compare(old, new)]
    out.points.sort(key=lambda p: (p.lane, p.when))
    out.changes.sort(key=lambda x: (as_datetime(x[0]) if x[0] else datetime.min, x[1]))
    return out


def _point(v: Verdict) -> Point:
    record = str(v.record).split("/record/", 1)[-1] if v.record else ""
    assert v.generated is not None
    return Point(f"{v.framework} · {record}", as_datetime(v.generated), v.verdict, v.rule)


def svg_chart(history: ModelHistory, width: int = 720) -> str:
    """Verdicts over time, one lane per assessment (framework and record): each verdict a
    bar from its time to the next verdict of the lane (or the right edge), labelled, with a
    title giving the rule version. Readable without JavaScript."""
    lanes = sorted({p.lane for p in history.points})
    if not lanes:
        return ""
    left, right, lane_h, top = 230, 16, 30, 24
    times = [p.when for p in history.points]
    t0, t1 = min(times), max(times)
    span = max((t1 - t0).total_seconds(), 1.0)
    inner = width - left - right
    # the last verdict of a lane runs on for a tenth of the span (or a bar's minimum width)
    tail = max(inner / 10, 60.0)

    def x(t: datetime) -> float:
        return left + (t - t0).total_seconds() / span * (inner - tail)

    verdicts = sorted({p.verdict for p in history.points})
    colour = {v: PALETTE[i % len(PALETTE)] for i, v in enumerate(verdicts)}
    height = top + lane_h * len(lanes) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="hist-title" class="history-chart">',
        '<title id="hist-title">Verdicts over time, per framework and record</title>',
        "<style>text{font:12px sans-serif;fill:#222}.axis{fill:#555}</style>",
    ]
    for i, lane in enumerate(lanes):
        y = top + i * lane_h
        parts.append(f'<text x="4" y="{y + 18}">{escape(lane[:34])}</text>')
        pts = [p for p in history.points if p.lane == lane]
        for j, p in enumerate(pts):
            x0 = x(p.when)
            x1 = x(pts[j + 1].when) if j + 1 < len(pts) else x0 + tail
            w = max(x1 - x0, 2.0)
            label = escape(p.verdict)
            parts.append(
                f"<g><title>{label} from {p.when.isoformat()} ({escape(p.rule)})</title>"
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{w:.1f}" height="{lane_h - 8}" '
                f'fill="{colour[p.verdict]}" stroke="#fff"/>'
                f'<text x="{x0 + 3:.1f}" y="{y + 19}">{label if w > 60 else ""}</text></g>'
            )
    axis_y = top + lane_h * len(lanes) + 16
    parts.append(f'<text class="axis" x="{left}" y="{axis_y}">{t0.date().isoformat()}</text>')
    if t1 != t0:
        parts.append(
            f'<text class="axis" x="{x(t1):.1f}" y="{axis_y}">{t1.date().isoformat()}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
