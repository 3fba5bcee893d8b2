"""``sitrep report`` as a user runs it."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner, Result

from sitrep.cli import app

runner = CliRunner()
MARCH = ("--from", "2025-03-01", "--to", "2025-03-31")


def run(*args: str | Path) -> Result:
    return runner.invoke(app, ["report", *(str(arg) for arg in args)])


def test_markdown_to_a_file_writes_its_figures_beside_it(handmade_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "march.md"
    result = run("--db", handmade_db, *MARCH, "--country", "Syria", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert text.startswith("# Situation report: Syria\n")
    figures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert figures == ["march-map.png", "march-trend.png"]
    for name in figures:
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
    assert "report: 5 incidents (incidents counted)" in result.stderr


def test_the_format_follows_the_output_suffix(handmade_db: Path, tmp_path: Path) -> None:
    for suffix, start in ((".html", b"<!doctype html>"), (".pdf", b"%PDF-")):
        out = tmp_path / f"march{suffix}"
        assert run("--db", handmade_db, *MARCH, "-o", out).exit_code == 0
        assert out.read_bytes().startswith(start)
    assert not list(tmp_path.glob("*.png"))  # HTML and PDF embed their figures


def test_markdown_on_stdout_embeds_its_figures(handmade_db: Path) -> None:
    result = run("--db", handmade_db, *MARCH)
    assert result.exit_code == 0
    assert result.stdout.count("](data:image/png;base64,") == 2


def test_an_empty_region_is_a_short_report_not_an_error(handmade_db: Path) -> None:
    result = run("--db", handmade_db, *MARCH, "--admin1", "Nowhere", "-f", "html")
    assert result.exit_code == 0
    assert "Nothing was recorded in Nowhere from 1 March 2025 to 31 March 2025." in result.stdout


def test_a_reversed_period_is_a_usage_error(handmade_db: Path) -> None:
    result = run("--db", handmade_db, "--from", "2025-03-31", "--to", "2025-03-01")
    assert result.exit_code == 2
    assert "after --to" in result.stderr


def test_a_missing_database_is_one_error_line(tmp_path: Path) -> None:
    result = run("--db", tmp_path / "none.db", *MARCH)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()
