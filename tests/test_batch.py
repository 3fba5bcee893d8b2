from __future__ import annotations

import io
import time
from dataclasses import replace
from multiprocessing import get_all_start_methods
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from sitrep import pipeline
from sitrep.batch import (
    ExtractionPool,
    IngestCounts,
    LocalExtractor,
    Outcome,
    ingest,
    ingest_items,
    one_by_one,
    outcome_of,
)
from sitrep.errors import InputError
from sitrep.ingest import read_inputs
from sitrep.model import Article, Event
from sitrep.store import Store
from tests.store.support import dump, sample_events


class FakeExtraction:
    """Stands in for the pipeline: clean copies raw to text; some words make it fail as real stages do."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, article: Article) -> Outcome:
        self.seen.append(article.origin)
        return outcome_of(self.process, article, None)

    @staticmethod
    def process(article: Article, _resources: Any) -> tuple[Article, list[Event]]:
        if "teaser only" in article.raw:
            raise InputError(article.origin, "no article text after cleaning")
        if "crash" in article.raw:
            raise ZeroDivisionError("division by zero")
        return replace(article, text=article.raw), sample_events(article.id)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for index in range(4):
        (folder / f"good{index}.txt").write_text(f"Report number {index}: clashes in the town of Jableh.\n")
    (folder / "empty.txt").write_text("")
    (folder / "teaser.txt").write_text("teaser only, subscribe now\n")
    (folder / "crash.txt").write_text("this page makes the extractor crash\n")
    return folder


def _run(inputs: Path, db: Path, extraction: FakeExtraction, debug: bool = False) -> tuple[IngestCounts, str]:
    console = Console(file=io.StringIO(), width=40)
    with Store.open(db) as store:
        counts = ingest([str(inputs)], store, console=console, debug=debug, extractor=extraction)
    return counts, console.file.getvalue()


def test_each_bad_input_is_one_error_line_and_the_rest_is_stored(inputs: Path, tmp_path: Path) -> None:
    counts, log = _run(inputs, tmp_path / "sitrep.db", FakeExtraction())
    assert counts == IngestCounts(read=7, stored=4, skipped=0, failed=3)
    errors = sorted(line for line in log.splitlines() if line.startswith("error: "))
    assert len(errors) == 3  # each whole on one line, though longer than the 40-column console
    assert errors[0].startswith(f"error: {inputs / 'crash.txt'}: ZeroDivisionError: division by zero")
    assert errors[1].startswith(f"error: {inputs / 'empty.txt'}: ")
    assert errors[2] == f"error: {inputs / 'teaser.txt'}: no article text after cleaning"
    assert "Traceback" not in log
    with Store.open(tmp_path / "sitrep.db") as store:
        assert [origin for origin, _ in store.errors()] == [
            str(inputs / n) for n in ("crash.txt", "empty.txt", "teaser.txt")
        ]
        assert store.summary().articles == 4


def test_a_rerun_skips_stored_articles_before_extraction(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "sitrep.db"
    _run(inputs, db, FakeExtraction())
    first = dump(db)
    extraction = FakeExtraction()
    counts, _ = _run(inputs, db, extraction)
    assert counts == IngestCounts(read=7, stored=0, skipped=4, failed=3)
    assert sorted(Path(origin).name for origin in extraction.seen) == ["crash.txt", "teaser.txt"]
    assert dump(db) == first


def test_debug_shows_the_traceback_of_an_unexpected_failure(inputs: Path, tmp_path: Path) -> None:
    _, log = _run(inputs, tmp_path / "sitrep.db", FakeExtraction(), debug=True)
    assert "Traceback (most recent call last)" in log
    assert "ZeroDivisionError" in log


def test_an_article_the_store_refuses_fails_alone(inputs: Path, tmp_path: Path) -> None:
    class SameEventIds(FakeExtraction):
        @staticmethod
        def process(article: Article, _resources: Any) -> tuple[Article, list[Event]]:
            events = sample_events("fixed")
            for event in events:
                event.article_id = article.id
            return replace(article, text=article.raw), events

    for name in ("empty.txt", "teaser.txt", "crash.txt"):
        (inputs / name).unlink()
    counts, log = _run(inputs, tmp_path / "sitrep.db", SameEventIds())
    assert counts == IngestCounts(read=4, stored=1, skipped=0, failed=3)
    assert log.count("UNIQUE constraint failed: events.event_id") == 3


def _reports(folder: Path) -> Path:
    folder.mkdir()
    towns = ("Aleppo", "Homs", "Hama", "Idlib", "Latakia", "Tartus", "Daraa", "Raqqa", "Douma")
    for index, town in enumerate(towns):
        (folder / f"{index:02}.txt").write_text(
            f"Government forces clashed with armed men in {town} on Monday, leaving at least {index + 3} "
            f"people dead, according to a war monitor. Security forces arrested {index + 2} suspects.\n"
        )
    (folder / "04b.txt").write_text("")  # a bad input between good ones
    (folder / "07b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    return folder


def _run_pool(inputs: Path, db: Path, pool: ExtractionPool | None) -> list[str]:
    """Ingest ``inputs`` extracting in this process (``pool`` None) or with ``pool``; the error lines."""
    console = Console(file=io.StringIO(), width=200)
    with Store.open(db) as store:
        if pool is None:
            in_process = one_by_one(LocalExtractor())
            counts = ingest_items(read_inputs([str(inputs)]), store, in_process, console=console)
        else:
            with pool:
                counts = ingest_items(read_inputs([str(inputs)]), store, pool, console=console)
    assert counts == IngestCounts(read=11, stored=9, skipped=0, failed=2)
    return [line for line in console.file.getvalue().splitlines() if line.startswith("error: ")]


@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_two_worker_processes_write_what_one_process_writes(tmp_path: Path, start_method: str) -> None:
    if start_method not in get_all_start_methods():
        pytest.skip(f"no {start_method} on this platform")
    inputs = _reports(tmp_path / "news")
    serial = _run_pool(inputs, tmp_path / "serial.db", None)
    parallel = _run_pool(inputs, tmp_path / "pool.db", ExtractionPool(2, start_method=start_method))
    assert parallel == serial
    assert [Path(line.split(": ")[1]).name for line in parallel] == ["04b.txt", "07b.txt"]
    assert dump(tmp_path / "pool.db") == dump(tmp_path / "serial.db")
    assert dump(tmp_path / "pool.db")["events"], "the real pipeline ran in the workers"


def _stalls_on_a_marked_page(process: Any) -> Any:
    """The pipeline, except that a page saying STALL never finishes (a pathological input)."""

    def stalling(article: Article, resources: Any) -> tuple[Article, list[Event]]:
        if "STALL" in article.raw:
            time.sleep(600)
        return process(article, resources)

    return stalling


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_over_its_time_budget_is_one_error_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(pipeline, "process", _stalls_on_a_marked_page(pipeline.process))
    inputs = _reports(tmp_path / "news")
    (inputs / "03b.txt").write_text("STALL: a page the pipeline never finishes.\n")
    console = Console(file=io.StringIO(), width=200)
    started = time.monotonic()
    with Store.open(tmp_path / "sitrep.db") as store:
        counts = ingest([str(inputs)], store, console=console, workers=workers, article_timeout=2.0)
        assert dict(store.errors())[str(inputs / "03b.txt")] == f"extraction stopped: {STOPPED}"
    assert time.monotonic() - started < 120
    assert counts == IngestCounts(read=12, stored=9, skipped=0, failed=3)
    assert f"error: {inputs / '03b.txt'}: extraction stopped: {STOPPED}" in console.file.getvalue()
    assert len(dump(tmp_path / "sitrep.db")["articles"]) == 9, "the articles after it were stored"


STOPPED = "extraction took longer than the budget of 2 s"
