"""One status per component (issue 12): MOF's class and progress derived from the statuses equal
``classify`` (SHACL over the MOF view, default mode) on every bundled MOT file, every bundled Hub
record and MOT's 27 test models; the statuses themselves on hand-read components."""

from __future__ import annotations

import pytest
from hf_helpers import bundled_records
from mof_helpers import MOT_TESTS, record_of

from openness_kg.frameworks import mof
from openness_kg.frameworks.status import (
    NOT_OPEN,
    OPEN,
    UNKNOWN,
    UNLICENSED,
    combined_status,
    facts_from_triples,
    licence_status,
)
from openness_kg.ingest.mot import _bundled
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classifier
from openness_kg.records import Record


def _all_records() -> list[Record]:
    mot = [r for r in _bundled(Minter()) if isinstance(r, Record)]
    tests = [
        record_of(p.read_text(encoding="utf-8"), p.name) for p in sorted(MOT_TESTS.glob("*.yml"))
    ]
    hub = list(bundled_records().values())
    assert len(mot) == 273 and len(tests) == 27 and len(hub) >= 35
    return mot + tests + hub


@pytest.mark.slow
def test_mof_from_statuses_equals_classify() -> None:
    clf = Classifier("default", "fast")
    n = 0
    for rec in _all_records():
        [facts] = facts_from_triples(rec.triples)
        c = clf.classify_record(rec)
        assert mof.progress_of(facts) == c.progress, rec.source  # class and all three
        assert mof.assess(facts).verdict == mof.verdict_token(c.mof_class), rec.source
        n += 1
    assert n >= 335


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("Apache-2.0", OPEN),  # SPDX id, OSI-approved
        ("Apache 2.0", OPEN),  # an alias of the same
        ("CC-BY-4.0", OPEN),  # on MOT's open-data list
        ("unlicensed", UNLICENSED),  # MOT's word for none
        ("Undisclosed", UNLICENSED),  # the normaliser's "none" statements
        ("", UNLICENSED),
        ("Llama 3.1 Community License Agreement", NOT_OPEN),  # known, restricted
        ("CC-BY-NC-4.0", NOT_OPEN),  # known, non-commercial
        ("the licence of my cousin", UNKNOWN),  # a string the KB cannot read
    ],
)
def test_licence_status(raw: str, status: str) -> None:
    assert licence_status(raw) == status


def test_least_open_licence_decides() -> None:
    assert combined_status(["MIT", "Apache-2.0"]) == OPEN
    assert combined_status(["MIT", "CC-BY-NC-4.0"]) == NOT_OPEN
    assert combined_status(["MIT", "the licence of my cousin"]) == UNKNOWN
    assert combined_status(["MIT", "unlicensed"]) == UNLICENSED
    assert combined_status([]) == UNLICENSED
