"""``openness-kg license``: normalise licence strings, show a licence, list licences."""

from __future__ import annotations

import codecs
import json
import sys

import click

from ..licenses.catalog import CATEGORIES
from .main import UsageError
from .output import TABULAR_FORMATS, emit_rows, error


@click.group("license")
def license_group() -> None:
    """The licence knowledge base: normalise licence strings, show and list licences."""


@license_group.command("normalize")
@click.argument("texts", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(TABULAR_FORMATS), default="table")
def normalize_cmd(texts: tuple[str, ...], fmt: str) -> None:
    """Normalise licence strings (TEXT '-' reads stdin, one string a line, UTF-8; a byte
    order mark at the start is skipped).

    Prints the input, the licence (SPDX id, else Hub id, else LicenseRef-okg id, or the
    normalised SPDX expression, or empty) and the match kind: exact, alias, expression, url,
    none or unmatched. Exit 0 whatever matched; 2 when a line of stdin is not UTF-8 (each
    such line is reported on stderr, the other lines are still normalised).
    """
    from ..licenses.normalize import normalize

    inputs: list[str] = []
    bad = 0
    for text in texts:
        if text == "-":
            lines, errors = stdin_lines()
            inputs.extend(lines)
            for e in errors:
                error(e)
            bad += len(errors)
        else:
            inputs.append(text)
    results = [normalize(t) for t in inputs]
    if fmt == "table":
        rows = [[r.input, r.licence, r.match, r.note] for r in results]
        emit_rows(["input", "licence", "match", "note"], rows, fmt)
    else:
        emit_rows(
            ["input", "licence", "match"], [[r.input, r.licence, r.match] for r in results], fmt
        )
    if bad:
        raise SystemExit(2)


def stdin_lines() -> tuple[list[str], list[str]]:
    """Standard input as lines of UTF-8 text (a BOM at the start skipped), and one error per
    line that is not UTF-8 (never replaced silently)."""
    data = sys.stdin.buffer.read()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    lines: list[str] = []
    errors: list[str] = []
    for n, raw in enumerate(data.splitlines(), 1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            errors.append(f"<stdin> line {n}: not UTF-8 ({exc.reason} at byte {exc.start + 1})")
    return lines, errors


@license_group.command("show")
@click.argument("license_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def show_cmd(license_id: str, fmt: str) -> None:
    """Show one licence: flags, category, terms with their sources (ID: SPDX, Hub or
    LicenseRef id; other text is normalised first)."""
    from ..licenses import kb
    from ..licenses.normalize import normalize

    info = kb.get(license_id)
    if info is None:
        n = normalize(license_id)
        info = kb.get(n.licence) if n.match in ("alias", "url") else None
    if info is None:
        raise UsageError(f"unknown licence: {license_id!r}")
    data = {
        "id": info.id,
        "name": info.name,
        "iri": str(info.iri),
        "hub_id": info.hub_id,
        "osi_approved": info.osi_approved,
        "fsf_libre": info.fsf_libre,
        "deprecated": info.deprecated,
        "category": info.category,
        "content_types": list(info.content_types),
        "mot_open_data": info.mot_open_data,
        "open_for_mof": kb.is_open_mof(info.id),
        "url": info.url,
        "status": info.status,
        "terms": {
            k: {"value": t.value, "source": t.source, "clause": t.clause}
            for k, t in info.terms.items()
        },
    }
    if fmt == "json":
        click.echo(json.dumps(data, indent=2))
        return
    lines: list[str] = []
    for key in ("id", "name", "iri", "hub_id", "url", "category", "status"):
        if data[key] is not None:
            lines.append(f"{key}: {data[key]}\n")
    for key in ("osi_approved", "fsf_libre", "deprecated", "mot_open_data", "open_for_mof"):
        lines.append(f"{key}: {'yes' if data[key] else 'no'}\n")
    if info.content_types:
        lines.append(f"content_types: {', '.join(info.content_types)}\n")
    if info.category_basis:
        lines.append(f"category_basis: {info.category_basis}\n")
    if info.note:
        lines.append(f"note: {info.note}\n")
    if not info.terms:
        lines.append(
            "terms: none recorded" + (" (text not read)\n" if info.status != "verified" else "\n")
        )
    for k, t in info.terms.items():
        lines.append(f"term {k}: {t.value}\n    source: {t.source}\n    clause: {t.clause}\n")
    click.echo("".join(lines), nl=False)


@license_group.command("list")
@click.option("--category", type=click.Choice(CATEGORIES), default=None)
@click.option("--format", "fmt", type=click.Choice(TABULAR_FORMATS), default="table")
def list_cmd(category: str | None, fmt: str) -> None:
    """List licences (optionally of one category)."""
    from ..licenses import kb

    rows = [
        [i.id, i.name, i.hub_id or "", i.category, i.status, i.osi_approved, i.fsf_libre]
        for i in kb.all_licenses()
        if category is None or i.category == category
    ]
    emit_rows(["id", "name", "hub_id", "category", "status", "osi", "fsf"], rows, fmt)
