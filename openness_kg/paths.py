"""Where the bundled resources live: ontology, shapes, queries and data, inside the package.

The top-level folders of the source tree (``ontology/``, ``shapes/``, ``queries/``, ``data/``)
are the sources people edit; ``openness_kg/resources/`` links to them, and the wheel carries
copies of them, so an installed package finds them through :mod:`importlib.resources` wherever
it is run from. A missing or empty resource folder is a :class:`ResourceMissing` error, never
an empty success (:func:`check_resources`, run by every command).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

RESOURCES = Path(str(files("openness_kg").joinpath("resources")))
ONTOLOGY_DIR = RESOURCES / "ontology"
SHAPES_DIR = RESOURCES / "shapes"
QUERIES_DIR = RESOURCES / "queries"
DATA_DIR = RESOURCES / "data"

# What a working installation must hold: (folder, glob that must match at least one file).
REQUIRED: tuple[tuple[Path, str], ...] = (
    (ONTOLOGY_DIR, "*.ttl"),
    (SHAPES_DIR, "*.ttl"),
    (QUERIES_DIR / "cq", "*.rq"),
    (QUERIES_DIR / "lint", "*-violation.rq"),
    (QUERIES_DIR / "app", "*.rq"),
    (DATA_DIR / "licenses", "terms.yaml"),
    (DATA_DIR / "mot" / "models", "*.yml"),
    (DATA_DIR / "hf" / "models", "*.json"),
)


class ResourceMissing(RuntimeError):
    """A bundled resource folder is missing or empty: the installation is broken."""


def missing_resources() -> list[str]:
    """Each required resource that is not there, in words (empty when all are)."""
    problems = []
    for folder, pattern in REQUIRED:
        if not folder.is_dir():
            problems.append(f"{folder} is missing")
        elif next(folder.glob(pattern), None) is None:
            problems.append(f"{folder} has no {pattern}")
    return problems


def check_resources() -> None:
    """Raise :class:`ResourceMissing` naming every required resource that is not there."""
    problems = missing_resources()
    if problems:
        raise ResourceMissing(
            "the bundled resources of openness-kg are incomplete (a broken installation; "
            "reinstall the package): " + "; ".join(problems)
        )
