"""The pipeline on Spark (local mode, two cores) writes what one process extracts, row for row."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

import pytest

from sitrep.batch import extract_article
from sitrep.ingest.jsonl import article_from_record
from sitrep.scale.table import event_row

pytest.importorskip("pyspark", reason="pyspark is the optional `spark` extra")
pyarrow_parquet = pytest.importorskip("pyarrow.parquet")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs a Java runtime (Debian: default-jre-headless)", allow_module_level=True)

pytestmark = pytest.mark.slow  # a JVM and Python workers start: tens of seconds

SAMPLES = Path(__file__).parents[2] / "sitrep" / "data" / "samples"
TOWNS = ("Aleppo", "Homs", "Hama", "Idlib", "Latakia", "Tartus", "Daraa", "Raqqa", "Douma", "Manbij", "Azaz")


def _articles() -> list[dict[str, Any]]:
    """About twenty records: the bundled samples (FA-KES lines, the founding article, an HTML page), short
    reports, and one record with no body."""
    records = [json.loads(line) for line in (SAMPLES / "fakes-sample.jsonl").read_text().splitlines()]
    records.append(
        {"id": "jableh", "text": (SAMPLES / "jableh-2025-03.txt").read_text(), "published": "2025-03-07"}
    )
    records.append({"url": "https://example.org/raqqa", "html": (SAMPLES / "raqa-2017-10.html").read_text()})
    for index, town in enumerate(TOWNS):
        records.append(
            {
                "id": f"report-{index}",
                "published": f"2025-03-{index + 1:02}",
                "text": f"Government forces clashed with armed men in {town} on Monday, leaving at least "
                f"{index + 3} people dead, according to a war monitor. Security forces arrested {index + 2}.",
            }
        )
    records.append({"id": "blank", "text": "   "})
    return records


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from sitrep.scale.spark import local_session

    session = local_session("local[2]")
    yield session
    session.stop()


def test_spark_local_mode_writes_what_one_process_extracts(spark: Any, tmp_path: Path) -> None:
    from sitrep.pipeline import Resources
    from sitrep.scale.spark import extract_files

    records = _articles()
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in records))

    resources = Resources.load()
    expected = []
    for index, record in enumerate(records):
        origin = f"id={record['id']}" if "id" in record else f"url={record['url']}"
        if not (record.get("text") or record.get("html") or "").strip():
            continue
        outcome = extract_article(article_from_record(record, origin), resources)
        assert outcome.error is None, (index, outcome.error)
        expected += [event_row(event, origin) for event in outcome.events]

    count, failed = extract_files(spark, str(source), str(tmp_path / "events.parquet"))

    written = pyarrow_parquet.read_table(tmp_path / "events.parquet").to_pylist()
    key = itemgetter("article_id", "event_id")
    expected_rows = sorted(
        ({k: v for k, v in row.items() if k not in ("origin", "error")} for row in expected), key=key
    )
    assert count == len(expected_rows) > 20
    assert sorted(written, key=key) == expected_rows
    assert failed == [("id=blank", 'no "text" or "html" field with content')]


def test_the_command_writes_parquet_and_names_each_failed_input(spark: Any, tmp_path: Path) -> None:
    import subprocess
    import sys

    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(record) + "\n" for record in _articles()[-3:]))
    sitrep = Path(sys.executable).with_name("sitrep")
    if not sitrep.exists():
        pytest.skip("the sitrep console script is not installed (pip install -e .)")
    result = subprocess.run(
        [str(sitrep), "spark-extract", str(source), str(tmp_path / "out"), "--master", "local[1]"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1  # the blank record
    assert "error: id=blank: " in result.stderr
    assert pyarrow_parquet.read_table(tmp_path / "out").num_rows > 0
