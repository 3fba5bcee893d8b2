"""The ACLED notes scorer: field matching, per-class confusions, the CLI, and the score on the dev sample."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitrep.cli.eval import eval_app
from sitrep.errors import SitrepError
from sitrep.eval.acled import DEV_CSV, FIELDS, TARGETS, GoldEvent, matches, read_gold, score
from sitrep.model import Actor, Article, Event, Fatalities, Place

GOLD = GoldEvent(
    row_id="SYR1",
    notes="On 6 March 2025, security forces clashed with militants in Jableh. 3 fatalities.",
    event_date=date(2025, 3, 6),
    event_type="Battles",
    sub_event_type="Armed clash",
    actors=("Military Forces of Syria (2024-)", "Militia (Pro-Assad)"),
    admin1="Lattakia",
    latitude=35.3609,
    longitude=35.9256,
    fatalities=3,
)


def _event(**fields: object) -> Event:
    base = Event(
        article_id="a",
        event_id="e",
        event_type="Battles",
        sub_event_type="Armed clash",
        event_date=date(2025, 3, 6),
        actor1=Actor("Military Forces of Syria (2025-)", 1),
        place=Place("Jablah", country="Syria", admin1="Latakia", latitude=35.362, longitude=35.928),
        fatalities=Fatalities(best=3),
    )
    for name, value in fields.items():
        setattr(base, name, value)
    return base


def test_a_right_event_matches_every_field_up_to_spelling_and_periods() -> None:
    assert matches(GOLD, _event()) == dict.fromkeys(FIELDS, True)


def test_each_field_can_be_wrong() -> None:
    wrong = _event(
        sub_event_type="Attack",
        event_type="Violence against civilians",
        event_date=date(2025, 3, 5),
        actor1=Actor("Civilians (Syria)", 7),
        place=Place("Homs", country="Syria", admin1="Homs", latitude=34.73, longitude=36.72),
        fatalities=Fatalities(best=4),
    )
    assert matches(GOLD, wrong) == dict.fromkeys(FIELDS, False)


def test_no_event_is_wrong_everywhere_and_an_unknown_toll_counts_as_zero() -> None:
    assert matches(GOLD, None) == dict.fromkeys(FIELDS, False)
    assert matches(replace(GOLD, fatalities=0), _event(fatalities=Fatalities(best=None)))["fatalities"]


def test_score_counts_fields_and_confusions() -> None:
    def extract(article: Article) -> list[Event]:
        return [_event(confidence=0.9), _event(sub_event_type="Arrests", confidence=0.1)]

    result = score([GOLD, replace(GOLD, sub_event_type="Attack")], extract)
    assert (result.notes, result.accuracy("sub_event_type"), result.accuracy("actor")) == (2, 0.5, 1.0)
    assert result.top_confusions() == [(("Attack", "Armed clash"), 1)]
    assert result.per_class() == {"Armed clash": (1, 1), "Attack": (1, 0)}


def test_missing_gold_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(SitrepError):
        read_gold(tmp_path / "absent.csv")


def _write_rows(path: Path) -> None:
    fields = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1"]
    fields += ["latitude", "longitude", "fatalities", "notes"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerow(
            {
                "event_id_cnty": "TST1",
                "event_date": "2022-05-02",
                "event_type": "Protests",
                "sub_event_type": "Peaceful protest",
                "actor1": "Protesters (Kenya)",
                "actor2": "",
                "admin1": "Nairobi",
                "latitude": "-1.2833",
                "longitude": "36.8167",
                "fatalities": "0",
                "notes": "On 2 May 2022, teachers marched in Nairobi to demand higher pay.",
            }
        )


@pytest.mark.slow
def test_cli_prints_the_field_table(tmp_path: Path) -> None:
    csv_path = tmp_path / "notes.csv"
    _write_rows(csv_path)
    result = CliRunner().invoke(eval_app, ["acled", str(csv_path), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "sub_event_type" in result.output and "1 notes" in result.output


@pytest.mark.slow
@pytest.mark.skipif(not DEV_CSV.is_file(), reason="ACLED dev sample lives in ../shared/data")
def test_dev_sample_meets_the_event_targets() -> None:
    from sitrep.eval.acled import evaluate

    result = evaluate(DEV_CSV, limit=300)
    for name in ("event_type", "sub_event_type", "event_date", "actor"):
        assert result.accuracy(name) >= TARGETS[name], name
