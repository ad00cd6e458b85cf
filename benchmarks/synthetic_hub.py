"""A synthetic Hugging Face Hub: ``model_info`` bodies shaped like the recorded ones, with
lineage, gating and the licence mix of the real Hub. Streaming (one body at a time) and
reproducible: every property of model ``i`` is a pure function of ``(seed, i)``, so the first
``n`` models are the same whatever the total, and a base model is found again without keeping
any table of the models made so far.

Each body is a recorded body (``data/hf/models/*.json``, the current ones, parsed from their
JSON text as an ingest parses what it reads) with a new repo id, ``_id``, ``sha``, licence,
gating, lineage and one synthetic dataset. Where each proportion comes from:

- **Licences** (``LICENCE_WEIGHTS``): the nine most used licences of Hub models and the number
  of models with no known licence are the counts of LiScan AI's "Model License Data Analysis"
  page (https://liscan-ai.com/index/data_analysis, a scan of Hub models; read through the
  project's search tool on 2026-12-03): apache-2.0 249,075, mit 92,116, openrail 35,295,
  creativeml-openrail-m 26,738, cc-by-nc-4.0 12,892, llama3 9,898, llama2 9,682, llama3.1 6,858,
  cc-by-4.0 5,841, unknown licence 1,023,823. That no-licence share (about 68% of those counted)
  agrees with a second scan, 64.4% of 1,873,342 public model repositories without a declared
  licence (https://vuink.com/post/oybt-d-denznynzn-d-dpbz/data-shows-public-ai-repos-may-be-quietly-becoming-a-supply-chain-risk).
  Every other licence id the Hub accepts (the other 74 rows of ``data/licenses/hf_licenses.csv``,
  ``other`` included) shares the tail: in the 35 current recorded bodies, 2 of the 32 that name
  a licence name one outside those nine (bsd-3-clause, openrail++), so the tail is 2/30 of the
  nine's total (29,893 models), spread evenly over the 74 ids (404 each; evenly is our choice:
  no source gives the tail's shape; each stays under the ninth's 5,841, as a ranking requires).
- **Gating** (``GATING_WEIGHTS``): 3 of the 35 current recorded bodies are ``gated: "manual"``
  (the meta-llama ones), none ``"auto"``; ``"auto"`` gets 1 in 35 so that the path is exercised
  (our choice, not a measurement); the rest are not gated.
- **Lineage**: 6 of the 35 current recorded bodies carry ``base_model:`` tags, so a model
  derives from an earlier one with probability 6/35. The recordings hold only ``finetune``;
  the split over finetune / adapter / quantized / merge (``RELATION_WEIGHTS``, 45/20/25/10) is
  our choice. Quantized models and adapters are never a base: the Model Atlas of the Hub
  (Horwitz et al. 2025, arXiv:2503.10633) found 99.41% of quantized models to be leaves. A
  base is drawn among earlier models with a bias to the oldest (``i * u**2``: few models have
  many derivatives), which makes chains (fine-tunes of fine-tunes) as well as wide families;
  a derivative's licence is drawn like any other (independent of its base's: our choice).

The repo ids are ``synthetic-org-K/model-I`` (about 5,000 organizations) and the datasets
``synthetic-data/set-D`` (5,003, named in the card, no dataset records).
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from openness_kg.paths import DATA_DIR

HEAD = {  # LiScan AI's counts (see the module doc)
    "apache-2.0": 249_075,
    "mit": 92_116,
    "openrail": 35_295,
    "creativeml-openrail-m": 26_738,
    "cc-by-nc-4.0": 12_892,
    "llama3": 9_898,
    "llama2": 9_682,
    "llama3.1": 6_858,
    "cc-by-4.0": 5_841,
}
NO_LICENCE = 1_023_823  # LiScan AI: models with unknown licences
TAIL_SHARE = (2, 30)  # recorded bodies: 2 outside the head for 30 inside it
GATING_WEIGHTS = {False: 31, "manual": 3, "auto": 1}
DERIVED = (6, 35)  # recorded bodies with base_model tags
RELATION_WEIGHTS = {"finetune": 45, "adapter": 20, "quantized": 25, "merge": 10}
LEAVES = {"adapter", "quantized"}
ORGS = 4999
DATASETS = 5003


def hub_licence_ids() -> list[str]:
    with (DATA_DIR / "licenses" / "hf_licenses.csv").open(encoding="utf-8", newline="") as f:
        return [row["hub_id"] for row in csv.DictReader(f)]


def licence_weights() -> dict[str | None, int]:
    """Hub licence id (``None``: no licence) -> weight, as the module doc derives them."""
    tail = [x for x in hub_licence_ids() if x not in HEAD]
    per_tail = round(sum(HEAD.values()) * TAIL_SHARE[0] / TAIL_SHARE[1] / len(tail))
    out: dict[str | None, int] = {k: v for k, v in HEAD.items()}
    out.update({k: per_tail for k in tail})
    out[None] = NO_LICENCE
    return out


@lru_cache(maxsize=1)
def _tables() -> tuple[list[str | None], list[int], list[str], list[int]]:
    lw = licence_weights()
    return (
        list(lw),
        _cumulative(lw.values()),
        list(RELATION_WEIGHTS),
        _cumulative(RELATION_WEIGHTS.values()),
    )


def _cumulative(weights: Any) -> list[int]:
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return out


def templates() -> list[str]:
    """The current recorded bodies as JSON text (kept snapshots ``@label`` left out)."""
    return [
        f.read_text(encoding="utf-8")
        for f in sorted((DATA_DIR / "hf" / "models").glob("*.json"))
        if "@" not in f.stem
    ]


class Draw:
    """What model ``i`` is (a pure function of the seed and ``i``)."""

    __slots__ = ("base", "gated", "i", "licence", "relation", "template", "u")

    def __init__(self, seed: int, i: int, n_templates: int) -> None:
        rnd = random.Random(seed * 1_000_003 + i)
        lic, lic_cum, rels, rel_cum = _tables()
        self.i = i
        self.template = rnd.randrange(n_templates)
        self.licence = rnd.choices(lic, cum_weights=lic_cum)[0]
        self.gated = rnd.choices(list(GATING_WEIGHTS), weights=list(GATING_WEIGHTS.values()))[0]
        derived = i > 0 and rnd.random() < DERIVED[0] / DERIVED[1]
        self.relation = rnd.choices(rels, cum_weights=rel_cum)[0] if derived else None
        self.u = rnd.random()
        self.base: int | None = None


class SyntheticHub:
    """``bodies(n)`` yields ``(i, body)`` for the first ``n`` models of the seed's Hub."""

    def __init__(self, seed: int = 16) -> None:
        self.seed = seed
        self.texts = templates()

    def draw(self, i: int) -> Draw:
        d = Draw(self.seed, i, len(self.texts))
        if d.relation is not None:
            d.base = self.non_leaf(int(i * d.u * d.u))
        return d

    def non_leaf(self, j: int) -> int:
        """``j``, or the model ``j`` derives from when ``j`` is a quantization or an adapter
        (never a leaf: the base of a leaf is drawn by this same rule)."""
        d = self.draw(j)
        return d.base if d.relation in LEAVES and d.base is not None else j

    @staticmethod
    def repo_id(i: int) -> str:
        return f"synthetic-org-{(i * 7919) % ORGS}/model-{i}"

    def body(self, i: int) -> dict[str, Any]:
        d = self.draw(i)
        body: dict[str, Any] = json.loads(self.texts[d.template])
        rid = self.repo_id(i)
        org = rid.split("/", 1)[0]
        body["id"] = body["modelId"] = rid
        body["_id"] = f"{i:024x}"
        body["author"] = org
        body["sha"] = f"{i:040x}"
        body["gated"] = d.gated
        tags = [t for t in body.get("tags", []) if not t.startswith(("base_model:", "license:"))]
        card = {
            k: v
            for k, v in (body.get("cardData") or {}).items()
            if k not in ("base_model", "base_model_relation", "license", "license_name")
        }
        if d.licence is not None:
            tags.append(f"license:{d.licence}")
            card["license"] = d.licence
        if d.base is not None and d.relation is not None:
            base = self.repo_id(d.base)
            tags += [f"base_model:{base}", f"base_model:{d.relation}:{base}"]
            card["base_model"] = base
        dataset = f"synthetic-data/set-{(i * 31) % DATASETS}"
        card["datasets"] = [dataset]
        tags.append(f"dataset:{dataset}")
        body["tags"] = tags
        body["cardData"] = card
        return body

    def bodies(self, n: int, start: int = 0) -> Iterator[tuple[int, dict[str, Any]]]:
        for i in range(start, n):
            yield i, self.body(i)
