"""The UCDP GED headline scorer: which rows are scored, field matching, the CLI."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.eval import eval_app
from sitrep.errors import SitrepError
from sitrep.eval.ucdp import UCDP_CSV, Row, evaluate, matches, read_rows
from sitrep.model import Event, Fatalities, Place

COLUMNS = ("id", "source_headline", "date_start", "where_coordinates", "adm_1", "latitude", "longitude",
           "low", "best", "high")  # fmt: skip
ROWS = [
    ("1", "Government forces clashed with rebels in Idlib, killing 4 fighters", "2016-01-02", "Idlib city",
     "Idlib Governorate", "35.93", "36.63", "3", "4", "5"),
    ("2", "Bombardment on the countryside of Hama", "2016-01-03", "Kafr Zita town", "Hamah Governorate",
     "35.37", "36.60", "2", "2", "2"),
    ("3", "Human losses in the northern countryside", "2016-01-03", "Tanab village", "Aleppo Governorate",
     "36.49", "37.00", "1", "1", "1"),
]  # fmt: skip
ROW = Row("1", "headline", date(2016, 1, 2), "Idlib city", "Idlib Governorate", 35.93, 36.63, 3, 5)


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def test_only_headlines_naming_the_place_or_its_governorate_are_scored(tmp_path: Path) -> None:
    rows = read_rows(_write(tmp_path / "ged.csv"))
    assert [r.row_id for r in rows] == ["1", "2"]  # "Hama" names Hamah Governorate; row 3 names nothing
    assert rows[0].names_place() and not rows[1].names_place()
    assert rows[0].published == date(2016, 1, 2)
    with pytest.raises(SitrepError):
        read_rows(tmp_path / "absent.csv")


def test_fields_match_within_25_km_same_governorate_and_within_low_high() -> None:
    near = Event("a", "e", "Battles", "Armed clash", place=Place("Idlib", admin1="Idlib", latitude=35.9,
                 longitude=36.6), fatalities=Fatalities(best=4))  # fmt: skip
    assert matches(ROW, near) == {"within": True, "adm_1": True, "fatalities": True}
    far = Event("a", "e", "Battles", "Armed clash", place=Place("Aleppo", admin1="Aleppo", latitude=36.2,
                longitude=37.16), fatalities=Fatalities(best=6))  # fmt: skip
    assert matches(ROW, far) == {"within": False, "adm_1": False, "fatalities": False}
    assert not any(matches(ROW, None).values())


def test_pipeline_and_cli_score_the_headlines(tmp_path: Path) -> None:
    path = _write(tmp_path / "ged.csv")
    score = evaluate(path)
    assert score.rows == 2 and score.place_rows == 1
    assert score.place_within == 1 and score.fatalities >= 1
    result = CliRunner().invoke(eval_app, ["ucdp", str(path), "--limit", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "place within 25 km" in result.output and "1 headlines" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not UCDP_CSV.is_file(), reason="UCDP GED lives in ../shared/data")
def test_ucdp_headlines_place_events() -> None:
    score = evaluate(limit=1000)
    # Measured when written (first 2,000 rows): adm_1 0.72, within 25 km 0.49.
    assert score.share(score.adm_1) >= 0.6
    assert score.share(score.within) >= 0.4
