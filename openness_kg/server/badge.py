"""A small SVG badge (label | verdict) a producer can put in a model card; no JavaScript."""

from __future__ import annotations

from xml.sax.saxutils import escape

LABELS = {"mof": "MOF", "osaid": "OSAID 1.0", "g7": "G7 openness"}
GOOD = {"class-I", "class-II", "conforms", "meets-checkable-part", "open-source-ai-with-open-data",
        "open-source-ai", "open-weights-ai"}  # fmt: skip
BAD = {"fails", "none", "unclassified", "weights-available-ai"}
GREEN, AMBER, RED, GREY = "#2e7d32", "#b26a00", "#c62828", "#616161"


def _width(text: str) -> int:
    return 7 * len(text) + 12  # a monospace-ish estimate: 7 px a character at 11 px


def badge_svg(framework: str, verdict: str) -> str:
    left, right = LABELS.get(framework, framework), verdict
    colour = GREEN if right in GOOD else RED if right in BAD else AMBER
    if right in ("not assessed", "unknown model"):
        colour = GREY
    lw, rw = _width(left), _width(right)
    w = lw + rw
    title = escape(f"{left}: {right}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="20" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<rect width="{lw}" height="20" fill="#555"/>'
        f'<rect x="{lw}" width="{rw}" height="20" fill="{colour}"/>'
        f'<g fill="#fff" font-family="DejaVu Sans,Verdana,sans-serif" font-size="11">'
        f'<text x="6" y="14">{escape(left)}</text>'
        f'<text x="{lw + 6}" y="14">{escape(right)}</text></g></svg>'
    )
