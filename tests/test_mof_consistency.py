"""For every bundled MOT file: the class decided by SHACL (pySHACL) equals the most open class at
100% progress, in both modes; the compiled evaluator gives pySHACL's results; strict mode
agrees with the literal port of MOT's evaluator."""

from __future__ import annotations

import pytest
import yaml
from mof_helpers import MODELS
from narrow import iri

from openness_kg.ingest.mot import _bundled, bundled_files
from openness_kg.iris import Minter
from openness_kg.mof.mot_rules import evaluate
from openness_kg.mof.progress import progress
from openness_kg.mof.shapes import mof_class_from_results, mof_shapes
from openness_kg.mof.view import build_view
from openness_kg.namespaces import OKG
from openness_kg.records import Record
from openness_kg.shacl.compiled import CompiledShapes
from openness_kg.shacl.run import validate_views


@pytest.fixture(scope="module")
def records() -> list[Record]:
    recs = [r for r in _bundled(Minter()) if isinstance(r, Record)]
    assert len(recs) == len(bundled_files()) == 273
    return recs


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["strict", "default"])
def test_shacl_class_equals_progress_class(records: list[Record], mode: str) -> None:
    shapes = mof_shapes()
    compiled = CompiledShapes(shapes)
    for rec in records:
        model = next(o for s, p, o in rec.triples if p == OKG.recordOf)
        view = build_view(rec.triples, mode)
        results = validate_views(view, shapes)
        focus = {str(model): str(model)} | {
            str(c): str(model) for c in view.objects(model, OKG.hasComponent)
        }
        shacl_class = mof_class_from_results(results, focus, shapes)[str(model)]
        p = progress(view, iri(model))
        assert shacl_class == p.mof_class, rec.source
        assert {r.key for r in compiled.validate(view)} == {r.key for r in results}, rec.source
        if mode == "strict":
            ev = evaluate(yaml.safe_load((MODELS / rec.source).read_text())["release"])
            assert (ev.mof_class, ev.progress[1], ev.progress[2], ev.progress[3]) == pytest.approx(
                (p.mof_class, p.class_1, p.class_2, p.class_3)
            ), rec.source
