"""``openness-kg ontology check`` and ``openness-kg ontology lint``."""

from __future__ import annotations

import shutil

import click

from ..ontology import check_ontology, lint_ontology, load_ontology, term_counts
from .main import UsageError, require_extra


@click.group("ontology")
def ontology_group() -> None:
    """The openness-kg OWL ontology (ontology/*.ttl)."""


def _lint_or_exit() -> None:
    try:
        findings = lint_ontology(load_ontology())
    except (OSError, ValueError, SyntaxError) as exc:
        raise UsageError(f"cannot load the ontology: {exc}") from exc
    for finding in findings:
        click.echo(f"lint: {finding}", err=True)
    if findings:
        click.echo(f"{len(findings)} lint finding(s)", err=True)
        raise SystemExit(1)


@ontology_group.command("lint")
def lint_cmd() -> None:
    """Run the violation queries of queries/lint/ (labels, definitions, declarations, names,
    domains and ranges): exit 1 on any finding."""
    _lint_or_exit()
    click.echo("lint: no finding")


@ontology_group.command("check")
def check_cmd() -> None:
    """Lint, then run the HermiT reasoner (owlready2; needs Java): exit 1 on a lint finding,
    an inconsistency or an unsatisfiable class."""
    _lint_or_exit()
    require_extra("reasoner", "owlready2")
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
    own = ", ".join(f"{n} {kind}" for kind, n in term_counts(load_ontology()).items())
    click.echo(
        f"consistent: {report.classes} classes, {report.properties} properties "
        f"(okg: {own}), no unsatisfiable class"
    )
