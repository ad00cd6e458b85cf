"""Printing results: a readable rich table by default, CSV/TSV/JSON on request.

Results go to stdout; messages and errors go to stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

TABULAR_FORMATS = ["table", "csv", "tsv", "json"]

err_console = Console(stderr=True)


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
        table = Table(title=title, show_lines=False)
        for h in headers:
            table.add_column(h, overflow="fold")
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out_console().print(table)


def warn(message: str) -> None:
    """A warning on stderr (never on stdout, which carries results)."""
    err_console.print(f"[yellow]warning:[/yellow] {message}", markup=True, highlight=False)


def error(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}", markup=True, highlight=False)


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()
