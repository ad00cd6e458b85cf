"""``openness-kg publish OUT_DIR``: a static release of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from .main import Settings, UsageError, pass_settings, require_extra


@click.command("publish")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--public-url",
    default="https://w3id.org/openness-kg/",
    show_default=True,
    help="The canonical site the IRIs live under.",
)
@click.option("--release-url", default=None, help="Where these files will be hosted.")
@click.option("--server-url", default=None, help="Where `openness-kg serve` runs.")
@click.option(
    "--previous",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="The previous release's folder, for the release notes [default: OUT_DIR's release].",
)
@pass_settings
def publish_cmd(
    settings: Settings,
    out_dir: Path,
    public_url: str,
    release_url: str | None,
    server_url: str | None,
    previous: Path | None,
) -> None:
    """Write dumps (N-Triples/N-Quads gz, Turtle, JSON-LD), the ontology (Turtle, JSON-LD,
    RDF/XML, N-Triples, HTML docs by pyLODE), a JSON-LD context, the VoID/DCAT description,
    a version stamp, w3id.org redirect rules, release notes (RELEASE-NOTES.md: what changed
    since the previous release, per model, as `diff` says it) and SHA-256 checksums into
    OUT_DIR."""
    require_extra("docs", "pylode")
    from ..publish.release import publish

    if settings.endpoint is not None:
        raise UsageError("publish reads the embedded store; drop --endpoint")
    for url in (public_url, release_url, server_url):
        if url is not None and not url.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) URL: {url}")

    def fix(u: str | None) -> str | None:
        return u if u is None or u.endswith("/") else u + "/"

    report = publish(
        settings.store(read_only=True),
        out_dir,
        base=settings.minter.base,
        public_url=fix(public_url) or public_url,
        release_url=fix(release_url),
        server_url=fix(server_url),
        progress=lambda msg: click.echo(msg, err=True),
        previous=previous,
    )
    n = report.counts.triples if report.counts else 0
    click.echo(f"wrote {len(report.files)} files to {out_dir} ({n} statements)")
