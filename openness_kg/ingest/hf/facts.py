"""The facts a Hub response or a model card states about a model, checked and normalised.

:func:`facts_from_model_info` reads a ``model_info`` body, :func:`facts_from_card` a card's
YAML front matter. Both check every field they use. A field of the card's metadata (a card's
front matter, or ``cardData`` in a body) of the wrong type is dropped with a warning naming its
path (``language[29]: expected a string, got bool; ignored``), so one bad field never costs the
rest of the record; so are the bad parts of a ``model-index`` (:mod:`.evaluation`). A body
whose own fields (``id``, ``sha``, ``siblings``...) have the wrong type is rejected as a whole
(the caller raises a ``RecordError`` naming the problems): the Hub writes those, so a wrong
type there means the response is not a ``model_info`` body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ...iris import is_hub_id
from .evaluation import EvalResult, read_model_index

RELATIONS = ("finetune", "adapter", "quantized", "merge")
GATING = {False: "NotGated", "auto": "GatedAuto", "manual": "GatedManual"}


@dataclass
class HubFacts:
    repo_id: str
    hub_key: str | None = None  # the Hub's internal ``_id`` (stable across renames)
    aliases: list[str] = field(default_factory=list)
    author: str | None = None
    sha: str | None = None
    created: str | None = None
    modified: str | None = None
    gating: str | None = None  # NotGated | GatedAuto | GatedManual
    pipeline_tag: str | None = None
    library_name: str | None = None
    architectures: list[str] = field(default_factory=list)
    parameter_count: int | None = None
    languages: list[str] = field(default_factory=list)
    licences: list[str] = field(default_factory=list)  # raw strings
    license_name: str | None = None
    license_link: str | None = None
    base_models: list[tuple[str, str | None]] = field(default_factory=list)  # (id, relation)
    datasets: list[str] = field(default_factory=list)
    eval_datasets: list[str] = field(default_factory=list)
    evaluations: list[EvalResult] = field(default_factory=list)
    has_model_index: bool = False
    arxiv: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Problems(list[str]):
    """Type problems found while reading a body; empty when the body is usable."""


def _uniq(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def norm_datetime(value: str) -> str:
    """ISO 8601 as the Hub writes it (``2024-10-16T11:48:13.000Z``) -> ``...13Z`` in UTC."""
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Reader:
    """Typed access to a JSON/YAML mapping that records what has the wrong type."""

    def __init__(self, data: Mapping[str, Any], where: str, problems: Problems) -> None:
        self.data = data
        self.where = where
        self.problems = problems

    def _bad(self, key: str, expected: str, value: object) -> None:
        self.problems.append(f"{self.where}{key}: expected {expected}, got {type(value).__name__}")

    def text(self, key: str) -> str | None:
        v = self.data.get(key)
        if v is None:
            return None
        if not isinstance(v, str):
            self._bad(key, "a string", v)
            return None
        return v

    def _strings(self, key: str, items: list[Any]) -> list[str]:
        """The strings of a list; each item that is not one is a problem naming its index."""
        bad = [(i, x) for i, x in enumerate(items) if not isinstance(x, str)]
        for i, x in bad[:5]:
            self._bad(f"{key}[{i}]", "a string", x)
        if len(bad) > 5:
            self.problems.append(f"{self.where}{key}: {len(bad) - 5} more items not strings")
        return [x for x in items if isinstance(x, str)]

    def texts(self, key: str) -> list[str]:
        v = self.data.get(key)
        if v is None:
            return []
        if isinstance(v, str):
            return [v]
        if isinstance(v, list):
            return self._strings(key, v)
        self._bad(key, "a string or a list of strings", v)
        return []

    def text_list(self, key: str) -> list[str]:
        v = self.data.get(key)
        if v is None:
            return []
        if isinstance(v, list):
            return self._strings(key, v)
        self._bad(key, "a list of strings", v)
        return []

    def obj(self, key: str) -> Mapping[str, Any]:
        v = self.data.get(key)
        if v is None:
            return {}
        if not isinstance(v, Mapping):
            self._bad(key, "an object", v)
            return {}
        return v

    def items(self, key: str) -> list[Any]:
        v = self.data.get(key)
        if v is None:
            return []
        if not isinstance(v, list):
            self._bad(key, "a list", v)
            return []
        return v

    def when(self, key: str) -> str | None:
        v = self.text(key)
        if v is None:
            return None
        try:
            return norm_datetime(v)
        except ValueError:
            self.problems.append(f"{self.where}{key}: not an ISO 8601 date-time: {v[:40]!r}")
            return None


def _card_facts(card: Mapping[str, Any], facts: HubFacts, where: str) -> None:
    """The card's YAML front matter (``cardData`` in a body): licence, data, lineage, ...
    A field of the wrong type is dropped with a warning naming its path."""
    dropped = Problems()
    r = Reader(card, where, dropped)
    facts.licences = r.texts("license")
    facts.license_name = r.text("license_name")
    facts.license_link = r.text("license_link")
    facts.languages = _uniq(r.texts("language") or r.texts("languages"))
    facts.datasets = _uniq(r.texts("datasets"))
    facts.pipeline_tag = r.text("pipeline_tag")
    facts.library_name = r.text("library_name")
    relation = r.text("base_model_relation")
    facts.base_models = [(b, relation) for b in _uniq(r.texts("base_model"))]
    facts.warnings += [f"{p}; ignored" for p in dropped]


def _model_index(facts: HubFacts, *indexes: tuple[str, object]) -> None:
    """Evaluation results from one or more ``model-index`` values (``(where, value)``); a
    value equal to one already read (``cardData`` mirrors the body's) is read once."""
    read: list[object] = []
    for where, index in indexes:
        if index is None or index in read:
            continue
        read.append(index)
        facts.has_model_index = facts.has_model_index or (isinstance(index, list) and bool(index))
        facts.evaluations += read_model_index(index, where, facts.warnings)
    facts.eval_datasets = _uniq([d for e in facts.evaluations if (d := e.dataset_id)])


def _tag_facts(tags: list[str], facts: HubFacts) -> None:
    """``base_model:``, ``dataset:``, ``arxiv:`` and ``license:`` tags."""
    tag_bases: dict[str, str | None] = {}
    tag_licences: list[str] = []
    tag_datasets: list[str] = []
    for t in tags:
        if t.startswith("base_model:"):
            rest = t[len("base_model:") :]
            rel, _, rid = rest.partition(":")
            if rid and rel in RELATIONS:
                tag_bases[rid] = rel
            elif rest and ":" not in rest:
                tag_bases.setdefault(rest, None)
            else:
                facts.warnings.append(f"unreadable base_model tag {t!r}")
        elif t.startswith("dataset:"):
            tag_datasets.append(t[len("dataset:") :])
        elif t.startswith("arxiv:"):
            facts.arxiv.append(t[len("arxiv:") :])
        elif t.startswith("license:"):
            tag_licences.append(t[len("license:") :])
    facts.arxiv = _uniq(facts.arxiv)
    facts.datasets = _uniq(facts.datasets + tag_datasets)
    if not facts.licences:
        facts.licences = tag_licences
    if tag_bases:
        card_bases = {b for b, _ in facts.base_models}
        card_rel = {rel for _, rel in facts.base_models if rel}
        if card_bases and card_bases != set(tag_bases):
            facts.warnings.append(
                "the card names base model(s) "
                + ", ".join(sorted(card_bases))
                + " but the Hub's tags name "
                + ", ".join(sorted(tag_bases))
                + "; the tags are used"
            )
        # the card's base_model_relation names the relation the tags leave plain, for the
        # bases the card names (or for the one base both name, under an old id after a
        # rename); a base only the tags name stays plain derivation: never guessed
        fallback = next(iter(card_rel)) if len(card_rel) == 1 else None
        renamed = len(card_bases) == 1 and len(tag_bases) == 1
        facts.base_models = [
            (b, rel or (fallback if b in card_bases or renamed else None))
            for b, rel in tag_bases.items()
        ]


def facts_from_model_info(body: Any, problems: Problems) -> HubFacts | None:
    """The facts of one ``model_info`` body; ``None`` when it has no usable repo id."""
    if not isinstance(body, Mapping):
        problems.append(f"expected a JSON object, got {type(body).__name__}")
        return None
    r = Reader(body, "", problems)
    repo_id = r.text("id") or r.text("modelId")
    if repo_id is None:
        problems.append("no repo id (fields id/modelId)")
        return None
    if not is_hub_id(repo_id):
        problems.append(f"not a Hugging Face repo id: {repo_id[:200]!r}")
        return None
    facts = HubFacts(repo_id=repo_id)
    facts.hub_key = r.text("_id")
    facts.author = r.text("author")
    facts.sha = r.text("sha")
    facts.created = r.when("createdAt")
    facts.modified = r.when("lastModified")
    gated = body.get("gated")
    if gated is not None:
        if isinstance(gated, bool | str) and gated in GATING and gated is not True:
            facts.gating = GATING[gated]
        else:
            problems.append(f"gated: expected false, 'auto' or 'manual', got {gated!r:.40}")
    card = r.obj("cardData")
    _card_facts(card, facts, "cardData.")
    # the body's own fields win over the card's mirror of them
    facts.pipeline_tag = r.text("pipeline_tag") or facts.pipeline_tag
    facts.library_name = r.text("library_name") or facts.library_name
    _model_index(
        facts,
        ("model-index", body.get("model-index")),
        ("cardData.model-index", card.get("model-index")),
    )
    _tag_facts(r.text_list("tags"), facts)
    config = r.obj("config")
    c = Reader(config, "config.", problems)
    facts.architectures = c.text_list("architectures")
    diffusers = c.obj("diffusers")
    cls = Reader(diffusers, "config.diffusers.", problems).text("_class_name")
    if cls and not facts.architectures:
        facts.architectures = [cls]
    st = r.obj("safetensors")
    total = st.get("total")
    if total is not None:
        if isinstance(total, int) and not isinstance(total, bool) and total >= 0:
            facts.parameter_count = total
        else:
            problems.append(f"safetensors.total: expected a count, got {total!r:.40}")
    for i, s in enumerate(r.items("siblings")):
        name = s.get("rfilename") if isinstance(s, Mapping) else None
        if not isinstance(name, str):
            problems.append(f"siblings[{i}]: expected an object with a string rfilename")
            continue
        facts.files.append(name)
    return facts


def facts_from_card(meta: Mapping[str, Any], repo_id: str, problems: Problems) -> HubFacts:
    """The facts of a model card's YAML front matter (already parsed to a mapping)."""
    facts = HubFacts(repo_id=repo_id)
    _card_facts(meta, facts, "")
    _model_index(facts, ("model-index", meta.get("model-index")))
    dropped = Problems()
    tags = Reader(meta, "", dropped).texts("tags")
    facts.warnings += [f"{p}; ignored" for p in dropped]
    _tag_facts(tags, facts)
    facts.files = ["README.md"]
    return facts
