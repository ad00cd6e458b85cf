"""``explain MODEL``: one section per computed framework, for each record of the model."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import URIRef

from ..store import KGStore
from .computed import COLUMBIA, G7, OSAID, RELEASE, ComputedFramework
from .records import store_facts

SECTIONS: tuple[tuple[str, ComputedFramework], ...] = (
    ("OSI Open Source AI Definition 1.0", OSAID),
    ("G7 Vision on AI Openness (2026)", G7),
    ("Release gradient (Solaiman 2023)", RELEASE),
    ("Columbia Convening stack profile", COLUMBIA),
)


def framework_lines(store: KGStore, models: Sequence[URIRef]) -> list[str]:
    lines: list[str] = []
    for f in store_facts(store, models):
        # indented: the only unindented lines of explain name the model (as before)
        lines.append(f"  by framework, record {f.source} (<{f.record}>):")
        for title, fw in SECTIONS:
            v = fw.rule(f)
            lines.append(f"    {title}: {v.verdict}")
            lines.append(f"      {v.detail}")
            for c in v.criteria:
                lines.append(f"      - {c.label}: {c.status} ({c.detail})")
        lines.append("")
    return lines
