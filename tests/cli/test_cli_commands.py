"""The commands that need no extraction stage, run in-process with a database built by hand."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from sitrep import __version__
from sitrep.cli import app
from sitrep.store import Store
from tests.store.support import sample_article, sample_events

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "sitrep.db"
    with Store.open(path) as store:
        store.save(sample_article(), sample_events())
        store.record_error("news/empty.txt", "empty file (0 bytes)")
    return path


def _run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(arg) for arg in args])


def _assert_one_error_line(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert all(fragment in lines[0] for fragment in fragments), lines[0]
    assert "Traceback" not in result.output


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"sitrep {__version__}"


def test_summary_shows_counts_types_and_places(db: Path) -> None:
    result = _run("summary", "--db", db)
    assert result.exit_code == 0
    for expected in ("Battles", "Strategic developments", "Jableh, Latakia, Syria", "16"):
        assert expected in result.stdout


def test_summary_of_a_missing_database_does_not_create_it(tmp_path: Path) -> None:
    result = _run("summary", "--db", tmp_path / "typo.db")
    _assert_one_error_line(result, "typo.db", "no such database")
    assert not (tmp_path / "typo.db").exists()


def test_a_foreign_database_is_one_error_line(tmp_path: Path) -> None:
    foreign = tmp_path / "crm.db"
    with closing(sqlite3.connect(foreign)) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
    _assert_one_error_line(_run("export", "--db", foreign), "crm.db", "not a sitrep database")


def test_a_corrupt_database_is_one_error_line(tmp_path: Path) -> None:
    corrupt = tmp_path / "sitrep.db"
    corrupt.write_bytes(b"\x00\x01garbage" * 1000)
    _assert_one_error_line(_run("ingest", "--db", corrupt, tmp_path), "sitrep.db", "not a readable SQLite")


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "csv", "geojson"])
def test_export_writes_every_event_to_a_file(db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = _run("export", "--db", db, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "2 events exported"
    text = out.read_text(encoding="utf-8")
    if fmt == "jsonl":
        assert [json.loads(line) for line in text.splitlines()] == [e.to_record() for e in sample_events()]
    elif fmt == "geojson":
        assert len(json.loads(text)["features"]) == 2
    else:
        assert [row["event_id_cnty"] for row in csv.DictReader(io.StringIO(text))] == ["a1-1", "a1-2"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_export_filters_by_type_and_date(db: Path) -> None:
    battles = _run("export", "--db", db, "--event-type", "Battles")
    assert [json.loads(line)["event_id"] for line in battles.stdout.splitlines()] == ["a1-1"]
    later = _run("export", "--db", db, "--since", "2025-03-07")
    assert later.exit_code == 0 and later.stdout == ""


def test_export_into_a_missing_folder_is_one_error_line(db: Path, tmp_path: Path) -> None:
    _assert_one_error_line(_run("export", "--db", db, "-o", tmp_path / "no" / "out.csv"), "out.csv")


@pytest.mark.parametrize(
    "args", [["export", "--format", "xlsx"], ["extract"], ["summary", "--no-such-option"], ["frobnicate"]]
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


REPORT = "Government forces clashed with armed men in Homs on Monday, leaving at least five people dead."


def test_clean_prints_one_article_bare_and_several_under_their_names(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(REPORT + "\n")
    (tmp_path / "b.txt").write_text(REPORT.replace("Homs", "Hama") + "\n")
    (tmp_path / "empty.txt").write_text("")
    one = _run("clean", tmp_path / "a.txt")
    assert (one.exit_code, one.stdout) == (0, REPORT + "\n")
    several = _run("clean", tmp_path)
    assert several.exit_code == 1
    assert f"==> {tmp_path / 'a.txt'} <==\n{REPORT}\n" in several.stdout
    assert f"==> {tmp_path / 'b.txt'} <==" in several.stdout
    assert several.stderr.startswith(f"error: {tmp_path / 'empty.txt'}: ")
