"""Evaluation results of a Hub ``model-index`` (issue 5, item 1): the metric values are stored,
one ``okg:Evaluation`` per result and one ``schema:PropertyValue`` per metric; a malformed
part is skipped with a warning and the rest of the record lands."""

from __future__ import annotations

import hashlib
import json
import math

from click.testing import CliRunner
from hf_helpers import HF_DATA
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SDO, XSD

from openness_kg.cli import main
from openness_kg.ingest.hf.card import transform_card
from openness_kg.ingest.hf.evaluation import value_literal
from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG, sparql_prologue
from openness_kg.records import Record
from openness_kg.store import OxigraphStore

ID = "https://w3id.org/openness-kg/id/"
DEC, INT, DBL = XSD.decimal, XSD.integer, XSD.double


def _eval_iri(model: URIRef, key: str) -> URIRef:
    """The documented rule: first 16 hex digits of the SHA-1 of task|type|name|config|split."""
    return URIRef(f"{model}/evaluation/{hashlib.sha1(key.encode()).hexdigest()[:16]}")


def _metrics(rec: Record) -> dict[tuple[str, ...], dict[str, tuple]]:
    """(dataset name, config, split) -> {metric type (else name): (name, value, verified)}."""
    g = rec.as_graph()
    out: dict[tuple[str, ...], dict[str, tuple]] = {}
    for ev in g.subjects(RDF.type, OKG.Evaluation):
        key = tuple(
            str(g.value(ev, p) or "")
            for p in (OKG.datasetName, OKG.datasetConfig, OKG.datasetSplit)
        )
        assert key not in out
        out[key] = {
            str(g.value(m, SDO.propertyID) or g.value(m, SDO.name)): (
                g.value(m, SDO.name),
                g.value(m, SDO.value),
                g.value(m, OKG.verified),
            )
            for m in g.objects(ev, OKG.hasMetric)
        }
    return out


def test_roberta_squad2_metric_values() -> None:
    body = json.loads((HF_DATA / "models" / "deepset__roberta-base-squad2.json").read_text())
    rec = transform_model_info(body, Minter(), source="roberta")
    assert rec.warnings == []
    # The values below are read by hand from data/hf/models/deepset__roberta-base-squad2.json,
    # path model-index[0].results[*] (cardData.model-index holds the same list).
    ok, no = Literal(True), Literal(False)
    em, f1 = Literal("Exact Match"), Literal("F1")
    assert _metrics(rec) == {
        ("squad_v2", "squad_v2", "validation"): {
            "exact_match": (em, Literal("79.9309", datatype=DEC), ok),
            "f1": (f1, Literal("82.9501", datatype=DEC), ok),
            "total": (Literal("total"), Literal("11869", datatype=INT), ok),
        },
        ("squad", "plain_text", "validation"): {
            "exact_match": (em, Literal("85.289", datatype=DEC), no),
            "f1": (f1, Literal("91.841", datatype=DEC), no),
        },
        ("adversarial_qa", "adversarialQA", "validation"): {
            "exact_match": (em, Literal("29.5", datatype=DEC), no),
            "f1": (f1, Literal("40.367", datatype=DEC), no),
        },
        ("squad_adversarial", "AddOneSent", "validation"): {
            "exact_match": (em, Literal("78.567", datatype=DEC), no),
            "f1": (f1, Literal("84.469", datatype=DEC), no),
        },
        ("squadshifts amazon", "amazon", "test"): {
            "exact_match": (em, Literal("69.924", datatype=DEC), no),
            "f1": (f1, Literal("83.284", datatype=DEC), no),
        },
        ("squadshifts new_wiki", "new_wiki", "test"): {
            "exact_match": (em, Literal("81.204", datatype=DEC), no),
            "f1": (f1, Literal("90.595", datatype=DEC), no),
        },
        ("squadshifts nyt", "nyt", "test"): {
            "exact_match": (em, Literal("82.931", datatype=DEC), no),
            "f1": (f1, Literal("90.756", datatype=DEC), no),
        },
        ("squadshifts reddit", "reddit", "test"): {
            "exact_match": (em, Literal("71.55", datatype=DEC), no),
            "f1": (f1, Literal("82.939", datatype=DEC), no),
        },
    }
    m = URIRef(ID + "model/deepset/roberta-base-squad2")
    ev = _eval_iri(m, "question-answering|squad_v2|squad_v2|squad_v2|validation")
    t = set(rec.triples)
    assert (m, OKG.hasEvaluation, ev) in t
    assert (ev, OKG.evaluationTask, Literal("question-answering")) in t
    assert (ev, OKG.evaluationTaskName, Literal("Question Answering")) in t
    assert (ev, OKG.evaluationDataset, URIRef(ID + "dataset/squad_v2")) in t
    assert (ev, OKG.hasMetric, URIRef(f"{ev}/metric/exact_match")) in t
    # the four squadshifts results are four evaluations of one dataset
    shifts = {
        s for s, p, o in t if p == OKG.evaluationDataset and o == URIRef(ID + "dataset/squadshifts")
    }
    assert len(shifts) == 4
    # no verifyToken is stored
    assert not any("eyJ" in str(o) for _, _, o in t)


def test_transform_is_deterministic() -> None:
    body = json.loads((HF_DATA / "models" / "deepset__roberta-base-squad2.json").read_text())
    a = transform_model_info(body, Minter(), source="a")
    b = transform_model_info(body, Minter(), source="b")
    assert set(a.triples) == set(b.triples)


BAD_INDEX = {
    "id": "okg-test/bad-index",
    "cardData": {"license": "mit", "model-index": "not a list"},
    "model-index": [
        "not an object",
        {"name": "x", "results": {"task": {}}},
        {
            "name": "okg-test/bad-index",
            "results": [
                {
                    "task": {"type": "text-classification", "name": "Text Classification"},
                    "dataset": {"type": "okg-test/good", "name": "Good", "split": "test"},
                    "metrics": [
                        {"type": "accuracy", "value": 0.9, "verified": True},
                        {"type": "f1", "value": {"mean": 0.8}},
                        {"type": "loss"},
                        {"type": "flag", "value": True},
                        42,
                        {"value": 3},
                        {"name": "Perplexity", "value": "12.5 (approx.)"},
                        {"type": "bleu", "value": 12, "verified": "yes"},
                        {"type": "tiny", "value": 1.5e-30, "name": ["not", "text"]},
                    ],
                },
                {
                    "task": {"type": "summarization"},
                    "dataset": {"type": "okg-test/ds2", "config": 7},
                    "metrics": "oops",
                },
                {
                    "task": "text",
                    "dataset": {"name": "Free text"},
                    "metrics": [{"type": "a", "value": 1}],
                },
                5,
                {},
            ],
        },
    ],
}


def test_malformed_model_index_parts_are_warnings_and_the_rest_lands() -> None:
    rec = transform_model_info(BAD_INDEX, Minter(), source="bad-index.json")
    r = "model-index[2].results"
    assert rec.warnings == [
        "model-index[0]: expected an object, got str; skipped",
        "model-index[1].results: expected a list, got dict; skipped",
        f"{r}[0].metrics[1].value: expected a number or a string, got dict; skipped",
        f"{r}[0].metrics[2].value: expected a number or a string, got nothing; skipped",
        f"{r}[0].metrics[3].value: expected a number or a string, got bool; skipped",
        f"{r}[0].metrics[4]: expected an object, got int; skipped",
        f"{r}[0].metrics[5]: a metric with neither type nor name; skipped",
        f"{r}[0].metrics[7].verified: expected true or false, got str; skipped",
        f"{r}[0].metrics[8].name: expected a string, got list; skipped",
        f"{r}[1].dataset.config: expected a string, got int; skipped",
        f"{r}[1].metrics: expected a list, got str; skipped",
        f"{r}[2].task: expected an object, got str; skipped",
        f"{r}[3]: expected an object, got int; skipped",
        f"{r}[4]: no task, dataset or metric; skipped",
        "cardData.model-index: expected a list, got str; skipped",
    ]
    m = URIRef(ID + "model/okg-test/bad-index")
    t = set(rec.triples)
    # the rest of the record is there
    assert (m, OKG.declaredLicense, Literal("mit")) in t
    assert {o for s, p, o in t if s == m and p == OKG.evaluatedOn} == {
        URIRef(ID + "dataset/okg-test/good"),
        URIRef(ID + "dataset/okg-test/ds2"),
    }
    good = _eval_iri(m, "text-classification|okg-test/good|Good||test")
    summ = _eval_iri(m, "summarization|okg-test/ds2|||")
    free = _eval_iri(m, "||Free text||")
    assert {o for s, p, o in t if p == OKG.hasEvaluation} == {good, summ, free}
    assert (good, OKG.evaluationTaskName, Literal("Text Classification")) in t
    assert (good, OKG.datasetSplit, Literal("test")) in t
    assert not any(s == summ and p == OKG.datasetConfig for s, p, _ in t)
    assert not any(s == summ and p == OKG.hasMetric for s, p, _ in t)
    assert not any(s == free and p == OKG.evaluationDataset for s, p, _ in t)
    metrics = _metrics(rec)
    assert metrics[("Good", "", "test")] == {
        "accuracy": (None, Literal("0.9", datatype=DEC), Literal(True)),
        # no type: keyed (and minted) by its name
        "Perplexity": (Literal("Perplexity"), Literal("12.5 (approx.)"), None),
        "bleu": (None, Literal("12", datatype=INT), None),
        "tiny": (None, Literal("1.5e-30", datatype=DBL), None),
    }
    assert (URIRef(f"{good}/metric/Perplexity"), SDO.name, Literal("Perplexity")) in t
    assert metrics[("Free text", "", "")] == {"a": (None, Literal("1", datatype=INT), None)}


def test_value_literals_keep_the_value_as_given() -> None:
    assert value_literal(79.9309) == Literal("79.9309", datatype=DEC)
    assert value_literal(11869) == Literal("11869", datatype=INT)
    assert value_literal(1e-05) == Literal("1e-05", datatype=DBL)
    assert value_literal(math.inf) == Literal("INF", datatype=DBL)
    assert value_literal("85.3%") == Literal("85.3%")


def test_duplicate_results_get_distinct_iris() -> None:
    result = {
        "task": {"type": "t"},
        "dataset": {"type": "d"},
        "metrics": [{"type": "acc", "value": 1}],
    }
    body = {"id": "okg-test/dup", "model-index": [{"results": [result, result]}]}
    rec = transform_model_info(body, Minter(), source="dup")
    m = URIRef(ID + "model/okg-test/dup")
    evs = {o for s, p, o in rec.triples if p == OKG.hasEvaluation}
    assert evs == {_eval_iri(m, "t|d|||"), _eval_iri(m, "t|d||||2")}


CARD = """---
license: apache-2.0
model-index:
- name: okg-test/card-eval
  results:
  - task:
      type: text-classification
      name: Text Classification
    dataset:
      name: GLUE SST-2
      type: glue
      config: sst2
      split: validation
    metrics:
    - type: accuracy
      value: 0.913
      name: Accuracy
      verified: false
    - type: f1
      value: [0.9]
---
# A card with evaluation results
"""


def test_card_front_matter_model_index() -> None:
    rec = transform_card(CARD, Minter(), source="README.md")
    assert rec.warnings == [
        "model-index[0].results[0].metrics[1].value: expected a number or a string, got list; "
        "skipped"
    ]
    assert _metrics(rec) == {
        ("GLUE SST-2", "sst2", "validation"): {
            "accuracy": (Literal("Accuracy"), Literal("0.913", datatype=DEC), Literal(False))
        }
    }


def test_ingest_card_stores_the_metric_values(tmp_path) -> None:
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    store = tmp_path / "store"
    res = CliRunner().invoke(main, ["--store", str(store), "ingest", "card", str(card)])
    assert res.exit_code == 0, res.output
    out = " ".join(res.output.split())  # the console wraps long lines
    assert "metrics[1].value: expected a number or a string, got list; skipped" in out
    s = OxigraphStore(store)
    try:
        rows = s.select(
            sparql_prologue()
            + """SELECT ?task ?ds ?split ?metric ?value WHERE {
                 ?m okg:hasEvaluation ?e . ?e okg:evaluationTask ?task ;
                   okg:evaluationDataset ?ds ; okg:datasetSplit ?split ; okg:hasMetric ?x .
                 ?x schema:propertyID ?metric ; schema:value ?value }""",
            {"m": URIRef(ID + "model/okg-test/card-eval")},
        )
    finally:
        s.close()
    assert rows == [
        {
            "task": Literal("text-classification"),
            "ds": URIRef(ID + "dataset/glue"),
            "split": Literal("validation"),
            "metric": Literal("accuracy"),
            "value": Literal("0.913", datatype=DEC),
        }
    ]
