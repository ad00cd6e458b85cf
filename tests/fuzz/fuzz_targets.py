"""The fuzz targets of issue 14: every ingester, the licence normaliser, SPARQL parameter
binding and ``validate --data``, each fed hypothesis-generated input grown from real seeds
(bundled MOT files and Hub responses, a real model card, the shape fixtures).

Each target's ``run(value)`` returns the records it produced (to be written to a store by
``run.py``) and raises :class:`ContractError` when the contract of issue 14 breaks: an
ingester yields a :class:`Record` or a one-line :class:`RecordError` naming its source, and
nothing else escapes (no ``RecursionError``, ``ValueError``, markup error...); the normaliser
always answers one of its match kinds, the same way twice; a bound parameter never changes
what query it is; ``validate --data`` exits 0, 1 or 2 without a traceback. Any other exception
is a defect, reported with its traceback.

Adding an ingester (the index-file ingester of issue 14 lands beside this one): write its
``text -> items`` function and append ``text_target("name", seeds, function)`` to
:data:`TARGETS` (see :func:`index_file_target`, the hook it fills in).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from openness_kg.bounded import load_yaml
from openness_kg.ingest.hf.card import transform_card
from openness_kg.ingest.hf.transform import parse_body, transform_model_info
from openness_kg.ingest.mot import MODELS_DIR, transform_files
from openness_kg.ingest.provenance import Provenance
from openness_kg.iris import Minter
from openness_kg.paths import DATA_DIR
from openness_kg.records import Record, RecordError

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
MINTER = Minter()
Items = list[Record | RecordError]


# Hypothesis profiles: ``ci`` (the default under pytest: few inputs, the same ones every run,
# a few seconds in all) and ``fuzz`` (``make fuzz``: random inputs); ``OKG_FUZZ_PROFILE``
# picks one. No deadline (speed lives in benchmarks/), no example database (tests write only
# under tmp_path).
_COMMON: dict[str, Any] = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", derandomize=True, print_blob=True, **_COMMON)
settings.register_profile("fuzz", derandomize=False, print_blob=True, **_COMMON)
settings.load_profile(os.environ.get("OKG_FUZZ_PROFILE", "ci"))


class ContractError(AssertionError):
    """The issue-14 contract broke for one input."""


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    run: Callable[[Any], Items]  # the records (to land) and record errors; raises ContractError


# --- seeds: real data ---------------------------------------------------------------------


def _every(paths: Sequence[Path], n: int) -> list[Path]:
    step = max(1, len(paths) // n)
    return list(paths[::step][:n])


MOT_SEEDS = [p.read_text(encoding="utf-8") for p in _every(sorted(MODELS_DIR.glob("*.yml")), 8)]
HUB_SEEDS = [
    p.read_text(encoding="utf-8")
    for p in _every(sorted((DATA_DIR / "hf" / "models").glob("*.json")), 6)
]
CARD_SEEDS = [
    (TESTS / "data" / "hf-cards" / "openai__whisper-large-v3.md").read_text(encoding="utf-8"),
    (TESTS / "fixtures" / "hf" / "cards" / "valid.md").read_text(encoding="utf-8"),
]
RDF_SEEDS = {
    p.name: p.read_text(encoding="utf-8")
    for p in sorted((TESTS / "fixtures" / "mof").glob("*.ttl"))[:3]
}
LICENCE_SEEDS = [
    line.split(",", 1)[0]
    for line in (DATA_DIR / "licenses" / "hf_licenses.csv").read_text().splitlines()[1:]
] + [
    "Apache 2.0",
    "Llama 3.1 Community License Agreement",
    "Apache-2.0 WITH Commons-Clause",
    "MIT WITH foo-bar",
    "unknown OR MIT",
    "openrail++ AND Apache-2.0",
    "https://www.apache.org/licenses/LICENSE-2.0",
    "CC-BY-NC-SA-4.0",
    "other",
    "Undisclosed",
]

# text that has broken YAML/JSON readers: booleans of YAML 1.1, aliases, tags, control
# characters, BOMs, deep nesting, huge numbers, markup-like and SPARQL-like text
LAUNCHER = "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 9))
HOSTILE = [
    "- no\n",
    "no",
    "yes",
    "~",
    "&a x",
    "*a",
    "*zz",
    "<<: *a\n",
    "!!binary aGk=",
    "!!python/object/apply:os.system ['true']",
    "!!timestamp 2024-01-01",
    "? [a, b]\n: c\n",
    "%YAML 1.1\n---\n",
    "---\n",
    "...\n",
    "\t",
    "\x00",
    "\ufeff",
    "\u202e",
    "\ud800",
    "\x85",
    "'",
    '"',
    "\\",
    "[" * 300,
    "{" * 300,
    "- " * 300,
    "1" * 5000,
    "1e999",
    "-.inf",
    "0x",
    "[/x]",
    "[bold]",
    '" } ; DROP ALL ; #',
    "> <a:b> .",
    "日本語 🤗",
    "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + LAUNCHER,
]


def _mutate(text: str, ops: list[tuple[int, int, int, str]]) -> str:
    """Apply (kind, position, length, snippet) edits: insert, delete, replace, duplicate."""
    for kind, pos, length, snippet in ops:
        i = pos % (len(text) + 1)
        if kind == 0:
            text = text[:i] + snippet + text[i:]
        elif kind == 1:
            text = text[:i] + text[i + length :]
        elif kind == 2:
            text = text[:i] + snippet + text[i + length :]
        else:
            text = text[:i] + text[i : i + length] * 3 + text[i:]
    return text


_OPS = st.lists(
    st.tuples(
        st.integers(0, 3),
        st.integers(0, 1 << 20),
        st.integers(0, 200),
        st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20)),
    ),
    min_size=1,
    max_size=6,
)


def mutated(seeds: Sequence[str]) -> st.SearchStrategy[str]:
    """A real seed with a few hostile edits."""
    return st.builds(_mutate, st.sampled_from(seeds), _OPS)


JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.sampled_from(HOSTILE),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data[:5]):
            out += _paths(v, (*prefix, i))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replace(copy[head], rest, value)
    return copy


@st.composite
def restructured(draw: st.DrawFn, seeds: Sequence[Any]) -> Any:
    """A real parsed document with one to three fields (at any depth) replaced by random
    JSON values: the wrong type where the ingester expects another."""
    data = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        data = _replace(data, path, draw(JSON_VALUES))
    return data


def _parsed(texts: Iterable[str], loads: Callable[[str], Any]) -> list[Any]:
    return [loads(t) for t in texts]


def _yaml(text: str) -> Any:
    return load_yaml(text).data


def _front(text: str) -> Any:
    return _yaml(text.split("---", 2)[1])


# --- the contract -------------------------------------------------------------------------


def check_items(items: Iterable[Record | RecordError], source: str | None = None) -> Items:
    out: Items = []
    for item in items:
        if isinstance(item, RecordError):
            msg = str(item)
            if "\n" in msg or "\r" in msg:
                raise ContractError(f"a record error of more than one line: {msg[:300]!r}")
            if source is not None and item.source != source:
                raise ContractError(f"a record error naming {item.source!r}, not {source!r}")
            if not item.problem.strip():
                raise ContractError("a record error without a problem")
            out.append(item)
        elif isinstance(item, Record):
            item.as_graph()  # every triple is an RDF term
            out.append(item)
        else:
            raise ContractError(f"an ingester yielded {type(item).__name__}")
    return out


def _one(call: Callable[[], Record], source: str) -> Items:
    try:
        item: Record | RecordError = call()
    except RecordError as exc:
        item = exc
    return check_items([item], source)


# --- ingesters ------------------------------------------------------------------------------

_PROV = Provenance(url="file:///fuzz/fuzz.yml", retrieved=date(2026, 1, 1), path="fuzz.yml")


def mot_text(text: str) -> Items:
    return check_items(transform_files([("fuzz.yml", text, _PROV)], MINTER), "fuzz.yml")


def hub_text(text: str) -> Items:
    def call() -> Record:
        body = parse_body(text, "fuzz.json")
        return transform_model_info(body, MINTER, source="fuzz.json")

    return _one(call, "fuzz.json")


def card_text(text: str) -> Items:
    return _one(
        lambda: transform_card(text, MINTER, source="fuzz.md", repo_id="okg-fuzz/card"),
        "fuzz.md",
    )


def text_target(name: str, strategy: st.SearchStrategy[str], run: Callable[[str], Items]) -> Target:
    return Target(name, strategy, run)


def index_file_target() -> list[Target]:
    """The hook for the index-file ingester (written beside this harness in issue 14): once
    it exists, return ``[text_target("index-file", mutated(seeds), its text -> items)]``
    with seeds from its bundled index files. Until then there is nothing to fuzz."""
    return []


# --- the licence normaliser, SPARQL parameters, validate --data -------------------------------


def licence(text: str) -> Items:
    from openness_kg.licenses.normalize import MATCH_KINDS, normalize

    a, b = normalize(text), normalize(text)
    if a.match not in MATCH_KINDS:
        raise ContractError(f"match kind {a.match!r} for {text!r}")
    if (a.licence, a.match) != (b.licence, b.match):
        raise ContractError(f"two answers for {text!r}: {a} and {b}")
    if a.licence is not None and not isinstance(a.licence, str):
        raise ContractError(f"licence {a.licence!r} is not text")
    return []


LICENCE_TEXT = st.one_of(
    st.sampled_from(LICENCE_SEEDS),
    st.text(max_size=60),
    st.lists(
        st.one_of(
            st.sampled_from(LICENCE_SEEDS),
            st.sampled_from(["AND", "OR", "WITH", "(", ")", "+", "and", "/", ","]),
            st.sampled_from(HOSTILE[:24]),
        ),
        min_size=1,
        max_size=8,
    ).map(" ".join),
)


def sparql_param(value: tuple[str, str]) -> Items:
    """Bind a hostile value to a real competency question's parameter and run it on an empty
    store, as ``query --cq NAME --param k=v`` does (binding, the bound-query check, the
    run): a one-line usage error, or an answer of the question's own form."""
    import pyoxigraph as ox

    from openness_kg.sparql.cq import ParameterValueError, find_question
    from openness_kg.sparql.run import QuerySyntaxError, query_result
    from openness_kg.store import OxigraphStore

    name, text = value
    q = find_question(name)
    store = OxigraphStore(None)
    for p in q.parameters:
        try:
            bindings = q.bindings({p.name: text}, MINTER)
            with query_result(store, q.text, bindings) as result:
                if not isinstance(result, ox.QuerySolutions):
                    raise ContractError(f"{name} with ?{p.name} = {text!r} is no longer a SELECT")
                list(result)
        except (ParameterValueError, QuerySyntaxError) as exc:
            if "\n" in str(exc).strip():
                raise ContractError(f"an error of more than one line: {exc}") from exc
    return []


def _cq_names() -> list[str]:
    from openness_kg.sparql.cq import questions

    return [q.name for q in questions() if q.parameters]


SPARQL_VALUE = st.tuples(
    st.sampled_from(_cq_names()),
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "gpt2",
                "meta-llama/Llama-3.1-8B-Instruct",
                '" } ; DROP ALL ; #',
                "> } SELECT * { ?s ?p ?o",
                "<https://x/> } #",
                '"x"@en',
                '"1"^^<http://www.w3.org/2001/XMLSchema#int>',
                "_:b0",
                "okg:Model",
                "?x",
                "\\u0022",
            ]
        ),
    ),
)


def validate_data(value: tuple[str, str]) -> Items:
    import tempfile

    from openness_kg.cli import main

    suffix, text = value
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        res = CliRunner().invoke(
            main, ["--store", str(Path(tmp) / "s"), "validate", "--data", str(path)]
        )
    if res.exit_code not in (0, 1, 2):
        raise ContractError(f"validate --data exited {res.exit_code}: {res.output[-300:]}")
    if res.exception is not None and not isinstance(res.exception, SystemExit):
        raise res.exception
    if "Traceback" in res.output:
        raise ContractError(f"a traceback in the output: {res.output[-300:]}")
    return []


RDF_TEXT = st.tuples(
    st.sampled_from([".ttl", ".nt", ".jsonld", ".trig", ".rdf"]),
    st.one_of(
        mutated(list(RDF_SEEDS.values())),
        st.integers(1, 3000).map(lambda n: '{"@id": "x:a", "x:p": ' + "[" * n + "]" * n + "}"),
    ),
)


TARGETS: list[Target] = [
    Target("mot-yaml", mutated(MOT_SEEDS), mot_text),
    Target(
        "mot-yaml-structure",
        restructured(_parsed(MOT_SEEDS, _yaml)).map(json.dumps),
        mot_text,
    ),
    Target("hub-json", mutated(HUB_SEEDS), hub_text),
    Target(
        "hub-json-structure", restructured(_parsed(HUB_SEEDS, json.loads)).map(json.dumps), hub_text
    ),
    Target("card-front-matter", mutated(CARD_SEEDS), card_text),
    Target(
        "card-front-matter-structure",
        restructured([_front(t) for t in CARD_SEEDS]).map(
            lambda d: "---\n" + json.dumps(d) + "\n---\n# card\n"
        ),
        card_text,
    ),
    *index_file_target(),
    Target("licence-normaliser", LICENCE_TEXT, licence),
    Target("sparql-parameters", SPARQL_VALUE, sparql_param),
    Target("validate-data", RDF_TEXT, validate_data),
]

# inputs per target in CI (``pytest``): a few seconds in all; ``make fuzz`` takes a larger N
CI_EXAMPLES = {"validate-data": 4, "sparql-parameters": 15}
DEFAULT_CI_EXAMPLES = 25

__all__ = ["CI_EXAMPLES", "DEFAULT_CI_EXAMPLES", "TARGETS", "ContractError", "Target"]
