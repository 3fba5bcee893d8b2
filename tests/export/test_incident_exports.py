"""Incident exports: ACLED-style CSV (one row per incident) and UCDP GED-like CSV, and ``sitrep export``."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.export import INCIDENT_WRITERS
from sitrep.export.columns import ACLED_COLUMNS, INCIDENT_CSV_COLUMNS, UCDP_COLUMNS
from sitrep.export.ucdp_csv import ucdp_row
from sitrep.model import Actor, Claim, Span
from sitrep.store import Store
from sitrep.taxonomy import CIVILIANS, PROTESTS
from tests.store.support import clash_report

GED = Path(__file__).parents[3] / "shared/data/ucdp-ged-syria/ged191_syria_dev.csv"
FIRST = "Clashes between security forces and gunmen in Jableh killed at least 16 people on Thursday."
SECOND = "Fighting between security forces and gunmen in Jableh killed 16, among them 4 civilians."


def _fill(db: Path) -> None:
    """One clash reported twice (the second with a civilian breakdown), and a protest."""
    first, second = clash_report("a", FIRST), clash_report("b", SECOND, source="Other Wire")
    start = SECOND.index("4 civilians")
    civilians = Claim(4, "civilians", low=4, claimant="Syrian Observatory for Human Rights", article_id="b")
    second[1][0].claims.append(replace(civilians, span=Span(start, start + 11)))
    protest_article, (protest,) = clash_report("p", "Hundreds protested in Jableh.", killed=None)
    protest = replace(
        protest,
        event_type=PROTESTS,
        sub_event_type="Peaceful protest",
        actor1=Actor("Protesters (Syria)", 6),
        actor2=None,
    )
    with Store.open(db) as store:
        for article, events in (first, second, (protest_article, [protest])):
            store.save(article, events)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    _fill(tmp_path / "sitrep.db")
    return tmp_path / "sitrep.db"


def _incidents(db: Path) -> list[dict]:
    with Store.open(db) as store:
        return list(store.iter_incidents())


def _rows(format_name: str, records: list[dict]) -> list[dict[str, str]]:
    out = io.StringIO()
    INCIDENT_WRITERS[format_name](records, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_incidents_csv_is_acled_columns_then_incident_extras(db: Path) -> None:
    rows = _rows("incidents-csv", _incidents(db))
    assert list(rows[0]) == [*ACLED_COLUMNS, *INCIDENT_CSV_COLUMNS[len(ACLED_COLUMNS) :]]
    clash = next(row for row in rows if row["event_type"] == "Battles")
    assert clash["article_ids"] == "a; b" and clash["number_of_sources"] == "2"
    assert (clash["fatalities"], clash["location"], clash["interaction"]) == ("16", "Jableh", "12")
    assert clash["fatalities_by_category"] == '{"civilians":4}'
    assert "Other Wire" in clash["source"].split("; ")


def test_ucdp_csv_maps_sides_dates_places_and_deaths(db: Path) -> None:
    (row,) = _rows("ucdp-csv", _incidents(db))  # the protest is not organised violence: left out
    assert list(row) == list(UCDP_COLUMNS)
    assert row["type_of_violence"] == "1"
    assert (row["side_a"], row["side_b"]) == (
        "Military Forces of Syria (2024-)",
        "Unidentified Armed Group (Syria)",
    )
    assert (row["date_start"], row["date_end"], row["date_prec"]) == ("2025-03-06", "2025-03-06", "1")
    assert (row["where_prec"], row["where_coordinates"], row["adm_1"]) == ("1", "Jableh", "Latakia")
    assert row["geom_wkt"] == "POINT (35.9256 35.3609)"
    assert (row["best"], row["deaths_civilians"], row["deaths_a"], row["deaths_unknown"]) == (
        "16",
        "4",
        "",
        "",
    )
    assert row["source_article"] == (
        "Example News,2025-03-07,Clashes in Jableh; Other Wire,2025-03-07,Clashes in Jableh"
    )
    assert row["source_office"] == "Example News; Other Wire"
    assert row["source_original"] == "Syrian Observatory for Human Rights"


def test_ucdp_puts_the_state_on_side_a_and_civilians_on_side_b(db: Path) -> None:
    (clash,) = [record for record in _incidents(db) if record["event_type"] == "Battles"]
    killing = {
        **clash,
        "event_type": "Violence against civilians",
        "actor1": "Civilians (Syria)",
        "inter1": CIVILIANS,
        "actor2": "Unidentified Armed Group (Syria)",
        "inter2": 2,
        "time_precision": 3,
        "geo_precision": 3,
        "admin2": None,
    }
    row = ucdp_row(killing)
    assert row is not None and row["type_of_violence"] == "3"
    assert (row["side_a"], row["side_b"]) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)")
    assert (row["date_start"], row["date_end"], row["date_prec"]) == ("2025-03-01", "2025-03-31", "4")
    assert row["where_prec"] == "4"  # a province: no district known


@pytest.mark.skipif(not GED.exists(), reason="needs ../shared/data/ucdp-ged-syria")
def test_ucdp_columns_are_geds_names_in_geds_order() -> None:
    with GED.open(encoding="utf-8") as ged:
        header = next(csv.reader(ged))
    assert [name for name in header if name in UCDP_COLUMNS] == list(UCDP_COLUMNS)


@pytest.mark.parametrize(("fmt", "count"), [("incidents-csv", 2), ("ucdp-csv", 1), ("incidents-geojson", 2)])
def test_sitrep_export_writes_incidents(db: Path, tmp_path: Path, fmt: str, count: int) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        app, ["export", "--format", fmt, "--db", str(db), "-o", str(out), "--since", "2025-03-01"]
    )
    assert result.exit_code == 0, result.output
    assert f"{count} incidents exported" in result.stderr
    assert out.read_text(encoding="utf-8").count("inc-") >= count


def test_sitrep_export_of_incidents_filters_by_date(db: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "-f", "incidents-csv", "--db", str(db), "--until", "2025-01-01"]
    )
    assert result.exit_code == 0 and result.stdout.count("\n") == 1  # the header only
