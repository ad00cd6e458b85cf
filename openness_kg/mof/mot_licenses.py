"""MOT's own licence lists, for strict mode: literal, case-sensitive matching, as MOT does.

- ``licenses.json``: the SPDX list MOT bundles (2024) with its OSI/FSF flags;
- ``mof-licenses.json``: MOT's overlay, loaded first by MOT's importer (so its flags win for
  its ids) and the only source of per-content-type appropriateness;
- ``open-data-licences.txt``: MOT's 31 open-data ids plus OpenMDW-1.0.

A licence is open when it is OSI-approved, FSF-libre, or on the open-data/open list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .settings import MOT_DIR


@dataclass(frozen=True)
class MotLicenses:
    osi: frozenset[str]
    fsf: frozenset[str]
    open_data: frozenset[str]
    by_type: dict[str, frozenset[str]]  # content type -> type-appropriate ids
    known: frozenset[str]

    def is_open(self, license_id: str) -> bool:
        return license_id in self.osi or license_id in self.fsf or license_id in self.open_data

    def is_type_appropriate(self, license_id: str, content_type: str) -> bool:
        return license_id in self.by_type.get(content_type, frozenset())


def _read_list(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


@cache
def load_mot_licenses(mot_dir: Path = MOT_DIR) -> MotLicenses:
    flags: dict[str, tuple[bool, bool]] = {}
    by_type: dict[str, set[str]] = {"code": set(), "data": set(), "document": set()}
    # MOT's importer reads mof-licenses.json first and skips ids it already has.
    for name in ("mof-licenses.json", "licenses.json"):
        data = json.loads((mot_dir / name).read_text(encoding="utf-8"))
        for lic in data["licenses"]:
            lid = lic["licenseId"]
            if name == "mof-licenses.json":
                types = lic.get("ContentType") or []
                for t in [types] if isinstance(types, str) else types:
                    by_type.setdefault(t, set()).add(lid)
            if lid in flags:
                continue
            flags[lid] = (bool(lic.get("isOsiApproved")), bool(lic.get("isFsfLibre")))
    return MotLicenses(
        osi=frozenset(k for k, (o, _) in flags.items() if o),
        fsf=frozenset(k for k, (_, f) in flags.items() if f),
        open_data=frozenset(_read_list(mot_dir / "open-data-licences.txt")),
        by_type={k: frozenset(v) for k, v in by_type.items()},
        known=frozenset(flags),
    )
