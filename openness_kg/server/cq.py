"""The competency questions of ``queries/cq/`` as examples for the SPARQL form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    query: str


def load_examples(directory: Path) -> list[Example]:
    out = []
    for rq in sorted(directory.glob("*.rq")):
        question = rq.stem
        meta_path = rq.with_suffix(".yaml")
        if not meta_path.exists():
            meta_path = rq.with_suffix(".yml")
        if meta_path.exists():
            try:
                meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
            except yaml.YAMLError:
                meta = {}
            if isinstance(meta, dict):
                for key in ("question", "title", "description"):
                    if isinstance(meta.get(key), str):
                        question = meta[key].strip()
                        break
        out.append(Example(rq.stem, question, rq.read_text(encoding="utf-8")))
    return out
