"""Statistics and listing counts are kept until the database changes, and never served stale after a write."""

from __future__ import annotations

import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from sitrep.serve.cache import UntilWrite
from sitrep.store import Store
from sitrep.store.database import sqlite_path
from tests.serve.support import save_follow_up


def statements(store: Store) -> list[str]:
    """Every SQL statement the store's engine runs from now on."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    return seen


def test_asking_for_the_same_statistics_again_reads_nothing(client: TestClient, store: Store) -> None:
    first = client.get("/api/stats", params={"country": "Syria"})
    seen = statements(store)
    again = client.get("/api/stats", params={"country": "Syria"})
    assert again.json() == first.json()
    assert not [statement for statement in seen if "sum(" in statement.lower()]
    other = client.get("/api/stats", params={"country": "Iraq"})
    assert other.json()["events"] == 0 and [statement for statement in seen if "sum(" in statement.lower()]


def test_an_article_saved_after_a_request_shows_in_the_next_statistics(
    client: TestClient, store: Store
) -> None:
    before = client.get("/api/stats").json()
    save_follow_up(store)
    after = client.get("/api/stats").json()
    assert after["events"] == before["events"] + 1
    assert after["fatalities"] == before["fatalities"] + 31


def test_a_write_by_another_process_shows_in_the_next_statistics(client: TestClient, store: Store) -> None:
    before = client.get("/api/stats").json()["fatalities"]
    path = sqlite_path(store.engine.url.render_as_string(hide_password=False))
    with sqlite3.connect(path) as other:  # another server worker or an ingest, on its own connection
        other.execute("UPDATE events SET fatalities = fatalities + 100 WHERE event_id = 'coast-1'")
    assert client.get("/api/stats").json()["fatalities"] == before + 100


def test_a_correction_shows_in_the_next_statistics(client: TestClient, analyst: dict[str, str]) -> None:
    before = client.get("/api/stats").json()["fatalities"]
    reported = client.get("/api/events/coast-1").json()["event"]["fatalities"]
    corrected = client.patch("/api/events/coast-1", json={"fatalities": 1000}, headers=analyst)
    assert corrected.status_code == 200, corrected.text
    assert client.get("/api/stats").json()["fatalities"] == before - reported + 1000


def test_a_listing_count_follows_writes(client: TestClient, store: Store) -> None:
    first = client.get("/api/events", params={"page_size": 1}).json()
    assert client.get("/api/events", params={"page_size": 1, "page": 2}).json()["total"] == first["total"]
    save_follow_up(store)
    assert client.get("/api/events", params={"page_size": 1}).json()["total"] == first["total"] + 1


def test_requests_missing_the_same_answer_at_once_compute_it_once(store: Store) -> None:
    answers = UntilWrite(store.engine)
    computed: list[int] = []

    def slow() -> int:
        time.sleep(0.05)
        computed.append(1)
        return len(computed)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: answers.get("stats", slow), range(8)))
    assert results == [1] * 8 and len(computed) == 1
    save_follow_up(store)
    assert answers.get("stats", slow) == 2
    answers.close()
