"""MOT model files (``models/*.yml`` of the Model Openness Tool) -> one record each.

Pure transform (``transform_file``): YAML text in, :class:`Record` out, or :class:`RecordError`
naming the file and the reason (malformed or out-of-bounds YAML, MOT's JSON schema, unknown
component). The YAML is read by :func:`openness_kg.bounded.load_yaml` (YAML 1.2 core schema:
dates stay the strings MOT's schema wants). A field that fails MOT's schema is dropped with a
warning naming its path when the file is still a MOT file without it (``release/version: 1.0
is not of type 'string'``); a required field that fails rejects the file. The
model IRI is the Hub repo id when the ``huggingface`` field names one, else the Hub repo id an
evidenced link in ``data/mot/hub-links.csv`` gives the release (stated in the record), else the
release name.
Each component keeps the raw licence string that applies to it (``okg:declaredLicense``; with
``okg:licenseInheritedFrom`` when it comes from a release-level licence) and links the
normalised licence (``dcterms:license``).

``transform_files`` also compares files that describe the same model and warns, naming both
files, where they disagree; and flags a release name whose size contradicts its Hub id.
"""

from __future__ import annotations

import contextlib
import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jsonschema
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from ..bounded import InputError, load_yaml
from ..iris import IriError, Minter, is_hub_id
from ..mof.settings import (
    CONTENT_TYPE_CONCEPT,
    MOT_DIR,
    MOT_REPO,
    bundled_source_info,
    load_settings,
)
from ..namespaces import OKG
from ..records import Record, RecordError
from ..sources import BundledSource, RecordItem
from .declared import add_declared_license
from .files import read_texts
from .provenance import Provenance, describe_record

MODELS_DIR = MOT_DIR / "models"
SCHEMA_FILE = MOT_DIR / "schema" / "mof_schema.json"
HUB_LINKS_FILE = MOT_DIR / "hub-links.csv"
RELEASE_LICENSE_KEYS = ("distribution", "code", "data", "document")


def bundled_provenance(file_name: str) -> Provenance:
    commit, taken = bundled_source_info()
    url = f"{MOT_REPO}/blob/{commit}/models/{file_name}".replace(" ", "%20")
    return Provenance(url=url, retrieved=taken, path=f"models/{file_name}")


def file_provenance(path: Path) -> Provenance:
    """A user's file: its own URL, dated by its modification time."""
    resolved = path.resolve()
    if resolved.parent == MODELS_DIR.resolve():
        return bundled_provenance(path.name)
    mtime = date.fromtimestamp(resolved.stat().st_mtime)
    return Provenance(url=resolved.as_uri(), retrieved=mtime, path=str(path))


@cache
def _validator() -> Any:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _droppable(data: Any, path: list[Any]) -> bool:
    """Whether the value at ``path`` is an optional field (or a list item) that can go."""
    parent = data
    for p in path[:-1]:
        parent = parent[p]
    return bool(path) and isinstance(parent, dict | list) and path[:2] != ["release", "name"]


def _drop(data: Any, path: list[Any]) -> None:
    parent = data
    for p in path[:-1]:
        parent = parent[p]
    del parent[path[-1]]


def _schema_check(data: dict[str, Any], source: str, warnings: list[str]) -> None:
    """MOT's JSON schema: a failing optional field is dropped with a warning; a failing
    required field (or a failure at the top) rejects the file."""
    for _ in range(100):
        errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
        if not errors:
            return
        err = errors[0]
        path = list(err.absolute_path)
        where = "/".join(str(p) for p in path) or "(top level)"
        if err.validator == "required" or not _droppable(data, path):
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            raise RecordError(source, f"fails MOT's JSON schema at {where}: {err.message}{more}")
        warnings.append(f"{where}: {err.message[:200]}; ignored (MOT's JSON schema)")
        _drop(data, path)
    raise RecordError(source, "fails MOT's JSON schema in more than 100 places")


def parse_mot_yaml(text: str, source: str, warnings: list[str] | None = None) -> dict[str, Any]:
    """Parse and schema-check one MOT file; raise :class:`RecordError` naming the problem.
    Warnings (a dropped field, a duplicate key), each naming its path, go to ``warnings``."""
    try:
        loaded = load_yaml(text)
    except InputError as exc:
        raise RecordError(source, str(exc)) from None
    data = loaded.data
    if not isinstance(data, dict):
        raise RecordError(source, "not a MOT model file: the top level is not a mapping")
    found = list(loaded.warnings)
    _schema_check(data, source, found)
    release = data["release"]
    hub = release.get("huggingface")  # read by the transform, but not in MOT's schema
    if hub is not None and not isinstance(hub, str):
        found.append(f"release/huggingface: expected a string, got {type(hub).__name__}; ignored")
        del release["huggingface"]
    if warnings is not None:
        warnings.extend(found)
    settings = load_settings()
    for comp in data["release"]["components"]:
        if settings.by_name(str(comp.get("name"))) is None:
            raise RecordError(source, f"unknown MOF component {comp.get('name')!r}")
    return data


def hub_repo_id(value: str | None) -> str | None:
    """The Hub repo id a ``huggingface`` field names (a URL or a bare ``org/name``), if any."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if "://" in text:
        url = urlparse(text)
        if url.hostname not in ("huggingface.co", "www.huggingface.co", "hf.co"):
            return None
        parts = [p for p in url.path.split("/") if p]
        if not parts or parts[0] in ("collections", "datasets", "spaces", "papers", "models"):
            return None
        candidate = "/".join(parts[:2])
    else:
        candidate = text.strip("/")
    return candidate if is_hub_id(candidate) else None


@dataclass(frozen=True)
class HubLink:
    """A release that names no Hub repository, linked to the Hub model it describes by
    evidence (``data/mot/hub-links.csv``, written for openness-kg; see ``data/mot/SOURCE.md``)."""

    hub_id: str
    evidence: tuple[str, ...]
    note: str


@cache
def hub_links() -> dict[tuple[str, str], HubLink]:
    """``(release name, producer)``, both exactly as MOT writes them -> the link."""
    out: dict[tuple[str, str], HubLink] = {}
    with HUB_LINKS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            hub_id = row["hub_id"].strip()
            evidence = tuple(row["evidence"].split())
            if not is_hub_id(hub_id) or not evidence:
                raise ValueError(f"{HUB_LINKS_FILE}: bad row for {row['release_name']!r}")
            out[(row["release_name"], row["producer"])] = HubLink(hub_id, evidence, row["note"])
    return out


def hub_link(release: Mapping[str, Any]) -> HubLink | None:
    """The evidenced link of a release that names no Hub repository, if there is one."""
    if hub_repo_id(release.get("huggingface")):
        return None
    return hub_links().get((str(release.get("name")), str(release.get("producer") or "")))


def model_iri(release: Mapping[str, Any], minter: Minter) -> URIRef:
    """The Hub model the file names (``huggingface``), else the Hub model an evidenced link
    names (:func:`hub_link`), else the release name's own IRI."""
    repo = hub_repo_id(release.get("huggingface"))
    if repo:
        return minter.hub_model(repo)
    link = hub_link(release)
    if link is not None:
        return minter.hub_model(link.hub_id)
    return minter.named_model(str(release["name"]))


def _url(value: Any) -> URIRef | None:
    if isinstance(value, str) and re.match(r"^https?://\S+$", value.strip()):
        return URIRef(value.strip())
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value)
    return s if s.strip() else None


def _release_license(release: Mapping[str, Any], key: str) -> tuple[str | None, str | None]:
    entry = (release.get("license") or {}).get(key) or {}
    if not isinstance(entry, Mapping):
        return None, None
    return _text(entry.get("name")), _text(entry.get("path"))


def transform(data: Mapping[str, Any], file_name: str, prov: Provenance, minter: Minter) -> Record:
    """One parsed, schema-valid MOT file -> its record."""
    release = data["release"]
    source = file_name
    try:
        model = model_iri(release, minter)
    except IriError as exc:
        raise RecordError(source, f"cannot mint the model IRI: {exc}") from exc
    graph = minter.record("mot", file_name)
    rec = Record(graph=graph, source=source)
    add = rec.add

    describe_record(rec, OKG.MotModelFile, model, prov)
    link = hub_link(release)
    if link is not None:  # the file names no Hub repository: say how its model was found
        for url in link.evidence:
            add(graph, OKG.hubIdEvidence, URIRef(url))
        why = f"The file names no Hub repository; its model is the Hub's {link.hub_id}"
        source_of = "openness-kg's data/mot/hub-links.csv"
        add(graph, RDFS.comment, Literal(f"{why} ({source_of}): {link.note}"))

    # the model
    name = str(release["name"])
    add(model, RDF.type, OKG.Model)
    add(model, RDFS.label, Literal(name))
    add(model, OKG.releaseName, Literal(name))
    if _text(release.get("version")):
        add(model, OKG.releaseVersion, Literal(str(release["version"])))
    if _text(release.get("date")):
        d = str(release["date"])
        try:
            date.fromisoformat(d)
            add(model, DCTERMS.issued, Literal(d, datatype=XSD.date))
        except ValueError:
            add(model, DCTERMS.issued, Literal(d))
    for key, prop in (("type", DCTERMS.type), ("architecture", OKG.architectureType)):
        if _text(release.get(key)):
            add(model, prop, Literal(str(release[key])))
    if _text(release.get("producer")):
        org = minter.organization(str(release["producer"]))
        add(model, OKG.producer, org)
        add(org, RDF.type, OKG.Organization)
        add(org, RDFS.label, Literal(str(release["producer"]).strip()))
    repo_url = _url(release.get("repository"))
    if repo_url is not None:
        add(model, OKG.repository, repo_url)
    hub = hub_repo_id(release.get("huggingface"))
    if hub:
        add(model, OKG.hubId, Literal(hub))
        add(model, OKG.hubPage, URIRef(f"https://huggingface.co/{hub}"))
    elif _url(release.get("huggingface")) is not None:
        add(model, RDFS.seeAlso, URIRef(str(release["huggingface"]).strip()))

    # release-level licences (distribution, then per content type)
    declarations: dict[str, URIRef] = {}
    for key in RELEASE_LICENSE_KEYS:
        lname, lpath = _release_license(release, key)
        if lname is None:
            continue
        decl = URIRef(f"{model}/release-license/{key}")
        declarations[key] = decl
        add(model, OKG.releaseLicense, decl)
        add(decl, RDF.type, OKG.LicenseDeclaration)
        if key != "distribution":
            add(decl, OKG.appliesToContent, CONTENT_TYPE_CONCEPT[key])
        add_declared_license(rec, decl, lname, minter)
        if lpath:
            add(decl, OKG.licensePath, Literal(lpath))

    # components
    settings = load_settings()
    seen: dict[str, int] = {}
    for comp in release.get("components") or []:
        cname = str(comp["name"])
        seen[cname] = seen.get(cname, 0) + 1
    for cname, n in seen.items():
        if n > 1:
            rec.warnings.append(f"component {cname!r} is listed {n} times; the last entry counts")
    listed = {str(c["name"]): c for c in release.get("components") or []}
    for cname, comp in listed.items():
        spec = settings.by_name(cname)
        assert spec is not None  # checked in parse_mot_yaml
        c = minter.component(model, cname)
        add(model, OKG.hasComponent, c)
        add(c, OKG.componentOf, model)
        add(c, RDF.type, spec.okg_class)
        add(c, RDFS.label, Literal(cname))
        if _text(comp.get("description")):
            add(c, DCTERMS.description, Literal(str(comp["description"])))
        if _text(comp.get("component_path")):
            add(c, OKG.componentPath, Literal(str(comp["component_path"])))
        if _text(comp.get("license_path")):
            add(c, OKG.licensePath, Literal(str(comp["license_path"])))
        if comp.get("license") is not None:
            own = str(comp["license"])
            # 'unlicensed' (or an empty string): included without a licence, no fallback
            add_declared_license(rec, c, own if own else "unlicensed", minter)
            continue
        for key in (spec.content_type, "distribution"):
            lname, _ = _release_license(release, key)
            if lname is not None:
                add(c, OKG.licenseInheritedFrom, declarations[key])
                add_declared_license(rec, c, lname, minter)
                break
    return rec


def transform_text(text: str, file_name: str, prov: Provenance, minter: Minter) -> Record:
    warnings: list[str] = []
    data = parse_mot_yaml(text, file_name, warnings)
    rec = transform(data, file_name, prov, minter)
    rec.warnings[:0] = warnings
    rec.warnings.extend(name_contradictions(data["release"]))
    return rec


# --- checks across files ------------------------------------------------------------------------

_SIZE = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?)\s*([BbMmKkTt])(?![A-Za-z])")


def _sizes(text: str) -> set[str]:
    return {f"{float(n):g}{u.upper()}" for n, u in _SIZE.findall(text.replace("_", "-"))}


def name_contradictions(release: Mapping[str, Any]) -> list[str]:
    """A release name that states another size than its Hub repo id (e.g. 32B vs 72B)."""
    hub = hub_repo_id(release.get("huggingface"))
    if not hub:
        return []
    name = str(release.get("name", ""))
    mine, theirs = _sizes(name), _sizes(hub.split("/")[-1])
    if mine and theirs and not (mine & theirs):
        return [
            f"release name {name!r} contradicts its Hub id {hub!r} "
            f"(size {', '.join(sorted(mine))} vs {', '.join(sorted(theirs))})"
        ]
    return []


def _flat(release: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in release.items():
        if k in ("components", "license"):
            continue
        if v is not None and str(v).strip():
            out[k] = str(v)
    for key in RELEASE_LICENSE_KEYS:
        lname, _ = _release_license(release, key)
        if lname:
            out[f"license.{key}"] = lname
    for comp in release.get("components") or []:
        lic = comp.get("license")
        out[f"component {comp.get('name')}"] = "listed" + (f", licence {lic!r}" if lic else "")
    return out


def disagreements(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    fa, fb = _flat(a), _flat(b)
    diffs = []
    for key in sorted(set(fa) | set(fb)):
        va, vb = fa.get(key, "(absent)"), fb.get(key, "(absent)")
        if va != vb:
            diffs.append(f"{key}: {va} vs {vb}")
    return diffs


def transform_files(
    files: Iterable[tuple[str, str, Provenance]], minter: Minter
) -> Iterator[RecordItem]:
    """(file name, text, provenance) triples -> records, with warnings for files that describe
    one model and disagree. Bad files become :class:`RecordError` items; the rest still come."""
    parsed: list[tuple[str, dict[str, Any], Provenance]] = []
    found: dict[str, list[str]] = {}
    for name, text, prov in files:
        try:
            parsed.append((name, parse_mot_yaml(text, name, found.setdefault(name, [])), prov))
        except RecordError as exc:
            yield exc
    by_model: dict[URIRef, list[tuple[str, dict[str, Any]]]] = {}
    for name, data, _ in parsed:
        with contextlib.suppress(IriError):
            by_model.setdefault(model_iri(data["release"], minter), []).append((name, data))
    for name, data, prov in parsed:
        try:
            rec = transform(data, name, prov, minter)
        except RecordError as exc:
            yield exc
            continue
        rec.warnings[:0] = found.get(name, [])
        rec.warnings.extend(name_contradictions(data["release"]))
        model = model_iri(data["release"], minter)
        for other, odata in by_model.get(model, []):
            if other == name:
                continue
            diffs = disagreements(data["release"], odata["release"])
            if diffs:
                rec.warnings.append(
                    f"{name} and {other} describe the same model <{model}> and disagree on "
                    + "; ".join(diffs)
                )
        yield rec


def read_paths(paths: Iterable[Path]) -> Iterator[tuple[str, str, Provenance] | RecordError]:
    """Files and folders (``*.yml``/``*.yaml`` inside) -> (name, text, provenance)."""
    return read_texts(paths, lambda name: name.endswith((".yml", ".yaml")), file_provenance)


def ingest_paths(paths: Iterable[Path], minter: Minter) -> Iterator[RecordItem]:
    good: list[tuple[str, str, Provenance]] = []
    for item in read_paths(paths):
        if isinstance(item, RecordError):
            yield item
        else:
            good.append(item)
    yield from transform_files(good, minter)


def bundled_files() -> list[Path]:
    return sorted(MODELS_DIR.glob("*.yml"))


def _bundled(minter: Minter) -> Iterator[RecordItem]:
    yield from transform_files(
        (
            (p.name, p.read_text(encoding="utf-8"), bundled_provenance(p.name))
            for p in bundled_files()
        ),
        minter,
    )


SOURCE = BundledSource("mot", count=lambda: len(bundled_files()), records=_bundled)
