"""Ingest, the API and an analyst on one SQLite database at once (WAL, busy timeout, write lock at BEGIN).

A writer process stores articles (each with two events) while, in this process, API readers fetch every
article they can see and an analyst corrects events through ``PATCH /api/events/{id}``. No reader may see an
article without its events, no correction may fail or be lost, and every article the writer stored is there.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import create_app
from sitrep.serve.security import WriteLimit
from sitrep.store import Store, StoreError, database
from sitrep.store.database import writing
from sitrep.store.review import create_token
from tests.store.support import sample_article, sample_events

WRITTEN = 40  # articles the writer process stores
CORRECTED = ("a0", "a1", "a2")  # articles whose events the analyst corrects, stored before the run
CORRECTIONS = 30  # per analyst thread
EVENTS_PER_ARTICLE = len(sample_events())
DEADLINE_S = 240

WRITER = """
import sys
from sitrep.store import Store
from tests.store.support import sample_article, sample_events

with Store.open(sys.argv[1]) as store:
    for index in range(int(sys.argv[2])):
        article_id = f"w{index}"
        store.save(sample_article(article_id, origin=f"news/{article_id}.txt"), sample_events(article_id))
"""


def _in_threads(*work: Callable[[], None]) -> list[BaseException]:
    """Run each callable in its own thread until all end (or the deadline); the exceptions they raised."""
    failures: list[BaseException] = []

    def guarded(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as error:  # reported to the test, which fails on any
            failures.append(error)

    threads = [threading.Thread(target=guarded, args=(job,), daemon=True) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_S)
    assert not any(thread.is_alive() for thread in threads), "a worker thread is stuck"
    return failures


def test_ingest_reads_and_corrections_at_once_lose_nothing_and_show_no_half_article(tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    with Store.open(db) as store:
        for article_id in CORRECTED:
            store.save(sample_article(article_id, origin=f"news/{article_id}.txt"), sample_events(article_id))
        with writing(store.engine).begin() as conn:
            headers = {"Authorization": f"Bearer {create_token(conn, 'alice', 'analyst')}"}
        unlimited = WriteLimit(per_minute=1e9, burst=10**9)
        client = TestClient(create_app(store, write_limit=unlimited))
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(WRITTEN)],
            cwd=Path(__file__).parents[2],
            stderr=subprocess.PIPE,
            text=True,
        )
        seen_articles: set[str] = set()

        def read() -> None:
            while writer.poll() is None:
                listing = client.get("/api/articles", params={"page_size": 100})
                assert listing.status_code == 200, listing.text
                for article in listing.json()["articles"]:
                    detail = client.get(f"/api/articles/{article['id']}")
                    assert detail.status_code == 200, detail.text
                    assert len(detail.json()["events"]) == EVENTS_PER_ARTICLE, f"half of {article['id']}"
                    seen_articles.add(article["id"])

        def correct(event_id: str) -> Callable[[], None]:
            def run() -> None:
                for number in range(CORRECTIONS):
                    answer = client.patch(
                        f"/api/events/{event_id}", json={"notes": f"correction {number}"}, headers=headers
                    )
                    assert answer.status_code == 200, answer.text

            return run

        started = time.monotonic()
        corrected = [f"{article_id}-1" for article_id in CORRECTED]
        failures = _in_threads(read, read, *(correct(event_id) for event_id in corrected))
        assert writer.wait(timeout=DEADLINE_S) == 0, writer.stderr.read() if writer.stderr else ""
        assert not failures, failures
        assert time.monotonic() - started < DEADLINE_S

        assert len(seen_articles) > len(CORRECTED), "the readers never ran while the writer did"
        for event_id in corrected:
            record = client.get(f"/api/events/{event_id}").json()["event"]
            assert record["notes"] == f"correction {CORRECTIONS - 1}"
            trail = client.get(f"/api/events/{event_id}/history").json()["history"]
            assert len([change for change in trail if change["field"] == "notes"]) == CORRECTIONS
        total = client.get("/api/articles", params={"page_size": 100}).json()["total"]
        assert total == WRITTEN + len(CORRECTED)


def _hold_write_lock(db: Path, seconds: float) -> threading.Timer:
    """Another connection takes the database's write lock now and lets go after ``seconds``."""
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(seconds, lambda: (holder.execute("COMMIT"), holder.close()))
    release.start()
    return release


def test_a_write_waits_out_a_lock_held_past_the_busy_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    db = tmp_path / "sitrep.db"
    with Store.open(db) as store:
        release = _hold_write_lock(db, 0.8)
        assert store.save(sample_article("a1"), sample_events("a1"))  # retried past the 50 ms timeout
        release.join()

        monkeypatch.setattr(database, "LOCK_RETRY_PAUSES_S", ())
        release = _hold_write_lock(db, 0.8)
        with pytest.raises(StoreError, match="locked"):
            store.save(sample_article("a2"), sample_events("a2"))
        release.join()
