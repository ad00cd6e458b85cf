"""The Columbia stack profile of a model as a layered diagram (server-rendered SVG, readable
without JavaScript or colour: every box says its status in words).

System level (product, infrastructure) on top of the model level (code, data, weights), with
the cross-cutting attributes (documentation, licensing, safeguards) as a column beside them,
after the Columbia Convening's picture (arXiv 2405.15802)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..frameworks.result import CLOSED, NOT_EVIDENCED, OPEN, RESTRICTED, Verdict

FILL = {OPEN: "#c8e6c9", RESTRICTED: "#ffe0b2", CLOSED: "#ffcdd2", NOT_EVIDENCED: "#eeeeee"}
ROWS = (
    ("System level", ("product", "infrastructure")),
    ("Model level", ("code", "data", "weights")),
)
SIDE = ("documentation", "licensing", "safeguards")
W, H, GAP = 150, 56, 8


def _box(x: int, y: int, w: int, h: int, label: str, status: str, why: str) -> str:
    return (
        f"<g><title>{escape(label)}: {escape(status)} ({escape(why)})</title>"
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="4" fill="{FILL.get(status, "#fff")}" '
        f'stroke="#333"/>'
        f'<text x="{x + w // 2}" y="{y + h // 2 - 4}" text-anchor="middle" font-weight="bold">'
        f"{escape(label)}</text>"
        f'<text x="{x + w // 2}" y="{y + h // 2 + 14}" text-anchor="middle">{escape(status)}</text>'
        "</g>"
    )


def stack_svg(v: Verdict | None) -> str:
    crit = {c.key: c for c in v.criteria} if v is not None else {}

    def box(key: str, x: int, y: int, w: int, h: int) -> str:
        c = crit.get(key)
        label = key.capitalize()
        if c is None:
            return _box(x, y, w, h, label, NOT_EVIDENCED, "no record")
        return _box(x, y, w, h, label, c.status, c.detail)

    parts = []
    top = 30
    left = 110
    for i, (level, keys) in enumerate(ROWS):
        y = top + i * (H + GAP)
        parts.append(f'<text x="8" y="{y + H // 2 + 4}">{escape(level)}</text>')
        bw = (3 * W + 2 * GAP - (len(keys) - 1) * GAP) // len(keys)
        for j, k in enumerate(keys):
            parts.append(box(k, left + j * (bw + GAP), y, bw, H))
    sx = left + 3 * W + 3 * GAP
    sh = (2 * H + GAP - 2 * GAP) // 3
    for j, k in enumerate(SIDE):
        parts.append(box(k, sx, top + j * (sh + GAP), W, sh))
    width, height = sx + W + 10, top + 2 * H + GAP + 30
    caption = f"record {v.facts.source}" if v is not None else "no record"
    title = "Columbia stack profile" + (f": {v.facts.name}" if v is not None else "")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="DejaVu Sans,Verdana,sans-serif" font-size="12" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<text x="8" y="18" font-weight="bold">{escape(title)}</text>'
        + "".join(parts)
        + f'<text x="8" y="{height - 8}" fill="#555">{escape(caption)}; open, restricted, '
        "closed or not-evidenced per layer</text></svg>"
    )
