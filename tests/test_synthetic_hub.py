"""The synthetic Hub of ``make bench-hub`` (``benchmarks/synthetic_hub.py``): reproducible,
every body a valid ``model_info`` body for the product's transform, and the lineage, gating
and licences it draws are what the transform reads back from the body."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from openness_kg.ingest.hf.transform import transform_model_info
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic_hub import HEAD, LEAVES, NO_LICENCE, SyntheticHub, licence_weights

RELATION_PREDICATE = {  # the ontology's derivation properties (read off the Hub's relations)
    "finetune": OKG.fineTunedFrom,
    "adapter": OKG.adapterOf,
    "quantized": OKG.quantizedFrom,
    "merge": OKG.mergedFrom,
}
GATING = {False: OKG.NotGated, "manual": OKG.GatedManual, "auto": OKG.GatedAuto}
N = 400


@pytest.fixture(scope="module")
def hub() -> SyntheticHub:
    return SyntheticHub(seed=16)


def test_same_seed_same_hub_whatever_the_total(hub: SyntheticHub) -> None:
    first = [b for _, b in SyntheticHub(seed=16).bodies(50)]
    assert [b for _, b in hub.bodies(50)] == first
    assert [b for _, b in hub.bodies(60, start=40)][:10] == first[40:]
    assert [b for _, b in SyntheticHub(seed=17).bodies(50)] != first


def test_licence_weights_are_the_documented_counts() -> None:
    w = licence_weights()
    # the nine counted licences, no licence, and every other Hub id once (83 in the list)
    assert len(w) == 84 and w[None] == NO_LICENCE
    assert {k: w[k] for k in HEAD} == HEAD
    tail = [v for k, v in w.items() if k is not None and k not in HEAD]
    assert len(set(tail)) == 1 and tail[0] < min(HEAD.values())
    # the tail is 2/30 of the head (two recorded bodies outside it for thirty inside)
    assert abs(sum(tail) / sum(HEAD.values()) - 2 / 30) < 1e-3


def test_bodies_transform_to_what_was_drawn(hub: SyntheticHub) -> None:
    minter = Minter()
    seen: Counter[str] = Counter()
    for i, body in hub.bodies(N):
        d = hub.draw(i)
        rec = transform_model_info(body, minter, source=f"synthetic/{i}")
        model = minter.hub_model(hub.repo_id(i))
        objects = {(p, o) for s, p, o in rec.triples if s == model}
        assert (OKG.gating, GATING[d.gated]) in objects
        if d.relation is None:
            assert not any(p in RELATION_PREDICATE.values() for p, _ in objects)
        else:
            assert d.base is not None and d.base < i
            # a quantization or an adapter is never a base
            assert hub.draw(d.base).relation not in LEAVES
            base = minter.hub_model(hub.repo_id(d.base))
            assert (RELATION_PREDICATE[d.relation], base) in objects
            seen[d.relation] += 1
        declared = {str(o) for p, o in objects if p == OKG.declaredLicense}
        assert declared == ({d.licence} if d.licence is not None else set()), i
    assert set(seen) == set(RELATION_PREDICATE)  # every relation occurs in 400 models


def test_mix_follows_the_weights(hub: SyntheticHub) -> None:
    draws = [hub.draw(i) for i in range(5000)]
    none = sum(d.licence is None for d in draws) / len(draws)
    w = licence_weights()
    assert abs(none - NO_LICENCE / sum(w.values())) < 0.03  # about 68%
    apache = sum(d.licence == "apache-2.0" for d in draws) / len(draws)
    assert abs(apache - HEAD["apache-2.0"] / sum(w.values())) < 0.02
    derived = sum(d.relation is not None for d in draws) / len(draws)
    assert abs(derived - 6 / 35) < 0.02
    gated = Counter(d.gated for d in draws)
    assert abs(gated["manual"] / len(draws) - 3 / 35) < 0.015
    assert gated["auto"] > 0
