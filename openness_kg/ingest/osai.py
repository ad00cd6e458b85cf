"""European Open Source AI Index files (``data/osai-index/*.yaml``) -> one record each.

Two generations of the schema, recognised from the file (never from a flag):

- current (osai-index.eu, 12 parameters): a ``system`` mapping; the score is the website's
  (Language-Technology-Assessment/website, ``composables/models.ts``, as ``data/osai-index/
  SOURCE.md`` records it): a parameter applies when its ``types`` (``_parameters.yml``) share
  a modality with ``system.type``; open 1, partial 0.5, closed or missing 0; the score is the
  unweighted mean of the applicable parameters (0..1).
- earlier ("Opening up ChatGPT", 2023-2024, 14 parameters): a ``project`` mapping; the score
  is the plain sum (0..14) of the same values.

Each file is one named graph (``record/osai/<file name>``): the system as an
``okg:ModelFamily`` (``family/osai/<file stem>``), one ``okg:Assessment`` per parameter
(verdict, evidence links, notes) and one for the system with the index's score. Links to our
releases are made separately, from the store (:mod:`.osai_links`). Files that cannot be read
as a system (malformed YAML, a list instead of a mapping, wrong types, the submission
template) raise :class:`RecordError`; known quirks (``endmodel license``, stray keys, a
missing parameter) are warnings and the file lands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .. import __version__
from ..bounded import InputError, load_yaml
from ..indexes.osai_links import compute_links, link_record
from ..iris import IriError, Minter
from ..namespaces import OKG
from ..paths import DATA_DIR
from ..records import Record, RecordError
from ..sources import BundledSource, RecordItem
from ..store import OxigraphStore
from .declared import add_declared_license
from .files import read_texts
from .provenance import Provenance, describe_record

OSAI_DIR = DATA_DIR / "osai-index"
SOURCE_FILE = OSAI_DIR / "SOURCE.md"
REPO = "https://github.com/Language-Technology-Assessment/main-database"
TEMPLATE_FILE = "a_submission_template.yaml"
CLASS_VALUE = {"open": 1.0, "partial": 0.5, "closed": 0.0}
VERDICT = {"open": OKG.Open, "partial": OKG.Partial, "closed": OKG.Closed}
ALL_MODALITIES = ("text", "image", "code", "video", "audio")


@dataclass(frozen=True)
class Generation:
    """One generation of the index's schema."""

    token: str  # the framework slug in IRIs
    framework: URIRef
    head: str  # the top-level key naming the system
    parameters: tuple[str, ...]
    base_name: str  # key of the head mapping holding the base model's name
    end_name: str | None  # key holding the end model's name (None: the head's ``name``)
    end_weights: str
    base_weights: str
    head_keys: frozenset[str]


CURRENT = Generation(
    token="osai-index",
    framework=OKG.EuropeanOpenSourceAIIndex,
    head="system",
    parameters=(
        "datasources_basemodel",
        "datasources_endmodel",
        "weights_basemodel",
        "weights_endmodel",
        "trainingcode",
        "code",
        "hardware_architecture",
        "preprint",
        "paper",
        "modelcard",
        "datasheet",
        "licenses",
    ),
    base_name="basemodelname",
    end_name="endmodelname",
    end_weights="weights_endmodel",
    base_weights="weights_basemodel",
    head_keys=frozenset(
        [
            *("name", "link", "type", "performanceclass", "basemodelname", "endmodelname"),
            *("endmodellicense", "releasedate", "notes"),
        ]
    ),
)
# The earlier tracker (opening-up-chatgpt.github.io, projects/*.yaml): ``project`` {name, link,
# notes, llmbase, rlbase, license}; llmweights are the base model's, rlweights the end model's.
EARLIER = Generation(
    token="opening-up-chatgpt",
    framework=OKG.OpeningUpChatGPT,
    head="project",
    parameters=(
        "opencode",
        "llmdata",
        "llmweights",
        "rldata",
        "rlweights",
        "license",
        "code",
        "architecture",
        "preprint",
        "paper",
        "modelcard",
        "datasheet",
        "package",
        "api",
    ),
    base_name="llmbase",
    end_name=None,
    end_weights="rlweights",
    base_weights="llmweights",
    head_keys=frozenset(["name", "link", "notes", "llmbase", "rlbase", "license"]),
)
GENERATIONS = (CURRENT, EARLIER)


@dataclass(frozen=True)
class Parameter:
    name: str
    cls: str | None  # None: missing from the file
    links: tuple[str, ...]
    notes: str | None


@dataclass(frozen=True)
class IndexFile:
    """One parsed, checked index file."""

    file_name: str
    generation: Generation
    head: Mapping[str, Any]
    org: Mapping[str, Any]
    parameters: dict[str, Parameter]
    warnings: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.head["name"]).strip()

    @property
    def modalities(self) -> set[str]:
        raw = self.head.get("type")
        return {t.strip() for t in str(raw).split(",") if t.strip()} if raw else set()

    def base_model_name(self) -> str | None:
        return _text(self.head.get(self.generation.base_name))

    def end_model_name(self) -> str | None:
        key = self.generation.end_name
        return _text(self.head.get(key)) if key else self.name


# --- the website's formula ---------------------------------------------------------------------


@cache
def parameter_types() -> dict[str, frozenset[str]]:
    """Each current-generation parameter's modalities, from the index's ``_parameters.yml``."""
    data = yaml.safe_load((OSAI_DIR / "_parameters.yml").read_text(encoding="utf-8"))
    return {p["ref"]: frozenset(p["types"]) for cat in data for p in cat["params"]}


@cache
def parameter_info() -> dict[str, tuple[str, str, str | None]]:
    """Current-generation parameter -> (category, name, the question the index asks)."""
    data = yaml.safe_load((OSAI_DIR / "_parameters.yml").read_text(encoding="utf-8"))
    questions = yaml.safe_load(
        (OSAI_DIR / "_parameters-descriptions.yml").read_text(encoding="utf-8")
    )
    return {
        p["ref"]: (cat["name"], str(p["name"]).strip(), (questions.get(p["ref"]) or {}).get("en"))
        for cat in data
        for p in cat["params"]
    }


def applicable(f: IndexFile) -> list[str]:
    """The parameters that count in the score: every one for the earlier generation; for the
    current one, those whose types share a modality with the system's ``type``."""
    if f.generation is EARLIER:
        return list(EARLIER.parameters)
    types = parameter_types()
    return [p for p in CURRENT.parameters if types.get(p, frozenset()) & f.modalities]


def index_score(f: IndexFile) -> float | None:
    """The index's own score: the mean (current) or the sum (earlier) of the parameter values;
    ``None`` when no parameter applies."""
    values = [CLASS_VALUE.get(f.parameters[p].cls or "closed", 0.0) for p in applicable(f)]
    if f.generation is EARLIER:
        return sum(values)
    return sum(values) / len(values) if values else None


# --- parsing ----------------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    s = str(value).strip()
    return s or None


def _links(value: Any, where: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if item is None:
            continue
        if not isinstance(item, str):
            raise RecordError(source, f"{where}.link holds a {type(item).__name__}, not a URL")
        if item.strip():
            out.append(item.strip())
    return tuple(out)


def generation_of(data: Mapping[str, Any]) -> Generation | None:
    for gen in GENERATIONS:
        if gen.head in data:
            return gen
    return None


def parse_index_yaml(text: str, file_name: str) -> IndexFile:
    """Parse and check one index file; raise :class:`RecordError` naming the problem."""
    source = file_name
    try:
        data = load_yaml(text).data
    except InputError as exc:
        raise RecordError(source, str(exc)) from exc
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise RecordError(source, f"not an index file: the top level is {kind}, not a mapping")
    gen = generation_of(data)
    if gen is None:
        raise RecordError(
            source,
            "not an index file: neither a 'system' (current) nor a "
            "'project' (earlier generation) mapping",
        )
    head = data[gen.head]
    if not isinstance(head, dict):
        raise RecordError(source, f"'{gen.head}' is not a mapping")
    warnings: list[str] = []
    head = dict(head)
    if gen is CURRENT and "endmodel license" in head:
        warnings.append("spells the key 'endmodel license' (read as endmodellicense)")
        head.setdefault("endmodellicense", head.pop("endmodel license"))
    if _text(head.get("name")) is None:
        if file_name == TEMPLATE_FILE or all(
            not _text(v) for k, v in head.items() if k != "performanceclass"
        ):
            raise RecordError(
                source, "a submission template (no system name), not a system: nothing stored"
            )
        raise RecordError(source, f"'{gen.head}.name' is missing or not a string")
    if isinstance(head.get("name"), (dict, list)):
        raise RecordError(source, f"'{gen.head}.name' is not a string")
    for key in sorted(set(head) - gen.head_keys):
        warnings.append(f"stray key {gen.head}.{key} ignored")
    org = data.get("org") or {}
    if not isinstance(org, dict):
        raise RecordError(source, "'org' is not a mapping")
    params: dict[str, Parameter] = {}
    for name in gen.parameters:
        raw = data.get(name)
        if raw is None:
            warnings.append(
                f"parameter {name} is missing: counted as closed (0), as the index does"
            )
            params[name] = Parameter(name, None, (), None)
            continue
        if not isinstance(raw, dict):
            raise RecordError(source, f"parameter {name} is a {type(raw).__name__}, not a mapping")
        cls = raw.get("class")
        if cls is None:
            warnings.append(f"parameter {name} has no class: counted as closed (0)")
        elif not isinstance(cls, str) or cls.strip() not in CLASS_VALUE:
            raise RecordError(
                source, f"parameter {name}: class {cls!r} is not open, partial or closed"
            )
        notes = raw.get("notes")
        if notes is not None and isinstance(notes, (dict, list)):
            raise RecordError(source, f"parameter {name}: notes is a {type(notes).__name__}")
        params[name] = Parameter(
            name,
            cls.strip() if isinstance(cls, str) else None,
            _links(raw.get("link"), name, source),
            _text(notes),
        )
    known = {gen.head, "org", *gen.parameters}
    for key in sorted(set(data) - known, key=str):
        warnings.append(f"stray top-level key {key!r} ignored")
    return IndexFile(file_name, gen, head, org, params, tuple(warnings))


# --- provenance --------------------------------------------------------------------------------


@cache
def bundled_source_info() -> tuple[str, date]:
    """The commit and its date, as ``data/osai-index/SOURCE.md`` records them."""
    text = SOURCE_FILE.read_text(encoding="utf-8")
    m = re.search(r"commit\s+`([0-9a-f]{40})`\s+\((\d{4}-\d{2}-\d{2})", text)
    if not m:
        raise ValueError(f"{SOURCE_FILE}: no commit and date")
    return m.group(1), date.fromisoformat(m.group(2))


def bundled_provenance(file_name: str) -> Provenance:
    commit, when = bundled_source_info()
    url = f"{REPO}/blob/{commit}/{file_name}".replace(" ", "%20")
    return Provenance(url=url, retrieved=when, path=file_name)


def file_provenance(path: Path) -> Provenance:
    resolved = path.resolve()
    if resolved.parent == OSAI_DIR.resolve():
        return bundled_provenance(path.name)
    mtime = date.fromtimestamp(resolved.stat().st_mtime)
    return Provenance(url=resolved.as_uri(), retrieved=mtime, path=str(path))


# --- the transform -----------------------------------------------------------------------------


def rule_version() -> str:
    return (
        "osai-index.eu score (mean of applicable parameters; open 1, partial 0.5, closed or "
        f"missing 0) and Opening up ChatGPT sum (0..14), as openness-kg {__version__} computes them"
    )


def criterion_iri(gen: Generation, parameter: str, minter: Minter) -> URIRef:
    return minter.criterion(gen.token, parameter)


def system_assessment_iri(f: IndexFile, minter: Minter) -> URIRef:
    return minter.assessment(
        f.generation.token,
        minter.record("osai", f.file_name),
        minter.family("osai", Path(f.file_name).stem),
    )


def transform(f: IndexFile, prov: Provenance, minter: Minter) -> Record:
    """One checked index file -> its record."""
    gen = f.generation
    try:
        graph = minter.record("osai", f.file_name)
        family = minter.family("osai", Path(f.file_name).stem)
    except IriError as exc:
        raise RecordError(f.file_name, f"cannot mint an IRI: {exc}") from exc
    rec = Record(graph=graph, source=f.file_name, warnings=list(f.warnings))
    add = rec.add
    describe_record(rec, OKG.OsaiIndexFile, family, prov)

    # the system, as a family
    add(family, RDF.type, OKG.ModelFamily)
    add(family, RDFS.label, Literal(f.name))
    base, end = f.base_model_name(), f.end_model_name()
    if base:
        add(family, OKG.baseModelName, Literal(base))
    if end:
        add(family, OKG.endModelName, Literal(end))
    for m in sorted(f.modalities):
        add(family, DCTERMS.type, Literal(m))
    for key, prop in (("notes", SKOS.note), ("releasedate", DCTERMS.issued)):
        if _text(f.head.get(key)):
            add(family, prop, Literal(_text(f.head.get(key))))
    licence = _text(f.head.get("endmodellicense" if gen is CURRENT else "license"))
    if licence:  # the licence the index records for the system, stated as any source's
        add_declared_license(rec, family, licence, minter)
    link = _text(f.head.get("link"))
    if link and re.match(r"^https?://\S+$", link):
        add(family, RDFS.seeAlso, URIRef(link))
    org_name = _text(f.org.get("name"))
    if org_name:
        org = minter.organization(org_name)
        add(family, OKG.producer, org)
        add(org, RDF.type, OKG.Organization)
        add(org, RDFS.label, Literal(org_name))

    # assessments: one per parameter, one for the system
    agent = minter.agent(
        "European Open Source AI Index" if gen is CURRENT else "Opening up ChatGPT"
    )
    add(agent, RDF.type, PROV.Organization)
    add(agent, RDFS.label, Literal(str(agent).rsplit("/", 1)[-1].replace("%20", " ")))
    whole = system_assessment_iri(f, minter)
    score = index_score(f)
    add(whole, RDF.type, OKG.Assessment)
    add(whole, OKG.framework, gen.framework)
    add(whole, OKG.assessedFamily, family)
    add(whole, OKG.subjectName, Literal(f.name))
    add(whole, OKG.basedOnRecord, graph)
    add(whole, OKG.assessedBy, agent)
    add(whole, OKG.ruleVersion, Literal(rule_version()))
    if score is not None:
        add(whole, OKG.score, Literal(round(score, 6), datatype=XSD.decimal))
    else:
        rec.warnings.append(f"no parameter applies to type {f.head.get('type')!r}: no score")
    info = parameter_info() if gen is CURRENT else {}
    counted = set(applicable(f))
    for name in gen.parameters:
        p = f.parameters[name]
        crit = criterion_iri(gen, name, minter)
        add(crit, RDF.type, OKG.Criterion)
        label = info[name][1] if name in info else name
        add(crit, RDFS.label, Literal(label))
        add(crit, SKOS.notation, Literal(name))
        if name in info and info[name][2]:
            add(crit, SKOS.definition, Literal(str(info[name][2]).strip()))
        a = URIRef(f"{whole}/{name}")
        add(a, RDF.type, OKG.Assessment)
        add(a, DCTERMS.isPartOf, whole)
        add(a, OKG.framework, gen.framework)
        add(a, OKG.assessedFamily, family)
        add(a, OKG.criterion, crit)
        add(a, OKG.basedOnRecord, graph)
        add(a, OKG.assessedBy, agent)
        if p.cls is not None:
            add(a, OKG.verdict, VERDICT[p.cls])
        if name in counted:
            add(
                a, OKG.score, Literal(CLASS_VALUE.get(p.cls or "closed", 0.0), datatype=XSD.decimal)
            )
        for url in p.links:
            if re.match(r"^https?://\S+$", url):
                add(a, OKG.evidence, URIRef(url))
            else:
                add(a, SKOS.note, Literal(f"link: {url}"))
        if p.notes:
            add(a, SKOS.note, Literal(p.notes))
    return rec


def transform_text(text: str, file_name: str, prov: Provenance, minter: Minter) -> Record:
    return transform(parse_index_yaml(text, file_name), prov, minter)


# --- files -------------------------------------------------------------------------------------


def is_index_file_name(name: str) -> bool:
    """Files of a folder that may hold a system: ``*.yaml``/``*.yml`` not starting with ``_``
    (the index's own parameter lists)."""
    return name.endswith((".yaml", ".yml")) and not name.startswith("_")


def read_paths(paths: Iterable[Path]) -> Iterator[tuple[str, str, Provenance] | RecordError]:
    return read_texts(paths, is_index_file_name, file_provenance)


def ingest_paths(paths: Iterable[Path], minter: Minter) -> Iterator[RecordItem]:
    for item in read_paths(paths):
        if isinstance(item, RecordError):
            yield item
            continue
        name, text, prov = item
        try:
            yield transform_text(text, name, prov, minter)
        except RecordError as exc:
            yield exc


def bundled_files() -> list[Path]:
    """The bundled systems: every index file but the submission template."""
    return sorted(
        p for p in OSAI_DIR.iterdir() if is_index_file_name(p.name) and p.name != TEMPLATE_FILE
    )


def _bundled(minter: Minter) -> Iterator[RecordItem]:
    for p in bundled_files():
        try:
            yield transform_text(
                p.read_text(encoding="utf-8"), p.name, bundled_provenance(p.name), minter
            )
        except RecordError as exc:
            yield exc


def _derive_links(records: list[Record], minter: Minter) -> list[Record]:
    """The systems' links to the build's releases: the same lookups as on a store, on the
    build's records in a store in memory."""
    mem = OxigraphStore(None)
    mem.replace_graphs(records)
    return [link_record(s, minter) for s in compute_links(mem, minter).found]


SOURCE = BundledSource(
    "osai", count=lambda: len(bundled_files()), records=_bundled, derive=_derive_links
)
