"""Shared fixtures. Tests write only under tmp_path and never touch the network."""

from __future__ import annotations

import os
import shutil

import pytest

from openness_kg.iris import Minter
from openness_kg.store import OxigraphStore


@pytest.fixture
def minter() -> Minter:
    return Minter()


@pytest.fixture
def mem_store() -> OxigraphStore:
    return OxigraphStore(None)


def require_java() -> None:
    """Skip without Java, except in CI (CI=true), where a missing Java is a failure."""
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Java is required in CI (HermiT) but `java` is not on PATH")
        pytest.skip("no Java runtime: HermiT cannot run")


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """Debian's Virtuoso on 127.0.0.1 for the whole session, killed at the end (fails
    rather than skips under CI=true when it is not installed)."""
    from virtuoso_server import virtuoso_server

    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server
