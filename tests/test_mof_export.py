"""ingest -> export -> re-ingest keeps class and progress of all 273 bundled files (both modes)."""

from __future__ import annotations

import pytest
from mof_helpers import record_of
from narrow import iri

from openness_kg.ingest.mot import _bundled, _validator
from openness_kg.iris import Minter
from openness_kg.mof.classify import Classifier
from openness_kg.mof.export_mot import dump_mot, record_to_mot
from openness_kg.namespaces import OKG
from openness_kg.records import Record


@pytest.mark.slow
def test_round_trip_all_bundled() -> None:
    recs = [r for r in _bundled(Minter()) if isinstance(r, Record)]
    assert len(recs) == 273
    classifiers = [Classifier("strict"), Classifier("default")]
    for rec in recs:
        model = next(o for s, p, o in rec.triples if p == OKG.recordOf)
        data = record_to_mot(rec.as_graph(), iri(model))
        assert not list(_validator().iter_errors(data)), rec.source
        again = record_of(dump_mot(data), rec.source)
        for c in classifiers:
            a, b = c.classify_record(rec), c.classify_record(again)
            assert (a.mof_class, a.progress) == (b.mof_class, b.progress), (c.mode, rec.source)
