"""``openness-kg explain MODEL``: which MOF components each class still needs, and why; then
each record by the other frameworks (OSAID, G7, release gradient, Columbia profile)."""

from __future__ import annotations

import click

from ..frameworks.explain import framework_lines
from ..mof.classify import Classifier, classify_store
from ..mof.explain import explain_lines, levels_by_name, record_disagreements
from .main import Settings, UsageError, models_named, pass_settings


@click.command("explain")
@click.argument("model")
@click.option("--strict", is_flag=True, help="MOT's own licence lists, literal matching.")
@pass_settings
def explain(settings: Settings, model: str, strict: bool) -> None:
    """Explain the MOF class of MODEL (IRI, Hub id, old Hub id, release name or file name)."""
    store = settings.store(read_only=True)
    models = models_named(settings, store, model)
    classifier = Classifier("strict" if strict else "default", "fast", settings.minter)
    levels = levels_by_name(classifier.shapes)
    found = False
    for m in models:
        for c in classify_store(store, classifier, model=m, keep_view=True):
            found = True
            click.echo("\n".join(explain_lines(c, levels)))
            click.echo()
        disagreements = record_disagreements(store, m)
        if disagreements:
            click.echo(f"The records of <{m}> disagree on licences:")
            click.echo("\n".join(disagreements))
            click.echo()
    lines = framework_lines(store, models)
    if lines:
        click.echo("\n".join(lines))
    if not found and not lines:
        raise UsageError(f"{model!r} has no record describing its MOF components")
