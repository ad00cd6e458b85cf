"""``openness-kg ontology check``."""

from __future__ import annotations

import shutil

import click

from ..ontology import check_ontology
from .main import UsageError, main


@main.group("ontology")
def ontology_group() -> None:
    """The openness-kg OWL ontology."""


@ontology_group.command("check")
def check_cmd() -> None:
    """Run the HermiT reasoner (owlready2; needs Java): exit 1 on inconsistency or
    unsatisfiable classes."""
    if shutil.which("java") is None:
        raise UsageError(
            "HermiT needs a Java runtime: install one (e.g. apt-get install default-jre-headless)"
        )
    report = check_ontology()
    if not report.consistent:
        click.echo(f"inconsistent: {report.message}", err=True)
        raise SystemExit(1)
    if report.unsatisfiable:
        for iri in report.unsatisfiable:
            click.echo(f"unsatisfiable class: {iri}", err=True)
        raise SystemExit(1)
    click.echo(
        f"consistent: {report.classes} classes, {report.properties} properties, "
        "no unsatisfiable class"
    )
