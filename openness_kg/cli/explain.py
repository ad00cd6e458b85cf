"""``openness-kg explain MODEL``: which MOF components each class still needs, and why; then
each record by the other frameworks (OSAID, G7, release gradient, Columbia profile)."""

from __future__ import annotations

import click
from rdflib import URIRef

from .. import resolve
from ..frameworks.explain import framework_lines
from ..iris import Minter
from ..mof.classify import Classifier, classify_store
from ..mof.explain import explain_lines, levels_by_name, record_disagreements
from ..store import KGStore
from .main import Settings, UsageError, main, pass_settings


def find_models(store: KGStore, key: str, minter: Minter | None = None) -> list[URIRef]:
    """The models ``key`` names: the one model resolver (:func:`openness_kg.resolve.find_models`),
    kept here under the name other commands import."""
    return resolve.find_models(store, key, minter)


@main.command("explain")
@click.argument("model")
@click.option("--strict", is_flag=True, help="MOT's own licence lists, literal matching.")
@pass_settings
def explain(settings: Settings, model: str, strict: bool) -> None:
    """Explain the MOF class of MODEL (IRI, Hub id, old Hub id, release name or file name)."""
    if not model.strip():
        raise UsageError("MODEL is empty: give a release name, Hub id, file name or IRI")
    store = settings.store(read_only=True)
    models = find_models(store, model, settings.minter)
    if not models:
        raise UsageError(f"no model {model!r} in the store")
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
