"""One server process of ``openness-kg serve --workers N``: uvicorn starts N processes, each
calling :func:`app`, which opens the store (the snapshot ``serve`` took) read-only and builds
the application with its own SPARQL worker pool. The settings come from ``serve`` in the
environment variable ``OPENNESS_KG_SERVE`` (JSON), as uvicorn passes nothing else on."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

ENV = "OPENNESS_KG_SERVE"


def settings_env(**settings: Any) -> dict[str, str]:
    """The environment entry for :func:`app`."""
    return {ENV: json.dumps(settings)}


def app() -> Starlette:
    from ..store import open_store
    from . import create_app, make_site

    cfg = json.loads(os.environ[ENV])
    path = Path(cfg["store"])
    site = make_site(
        open_store(path, read_only=True),
        path,
        cfg["base"],
        cfg["public_url"],
        timeout=cfg["timeout"],
        max_result_bytes=cfg["max_result_bytes"],
        query_workers=cfg["query_workers"],
        answers=Path(cfg["answers"]) if cfg.get("answers") else None,
        query_nice=cfg.get("query_nice", 0),
    )
    return create_app(site)
