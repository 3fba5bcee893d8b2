"""The installed ``sitrep`` command on real files, through the whole pipeline, in subprocesses.

These tests wait on every extraction stage (``sitrep.pipeline`` must import and run) and on the console
script (``pip install -e .``); they skip with the reason when either is missing.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.store.support import dump

pytest.importorskip("sitrep.pipeline", reason="waits on the extraction stages", exc_type=ImportError)

SITREP = Path(sys.executable).with_name("sitrep")
if not SITREP.exists():
    pytest.skip("the sitrep console script is not installed (pip install -e .)", allow_module_level=True)

pytestmark = pytest.mark.slow  # each test runs the whole pipeline in fresh processes: tens of seconds

TOWNS = ("Aleppo", "Homs", "Hama", "Idlib", "Latakia", "Tartus", "Daraa", "Raqqa", "Douma", "Manbij")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _report(index: int) -> str:
    """A short wire-style report; each one differs (place, day, figures), so each is its own article."""
    town = TOWNS[index % len(TOWNS)]
    return textwrap.dedent(
        f"""\
        Clashes in {town} leave {index + 3} dead

        Government forces clashed with armed men in {town} on {WEEKDAYS[index % 5]}, leaving at least
        {index + 3} people dead, according to a war monitor. Residents said {index + 2} civilians were
        wounded when shells hit a market in the town. Security forces arrested {index % 4 + 2} suspects.
        """
    )


def _sitrep(*args: str | Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SITREP), *map(str, args)], capture_output=True, text=True, timeout=timeout, check=False
    )


def _articles_stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for index in range(30):
        (folder / f"report{index:02}.txt").write_text(_report(index), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The database contents of one uninterrupted ingest of the corpus."""
    db = tmp_path_factory.mktemp("reference") / "sitrep.db"
    assert _sitrep("ingest", corpus, "--db", db).returncode == 0
    return dump(db)


def _write_inputs(folder: Path) -> list[str]:
    """Six good articles (text, HTML, JSONL lines) and bad inputs; returns the names the errors must give."""
    folder.mkdir()
    for index in range(3):
        (folder / f"good{index}.txt").write_text(_report(index), encoding="utf-8")
    paragraphs = "".join(f"<p>{line}</p>" for line in _report(3).splitlines()[2:])
    (folder / "good.html").write_text(f"<html><body><article>{paragraphs}</article></body></html>")
    lines = [json.dumps({"text": _report(4)}), '{"text": "unterminated', json.dumps({"text": _report(5)})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    bad = {
        "empty.txt": b"",
        "scan.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40,  # binary, named .txt
        "truncated.html": b"<html><head><title>Clashes</title><scr",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as huge:
        huge.write(b"Clashes continued. " * (50_000_000 // 19 + 1))
    return [*bad, "huge.txt", "feed.jsonl:2"]


def _error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_good_and_bad_inputs_each_bad_one_a_single_line(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    named = _write_inputs(inputs)
    picture = tmp_path / "picture.png"  # given by name: a folder walk passes over images
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)

    result = _sitrep("ingest", inputs, picture, "--db", tmp_path / "sitrep.db")

    errors = _error_lines(result)
    assert len(errors) == len(named) + 1, result.stderr
    for name in [*named, "picture.png"]:
        assert sum(f"{os.sep}{name}: " in line for line in errors) == 1, (name, errors)
    assert result.returncode == 1
    assert _articles_stored(tmp_path / "sitrep.db") == 6
    assert "12 inputs read: 6 stored, 0 already stored, 6 failed" in result.stderr


def test_invalid_utf8_is_one_error_line_not_mojibake(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(_report(1).replace("Homs", "Ţarţūs").encode() + b"\xff\xfe tail\n")
    result = _sitrep("extract", broken)
    errors = _error_lines(result)
    assert len(errors) == 1 and errors[0].startswith(f"error: {broken}: ")
    assert result.returncode == 1


def test_extract_prints_the_output_contract(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text(_report(7), encoding="utf-8")
    result = _sitrep("extract", article, "--published", "2025-03-07")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, "a report of a deadly clash yields at least one event"
    for record in records:
        assert {"event_id", "event_type", "event_date", "evidence", "fatalities"} <= set(record)
        assert record["event_date"] is None or record["event_date"] <= "2025-03-07"


def test_a_run_killed_midway_then_rerun_equals_an_uninterrupted_run(
    corpus: Path, reference: dict[str, list[tuple]], tmp_path: Path
) -> None:
    killed = tmp_path / "killed.db"
    process = subprocess.Popen(
        [str(SITREP), "ingest", str(corpus), "--db", str(killed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    while _articles_stored(killed) < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < _articles_stored(killed) < 30
    assert _sitrep("ingest", corpus, "--db", killed).returncode == 0
    assert dump(killed) == reference


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads worker processes from /proc")
def test_a_parallel_run_killed_midway_leaves_no_worker_and_reruns_to_the_same_database(
    corpus: Path, reference: dict[str, list[tuple]], tmp_path: Path
) -> None:
    killed = tmp_path / "killed.db"
    process = subprocess.Popen(
        [str(SITREP), "ingest", str(corpus), "--db", str(killed), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 240
    while _articles_stored(killed) < 1 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    workers = [pid for pid in _children(process.pid) if "resource_tracker" not in _command_line(pid)]
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its killed parent"
    assert 0 < _articles_stored(killed) < 30
    assert _sitrep("ingest", corpus, "--db", killed, "--workers", "2").returncode == 0
    assert dump(killed) == reference


KILL_INSIDE_A_TRANSACTION = """
import os, signal, sys
from sitrep.store import repository
from sitrep.cli import app

calls = 0
insert_events = repository._insert_events

def insert_then_die(conn, events):
    global calls
    calls += 1
    insert_events(conn, events)
    if calls == int(sys.argv[1]):
        os.kill(os.getpid(), signal.SIGKILL)  # the article's rows are written, not committed

repository._insert_events = insert_then_die
app(sys.argv[2:], prog_name="sitrep")
"""


def test_a_kill_inside_an_articles_transaction_leaves_nothing_of_it(
    corpus: Path, reference: dict[str, list[tuple]], tmp_path: Path
) -> None:
    killed = tmp_path / "killed.db"
    command = [
        sys.executable,
        "-c",
        KILL_INSIDE_A_TRANSACTION,
        "15",
        "ingest",
        str(corpus),
        "--db",
        str(killed),
    ]
    dying = subprocess.run(command, capture_output=True, timeout=240, check=False)
    assert dying.returncode == -signal.SIGKILL, dying.stderr
    assert _articles_stored(killed) == 14
    contents = dump(killed)
    article_ids = {row[0] for row in contents["articles"]}
    event_ids = {row[0] for row in contents["events"]}
    assert {row[1] for row in contents["events"]} <= article_ids
    assert {row[0] for row in contents["evidence"] + contents["claims"]} <= event_ids
    assert _sitrep("ingest", corpus, "--db", killed).returncode == 0
    assert dump(killed) == reference
