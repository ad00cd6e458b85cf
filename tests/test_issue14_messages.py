"""Issue 14, part 7: messages. An update given to ``query`` says the command is read-only;
``export --graph`` of a graph the store lacks says so (exit 2, nothing written); stdin of
``license normalize -`` skips a BOM and reports bytes that are not UTF-8; every message is one
line, never wrapped at the terminal's width, and printed literally (never as rich markup)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from query_helpers import filler_store

from openness_kg.cli import main
from openness_kg.cli.output import emit_rows, error, warn

BOM = b"\xef\xbb\xbf"


def cli(*args: str, input: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_query_update_says_the_command_is_read_only(tmp_path: Path) -> None:
    for update in ("DROP ALL", "INSERT DATA { <a:s> <a:p> <a:o> }", "CLEAR DEFAULT"):
        res = cli("--store", str(tmp_path / "s"), "query", "--sparql", update)
        assert res.exit_code == 2, res.output
        assert "read-only" in res.stderr and "SPARQL Update" in res.stderr
        assert "expected DESCRIBE" not in res.stderr and "syntax error" not in res.stderr
    # a query that is simply wrong still gets its syntax error
    res = cli("--store", str(tmp_path / "s"), "query", "--sparql", "SELEC * {}")
    assert res.exit_code == 2 and "syntax error at line 1, column 1" in res.stderr


def test_export_unknown_graph_says_it_does_not_exist(tmp_path: Path) -> None:
    store = tmp_path / "s"
    filler_store(store, n=3)
    out = tmp_path / "out.nt"
    res = cli("--store", str(store), "export", "--graph", "https://example.org/nope", str(out))
    assert res.exit_code == 2, res.output
    assert "no graph <https://example.org/nope> in the store" in res.stderr
    assert not out.exists()
    res = cli("--store", str(store), "export", "--graph", "https://example.org/g", str(out))
    assert res.exit_code == 0, res.output
    assert len(out.read_text().splitlines()) == 3


def test_license_normalize_stdin_skips_a_bom() -> None:
    res = cli(
        "license", "normalize", "--format", "csv", "-", input=b"\xef\xbb\xbfMIT\nApache 2.0\n"
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == [
        "input,licence,match",
        "MIT,MIT,exact",
        "Apache 2.0,Apache-2.0,alias",
    ]


def test_license_normalize_stdin_reports_bytes_that_are_not_utf8() -> None:
    res = cli(
        "license", "normalize", "--format", "csv", "-", input=b"MIT\nbad \xff name\nGPL-3.0\n"
    )
    assert res.exit_code == 2
    assert res.stderr.splitlines() == [
        "error: <stdin> line 2: not UTF-8 (invalid start byte at byte 5)"
    ]
    assert "\ufffd" not in res.stdout
    assert res.stdout.splitlines()[1:] == ["MIT,MIT,exact", "GPL-3.0,GPL-3.0,exact"]


def test_messages_are_one_literal_line(tmp_path: Path, capsys) -> None:
    name = "[/x] [bold]card[/bold] " + "d" * 150
    warn(f"{name}: first\nsecond")
    error(f"{name}: broken [red]")
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"warning: {name}: first second",
        f"error: {name}: broken [red]",
    ]
    emit_rows(["file"], [["[/x].md"]])
    assert "[/x].md" in capsys.readouterr().out


def test_ingest_card_error_names_a_markup_like_long_path_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / ("long-" * 30) / "["
    folder.mkdir(parents=True)
    card = folder / "x]card.md"  # its path reads .../[/x]card.md: a closing rich tag
    card.write_text("# no front matter\n")
    assert "[/x]" in str(card)
    res = cli("--store", str(tmp_path / "s"), "ingest", "card", str(card))
    assert res.exit_code == 1, res.output
    assert f"error: {card}: no repo id: pass --id REPO_ID (the card's metadata names none)" in (
        res.stderr.splitlines()
    )
