"""The application's own SPARQL: one ``.rq`` file per query in ``queries/app/`` (shipped in the
package), read once. Values are never pasted into the text: the caller binds them as RDF
terms (``store.select(app_query("models-in-store"), {"m": iris})``, see
:mod:`openness_kg.binding`), one term in place or several as an inline ``VALUES`` block."""

from __future__ import annotations

from functools import cache

from .paths import QUERIES_DIR, ResourceMissing

APP_DIR = QUERIES_DIR / "app"


@cache
def app_query(name: str) -> str:
    """The text of ``queries/app/<name>.rq``."""
    path = APP_DIR / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceMissing(f"{path} is missing (a broken installation?)") from exc
