"""Issue 15: the bundled resources live inside the package, and a broken install says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from openness_kg import paths
from openness_kg.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_every_required_resource_is_found_through_the_package() -> None:
    assert paths.missing_resources() == []
    assert paths.RESOURCES.parent == Path(__file__).resolve().parent.parent / "openness_kg"


@pytest.mark.parametrize("name", ["ontology", "shapes", "queries", "data"])
def test_in_a_checkout_the_package_resources_are_the_top_level_sources(name: str) -> None:
    # one copy of each source: the package folder links to the folder people edit
    assert (paths.RESOURCES / name).resolve() == (ROOT / name).resolve()


def test_a_missing_or_empty_resource_folder_is_a_loud_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "cq"
    empty.mkdir()
    monkeypatch.setattr(
        paths,
        "REQUIRED",
        ((empty, "*.rq"), (tmp_path / "gone", "*.ttl"), (paths.SHAPES_DIR, "*.ttl")),
    )
    assert paths.missing_resources() == [f"{empty} has no *.rq", f"{tmp_path / 'gone'} is missing"]
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "query", "--list"])
    assert result.exit_code == 2
    assert "bundled resources of openness-kg are incomplete" in result.output
    assert f"{empty} has no *.rq" in result.output


def test_a_command_whose_optional_dependencies_are_missing_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a)
    )
    result = CliRunner().invoke(main, ["--store", str(tmp_path / "s"), "serve", "--port", "0"])
    assert result.exit_code == 2
    assert "needs the optional 'server' dependencies (uvicorn not installed)" in result.output
    assert "pip install 'openness-kg[server]'" in result.output
