"""Issue 15: commands are added in one explicit place (``openness_kg/cli/__init__.py``), not
registered by importing their modules; and none is defined without being added."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import click

import openness_kg.cli as cli
from openness_kg.cli import main

CLI = Path(cli.__file__).parent


def reachable(group: click.Group) -> set[int]:
    out = {id(group)}
    for sub in group.commands.values():
        out.add(id(sub))
        if isinstance(sub, click.Group):
            out |= reachable(sub)
    return out


def test_every_command_defined_is_added() -> None:
    seen = reachable(main)
    defined: list[str] = []
    for info in pkgutil.iter_modules([str(CLI)]):
        module = importlib.import_module(f"openness_kg.cli.{info.name}")
        for name, obj in vars(module).items():
            callback = getattr(obj, "callback", None)
            if (
                isinstance(obj, click.Command)
                and getattr(callback, "__module__", None) == module.__name__
            ):
                defined.append(name)
                assert id(obj) in seen, f"{info.name}.{name} is defined but never added"
    assert len(defined) > 25  # the walk found the commands


def test_no_module_registers_into_another_modules_group() -> None:
    """A command module decorates only with ``click`` or with a group it defines itself, and
    only ``cli/__init__.py`` calls ``add_command``."""
    found: list[str] = []
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        own = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                for d in node.decorator_list:
                    f = d.func if isinstance(d, ast.Call) else d
                    if (
                        isinstance(f, ast.Attribute)
                        and f.attr in ("command", "group")
                        and isinstance(f.value, ast.Name)
                        and f.value.id not in own | {"click"}
                    ):
                        found.append(f"{path.name}: @{f.value.id}.{f.attr}")
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "add_command"
                and path.name != "__init__.py"
            ):
                found.append(f"{path.name}: add_command")
    assert found == []
