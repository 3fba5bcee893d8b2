"""Crash safety of ``sitrep ingest``: killed at random points many times in a row, then rerun, it ends in
exactly the database an uninterrupted run gives; and a database that is not a usable sitrep database is
refused with one readable line, never a traceback, and left byte for byte as it was.

Each kill point (a delay into start-up, or a number of articles stored plus a delay) comes from
``random.Random(SEED + workers)`` and is printed (``pytest -s``); ``SITREP_KILL_SEED=<n>`` plays another
series. ``tests/cli/test_cli_end_to_end.py`` holds the single-kill,
orphan-worker and kill-inside-a-transaction tests.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from sitrep.store import schema
from tests.ingest.hostile import good_report
from tests.store.support import dump

SITREP = Path(sys.executable).with_name("sitrep")
if not SITREP.exists():
    pytest.skip("the sitrep console script is not installed (pip install -e .)", allow_module_level=True)

pytestmark = pytest.mark.slow  # about forty runs of the installed command

SAMPLES = Path(__file__).parents[1] / "sitrep" / "data" / "samples"
SEED = int(os.environ.get("SITREP_KILL_SEED", "20251124"))
KILLS = 20
GENERATED_ARTICLES = 300  # enough that twenty kills, each after a few articles, leave work with fast ingest


def _ingest(corpus: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    command = [str(SITREP), "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples (text, HTML, JSONL: 7 articles) and the generated reports."""
    folder = tmp_path_factory.mktemp("corpus")
    for sample in SAMPLES.iterdir():
        if sample.suffix in (".txt", ".html", ".jsonl"):
            shutil.copy(sample, folder / sample.name)
    for index in range(GENERATED_ARTICLES):
        (folder / f"generated{index:03}.txt").write_text(good_report(index), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def uninterrupted(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    """The database contents of one uninterrupted run, and how long a run takes to start (to store nothing
    new, on that database)."""
    db = tmp_path_factory.mktemp("reference") / "sitrep.db"
    assert _ingest(corpus, db, workers=1).wait(timeout=300) == 0
    started = time.monotonic()
    assert _ingest(corpus, db, workers=1).wait(timeout=300) == 0
    contents = dump(db)
    assert len(contents["articles"]) == GENERATED_ARTICLES + 7
    return contents, time.monotonic() - started


def _articles_stored(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # no database yet, or no schema yet
        return 0


def _kill_at_random_point(
    process: subprocess.Popen[bytes], db: Path, rng: random.Random, start_up: float
) -> str:
    """SIGKILL the run while it starts (after a random delay) or while it writes (once it has stored one or
    two more articles, plus a random fraction of a second); what it did, for the log."""
    if rng.random() < 0.4:
        delay = rng.uniform(0, start_up)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        return f"while starting, after {delay:.3f} s"
    target = _articles_stored(db) + rng.randint(1, 2)
    extra = rng.uniform(0, 0.05)
    deadline = time.monotonic() + 300
    while _articles_stored(db) < target and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(extra)
    process.send_signal(signal.SIGKILL)
    return f"after article {target}, {extra:.3f} s later"


@pytest.mark.parametrize("workers", [1, 2])
def test_twenty_kills_in_a_row_then_a_rerun_give_the_uninterrupted_database(
    corpus: Path, uninterrupted: tuple[dict, float], tmp_path: Path, workers: int
) -> None:
    reference, start_up = uninterrupted
    rng = random.Random(SEED + workers)
    db = tmp_path / "killed.db"
    landed = 0
    for kill in range(KILLS):
        process = _ingest(corpus, db, workers)
        point = _kill_at_random_point(process, db, rng, start_up)
        landed += process.wait() == -signal.SIGKILL
        print(f"seed {SEED + workers}, kill {kill + 1}/{KILLS}: SIGKILL {point}")
    assert landed >= KILLS // 2, f"only {landed} of {KILLS} runs were still going when killed"
    assert _articles_stored(db) < len(reference["articles"]), "the kills left no work for the rerun"
    rerun = subprocess.run(
        [str(SITREP), "ingest", str(corpus), "--db", str(db), "--workers", str(workers)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    assert dump(db) == reference


def _truncated(db: Path) -> None:
    db.write_bytes(db.read_bytes()[: 2 * 4096 + 100])


def _random_bytes(db: Path) -> None:
    db.write_bytes(random.Random(SEED).randbytes(64 * 1024))


def _another_application(db: Path) -> None:
    db.unlink()
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("CREATE TABLE invoices (number INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
        conn.commit()


def _newer_sitrep(db: Path) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(schema.SCHEMA_VERSION + 1),)
        )
        conn.commit()


def _damaged_pages(db: Path) -> None:
    """A sitrep database whose first page (header and table list) is intact and every other one noise."""
    data = db.read_bytes()
    db.write_bytes(data[:4096] + random.Random(SEED).randbytes(len(data) - 4096))


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_truncated, "not a readable SQLite database|malformed"),
        (_random_bytes, "not a readable SQLite database"),
        (_another_application, "not a sitrep database"),
        (_newer_sitrep, "newer sitrep"),
        (_damaged_pages, "not a readable SQLite database|malformed"),
    ],
    ids=["truncated", "random-bytes", "another-application", "newer-schema", "damaged-pages"],
)
def test_a_database_sitrep_cannot_use_is_one_error_line_and_left_untouched(
    corpus: Path, tmp_path: Path, damage: Callable[[Path], None], message: str
) -> None:
    db = tmp_path / "sitrep.db"
    assert _ingest(corpus, db, workers=1).wait(timeout=300) == 0
    with closing(sqlite3.connect(db)) as conn:  # fold the write-ahead log in, so the file is the database
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    damage(db)
    before = db.read_bytes()
    result = subprocess.run(
        [str(SITREP), "ingest", str(corpus), "--db", str(db)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and all(str(db) in line for line in errors), result.stderr
    assert any(re.search(message, line) for line in errors), result.stderr
    assert db.read_bytes() == before
