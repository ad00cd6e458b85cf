"""The competency-question library: ``queries/cq/NN-slug.rq`` with ``NN-slug.yaml`` beside it.

The YAML (format in ``queries/README.md``) holds the question in words, its parameters (name
-> default value as an N-Triples term, or empty when the caller must give one) and its
expected rows on the fixture graph. A question is found by its full name
(``02-fine-tune-ancestors``), its slug (``fine-tune-ancestors``) or its number (``2``).

Values given on the command line (``--param model=meta-llama/Llama-3.1-8B``) become RDF terms
by the parameter's kind, inferred from its default (an instance IRI under ``model/``,
``dataset/``, ``license/``..., an SPDX licence, a MOF class) or else from its name (``model``,
``base``, ``dataset``, ``license``, ``class``): a Hub id or model name becomes the model's
IRI, an SPDX id the licence's IRI, ``II`` the MOF class. An N-Triples term (``<iri>``,
``"text"``, ``"v"^^<dt>``) is taken as it is. Terms are bound, never pasted into SPARQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..iris import IriError, Minter, is_hub_id
from ..namespaces import DEFAULT_BASE, OKG, PREFIXES, SPDX_LICENSES
from ..paths import QUERIES_DIR

CQ_DIR = QUERIES_DIR / "cq"
_NAME = re.compile(r"^(\d+)-(.+)$")
_PNAME = re.compile(r"^([A-Za-z][\w.-]*)?:([^\s<>\"{}|^`\\]*)$")
_MOF_CLASSES = {
    "1": OKG.MofClassI,
    "i": OKG.MofClassI,
    "2": OKG.MofClassII,
    "ii": OKG.MofClassII,
    "3": OKG.MofClassIII,
    "iii": OKG.MofClassIII,
}


ModelResolver = Callable[[str], URIRef | None]


class ParameterValueError(ValueError):
    """A parameter value that cannot become the RDF term its type asks for."""


@dataclass(frozen=True)
class Parameter:
    name: str
    default: str | None = None  # an N-Triples term, as the YAML writes it

    @property
    def kind(self) -> str:
        """``model``, ``dataset``, ``license``, ``mof-class`` or ``""`` (guess)."""
        return infer_kind(self.name, self.default)

    @property
    def example(self) -> str | None:
        return self.default

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass
class CompetencyQuestion:
    name: str  # NN-slug
    path: Path  # the .rq file
    question: str
    parameters: list[Parameter] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # the whole YAML

    @property
    def number(self) -> int:
        m = _NAME.match(self.name)
        return int(m.group(1)) if m else 0

    @property
    def slug(self) -> str:
        m = _NAME.match(self.name)
        return m.group(2) if m else self.name

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def bindings(
        self,
        values: Mapping[str, str],
        minter: Minter,
        defaults: bool = True,
        resolve: ModelResolver | None = None,
    ) -> dict[str, Node]:
        """Text values (from ``--param k=v``) as RDF terms; unknown ones raise, and so do
        missing ones unless ``defaults`` (the YAML's fixture-graph example values) is set.
        ``resolve`` finds the model a model parameter names in the store (the one model
        resolver, :func:`openness_kg.resolve.find_model`)."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            have = ", ".join(known) or "none"
            raise ParameterValueError(
                f"{self.name} has no parameter {', '.join(unknown)} (its parameters: {have})"
            )
        out: dict[str, Node] = {}
        for p in self.parameters:
            if p.name in values:
                out[p.name] = to_term(values[p.name], p.kind, minter, resolve)
            elif p.default is not None and defaults:
                out[p.name] = nt_term(p.default)
            else:
                example = f" (e.g. --param {p.name}={p.default})" if p.default else ""
                raise ParameterValueError(f"{self.name} needs --param {p.name}=...{example}")
        return out


def _parameters(raw: object) -> list[Parameter]:
    """``parameters``: a mapping name -> default N-Triples term (or nothing)."""
    if not isinstance(raw, Mapping):
        return []
    return [Parameter(str(k), None if v is None else str(v)) for k, v in raw.items()]


def load_question(rq: Path) -> CompetencyQuestion:
    meta_path = rq.with_suffix(".yaml")
    meta: dict[str, Any] = {}
    if meta_path.exists():
        loaded = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            meta = loaded
    return CompetencyQuestion(
        name=rq.stem,
        path=rq,
        question=str(meta.get("question", "")).strip(),
        parameters=_parameters(meta.get("parameters")),
        meta=meta,
    )


def questions(directory: Path = CQ_DIR) -> list[CompetencyQuestion]:
    """Every question in ``directory``, in the order of their numbers."""
    return [load_question(p) for p in sorted(directory.glob("*.rq"))]


def find_question(name: str, directory: Path = CQ_DIR) -> CompetencyQuestion:
    """By full name, slug or number; raises ``KeyError`` naming the known ones."""
    wanted = name.strip().removesuffix(".rq")
    all_q = questions(directory)
    for q in all_q:
        if wanted in (q.name, q.slug) or (wanted.isdigit() and int(wanted) == q.number):
            return q
    known = ", ".join(q.name for q in all_q) or "none"
    raise KeyError(f"no competency question {name!r} (known: {known})")


# --- text to terms ------------------------------------------------------------------------

_KIND_BY_NAME = {
    "model": "model",
    "base": "model",
    "derivative": "model",
    "dataset": "dataset",
    "license": "license",
    "licence": "license",
    "class": "mof-class",
    "mofclass": "mof-class",
}


def infer_kind(name: str, default: str | None, base: str = DEFAULT_BASE) -> str:
    """A parameter's kind from its default value's IRI, else from its name."""
    if default and default.startswith("<") and default.endswith(">"):
        iri = default[1:-1]
        if iri.startswith(str(SPDX_LICENSES)):
            return "license"
        if iri.startswith(str(OKG._NS) + "MofClass"):
            return "mof-class"
        for segment, kind in (
            ("model/", "model"),
            ("dataset/", "dataset"),
            ("license/", "license"),
        ):
            if iri.startswith(base + segment):
                return kind
    return _KIND_BY_NAME.get(name.lower().replace("_", ""), "")


def nt_term(text: str) -> Node:
    """One N-Triples term (``<iri>``, ``"text"``, ``"x"@en``, ``"v"^^<dt>``), parsed by
    pyoxigraph and kept exactly as written."""
    from ..store.terms import from_ox

    try:
        quads = list(ox.parse(f"<urn:s> <urn:p> {text} .", ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise ParameterValueError(f"not an N-Triples term: {text!r}") from exc
    if len(quads) != 1:
        raise ParameterValueError(f"not one N-Triples term: {text!r}")
    return from_ox(quads[0].object)


def _is_nt_literal(text: str) -> bool:
    return (
        len(text) >= 2
        and text.startswith('"')
        and bool(re.search(r'"(@[\w-]+|\^\^<[^>]*>)?$', text))
    )


def _iri(text: str) -> URIRef:
    """An IRI checked by pyoxigraph (so it cannot carry ``>``, quotes or spaces)."""
    try:
        return URIRef(ox.NamedNode(text).value)
    except ValueError as exc:
        raise ParameterValueError(f"not a valid IRI: {text!r}") from exc


def _explicit_iri(text: str, base: str | None = None) -> URIRef | None:
    """``<iri>``, an absolute http(s)/urn IRI, or a prefixed name with a project prefix
    (``id:`` being the instance base)."""
    prefixes = {**PREFIXES, "id": base or DEFAULT_BASE}
    if text.startswith("<") and text.endswith(">"):
        return _iri(text[1:-1])
    if re.match(r"^(https?|urn|mailto):", text):
        return _iri(text)
    m = _PNAME.match(text)
    if m and (m.group(1) or "") in prefixes:
        return _iri(prefixes[m.group(1) or ""] + m.group(2))
    return None


def guess_term(text: str, base: str | None = None) -> Node:
    """``<iri>``, an absolute IRI or ``prefix:name`` (project prefixes; ``id:`` is ``base``)
    become IRIs; a number becomes an ``xsd:integer``/``xsd:decimal``; ``"text"`` and
    anything else a plain string literal."""
    iri = _explicit_iri(text, base)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        try:
            return Literal(Decimal(text), datatype=XSD.decimal)
        except InvalidOperation:
            pass
    if _is_nt_literal(text):
        try:
            return nt_term(text)
        except ParameterValueError:
            pass
    return Literal(text)


def to_term(text: str, kind: str, minter: Minter, resolve: ModelResolver | None = None) -> Node:
    """A text value as the RDF term its parameter type asks for. A model is the one the store
    knows by that key when ``resolve`` is given (an old Hub id such as ``gpt2``, a release
    name), else the IRI minted from the key."""
    kind = kind.lower().replace("_", "-")
    try:
        if _is_nt_literal(text):
            return nt_term(text)
        if kind == "model":
            iri = _explicit_iri(text, minter.base)
            found = resolve(str(iri) if iri is not None else text) if resolve else None
            if found is not None:
                return found
            if iri is not None:
                return iri
            return minter.hub_model(text) if is_hub_id(text) else minter.named_model(text)
        if kind == "dataset":
            return _explicit_iri(text, minter.base) or minter.dataset(text)
        if kind in ("license", "licence"):
            return _explicit_iri(text, minter.base) or minter.license(text.strip())
        if kind in ("mof-class", "class"):
            key = re.sub(r"^(mof\s*)?class\s*", "", text.strip(), flags=re.I).lower()
            if key in _MOF_CLASSES:
                return _MOF_CLASSES[key]
            iri = _explicit_iri(text, minter.base)
            if iri is not None:
                return iri
            raise ParameterValueError(f"not a MOF class: {text!r} (use I, II or III)")
        if kind == "iri":
            iri = _explicit_iri(text, minter.base)
            if iri is None:
                raise ParameterValueError(f"not an IRI: {text!r} (use <...> or prefix:name)")
            return iri
        if kind in ("string", "literal"):
            return Literal(text)
        if kind == "integer":
            return Literal(int(text), datatype=XSD.integer)
    except IriError as exc:
        raise ParameterValueError(f"cannot make an IRI of {text!r}: {exc}") from exc
    except ValueError as exc:
        if isinstance(exc, ParameterValueError):
            raise
        raise ParameterValueError(f"not a valid {kind}: {text!r}") from exc
    return guess_term(text, minter.base)
