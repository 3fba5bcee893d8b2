"""Incidents kept by the store: attached in each article's transaction, the same in any arrival order."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy

from sitrep.model import Article, Event, Place
from sitrep.store import Store
from sitrep.store.incidents import reattach
from sitrep.store.review import apply_correction
from tests.store.support import INCIDENT_TABLES, clash_report, dump

ORIGINAL = "Clashes between security forces and gunmen in Jableh killed at least 16 people on Thursday."
SYNDICATED = "Fighting between security forces and pro-Assad gunmen in Jableh left 16 dead on Thursday."
REVISED = "Clashes in Jableh between security forces and gunmen have now killed 20 people, the monitor said."
ALEPPO = Place("Aleppo", "Syria", "SY", "Aleppo", None, 36.20, 37.16, geonames_id=170063, geo_precision=1)
ELSEWHERE = "Clashes between security forces and gunmen in Aleppo killed 16 people on Thursday."


def _articles() -> list[tuple[Article, list[Event]]]:
    """Three reports of one clash (the last a day later, revising the toll) and one clash elsewhere."""
    return [
        clash_report("a", ORIGINAL),
        clash_report("b", SYNDICATED, source="Other Wire"),
        clash_report("c", REVISED, published=date(2025, 3, 8), killed=20),
        clash_report("d", ELSEWHERE, place=ALEPPO),
    ]


def _incidents(store: Store) -> list[dict]:
    return list(store.iter_incidents())


def _article_ids(incident: dict) -> list[str]:
    return [article["id"] for article in incident["articles"]]


def _fill(db: Path, articles: list[tuple[Article, list[Event]]]) -> None:
    with Store.open(db) as store:
        for article, events in articles:
            store.save(article, events)


def test_reports_of_one_clash_in_several_articles_make_one_incident(tmp_path: Path) -> None:
    _fill(tmp_path / "sitrep.db", _articles())
    with Store.open(tmp_path / "sitrep.db") as store:
        incidents = _incidents(store)
    assert sorted(_article_ids(incident) for incident in incidents) == [["a", "b", "c"], ["d"]]
    jableh = next(incident for incident in incidents if incident["location"] == "Jableh")
    assert jableh["number_of_sources"] == 3
    assert jableh["fatalities"] == 20  # the monitor's revised toll is its current one
    assert "toll_revised" in jableh["flags"]
    assert {"Example News", "Other Wire", "Syrian Observatory for Human Rights"} <= set(jableh["sources"])
    assert jableh["inter1"] == 1 and jableh["actor2"] == "Unidentified Armed Group (Syria)"


def test_a_revised_toll_supersedes_the_earlier_claim_and_enters_the_history(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _fill(db, _articles()[::2])
    with closing(sqlite3.connect(db)) as conn:
        claims = conn.execute("SELECT article_id, figure, superseded FROM incident_claims ORDER BY position")
        assert claims.fetchall() == [("a", 16, 1), ("c", 20, 0)]
        history = conn.execute("SELECT seq, as_of, article_id, best FROM incident_history ORDER BY seq")
        assert history.fetchall() == [(0, "2025-03-07", "a", 16), (1, "2025-03-08", "c", 20)]


def test_saving_an_article_again_changes_no_incident(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _fill(db, _articles())
    before = dump(db)
    _fill(db, _articles())
    assert dump(db) == before


def test_arrival_order_does_not_change_the_incident_tables(tmp_path: Path) -> None:
    articles = _articles()
    dumps = []
    for number, order in enumerate(permutations(range(len(articles)))):
        if number % 4:  # every 4th of the 24 orders keeps the test quick; each article still comes first
            continue
        db = tmp_path / f"order{number}.db"
        _fill(db, [articles[index] for index in order])
        dumps.append(dump(db, INCIDENT_TABLES))
    assert all(found == dumps[0] for found in dumps)
    assert len(dumps[0]["incidents"]) == 2


def test_a_changed_page_leaves_the_incident_it_no_longer_reports(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    articles = _articles()[:3]
    _fill(db, articles)
    moved, _ = clash_report("b", SYNDICATED.replace("Jableh", "Aleppo"), place=ALEPPO)
    _fill(db, [(moved, clash_report("b", SYNDICATED, place=ALEPPO)[1])])
    rebuilt = tmp_path / "rebuilt.db"
    _fill(rebuilt, [articles[0], articles[2], (moved, clash_report("b", SYNDICATED, place=ALEPPO)[1])])
    assert dump(db, INCIDENT_TABLES) == dump(rebuilt, INCIDENT_TABLES)
    with Store.open(db) as store:
        assert sorted(_article_ids(incident) for incident in _incidents(store)) == [["a", "c"], ["b"]]


def test_an_older_database_gets_its_incidents_when_opened(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _fill(db, _articles())
    before = dump(db)
    with closing(sqlite3.connect(db)) as conn:
        for table in reversed(INCIDENT_TABLES):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        conn.commit()
    Store.open(db).close()
    assert dump(db) == before


def test_incidents_filter_by_country_date_and_article(tmp_path: Path) -> None:
    from sitrep.store import EventFilter

    _fill(tmp_path / "sitrep.db", _articles())
    with Store.open(tmp_path / "sitrep.db") as store:
        assert len(list(store.iter_incidents(EventFilter(country="Syria", since=date(2025, 3, 6))))) == 2
        assert list(store.iter_incidents(EventFilter(until=date(2025, 3, 5)))) == []
        (found,) = store.iter_incidents(EventFilter(article_id="d"))
        assert found["location"] == "Aleppo"


@pytest.mark.parametrize("killed", [None, 16])
def test_an_incident_of_one_report_keeps_that_reports_figures(tmp_path: Path, killed: int | None) -> None:
    article, events = clash_report("a", ORIGINAL, killed=killed)
    _fill(tmp_path / "sitrep.db", [(article, events)])
    with Store.open(tmp_path / "sitrep.db") as store:
        (incident,) = _incidents(store)
    assert incident["fatalities"] == killed
    assert incident["event_ids"] == [events[0].event_id]


def _correct(db: Path, event_id: str, changes: dict, status: str | None = None) -> None:
    """An analyst's correction as the API applies it, then the incidents of the event clustered again."""
    with Store.open(db) as store, store.engine.begin() as conn:
        changed = apply_correction(conn, event_id, "analyst", changes, status)
        reattach(conn, store.reconciler, event_id, [change["field"] for change in changed])


def test_a_correction_moving_an_event_elsewhere_takes_it_out_of_its_incident(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _fill(db, _articles())
    moved = {"location": "Aleppo", "admin1": "Aleppo", "admin2": None, "latitude": 36.20, "longitude": 37.16}
    _correct(db, "b-1", moved | {"geonames_id": 170063})
    with Store.open(db) as store:
        incidents = sorted(_article_ids(incident) for incident in _incidents(store))
    assert incidents == [["a", "c"], ["b", "d"]]  # b now reports the Aleppo clash
    rebuilt = tmp_path / "rebuilt.db"
    _fill(rebuilt, _articles())
    _correct(rebuilt, "b-1", moved | {"geonames_id": 170063})
    _correct(db, "b-1", {})  # a correction that changes nothing leaves every incident as it was
    assert dump(db, INCIDENT_TABLES) == dump(rebuilt, INCIDENT_TABLES)


def test_a_correction_of_the_date_or_a_rejection_re_evaluates_the_incident(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _fill(db, _articles())
    _correct(db, "c-1", {"event_date": date(2025, 2, 1)})
    with Store.open(db) as store:
        assert sorted(_article_ids(incident) for incident in _incidents(store)) == [["a", "b"], ["c"], ["d"]]
    _correct(db, "b-1", {}, "rejected")
    with Store.open(db) as store:
        incidents = _incidents(store)
    assert sorted(_article_ids(incident) for incident in incidents) == [["a"], ["c"], ["d"]]
    jableh = next(incident for incident in incidents if _article_ids(incident) == ["a"])
    assert jableh["number_of_sources"] == 1


def test_attaching_an_article_reads_events_through_indexes_only(tmp_path: Path) -> None:
    """The candidate look-up of an attach never scans the events table: its cost does not grow with the
    events of other months and places."""
    db = tmp_path / "sitrep.db"
    _fill(db, _articles())
    plans: list[str] = []
    with Store.open(db) as store:

        @sqlalchemy.event.listens_for(store.engine, "before_cursor_execute")
        def explain(_conn: Any, cursor: Any, statement: str, parameters: Any, *_context: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT") and " events" in statement:
                found = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
                plans.extend(str(row[-1]) for row in found)

        article, events = clash_report("e", ORIGINAL.replace("16", "17"), killed=17)
        store.save(article, events)
    assert plans
    assert not [plan for plan in plans if plan.startswith("SCAN events") or plan == "SCAN e"], plans
