"""What model and compare pages show of the frameworks (issue 12): a model's frameworks panel
(the JSON API's view of its verdicts and the Columbia stack picture), and per framework the
most open verdict of each compared model."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from ..frameworks.model_view import TITLES, as_json, best, model_verdicts
from ..store import KGStore
from .stack_svg import stack_svg


def model_panel(store: KGStore, model: URIRef) -> dict[str, Any]:
    """What the model page's frameworks panel shows: the API's view and the stack picture."""
    from markupsafe import Markup

    records = model_verdicts(store, model)
    return {
        "frameworks": as_json(store, model, records),
        # every text in the picture is escaped by stack_svg
        "stack_svg": Markup(stack_svg(best(records, "columbia"))),
    }


def compare_rows(store: KGStore, models: list[URIRef]) -> dict[str, dict[URIRef, str]]:
    """Per framework, per model: the most open verdict of the model's records."""
    out: dict[str, dict[URIRef, str]] = {t: {} for t in TITLES}
    for m in models:
        records = model_verdicts(store, m)
        for t in TITLES:
            v = best(records, t)
            out[t][m] = v.verdict if v is not None else "–"
    return out
