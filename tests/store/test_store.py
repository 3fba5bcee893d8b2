from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from sitrep.model import Claim
from sitrep.store import EventFilter, Store, StoreError, migrations, schema
from sitrep.store.database import writing
from sitrep.store.review import REJECTED, apply_correction
from tests.store.support import dump, sample_article, sample_events


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "sitrep.db"


@pytest.fixture
def store(db: Path) -> Store:
    with Store.open(db) as opened:
        yield opened


def test_events_read_back_equal_their_records(store: Store) -> None:
    events = sample_events()
    assert store.save(sample_article(), events)
    assert list(store.iter_events()) == [event.to_record() for event in events]


def test_saving_the_same_article_twice_changes_nothing(store: Store, db: Path) -> None:
    store.save(sample_article(), sample_events())
    before = dump(db)
    assert not store.save(sample_article(), sample_events())
    assert dump(db) == before
    assert store.has_article("a1", sample_article().raw)


def test_a_changed_page_replaces_its_events(store: Store, db: Path) -> None:
    store.save(sample_article(), sample_events())
    revised = sample_article(text="A curfew was imposed.")
    assert not store.has_article(revised.id, revised.raw)
    assert store.save(revised, sample_events()[1:])
    contents = dump(db)
    assert [row[0] for row in contents["events"]] == ["a1-2"]
    assert contents["claims"] == []  # the replaced battle's claim went with it
    assert store.search("clashes") == []


def test_a_failure_mid_article_stores_nothing_of_it(store: Store, db: Path) -> None:
    store.save(sample_article("a0"), sample_events("a0"))
    before = dump(db)
    events = sample_events()
    events[1].claims.append(Claim(figure=None, category="total"))  # type: ignore[arg-type]  # NOT NULL fails
    with pytest.raises(StoreError, match="NOT NULL"):
        store.save(sample_article(), events)
    assert dump(db) == before
    assert store.search("curfew") == ["a0"]


def test_an_event_id_held_by_another_article_is_refused_whole(store: Store, db: Path) -> None:
    store.save(sample_article(), sample_events())
    before = dump(db)
    with pytest.raises(StoreError, match="UNIQUE"):
        store.save(sample_article("b1", origin="news/b1.txt"), sample_events("a1"))
    assert dump(db) == before


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_an_error_is_recorded_once_per_input_and_cleared_once_stored(store: Store) -> None:
    store.record_error("news/a1.txt", "no body text")
    store.record_error("news/a1.txt", "not UTF-8")
    assert store.errors() == [("news/a1.txt", "not UTF-8")]
    store.save(sample_article(), sample_events())
    assert store.errors() == []


def test_summary_counts_articles_events_fatalities_and_places(store: Store) -> None:
    store.save(sample_article(), sample_events())
    store.save(sample_article("b1", origin="news/b1.txt"), sample_events("b1")[:1])
    store.record_error("news/empty.txt", "no body text")
    summary = store.summary()
    assert (summary.articles, summary.events, summary.fatalities, summary.errors) == (2, 3, 32, 1)
    assert summary.events_by_type == [("Battles", 2), ("Strategic developments", 1)]
    assert summary.top_places == [("Jableh, Latakia, Syria", 2)]


def test_filters_select_events_and_undated_events_come_last(store: Store) -> None:
    store.save(sample_article(), sample_events())
    assert [r["event_id"] for r in store.iter_events()] == ["a1-1", "a1-2"]
    assert [r["event_id"] for r in store.iter_events(EventFilter(event_type="Battles"))] == ["a1-1"]
    assert [r["event_id"] for r in store.iter_events(EventFilter(since=date(2025, 3, 7)))] == []
    assert [r["event_id"] for r in store.iter_events(EventFilter(country="Syria", admin1="Latakia"))] == [
        "a1-1"
    ]


def test_full_text_search_finds_articles_by_word_stem_without_accents(store: Store) -> None:
    store.save(sample_article(), sample_events())
    assert store.search("clash") == ["a1"]
    assert store.search("tartus") == ["a1"]  # the text says Ţarţūs
    assert store.search("Homs") == []


def test_a_foreign_sqlite_database_is_refused_and_left_untouched(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
        conn.commit()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a sitrep database"):
        Store.open(db)
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(db: Path) -> None:
    db.write_bytes(b"name,country\nJableh,Syria\n" * 200)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="not a readable SQLite database"):
        Store.open(db)
    assert db.read_bytes() == before


def test_a_truncated_database_is_reported_not_raised(db: Path) -> None:
    with Store.open(db) as store:
        for index in range(40):
            store.save(sample_article(f"a{index}", origin=f"news/{index}.txt"), sample_events(f"a{index}"))
    db.write_bytes(db.read_bytes()[: 3 * 4096])
    with pytest.raises(StoreError, match=r"malformed|not a readable"), Store.open(db) as store:
        list(store.iter_events())


def test_a_missing_database_is_not_created_for_reading(db: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store.open(db, create=False)
    assert not db.exists()


def test_a_database_from_a_newer_sitrep_is_refused(db: Path) -> None:
    Store.open(db).close()
    _set_meta(db, "schema_version", str(schema.SCHEMA_VERSION + 1))
    with pytest.raises(StoreError, match="newer sitrep"):
        Store.open(db)


def test_a_meta_table_of_another_application_is_refused(db: Path) -> None:
    Store.open(db).close()
    _set_meta(db, "application", "other")
    with pytest.raises(StoreError, match="not a sitrep database"):
        Store.open(db)


def test_an_older_database_is_migrated_forward(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(db) as store:
        store.save(sample_article(), sample_events())

    def add_review_note(conn: Connection) -> None:
        conn.execute(text("ALTER TABLE events ADD COLUMN review_note TEXT"))

    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, schema.SCHEMA_VERSION, add_review_note)
    with Store.open(db) as store:
        assert len(list(store.iter_events())) == 2
    assert _meta(db)["schema_version"] == str(schema.SCHEMA_VERSION)
    with closing(sqlite3.connect(db)) as conn:
        assert "review_note" in [row[1] for row in conn.execute("PRAGMA table_info(events)")]


def test_a_failed_migration_leaves_the_database_at_its_version(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(db).close()
    old_version = schema.SCHEMA_VERSION

    def broken(conn: Connection) -> None:
        conn.execute(text("ALTER TABLE events ADD COLUMN review_note TEXT"))
        conn.execute(text("SELECT no_such_column FROM events"))

    monkeypatch.setattr(schema, "SCHEMA_VERSION", old_version + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, old_version + 1, broken)
    with pytest.raises(StoreError, match="no_such_column"):
        Store.open(db)
    assert _meta(db)["schema_version"] == str(old_version)
    with closing(sqlite3.connect(db)) as conn:
        assert "review_note" not in [row[1] for row in conn.execute("PRAGMA table_info(events)")]


def _meta(db: Path) -> dict[str, str]:
    with closing(sqlite3.connect(db)) as conn:
        return dict(conn.execute("SELECT key, value FROM meta"))


def _set_meta(db: Path, key: str, value: str) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        conn.commit()


def test_rejected_events_leave_summaries_and_exports_but_stay_stored(store: Store, db: Path) -> None:
    store.save(sample_article(), sample_events())
    with writing(store.engine).begin() as conn:
        apply_correction(conn, "a1-1", "analyst", {}, REJECTED)
    assert [record["event_id"] for record in store.iter_events()] == ["a1-2"]
    summary = store.summary()
    assert (summary.events, summary.fatalities, summary.top_places) == (1, 0, [])
    assert len(dump(db)["events"]) == 2
