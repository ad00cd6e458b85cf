"""Evaluation results of a Hub ``model-index`` (card front matter, ``cardData`` or the body).

The Hub's ``model-index`` is a list of ``{name, results: [{task, dataset, metrics}]}``;
each result becomes one ``okg:Evaluation`` node (``Minter.evaluation``: a hash of its task
type, dataset type, dataset name, config and split), linked by ``okg:hasEvaluation``, with
``okg:evaluationTask``/``evaluationTaskName`` (task type/name), ``okg:evaluationDataset``
(the dataset IRI, when the dataset type is a Hub id other than ``unknown``), ``okg:datasetName``,
``okg:datasetConfig``, ``okg:datasetSplit``; each metric a ``schema:PropertyValue``
(``Minter.metric``: ``<evaluation>/metric/<type>``) linked by ``okg:hasMetric``, with
``schema:propertyID`` (type), ``schema:name``, ``schema:value`` (see :func:`value_literal`)
and ``okg:verified``.

A malformed part never rejects the record: it is skipped with a warning naming where it was
(``model-index[0].results[2].metrics[1].value: ...``), and the rest is kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SDO, XSD

from ...iris import Minter, is_hub_id
from ...namespaces import OKG
from ...records import Record, plain

Value = int | float | str


@dataclass
class Metric:
    type: str | None
    name: str | None
    value: Value
    verified: bool | None = None


@dataclass
class EvalResult:
    task_type: str | None = None
    task_name: str | None = None
    dataset_type: str | None = None
    dataset_name: str | None = None
    config: str | None = None
    split: str | None = None
    metrics: list[Metric] = field(default_factory=list)

    @property
    def dataset_id(self) -> str | None:
        """The dataset as a Hub id (``None`` for ``unknown`` and names that are not ids)."""
        t = self.dataset_type
        return t if t and t != "unknown" and is_hub_id(t) else None

    def key(self) -> str:
        parts = (self.task_type, self.dataset_type, self.dataset_name, self.config, self.split)
        return "|".join(p or "" for p in parts)


def _kind(value: object) -> str:
    return type(value).__name__


class _Fields:
    """String fields of one mapping; a field of the wrong type is dropped with a warning."""

    def __init__(self, data: Mapping[str, Any], where: str, warnings: list[str]) -> None:
        self.data, self.where, self.warnings = data, where, warnings

    def text(self, key: str) -> str | None:
        v = self.data.get(key)
        if v is None or isinstance(v, str):
            return v if v and v.strip() else None
        self.warnings.append(f"{self.where}.{key}: expected a string, got {_kind(v)}; skipped")
        return None

    def obj(self, key: str) -> Mapping[str, Any]:
        v = self.data.get(key)
        if v is None:
            return {}
        if not isinstance(v, Mapping):
            self.warnings.append(f"{self.where}.{key}: expected an object, got {_kind(v)}; skipped")
            return {}
        return v


def _metric(data: object, where: str, warnings: list[str]) -> Metric | None:
    if not isinstance(data, Mapping):
        warnings.append(f"{where}: expected an object, got {_kind(data)}; skipped")
        return None
    f = _Fields(data, where, warnings)
    mtype, name = f.text("type"), f.text("name")
    value = data.get("value")
    if value is None or isinstance(value, bool) or not isinstance(value, int | float | str):
        got = "nothing" if value is None else _kind(value)
        warnings.append(f"{where}.value: expected a number or a string, got {got}; skipped")
        return None
    if isinstance(value, str) and not value.strip():
        warnings.append(f"{where}.value: empty string; skipped")
        return None
    if mtype is None and name is None:
        warnings.append(f"{where}: a metric with neither type nor name; skipped")
        return None
    verified = data.get("verified")
    if verified is not None and not isinstance(verified, bool):
        warnings.append(f"{where}.verified: expected true or false, got {_kind(verified)}; skipped")
        verified = None
    return Metric(mtype, name, value, verified)


def _result(data: object, where: str, warnings: list[str]) -> EvalResult | None:
    if not isinstance(data, Mapping):
        warnings.append(f"{where}: expected an object, got {_kind(data)}; skipped")
        return None
    f = _Fields(data, where, warnings)
    task = _Fields(f.obj("task"), where + ".task", warnings)
    ds = _Fields(f.obj("dataset"), where + ".dataset", warnings)
    res = EvalResult(
        task_type=task.text("type"),
        task_name=task.text("name"),
        dataset_type=ds.text("type"),
        dataset_name=ds.text("name"),
        config=ds.text("config"),
        split=ds.text("split"),
    )
    metrics = data.get("metrics")
    if metrics is not None and not isinstance(metrics, list):
        warnings.append(f"{where}.metrics: expected a list, got {_kind(metrics)}; skipped")
        metrics = None
    for k, m in enumerate(metrics or []):
        metric = _metric(m, f"{where}.metrics[{k}]", warnings)
        if metric is not None:
            res.metrics.append(metric)
    if not res.key().strip("|") and not res.metrics:
        warnings.append(f"{where}: no task, dataset or metric; skipped")
        return None
    return res


def read_model_index(index: object, where: str, warnings: list[str]) -> list[EvalResult]:
    """The results of one ``model-index`` value; bad parts are skipped with a warning."""
    if index is None:
        return []
    if not isinstance(index, list):
        warnings.append(f"{where}: expected a list, got {_kind(index)}; skipped")
        return []
    out: list[EvalResult] = []
    for i, entry in enumerate(index):
        w = f"{where}[{i}]"
        if not isinstance(entry, Mapping):
            warnings.append(f"{w}: expected an object, got {_kind(entry)}; skipped")
            continue
        results = entry.get("results")
        if results is None:
            continue
        if not isinstance(results, list):
            warnings.append(f"{w}.results: expected a list, got {_kind(results)}; skipped")
            continue
        for j, res in enumerate(results):
            r = _result(res, f"{w}.results[{j}]", warnings)
            if r is not None:
                out.append(r)
    return out


def value_literal(value: Value) -> Literal:
    """A metric value as given: a string as a plain literal, an integer as ``xsd:integer``,
    a float as the shortest text that reads back as it (Python's ``repr``, which is how JSON
    and YAML wrote it unless they padded zeros): ``xsd:decimal`` in plain notation,
    ``xsd:double`` in exponent notation or when not finite (``INF``, ``NaN``)."""
    if isinstance(value, str):
        return plain(value)
    if isinstance(value, int):
        return Literal(value, datatype=XSD.integer)
    if not math.isfinite(value):
        return Literal(value, datatype=XSD.double)
    text = repr(value)
    return Literal(text, datatype=XSD.double if "e" in text else XSD.decimal, normalize=False)


def add_evaluations(
    rec: Record,
    minter: Minter,
    model: URIRef,
    results: list[EvalResult],
) -> None:
    """Add one evaluation node per result."""
    seen: dict[str, int] = {}
    for res in results:
        key = res.key()
        seen[key] = n = seen.get(key, 0) + 1
        ev = minter.evaluation(model, key if n == 1 else f"{key}|{n}")
        rec.add(model, OKG.hasEvaluation, ev)
        rec.add(ev, RDF.type, OKG.Evaluation)
        _add_texts(
            rec,
            ev,
            (OKG.evaluationTask, res.task_type),
            (OKG.evaluationTaskName, res.task_name),
            (OKG.datasetName, res.dataset_name),
            (OKG.datasetConfig, res.config),
            (OKG.datasetSplit, res.split),
        )
        if res.dataset_id:
            rec.add(ev, OKG.evaluationDataset, minter.dataset(res.dataset_id))
        names: dict[str, int] = {}
        for m in res.metrics:
            mkey = m.type or m.name or ""
            names[mkey] = k = names.get(mkey, 0) + 1
            node = minter.metric(ev, mkey if k == 1 else f"{mkey} ({k})")
            rec.add(ev, OKG.hasMetric, node)
            rec.add(node, RDF.type, SDO.PropertyValue)
            _add_texts(rec, node, (SDO.propertyID, m.type), (SDO.name, m.name))
            rec.add(node, SDO.value, value_literal(m.value))
            if m.verified is not None:
                rec.add(node, OKG.verified, Literal(m.verified))


def _add_texts(rec: Record, subject: URIRef, *pairs: tuple[URIRef, str | None]) -> None:
    """Each (property, text) pair whose text is not empty, as a plain literal."""
    for prop, text in pairs:
        if text:
            rec.add(subject, prop, plain(text))
