"""Issue 14's fuzz harness under pytest, with a bounded budget (``CI_EXAMPLES`` inputs per
target, derandomized): every target keeps its contract (``fuzz_targets.py``). ``make fuzz``
runs the same targets with many more inputs and checks the store (``run.py``)."""

from __future__ import annotations

import pytest
from fuzz_targets import CI_EXAMPLES, DEFAULT_CI_EXAMPLES, TARGETS, Target
from hypothesis import given, settings


def test_every_target_is_there() -> None:
    names = {t.name for t in TARGETS}
    assert {"mot-yaml", "hub-json", "card-front-matter", "licence-normaliser"} <= names
    assert {"sparql-parameters", "validate-data"} <= names


@pytest.mark.fuzz
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_target_keeps_its_contract(target: Target) -> None:
    examples = CI_EXAMPLES.get(target.name, DEFAULT_CI_EXAMPLES)

    @settings(max_examples=examples)
    @given(target.strategy)
    def probe(value: object) -> None:
        target.run(value)

    probe()
