"""The event listings read through indexes, count within a bound and fetch a page in a fixed number of
statements: what keeps ``/api/events`` fast on a large database (figures in bench/load.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Select, event, text

from sitrep.serve.filters import EventListing
from sitrep.serve.queries import count_query, event_records, listing_page, page_query
from sitrep.store import Store, schema
from tests.serve.support import filled_store

READ_INDEXES = {index.name for index in schema.EVENT_READ_INDEXES}


def plan(conn: Connection, query: Select[Any]) -> str:
    compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
    return " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))


def index_names(conn: Connection) -> set[str]:
    return {row[1] for row in conn.exec_driver_sql("PRAGMA index_list(events)")}


def test_a_new_database_has_the_read_indexes(store: Store) -> None:
    with store.engine.connect() as conn:
        assert index_names(conn) >= READ_INDEXES


def test_a_version_2_database_gains_them_on_opening(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with filled_store(path) as store, store.engine.begin() as conn:
        for name in READ_INDEXES:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        conn.execute(text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    with Store.open(path, create=False) as store, store.engine.connect() as conn:
        assert index_names(conn) >= READ_INDEXES
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == "3"
        assert store.summary().events == 8


@pytest.mark.parametrize(
    ("filters", "index", "sorts_matches"),
    [
        ({}, "ix_events_event_date", False),
        ({"country": "Syria"}, "ix_events_country_ci", False),
        ({"admin1": "tartus"}, "ix_events_admin1_ci", False),
        ({"event_type": ["Battles"], "date_from": "2025-03-01"}, "ix_events_type_date", False),
        ({"bbox": "35,34,37,36"}, "ix_events_coordinates", True),  # sorts only the events in the box
        ({"sort": "-fatalities"}, "ix_events_fatalities", False),
    ],
)
def test_listing_queries_use_an_index(
    store: Store, filters: dict[str, Any], index: str, sorts_matches: bool
) -> None:
    listing = EventListing(page_size=50, **filters)
    with store.engine.connect() as conn:
        rows, _list, ids = plan(conn, page_query(listing, listing.conditions())).partition(
            " | LIST SUBQUERY 1 | "
        )
    outer_sort = " | USE TEMP B-TREE FOR ORDER BY"  # of the page's rows alone, listed after the subquery
    assert rows.startswith("SEARCH events USING INDEX sqlite_autoindex_events_1 (event_id=?)"), rows
    assert ids.endswith(outer_sort), ids
    ids = ids.removesuffix(outer_sort)  # the plan that finds the page's ids among every event
    assert f"USING INDEX {index}" in ids or f"USING COVERING INDEX {index}" in ids, ids
    assert ("USE TEMP B-TREE FOR ORDER BY" in ids) == sorts_matches, ids


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "COVERING INDEX ix_events_status"),
        ({"event_type": ["Battles"]}, "COVERING INDEX ix_events_type_date"),
        ({"bbox": "35,34,37,36"}, "COVERING INDEX ix_events_coordinates"),
        ({"country": "Syria"}, "INDEX ix_events_country_ci"),  # SQLite says "covering" only for columns
        ({"admin1": "Homs"}, "INDEX ix_events_admin1_ci"),
    ],
)
def test_counting_reads_an_index_and_stops_at_the_limit(
    store: Store, filters: dict[str, Any], index: str
) -> None:
    listing = EventListing(**filters)
    with store.engine.connect() as conn:
        query = count_query(schema.events, listing.conditions(), 3)
        assert f"USING {index}" in plan(conn, query)
        assert conn.execute(query).scalar_one() <= 3


@pytest.mark.parametrize("page_size", [1, 3, 8])
def test_a_page_takes_the_same_few_statements_whatever_its_size(store: Store, page_size: int) -> None:
    """No statement per event: the page, at most one count, then evidence and claims for all its events."""
    statements: list[str] = []
    with store.engine.connect() as conn:
        event.listen(conn, "before_cursor_execute", lambda *args: statements.append(args[2]))
        page = listing_page(conn, EventListing(page_size=page_size), event_records)
    assert len(page.records) == min(page_size, 8) and page.counted == 8
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) <= 4
