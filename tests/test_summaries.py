"""Per-model summaries (openness_kg/summaries.py) stay right as records change: written by
``ingest`` and ``classify``, changed when a record is replaced, gone when it is removed.
Expectations are written by hand from the two small MOT files below."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner
from rdflib import URIRef

from openness_kg.build import build
from openness_kg.bundled import bundled_sources
from openness_kg.cli import main
from openness_kg.history.versions import start_run
from openness_kg.iris import Minter
from openness_kg.namespaces import OKG
from openness_kg.store import OxigraphStore
from openness_kg.summaries import refresh

M = Minter()
SPDX = "http://spdx.org/licenses/"
ALPHA = URIRef(M.base + "model/t/alpha")
BETA = URIRef(M.base + "model/t/beta")
PROV_TIME = "http://www.w3.org/ns/prov#generatedAtTime"


def _mot(name: str, hub: str, weights: str, code: str | None = None) -> str:
    comps = f"    - name: 'Model parameters (Final)'\n      license: '{weights}'\n"
    if code:
        comps += f"    - name: 'Training code'\n      license: '{code}'\n"
    return (
        "framework: {name: 'Model Openness Framework', version: '1.0', date: '2024-12-15'}\n"
        f"release:\n  name: {name}\n  producer: t\n"
        f"  huggingface: 'https://huggingface.co/t/{hub}'\n"
        f"  license: {{}}\n  components:\n{comps}"
    )


def _kb(store: Path) -> None:
    """The licence knowledge base (the categories come from it), as ``build`` loads it."""
    with OxigraphStore(store) as st:
        build(st, M, [s for s in bundled_sources() if s.name in ("ontology", "licenses")])


def _run(store: Path, *args: str) -> None:
    r = CliRunner().invoke(main, ["--store", str(store), *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output


def _facts(store: Path) -> dict[tuple[str, str], set[str]]:
    """(model, summary property) -> values, every value as its local name or SPDX id."""
    props = {
        OKG.summaryLicense: "licence",
        OKG.summaryLicenseCategory: "category",
        OKG.weightsLicenseCategory: "weights",
        OKG.codeLicenseCategory: "code",
        OKG.highestMofClass: "mof",
    }
    out: dict[tuple[str, str], set[str]] = {}
    with OxigraphStore(store) as st:
        for p, key in props.items():
            for row in st.select(f"SELECT ?m ?v WHERE {{ ?m <{p}> ?v }}"):
                name = str(row["m"]).rsplit("/", 1)[1]
                value = str(row["v"]).removeprefix(SPDX).rsplit("#", 1)[-1]
                out.setdefault((name, key), set()).add(value)
    return out


def test_summaries_follow_ingest_replace_and_remove(tmp_path: Path) -> None:
    files, store = tmp_path / "mot", tmp_path / "store"
    files.mkdir()
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "MIT", code="Apache-2.0"))
    (files / "Beta.yml").write_text(_mot("Beta", "beta", "CC-BY-NC-4.0"))
    _kb(store)
    _run(store, "ingest", "mot", str(files))
    facts = _facts(store)
    assert facts[("alpha", "licence")] == {"MIT"}
    assert facts[("alpha", "category")] == {"OpenSourceLicense"}
    assert facts[("alpha", "weights")] == {"OpenSourceLicense"}
    assert facts[("alpha", "code")] == {"OpenSourceLicense"}
    assert facts[("beta", "licence")] == {"CC-BY-NC-4.0"}
    assert "NonCommercialLicense" in facts[("beta", "category")]
    assert ("beta", "code") not in facts and ("alpha", "mof") not in facts

    _run(store, "classify", "--format", "csv")
    facts = _facts(store)
    # two of the sixteen Class III components listed: neither model reaches a class
    assert facts[("alpha", "mof")] == facts[("beta", "mof")] == {"MofUnclassified"}

    # replaced: Alpha's weights are now under a non-commercial licence, its code unlicensed
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "CC-BY-NC-4.0"))
    _run(store, "ingest", "mot", str(files))
    facts = _facts(store)
    assert facts[("alpha", "licence")] == {"CC-BY-NC-4.0"}
    assert "OpenSourceLicense" not in facts[("alpha", "category")]
    assert facts[("alpha", "weights")] == facts[("beta", "category")]
    assert ("alpha", "code") not in facts

    # removed: Beta's record goes; so do its summaries (its MOF assessment rests on it)
    with OxigraphStore(store) as st:
        keeper = start_run(st, M, "test: remove a record")
        keeper.replace_graphs([], drop=[M.record("mot", "Beta.yml")])
        assert BETA in keeper.touched
        refresh(keeper, M, set(keeper.touched))  # what every writing command does at its end
        keeper.end_run()
    facts = _facts(store)
    assert not [k for k in facts if k[0] == "beta"]
    assert facts[("alpha", "licence")] == {"CC-BY-NC-4.0"}
    assert facts[("alpha", "mof")] == {"MofUnclassified"}


def test_summarise_drops_summaries_of_models_gone(tmp_path: Path) -> None:
    files, store = tmp_path / "mot", tmp_path / "store"
    files.mkdir()
    (files / "Beta.yml").write_text(_mot("Beta", "beta", "MIT"))
    _run(store, "ingest", "mot", str(files))
    ask = f"SELECT ?v WHERE {{ <{BETA}> <{OKG.summaryLicense}> ?v }}"
    with OxigraphStore(store) as st:
        st.replace_graphs([], drop=[M.record("mot", "Beta.yml")])  # behind the keeper's back
        assert st.select(ask)
    _run(store, "summarise")  # every model, and every model a summary is about
    with OxigraphStore(store) as st:
        assert not st.select(ask)


def test_query_says_when_licence_summaries_are_missing(tmp_path: Path) -> None:
    files, store = tmp_path / "mot", tmp_path / "store"
    files.mkdir()
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "MIT"))
    _kb(store)
    _run(store, "ingest", "mot", str(files))
    with OxigraphStore(store) as st:  # a store written before summaries existed
        st.replace_graphs([], drop=[M.summary("licence", ALPHA)])
    args = ["--store", str(store), "query", "--cq", "19-models-per-licence", "--format", "csv"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0 and "run `openness-kg summarise`" in r.stderr
    assert r.stdout.splitlines() == ["license,models"]
    _run(store, "summarise")
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.splitlines()[1:] == [SPDX + "MIT,1"]


def test_load_refreshes_the_summaries_of_the_models_it_touches(tmp_path: Path) -> None:
    """``load`` of a record exported from another store gives its model summaries; loading
    over it with --replace changes them; emptying the record with --replace removes them."""
    files, source, store = tmp_path / "mot", tmp_path / "source", tmp_path / "store"
    files.mkdir()
    record = M.record("mot", "Alpha.yml")
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "MIT", code="Apache-2.0"))
    _run(source, "ingest", "mot", str(files))
    _run(source, "export", "graph", "--graph", str(record), str(tmp_path / "mit.trig"))
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "CC-BY-NC-4.0"))
    _run(source, "ingest", "mot", str(files))
    _run(source, "export", "graph", "--graph", str(record), str(tmp_path / "nc.trig"))

    _kb(store)
    _run(store, "load", str(tmp_path / "mit.trig"))
    facts = _facts(store)
    assert facts[("alpha", "licence")] == {"MIT"}
    assert facts[("alpha", "code")] == {"OpenSourceLicense"}

    _run(store, "load", "--replace", str(tmp_path / "nc.trig"))
    facts = _facts(store)
    assert facts[("alpha", "licence")] == {"CC-BY-NC-4.0"}
    assert ("alpha", "code") not in facts

    # the same graph, now saying nothing of a model: the model's summaries go with it
    empty = tmp_path / "empty.trig"
    empty.write_text(
        f'<{record}> {{ <{record}> <http://www.w3.org/2000/01/rdf-schema#comment> "x" }}\n'
    )
    _run(store, "load", "--replace", str(empty))
    assert not [k for k in _facts(store) if k[0] == "alpha"]


def test_a_refresh_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    """A summary whose content is as stored keeps its graph and ``prov:generatedAtTime``;
    one whose content changes gets the new time."""
    from datetime import UTC, datetime

    files, store = tmp_path / "mot", tmp_path / "store"
    files.mkdir()
    (files / "Alpha.yml").write_text(_mot("Alpha", "alpha", "MIT"))
    (files / "Beta.yml").write_text(_mot("Beta", "beta", "MIT"))
    _kb(store)
    _run(store, "ingest", "mot", str(files))
    stamps = f"SELECT ?g ?t WHERE {{ GRAPH ?g {{ ?g <{PROV_TIME}> ?t }} }}"
    with OxigraphStore(store) as st:
        before = {r["g"]: str(r["t"]) for r in st.select(stamps)}
        size = len(st)
        assert before and refresh(st, M, when=datetime(2031, 1, 1, tzinfo=UTC)) == 2
        assert {r["g"]: str(r["t"]) for r in st.select(stamps)} == before
        assert len(st) == size
    (files / "Beta.yml").write_text(_mot("Beta", "beta", "CC-BY-NC-4.0"))
    time.sleep(1.1)  # the times are to the second: the next write's is a later one
    _run(store, "ingest", "mot", str(files))
    with OxigraphStore(store) as st:
        after = {r["g"]: str(r["t"]) for r in st.select(stamps)}
    beta = M.summary("licence", BETA)
    assert after[beta] != before[beta]
    assert after[M.summary("licence", ALPHA)] == before[M.summary("licence", ALPHA)]
