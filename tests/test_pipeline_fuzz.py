"""The whole corridor on hostile articles: clean, extract and store never raise anything but InputError,
and what they keep is coherent (no negative or inverted toll, no impossible date, evidence inside the text).
Then the real ``sitrep ingest`` over a folder of good inputs mixed with bad ones stores every good one and
names every bad one once.

Extraction is the expensive stage, so it gets a smaller share of the generated inputs (200 articles and a
folder of 80 inputs) than the readers (``tests/ingest/test_fuzz_readers.py``).
"""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import article_from_string
from sitrep.model import Article, Event
from sitrep.pipeline import Resources, process
from sitrep.store import Store, StoreError
from sitrep.taxonomy import EVENT_TYPES, TIME_PRECISION
from tests.ingest.hostile import (
    ARABIC_REPORT,
    fuzz,
    good_report,
    gzip_bomb,
    html_documents,
    jsonl_line,
    record,
    report_texts,
    warc_response,
)

SITREP = Path(sys.executable).with_name("sitrep")
PUBLISHED = (None, date(2025, 3, 7), date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29))
EXTRACTED = 200


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources.load()


def assert_coherent(article: Article, events: list[Event]) -> None:
    for event in events:
        assert event.sub_event_type in EVENT_TYPES[event.event_type]
        assert event.time_precision is None or event.time_precision in TIME_PRECISION
        toll = event.fatalities
        figures = [figure for figure in (toll.low, toll.best, toll.high) if figure is not None]
        assert all(figure >= 0 for figure in figures), toll
        assert figures == sorted(figures), toll
        for spans in event.evidence.values():
            assert all(0 <= span.start <= span.end <= len(article.text) for span in spans)


def test_hostile_articles_are_extracted_and_stored_or_refused_with_an_input_error(
    resources: Resources, tmp_path: Path
) -> None:
    def check(sample: tuple[str, date | None]) -> None:
        page, published = sample
        try:
            article, events = process(article_from_string(page, published=published), resources)
        except InputError as error:
            assert error.origin == "<string>" and error.reason
            return
        assert_coherent(article, events)
        try:
            store.save(article, events)
        except StoreError as error:  # the one refusal allowed: a figure past SQLite's 64-bit integers
            assert "too large to store" in str(error), error
            return
        assert store.has_article(article.id, article.raw)

    pages = st.one_of(
        report_texts, html_documents(), st.integers(0, 99).map(good_report), st.just(ARABIC_REPORT)
    )
    with Store.open(tmp_path / "fuzz.db") as store:
        assert fuzz("extracted", st.tuples(pages, st.sampled_from(PUBLISHED)), check, EXTRACTED) == EXTRACTED


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in this (main) thread once ``seconds`` have passed."""

    def expire(*_: object) -> None:
        raise TimeoutError(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_sentence_of_thousands_of_triggers_is_extracted_in_bounded_time(resources: Resources) -> None:
    """Each trigger reads its roles from its own neighbourhood: 8,000 triggers in one sentence (56 kB) took
    three minutes when every trigger scanned the whole sentence, and take seconds now; the limit is loose
    enough for a loaded machine and far below the quadratic cost."""
    article = article_from_string("killed " * 8000, published="2025-03-07")
    with time_limit(30):
        events = process(article, resources)[1]
    assert events  # the budget was spent reading the sentence, not refusing it


# --- the real command over good inputs mixed with bad ones ---------------------------------------------


def _mixed_inputs(folder: Path) -> tuple[dict[str, int], list[str]]:
    """Good inputs of every kind (origin -> the number of the report it holds) among bad ones (the names
    their errors must give)."""
    folder.mkdir()
    good: dict[str, int] = {}
    for index in range(12):
        text = good_report(index)
        encoding = ("utf-8", "utf-16", "utf-8-sig")[index % 3]
        (folder / f"good{index:02}.txt").write_bytes(text.encode(encoding))
        good[str(folder / f"good{index:02}.txt")] = index
    for index in range(12, 18):
        paragraphs = "".join(f"<p>{line}</p>" for line in good_report(index).splitlines() if line)
        (folder / f"good{index:02}.html").write_text(
            f"<html><body><article>{paragraphs}</article></body></html>"
        )
        good[str(folder / f"good{index:02}.html")] = index
    lines, bad = [], []
    wrong_types = [
        {"text": 5},
        {"text": None},
        {"text": ["a"]},
        {"text": "x", "published": "31 February 2025"},
    ]
    wrong_types += [{"text": "x", "published": "9999-99-99"}, {"text": "x", "id": 1e308}, {"html": {"a": 1}}]
    for index in range(18, 40):
        number = len(lines) + 1
        if index % 3:
            lines.append(
                jsonl_line({"text": good_report(index), "published": "2025-03-07", "id": f"g{index}"})
            )
            good[f"{folder / 'feed.jsonl'}:{number}"] = index
        else:
            lines.append(jsonl_line(wrong_types[index % len(wrong_types)]))
            bad.append(f"feed.jsonl:{number}")
    lines.append(b'{"text": "Clashes \\ud800 in Homs."}')
    bad.append(f"feed.jsonl:{len(lines)}")
    (folder / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    bad_files = {
        "empty.txt": b"",
        "nul.txt": good_report(50).encode().replace(b" ", b"\x00"),
        "broken-utf8.txt": "Ţarţūs ".encode() * 30 + b"\xff\xfe",
        "only-whitespace.txt": b" \n\t\r\n" * 100,
        "gzip-bomb.txt": gzip_bomb(20),
        "truncated.html": b"<html><head><title>Clashes</title><scr",
        "bomb.warc": warc_response(
            "https://news.example/bomb", gzip_bomb(30), (("Content-Encoding", "gzip"),)
        ),
    }
    for name, data in bad_files.items():
        (folder / name).write_bytes(data)
    return good, [*bad, *bad_files]


@pytest.mark.slow
@pytest.mark.skipif(not SITREP.exists(), reason="the sitrep console script is not installed")
def test_sitrep_ingest_stores_every_good_input_among_bad_ones_and_names_each_bad_one(tmp_path: Path) -> None:
    good, bad = _mixed_inputs(tmp_path / "inputs")
    db = tmp_path / "sitrep.db"
    result = subprocess.run(
        [str(SITREP), "ingest", str(tmp_path / "inputs"), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name in bad:  # a WARC record's error names it by its offset: "bomb.warc@0"
        assert sum(bool(re.search(rf"/{re.escape(name)}(@\d+)?: ", line)) for line in errors) == 1, (
            name,
            errors,
        )
    assert len(errors) == len(bad), errors
    with closing(sqlite3.connect(db)) as conn:
        stored = dict(conn.execute("SELECT origin, text FROM articles"))
    assert set(stored) == set(good)
    for origin, index in good.items():
        assert f"(report {index})" in stored[origin], origin
    record("ingested", len(good) + len(bad))
