"""``benchmarks/bench_queries.py``'s report: the table (full answer, rows per second, first
page) and, as its last line, one JSON object with the medians (``null``: timed out)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from query_helpers import bundled_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_queries import Row, Timing, measure, report

MODELS = "SELECT ?m WHERE { ?m a okg:Model } ORDER BY ?m"


def test_last_line_is_one_json_object(tmp_path: Path) -> None:
    bundled_store(tmp_path / "st").close()
    full = measure(tmp_path / "st", MODELS, runs=1, timeout=60, limit=None)
    first = measure(tmp_path / "st", MODELS, runs=1, timeout=60, limit=5)
    assert full.seconds is not None and full.rows is not None and full.rows > 5
    assert first.seconds is not None and first.rows == 5
    late = Row("99-too-slow", Timing(None, None, False), Timing(0.5, 20, True))
    lines = report(1234, [Row("models", full, first), late], timeout=60, page=5)

    data = json.loads(lines[-1])
    assert set(data) == {"models", "p50_s", "first_page_p50_s"}
    assert data["models"] == 1234
    assert data["p50_s"]["models"] == round(full.seconds, 4)
    assert data["first_page_p50_s"]["models"] == round(first.seconds, 4)
    assert data["p50_s"]["99-too-slow"] is None
    assert data["first_page_p50_s"]["99-too-slow"] == 0.5
    assert "99-too-slow (full)" in lines[-2] and "null" in lines[-2]
    row = next(line for line in lines if line.startswith("models "))
    assert f"{full.rows / full.seconds:,.0f}" in row  # the full answer's rows per second
