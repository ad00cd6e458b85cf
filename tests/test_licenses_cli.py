"""``openness-kg license normalize|show|list`` (issue 3), through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from openness_kg.cli import main


def _run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["license", *args], input=input)
    return result.exit_code, result.output


def test_normalize_csv_header_and_rows() -> None:
    code, out = _run(
        "normalize", "Apache 2.0", "llama3.1", "Undisclosed", "pubmed", "--format", "csv"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "input,licence,match"
    assert list(csv.reader(io.StringIO("\n".join(lines[1:])))) == [
        ["Apache 2.0", "Apache-2.0", "alias"],
        ["llama3.1", "llama3.1", "exact"],
        ["Undisclosed", "", "none"],
        ["pubmed", "", "unmatched"],
    ]


def test_normalize_reads_stdin_one_string_a_line() -> None:
    code, out = _run("normalize", "-", "--format", "csv", input="MIT\nApache-2.0 OR MIT\n\n")
    assert code == 0
    assert out.splitlines() == [
        "input,licence,match",
        "MIT,MIT,exact",
        "Apache-2.0 OR MIT,Apache-2.0 OR MIT,expression",
        ",,none",
    ]


def test_normalize_table_by_default() -> None:
    code, out = _run("normalize", "MIT license")
    assert code == 0
    assert "MIT license" in out and "alias" in out


def test_normalize_needs_an_argument() -> None:
    code, _ = _run("normalize")
    assert code == 2


def test_show_flags_category_and_terms_with_sources() -> None:
    code, out = _run("show", "llama3.1")
    assert code == 0
    assert "category: open-weights-restricted" in out
    assert "osi_approved: no" in out
    assert "term user_threshold: 700000000" in out
    assert (
        "source: https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE"
        in out
    )
    code, out = _run("show", "MIT", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["osi_approved"] is True and data["category"] == "open-source"
    assert data["terms"]["commercial_use"]["source"] == "https://spdx.org/licenses/MIT.html"


def test_show_by_alias_and_unknown() -> None:
    code, out = _run("show", "Apache License, Version 2.0")
    assert code == 0 and "id: Apache-2.0" in out
    code, out = _run("show", "LicenseRef-okg-qwen")
    assert code == 0 and "status: unverified" in out and "terms: none recorded" in out
    code, _ = _run("show", "no such licence")
    assert code == 2


def test_list_by_category() -> None:
    code, out = _run("list", "--category", "non-commercial", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    ids = {r["id"] for r in rows}
    assert {"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "fair-noncommercial-research-license"} <= ids
    assert "MIT" not in ids
    assert {r["category"] for r in rows} == {"non-commercial"}
    code, _ = _run("list", "--category", "bogus")
    assert code == 2
