"""Printing results: a readable rich table by default, CSV/TSV/JSON on request.

Results go to stdout; messages and errors go to stderr, each message on one line (never
wrapped at the terminal's width, newlines inside it folded to spaces) and printed as plain
text: a file name like ``[/x].md`` is never read as rich markup. Table cells are plain text
too.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

TABULAR_FORMATS = ["table", "csv", "tsv", "json"]

# ``--format table|csv|json`` of the commands that print rows (the value arrives as ``fmt``)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)

err_console = Console(stderr=True, soft_wrap=True, highlight=False)


def out_console() -> Console:
    return Console(file=sys.stdout, soft_wrap=False, width=200)


def emit_rows(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fmt: str = "table",
    title: str | None = None,
) -> None:
    """Print rows as a table, CSV, TSV or a JSON list of objects."""
    stream = sys.stdout
    if fmt in ("csv", "tsv"):
        w = csv.writer(
            stream,
            delimiter="," if fmt == "csv" else "\t",
            lineterminator="\n",
        )
        w.writerow(headers)
        w.writerows(["" if v is None else v for v in r] for r in rows)
    elif fmt == "json":
        json.dump([dict(zip(headers, r, strict=True)) for r in rows], stream, indent=2, default=str)
        stream.write("\n")
    else:
        table = Table(title=Text(title) if title else None, show_lines=False)
        for h in headers:
            table.add_column(Text(h), overflow="fold")
        for r in rows:
            table.add_row(*(Text("" if v is None else str(v)) for v in r))
        out_console().print(table)


def one_line(message: str) -> str:
    """A message on one line: line breaks inside it become spaces."""
    return " ".join(message.splitlines())


def _say(label: str, style: str, message: str) -> None:
    err_console.print(Text.assemble((label, style), " ", one_line(message)), crop=False)


def warn(message: str) -> None:
    """A warning on stderr (never on stdout, which carries results)."""
    _say("warning:", "yellow", message)


def error(message: str) -> None:
    _say("error:", "red", message)
