"""Human assessments on the site: the index's and FMTI's verdicts on model and organization
pages, the framework matrix (models by framework) and the distribution of verdicts per
framework as a server-rendered SVG chart (colours always with their text)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from rdflib import Literal, URIRef
from rdflib.term import Node

from ..app_queries import app_query
from ..namespaces import OKG
from ..store import KGStore
from ..store.base import Row

WORD = {OKG.Open: "open", OKG.Partial: "partial", OKG.Closed: "closed"}
MOF_LABEL = {
    OKG.MofClassI: "Class I",
    OKG.MofClassII: "Class II",
    OKG.MofClassIII: "Class III",
    OKG.MofUnclassified: "unclassified",
}
MOF_RANK = {OKG.MofClassI: 1, OKG.MofClassII: 2, OKG.MofClassIII: 3, OKG.MofUnclassified: 4}

INDEX_SYSTEMS = app_query("index-systems")
INDEX_PARAMETERS = app_query("index-parameters")
ORG_FMTI = app_query("org-fmti")
MATRIX = app_query("framework-matrix")
FMTI_TOTALS = app_query("fmti-totals")
MOF_COUNTS = app_query("mof-counts")
INDEX_COUNTS = app_query("index-counts")
FMTI_COUNTS = app_query("fmti-counts")


@dataclass
class Parameter:
    param: str
    label: str
    verdict: str
    evidence: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class SystemVerdicts:
    name: str
    file: str
    roles: set[str]
    score: float | None
    parameters: dict[str, Parameter] = field(default_factory=dict)


def model_verdicts(store: KGStore, model: URIRef) -> list[SystemVerdicts]:
    """The index systems linked to ``model``, with each parameter's verdict, evidence, notes
    (a system without parameters is not shown)."""
    systems = store.select(INDEX_SYSTEMS, {"model": model})
    if not systems:
        return []
    parts: dict[tuple[Node, Node], list[Row]] = {}
    wholes = {r["whole"] for r in systems}
    for r in store.select(INDEX_PARAMETERS, {"whole": wholes, "g": {r["g"] for r in systems}}):
        parts.setdefault((r["whole"], r["g"]), []).append(r)
    out: dict[URIRef, SystemVerdicts] = {}
    for w in systems:
        rows = parts.get((w["whole"], w["g"]))
        if not rows:
            continue
        fam = w["family"]
        assert isinstance(fam, URIRef)
        score = w.get("score")
        s = out.setdefault(
            fam,
            SystemVerdicts(
                str(w["name"]),
                str(w["path"]).rsplit("/", 1)[-1],
                set(),
                float(score) if isinstance(score, Literal) else None,
            ),
        )
        s.roles.add("end model" if w["prop"] == OKG.endModel else "base model")
        for r in rows:
            param = str(r["param"])
            v = r.get("verdict")
            p = s.parameters.setdefault(
                param,
                Parameter(
                    param,
                    str(r.get("label", param)),
                    WORD.get(v, "missing") if isinstance(v, URIRef) else "missing",
                ),
            )
            for key, bucket in (("evidence", p.evidence), ("note", p.notes)):
                val = r.get(key)
                if val is not None and str(val) not in bucket:
                    bucket.append(str(val))
    return sorted(out.values(), key=lambda s: s.file)


def org_fmti(store: KGStore, org: URIRef) -> list[tuple[str, str, int, str]]:
    """(developer as FMTI writes it, edition, total, scores file) for ``org`` or an FMTI
    developer the curated mapping says is the same organization."""
    rows = store.select(ORG_FMTI, {"org": org})
    out = [
        (str(r["dev"]), str(r["edition"]), int(float(str(r["score"]))), str(r["path"]))
        for r in rows
    ]
    return sorted(out, key=lambda t: t[1], reverse=True)


@dataclass
class MatrixRow:
    model: URIRef
    label: str
    mof: URIRef | None = None
    systems: dict[str, float] = field(default_factory=dict)
    fmti: tuple[str, str, int] | None = None  # (developer, edition, total), latest edition

    @property
    def best_index(self) -> float | None:
        return max(self.systems.values()) if self.systems else None


SORTS = ("name", "mof", "index", "fmti")


def matrix(store: KGStore, q: str = "", sort: str = "name", desc: bool = False) -> list[MatrixRow]:
    """Every model an index system is linked to, with its MOF class, the index's scores and
    its producer's latest FMTI total; filtered by ``q`` (a substring of the name)."""
    rows: dict[URIRef, MatrixRow] = {}
    producers: dict[URIRef, set[Node]] = {}
    for r in store.select(MATRIX):
        m = r["model"]
        assert isinstance(m, URIRef)
        row = rows.setdefault(m, MatrixRow(m, str(r.get("label", m))))
        if r.get("label") is not None and "/" in str(r["label"]):
            row.label = str(r["label"])
        row.systems[str(r["name"])] = float(str(r["score"]))
        c = r.get("class")
        if isinstance(c, URIRef) and (row.mof is None or MOF_RANK[c] < MOF_RANK[row.mof]):
            row.mof = c
        if r.get("producer") is not None:
            producers.setdefault(m, set()).add(r["producer"])
    fmti: dict[Node, tuple[str, str, int]] = {}
    for r in store.select(FMTI_TOTALS):
        t = r["target"]
        item = (str(r["dev"]), str(r["edition"]), int(float(str(r["score"]))))
        if t not in fmti or item[1] > fmti[t][1]:
            fmti[t] = item
    for m, row in rows.items():
        found = [fmti[p] for p in producers.get(m, ()) if p in fmti]
        row.fmti = max(found, key=lambda t: t[1]) if found else None
    out = [r for r in rows.values() if q.lower() in r.label.lower()]
    keys = {
        "name": lambda r: (r.label.lower(),),
        "mof": lambda r: (MOF_RANK.get(r.mof, 5) if r.mof else 5, r.label.lower()),
        "index": lambda r: (r.best_index if r.best_index is not None else -1, r.label.lower()),
        "fmti": lambda r: (r.fmti[2] if r.fmti else -1, r.label.lower()),
    }
    out.sort(key=keys.get(sort, keys["name"]), reverse=desc)
    return out


# --- the distribution chart --------------------------------------------------------------------

# (label, fill colour, text colour): every segment carries its label and count as text
PALETTE = {
    "Class I": ("#1b7837", "#fff"),
    "Class II": ("#5aae61", "#000"),
    "Class III": ("#a6dba0", "#000"),
    "unclassified": ("#d9d9d9", "#000"),
    "open": ("#1b7837", "#fff"),
    "partial": ("#fdb863", "#000"),
    "closed": ("#b2182b", "#fff"),
    "met": ("#2166ac", "#fff"),
    "not met": ("#d9d9d9", "#000"),
}


def distribution(store: KGStore) -> list[tuple[str, list[tuple[str, int]]]]:
    """Per framework (FMTI per edition), the count of each verdict."""
    bars: list[tuple[str, list[tuple[str, int]]]] = []
    mof = {
        MOF_LABEL.get(URIRef(str(r["class"])), str(r["class"])): int(str(r["n"]))
        for r in store.select(MOF_COUNTS)
    }
    if mof:
        order = ["Class I", "Class II", "Class III", "unclassified"]
        bars.append(
            ("MOF (computed; models by highest class)", [(k, mof[k]) for k in order if k in mof])
        )
    idx = {
        WORD.get(URIRef(str(r["verdict"])), "?"): int(str(r["n"]))
        for r in store.select(INDEX_COUNTS)
    }
    if idx:
        bars.append(
            (
                "European Open Source AI Index (parameters)",
                [(k, idx[k]) for k in ("open", "partial", "closed") if k in idx],
            )
        )
    fmti: dict[str, dict[str, int]] = {}
    for r in store.select(FMTI_COUNTS):
        key = "met" if float(str(r["score"])) >= 1 else "not met"
        fmti.setdefault(str(r["edition"]), {})[key] = int(str(r["n"]))
    for edition in sorted(fmti):
        d = fmti[edition]
        bars.append(
            (f"FMTI {edition} (indicators)", [(k, d[k]) for k in ("met", "not met") if k in d])
        )
    return bars


def distribution_svg(bars: list[tuple[str, list[tuple[str, int]]]], width: int = 720) -> str:
    """A horizontal stacked bar per framework, each segment with its label and count in text
    (and a <title>); proportions within a bar, not across bars."""
    row_h, label_h, pad = 28, 18, 12
    height = pad + len(bars) * (label_h + row_h + pad)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="dist-title">',
        '<title id="dist-title">Distribution of verdicts per framework</title>',
    ]
    y = pad
    for name, segments in bars:
        parts.append(f'<text x="0" y="{y + 13}" font-size="13">{escape(name)}</text>')
        y += label_h
        total = sum(n for _, n in segments) or 1
        x = 0.0
        for label, n in segments:
            w = width * n / total
            fill, ink = PALETTE.get(label, ("#999", "#000"))
            text = f"{label}: {n}"
            parts.append(
                f"<g><title>{escape(name)}: {escape(text)} of {total}</title>"
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h}" fill="{fill}" '
                'stroke="#fff"/>'
            )
            if w >= 8 * len(text):
                parts.append(
                    f'<text x="{x + 4:.1f}" y="{y + 18}" font-size="12" fill="{ink}">'
                    f"{escape(text)}</text>"
                )
            parts.append("</g>")
            x += w
        y += row_h + pad
    parts.append("</svg>")
    return "".join(parts)


def legend(bars: list[tuple[str, list[tuple[str, int]]]]) -> list[tuple[str, str]]:
    """Each bar in words (for readers of text, and segments too narrow for their label)."""
    return [(name, ", ".join(f"{k} {n}" for k, n in segs)) for name, segs in bars]


def frameworks_context(store: KGStore, params: Mapping[str, str]) -> dict[str, object]:
    sort = params.get("sort", "name")
    sort = sort if sort in SORTS else "name"
    desc = params.get("order") == "desc"
    q = params.get("q", "")[:200]
    bars = distribution(store)
    return {
        "title": "Frameworks",
        "rows": matrix(store, q, sort, desc),
        "q": q,
        "sort": sort,
        "desc": desc,
        "sorts": SORTS,
        "chart": distribution_svg(bars),
        "legend": legend(bars),
        "MOF_LABEL": MOF_LABEL,
    }
